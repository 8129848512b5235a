// Raw HTTP bytes, as a client could send them on one connection, through the gate's
// framing, cpp-httplib's parsing and every route, over a real SQLite store in a temporary
// folder. Whatever arrives, each answer is well-formed HTTP, every error is the API's JSON
// error, and nothing answers 500.
#include <stdlib.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "app.h"
#include "http/framing.h"
#include "http/http_server.h"
#include "knowledge_seed.h"
#include "sqlite_store.h"
#include "tokens.h"

namespace {

struct Server {
    std::filesystem::path folder;
    std::unique_ptr<spoc::SqliteStore> store;
    std::unique_ptr<spoc::App> app;
    spoc::http::HttpServer http;
};

Server& server() {
    static Server* s = [] {
        auto* made = new Server;
        // tmpfs when there is one: the store fsyncs every commit.
        char pattern[] = "/dev/shm/spoc-fuzz-XXXXXX";
        char fallback[] = "/tmp/spoc-fuzz-XXXXXX";
        const char* folder = mkdtemp(pattern);
        if (!folder) folder = mkdtemp(fallback);
        if (!folder) abort();
        made->folder = folder;
        made->store = std::make_unique<spoc::SqliteStore>((made->folder / "spoc.db").string());
        // The seeds' "Authorization: Bearer fuzz" reaches what only the desk may do.
        made->app = std::make_unique<spoc::App>(*made->store, spoc::hash_token("fuzz"), [] { return spoc::Timestamp{1'800'000'000}; });
        spoc::seed_knowledge_if_new(*made->store, made->app->catalog("en"), made->app->now());  // the kb routes have articles
        spoc::set_up_server(made->http, *made->app, (made->folder / "no-portal").string());
        std::atexit([] { std::filesystem::remove_all(server().folder); });
        return made;
    }();
    return *s;
}

void check(bool ok, const char* what, std::string_view answer) {
    if (ok) return;
    std::fprintf(stderr, "property broken: %s\n--- answer ---\n%.*s\n", what, static_cast<int>(std::min<std::size_t>(answer.size(), 2000)),
                 answer.data());
    abort();
}

// The status of "HTTP/1.1 404 Not Found\r\n...", and the body after the head.
void check_answer(std::string_view answer, bool head_request) {
    check(answer.rfind("HTTP/1.1 ", 0) == 0 && answer.size() >= 12, "an answer starts with HTTP/1.1 and a status", answer);
    const int status = std::atoi(std::string(answer.substr(9, 3)).c_str());
    check(status >= 100 && status <= 599, "the status is a number from 100 to 599", answer);
    check(status < 500, "no request makes the server fail (5xx)", answer);
    const std::size_t head_end = answer.find("\r\n\r\n");
    check(head_end != std::string_view::npos, "the answer's head ends with an empty line", answer);
    const std::string_view body = answer.substr(head_end + 4);
    if (status >= 400 && !head_request) {
        const auto error = nlohmann::json::parse(body, nullptr, false);
        check(!error.is_discarded() && error.contains("error") && error["error"].contains("code") &&
                  error["error"]["code"].is_string(),
              "every error is the JSON error {\"error\":{\"code\",...}}", answer);
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    Server& s = server();
    std::string_view rest(reinterpret_cast<const char*>(data), size);
    const spoc::http::Peer peer{"192.0.2.1", 40000, "127.0.0.1", 8080};
    for (int requests = 0; requests < 8 && !rest.empty(); ++requests) {  // pipelined, in order
        const spoc::http::Framing framing = spoc::http::frame_request(rest, {});
        if (framing.result == spoc::http::Framing::Result::incomplete) break;  // the gate waits for more
        if (framing.result == spoc::http::Framing::Result::refused) {
            check_answer(spoc::http::refusal_response(framing.refusal), false);
            break;  // the connection closes
        }
        const std::size_t whole = framing.skipped + framing.head_size + framing.body_size;
        if (rest.size() < whole) break;  // body still on its way
        const std::string request = spoc::http::prepared_request(rest, framing);
        bool close = false;
        const std::string answer = s.http.answer(request, peer, close);
        check_answer(answer, request.rfind("HEAD ", 0) == 0);
        if (close) break;
        rest.remove_prefix(whole);
    }
    return 0;
}
