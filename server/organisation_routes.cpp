// /api/v1/organisations: the partner organisations (tenants). Admins manage them; the
// staff who route and triage read them.
#include "access.h"
#include "api.h"
#include "app.h"
#include "auth.h"
#include "text.h"

namespace spoc {
namespace {

// The trimmed name, or nullopt after answering 422.
std::optional<std::string> read_name(App& app, const httplib::Request& req, httplib::Response& res) {
    const Messages& messages = app.messages(request_language(req, app.messages_config));
    const auto body = read_json_body(req, res, messages);
    if (!body) return std::nullopt;
    if (!body->is_object()) {
        send_field_errors(res, {wrong_type("", "object")}, messages);
        return std::nullopt;
    }
    const json name = body->value("name", json());
    if (name.is_null()) {
        send_field_errors(res, {{"name", "error.required", {}}}, messages);
        return std::nullopt;
    }
    if (const FieldErrors errs = validate_organisation_name(name); !errs.empty()) {
        send_field_errors(res, errs, messages);
        return std::nullopt;
    }
    return std::string(trim(name.get<std::string>()));
}

void name_taken(httplib::Response& res) {
    send_error(res, 409, "conflict", "An organisation with this name exists.", "name");
}

}  // namespace

void register_organisation_routes(httplib::Server& server, App& app) {
    server.Get("/api/v1/organisations", [&app](const httplib::Request& req, httplib::Response& res) {
        if (!caller_allowed(app, req, res, may_read_organisations)) return;
        send_json(res, 200, {{"items", app.store.list_organisations()}, {"next", nullptr}});
    });

    server.Post("/api/v1/organisations", [&app](const httplib::Request& req, httplib::Response& res) {
        if (!caller_allowed(app, req, res, may_manage_people)) return;
        const auto name = read_name(app, req, res);
        if (!name) return;
        const auto made = app.store.create_organisation(*name);
        if (!made) return name_taken(res);
        send_json(res, 201, *made);
    });

    server.Get(R"(/api/v1/organisations/(\d+))", [&app](const httplib::Request& req, httplib::Response& res) {
        if (!caller_allowed(app, req, res, may_read_organisations)) return;
        const auto id = path_id(req);
        const auto found = id ? app.store.find_organisation(*id) : std::nullopt;
        if (!found) return send_error(res, 404, "not_found", "No organisation with this id.");
        send_json(res, 200, *found);
    });

    server.Patch(R"(/api/v1/organisations/(\d+))", [&app](const httplib::Request& req, httplib::Response& res) {
        if (!caller_allowed(app, req, res, may_manage_people)) return;
        const auto id = path_id(req);
        if (!id) return send_error(res, 404, "not_found", "No organisation with this id.");
        const auto name = read_name(app, req, res);
        if (!name) return;
        switch (app.store.rename_organisation(*id, *name)) {
            case Store::UpdateResult::unknown: return send_error(res, 404, "not_found", "No organisation with this id.");
            case Store::UpdateResult::conflict: return name_taken(res);
            case Store::UpdateResult::done: return send_json(res, 200, Organisation{*id, *name});
        }
    });
}

}  // namespace spoc
