// Shared pieces of the HTTP API.
#include "api.h"

#include <cctype>
#include <charconv>
#include <regex>
#include <vector>

#include "text.h"

namespace spoc {
namespace {

// Reads a body that failed to parse once more, following which member the parser is
// in, to tell a text that is not UTF-8 (a field's error) from JSON that is malformed.
class EncodingErrorLocator final : public nlohmann::json_sax<json> {
public:
    bool encoding_error = false;

    // "requester.name" for the member being read when the parser stopped.
    std::string field() const {
        std::string out;
        for (const auto& name : path_)
            if (!name.empty()) out += (out.empty() ? "" : ".") + name;
        return out;
    }

    bool null() override { return value(); }
    bool boolean(bool) override { return value(); }
    bool number_integer(number_integer_t) override { return value(); }
    bool number_unsigned(number_unsigned_t) override { return value(); }
    bool number_float(number_float_t, const string_t&) override { return value(); }
    bool string(string_t&) override { return value(); }
    bool binary(binary_t&) override { return value(); }
    bool start_object(std::size_t) override { return open(); }
    bool key(string_t& name) override {
        path_.back() = name;
        return true;
    }
    bool end_object() override { return close(); }
    bool start_array(std::size_t) override { return open(); }
    bool end_array() override { return close(); }
    bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception& e) override {
        std::string what = e.what();
        what = what.substr(0, what.find("; last read"));  // the rest quotes the input
        encoding_error = what.find("UTF-8") != std::string::npos || what.find("surrogate") != std::string::npos;
        return false;
    }

private:
    bool open() {
        path_.emplace_back();
        return true;
    }
    bool close() {
        path_.pop_back();
        return value();
    }
    bool value() {
        if (!path_.empty()) path_.back().clear();  // a broken name after this is the parent's problem
        return true;
    }
    std::vector<std::string> path_;  // per open object the member being read; "" in arrays
};

}  // namespace

void send_json(httplib::Response& res, int status, const json& body) {
    res.status = status;
    res.body = body.dump(-1, ' ', false, json::error_handler_t::replace);  // moved, not copied
    res.headers.erase("Content-Type");
    res.set_header("Content-Type", "application/json");
}

void send_json_text(httplib::Response& res, int status, std::string body) {
    res.status = status;
    res.body = std::move(body);
    res.headers.erase("Content-Type");
    res.set_header("Content-Type", "application/json");
}

void send_error(httplib::Response& res, int status, const std::string& code, const std::string& message,
                const std::string& field) {
    json err = {{"code", code}, {"message", message}};
    if (!field.empty()) err["field"] = field;
    send_json(res, status, {{"error", err}});
}

void send_field_errors(httplib::Response& res, const FieldErrors& errors, const Messages& messages, int status) {
    json details = json::array();
    for (const auto& e : errors) {
        json d = {{"field", e.field}, {"code", e.code}, {"message", messages.error(e)}};
        details.push_back(std::move(d));
    }
    const FieldError& first = errors.front();
    json err = {{"code", status == 422 ? "invalid_field" : "bad_request"},
                {"message", first.field.empty() ? messages.error(first) : first.field + ": " + messages.error(first)},
                {"details", details}};
    if (!first.field.empty()) err["field"] = first.field;
    send_json(res, status, {{"error", err}});
}

std::optional<json> read_json_body(const httplib::Request& req, httplib::Response& res, const Messages& messages) {
    std::string type = req.get_header_value("Content-Type");
    for (auto& c : type) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::string media = type.substr(0, type.find(';'));
    media.erase(media.find_last_not_of(" \t") + 1);
    media.erase(0, media.find_first_not_of(" \t"));
    const bool json_suffix = media.size() > 5 && media.compare(media.size() - 5, 5, "+json") == 0;
    if (media != "application/json" && !(json_suffix && media.rfind("application/", 0) == 0)) {
        send_error(res, 415, "unsupported_media_type", "Send the body as application/json.");
        return std::nullopt;
    }
    if (!json_depth_within(req.body)) {
        send_error(res, 400, "too_deep", "The JSON is nested deeper than " + std::to_string(kMaxJsonDepth) + " levels.");
        return std::nullopt;
    }
    json body = json::parse(req.body, nullptr, false);
    // nlohmann stops at a NUL byte as if the input ended there; JSON never holds one raw.
    if (body.is_discarded() || req.body.find('\0') != std::string::npos) {
        EncodingErrorLocator locator;
        json::sax_parse(req.body, &locator);
        if (locator.encoding_error) {
            send_field_errors(res, {{locator.field(), "error.utf8", {}}}, messages);
            return std::nullopt;
        }
        send_error(res, 400, "malformed_json", "The body is not well-formed JSON.");
        return std::nullopt;
    }
    return body;
}

std::optional<std::int64_t> whole_number(std::string_view text) {
    std::int64_t n = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
    if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return n;
}

std::optional<std::int64_t> path_id(const httplib::Request& req) {
    const auto id = whole_number(req.matches[1].str());
    return id && *id > 0 ? id : std::nullopt;
}

std::string bearer_token(const httplib::Request& req) {
    const std::string h = req.get_header_value("Authorization");
    if (h.size() < 7) return "";
    std::string scheme = h.substr(0, 7);
    for (auto& c : scheme) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (scheme != "bearer ") return "";
    const auto start = h.find_first_not_of(' ', 7);
    return start == std::string::npos ? "" : h.substr(start);
}

std::string request_language(const httplib::Request& req, const json& messages_config) {
    if (req.has_param("lang")) return pick_language(req.get_param_value("lang"), messages_config);
    const std::string accept = req.get_header_value("Accept-Language");
    return pick_language(accept.substr(0, accept.find_first_of(",;")), messages_config);
}

void fill_error_body(const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return;
    // cpp-httplib says 400 or 404 to a method a path does not have, where 405 (with the
    // methods it has) is the right answer for a path that exists.
    static const std::pair<std::regex, const char*> resources[] = {
        {std::regex(R"(/healthz|/api/v1/catalog|/api/v1/me|/api/v1/kb/(search|index)|/api/v1/kb/articles/\d+/versions)"),
         "GET, HEAD"},
        {std::regex(R"(/api/v1/requests|/api/v1/users|/api/v1/organisations|/api/v1/groups|/api/v1/kb/articles)"),
         "GET, HEAD, POST"},
        {std::regex(R"(/api/v1/requests/\d+/(comments|transitions|assignments|escalations)|/api/v1/sessions|)"
                    R"(/api/v1/me/password|/api/v1/kb/articles/\d+/feedback|/api/v1/deflections)"),
         "POST"},
        {std::regex(R"(/api/v1/requests/\d+|/api/v1/users/\d+|/api/v1/organisations/\d+|/api/v1/groups/\d+|)"
                    R"(/api/v1/kb/articles/\d+)"),
         "GET, HEAD, PATCH"},
        {std::regex(R"(/api/v1/routing)"), "GET, HEAD, PUT"},
        {std::regex(R"(/api/v1/sessions/current)"), "DELETE"},
    };
    if (res.status == 400 || res.status == 404) {
        for (const auto& [path, methods] : resources) {
            if (!std::regex_match(req.path, path)) continue;
            if (std::string(methods).find(req.method) == std::string::npos) {
                res.status = 405;
                res.set_header("Allow", methods);
            }
            break;
        }
    }
    switch (res.status) {
        case 404: return send_error(res, 404, "not_found", "Nothing is here.");
        case 405: return send_error(res, 405, "method_not_allowed", "This method is not allowed here.");
        case 413: return send_error(res, 413, "too_large", "The body is larger than 1 MiB.");
        case 414: return send_error(res, 414, "uri_too_long", "The address is too long.");
        case 416: return send_error(res, 416, "range_not_satisfiable", "The requested range is not available.");
        default:
            if (res.status >= 500) return send_error(res, res.status, "internal", "Something went wrong on the server.");
            return send_error(res, res.status, "bad_request", "The request could not be read.");
    }
}

}  // namespace spoc
