// The desk's full-text search: one page of GET /api/v1/requests?q= (best match first, when not
// too many match; newest first beyond that), each request with the server's snippet.
#include "app_support.h"
#include "console_actions.h"
#include "http_client.h"
#include "platform.h"
#include "redraw.h"
#include "text.h"

namespace spoc::web {
namespace {

constexpr int kResults = 100;  // one page: a search is narrowed with more words, not paged through

// The words as a URL query value: letters, digits and -_.~ as they are, every other byte as %XX.
std::string query_value(std::string_view words) {
    static const char* const hex = "0123456789ABCDEF";
    std::string out;
    for (const unsigned char c : words) {
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
            c == '.' || c == '~') {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

}  // namespace

void open_request_search(AppState& app, bool history) {
    app.console->search.focus = true;
    if (history) go(app, Screen::desk_search);
    else show(app, Screen::desk_search);
}

void search_requests(AppState& app) {
    RequestSearch& s = app.console->search;
    const std::string words(trim(s.words));
    if (words.empty()) return;
    s.searching = true;
    s.failed = false;
    const int generation = ++s.generation;
    const std::string path = "/api/v1/requests?limit=" + std::to_string(kResults) + "&q=" + query_value(words);
    http_send(api_call(app, "GET", path), [&app, generation, words](const HttpResponse& res) {
        RequestSearch& s = app.console->search;
        if (s.generation != generation) return;
        s.searching = false;
        const json j = parse_or_null(res.body);
        if (res.status != 200 || !j.is_object() || !j.value("items", json()).is_array()) {
            s.failed = true;
            wake();
            return;
        }
        s.results.clear();
        s.snippets.clear();
        for (const json& item : j["items"]) {
            try {
                s.results.push_back(item.get<Request>());
                s.snippets.push_back(item.value("snippet", json()).is_string() ? item["snippet"].get<std::string>() : "");
            } catch (const json::exception&) {
            }
        }
        s.more = j.value("next", json()).is_string();
        s.searched = words;
        s.selected = 0;
        wake();
    });
}

}  // namespace spoc::web
