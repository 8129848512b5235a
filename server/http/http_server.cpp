// See http_server.h.
#include "http/http_server.h"

namespace spoc::http {
namespace {

// One request's bytes to read, and the response's bytes collected as they are written.
class WholeRequestStream final : public httplib::Stream {
public:
    WholeRequestStream(const std::string& request, const Peer& peer) : request_(request), peer_(peer) {}

    bool is_readable() const override { return true; }
    bool is_writable() const override { return true; }
    ssize_t read(char* ptr, size_t size) override {
        const size_t n = std::min(size, request_.size() - position_);
        request_.copy(ptr, n, position_);
        position_ += n;
        return static_cast<ssize_t>(n);
    }
    ssize_t write(const char* ptr, size_t size) override {
        response_.append(ptr, size);
        return static_cast<ssize_t>(size);
    }
    void get_remote_ip_and_port(std::string& ip, int& port) const override {
        ip = peer_.remote_ip;
        port = peer_.remote_port;
    }
    void get_local_ip_and_port(std::string& ip, int& port) const override {
        ip = peer_.local_ip;
        port = peer_.local_port;
    }
    socket_t socket() const override { return INVALID_SOCKET; }

    std::string take_response() { return std::move(response_); }

private:
    const std::string& request_;
    const Peer& peer_;
    size_t position_ = 0;
    std::string response_;
};

}  // namespace

std::string HttpServer::answer(const std::string& request, const Peer& peer, bool& close) {
    WholeRequestStream stream(request, peer);
    bool connection_closed = false;
    const bool ok = process_request(stream, false, connection_closed, nullptr);
    close = !ok || connection_closed;
    return stream.take_response();
}

}  // namespace spoc::http
