// cpp-httplib's Server, fed whole requests by the connection gate instead of reading
// sockets itself: the routes, the parsing of a request and the writing of its answer
// stay cpp-httplib's; the connections, their deadlines and limits are the gate's.
#pragma once
#include <httplib.h>

#include <string>

namespace spoc::http {

struct Peer {
    std::string remote_ip;
    int remote_port = 0;
    std::string local_ip;
    int local_port = 0;
};

class HttpServer : public httplib::Server {
public:
    // Answers one whole request (as prepared_request() makes it) with the bytes of the
    // response. `close` is set when the connection must end after it (Connection: close,
    // HTTP/1.0, or a request cpp-httplib could not read).
    std::string answer(const std::string& request, const Peer& peer, bool& close);
};

}  // namespace spoc::http
