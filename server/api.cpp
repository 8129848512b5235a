// Shared pieces of the HTTP API.
#include "api.h"

#include <cctype>

namespace spoc {

void send_json(httplib::Response& res, int status, const json& body) {
    res.status = status;
    res.set_content(body.dump(-1, ' ', false, json::error_handler_t::replace), "application/json");
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

std::optional<json> read_json_body(const httplib::Request& req, httplib::Response& res) {
    std::string type = req.get_header_value("Content-Type");
    for (auto& c : type) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const std::string media = type.substr(0, type.find(';'));
    if (media.find("application/json") == std::string::npos) {
        send_error(res, 415, "unsupported_media_type", "Send the body as application/json.");
        return std::nullopt;
    }
    json body = json::parse(req.body, nullptr, false);
    if (body.is_discarded()) {
        send_error(res, 400, "malformed_json", "The body is not well-formed JSON.");
        return std::nullopt;
    }
    return body;
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

void fill_error_body(const httplib::Request&, httplib::Response& res) {
    if (!res.body.empty()) return;
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
