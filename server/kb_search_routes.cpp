// GET /api/v1/kb/search: core's search engine over the server's in-memory indexes (the public
// published articles, or every published one for the staff); GET /api/v1/kb/index: the public
// index the portal downloads to search in the browser, made once per change, with a strong ETag.
#include "access.h"
#include "api.h"
#include "app.h"
#include "auth.h"
#include "http/gzip.h"
#include "text.h"

namespace spoc {
namespace {

std::string param(const httplib::Request& req, const char* name) {
    return req.has_param(name) ? req.get_param_value(name) : std::string();
}

// ?lang= as "", "en" or "de"; false after answering 422.
bool read_lang(const httplib::Request& req, std::string& lang, httplib::Response& res) {
    lang = param(req, "lang");
    if (lang.empty() || article_lang_from_string(lang) != ArticleLang::invalid) return true;
    send_error(res, 422, "invalid_field", "Language is en or de.", "lang");
    return false;
}

// ?q=&lang=&type=&limit=&typing=; false after answering 422.
bool read_search(App& app, const httplib::Request& req, std::string& q, search::SearchOptions& options,
                 httplib::Response& res) {
    auto bad = [&res](const char* field, const std::string& message) {
        send_error(res, 422, "invalid_field", message, field);
        return false;
    };
    if (!req.has_param("q")) return bad("q", "Say what to search for with q.");
    q = param(req, "q");
    if (!is_valid_utf8(q)) return bad("q", "The search is not UTF-8 text.");
    if (utf8_length(q) > limits::kb_query_max)
        return bad("q", "Search for at most " + std::to_string(limits::kb_query_max) + " characters.");
    if (!read_lang(req, options.lang, res)) return false;
    if (req.has_param("type")) {
        options.type = param(req, "type");
        if (!app.catalog("en").find(options.type)) return bad("type", "Unknown request type.");
    }
    if (req.has_param("limit")) {
        const auto n = whole_number(param(req, "limit"));
        if (!n || *n < 1 || *n > 50) return bad("limit", "Limit is a number from 1 to 50.");
        options.limit = static_cast<std::size_t>(*n);
    }
    if (req.has_param("typing")) {
        if (param(req, "typing") != "true" && param(req, "typing") != "false")
            return bad("typing", "typing is true or false.");
        options.typing = param(req, "typing") == "true";
    }
    return true;
}

void search_articles(App& app, const httplib::Request& req, httplib::Response& res) {
    const auto caller = identify(app, req, res);
    if (!caller) return;
    std::string q;
    search::SearchOptions options;
    if (!read_search(app, req, q, options, res)) return;
    const bool staff = may_list_unpublished(caller->role());
    const auto index = staff ? app.knowledge.staff_index() : app.knowledge.public_index();
    json items = json::array();
    for (const search::SearchHit& hit : index->search(q, options))
        items.push_back({{"id", hit.id}, {"title", hit.title}, {"snippet", hit.snippet}, {"score", hit.score}});
    send_json(res, 200, {{"items", items}, {"next", nullptr}});
}

// Whether If-None-Match names this ETag (weakly compared, as RFC 9110 says for it), or is "*".
bool none_match_hits(const std::string& header, const std::string& etag) {
    std::size_t pos = 0;
    while (pos < header.size()) {
        std::size_t end = header.find(',', pos);
        if (end == std::string::npos) end = header.size();
        std::string_view tag = trim(std::string_view(header).substr(pos, end - pos));
        if (tag == "*") return true;
        if (tag.substr(0, 2) == "W/") tag.remove_prefix(2);
        if (tag == etag) return true;
        pos = end + 1;
    }
    return false;
}

void serve_index(App& app, const httplib::Request& req, httplib::Response& res) {
    std::string lang;
    if (!read_lang(req, lang, res)) return;
    const auto served = app.knowledge.served(lang);
    // The same index compressed has its own tag: a strong ETag names one sequence of bytes.
    const bool gzipped = !served->gzip.empty() && http::accepts_gzip(req.get_header_value("Accept-Encoding"));
    const std::string gzip_etag = served->etag.substr(0, served->etag.size() - 1) + "-gzip\"";
    res.set_header("ETag", gzipped ? gzip_etag : served->etag);
    res.set_header("Cache-Control", "no-cache");
    res.set_header("Vary", "Accept-Encoding");
    const std::string if_none_match = req.get_header_value("If-None-Match");
    if (none_match_hits(if_none_match, served->etag) || none_match_hits(if_none_match, gzip_etag)) {
        res.status = 304;
        return;
    }
    res.status = 200;
    // "; charset=utf-8": cpp-httplib compresses bare "application/json" on every request; this
    // answer is compressed once, when the index is made.
    if (gzipped) {
        res.set_header("Content-Encoding", "gzip");
        res.set_content(served->gzip, "application/json; charset=utf-8");
    } else {
        res.set_content(served->json, "application/json; charset=utf-8");
    }
}

}  // namespace

void register_kb_search_routes(httplib::Server& server, App& app) {
    server.Get("/api/v1/kb/search",
               [&app](const httplib::Request& req, httplib::Response& res) { search_articles(app, req, res); });
    server.Get("/api/v1/kb/index",
               [&app](const httplib::Request& req, httplib::Response& res) { serve_index(app, req, res); });
}

}  // namespace spoc
