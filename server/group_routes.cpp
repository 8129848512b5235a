// /api/v1/groups: the support groups in tiers (1 service desk, 1.5 customer support,
// 2 specialists, 3 vendors). Admins (and the desk token) manage them; staff read them.
#include "access.h"
#include "api.h"
#include "app.h"
#include "auth.h"

namespace spoc {
namespace {

void no_such_group(httplib::Response& res) { send_error(res, 404, "not_found", "No support group with this id."); }

// Reads a group body over `group` and checks its members are active staff; false after
// answering 422.
bool read_group_body(App& app, const httplib::Request& req, httplib::Response& res, bool creating,
                     SupportGroup& group) {
    const Messages& messages = app.messages(request_language(req, app.messages_config));
    const auto body = read_json_body(req, res, messages);
    if (!body) return false;
    FieldErrors errs = read_group(*body, creating, group);
    // The members given must be active staff; those already in the group stay as they are.
    if (errs.empty() && body->contains("members")) {
        for (const std::int64_t id : group.members) {
            const auto user = app.store.find_user(id);
            if (!user || !may_be_group_member(*user)) {
                errs.push_back({"members", "error.choice", {}});
                break;
            }
        }
    }
    if (!errs.empty()) return send_field_errors(res, errs, messages), false;
    return true;
}

void name_taken(httplib::Response& res) {
    send_error(res, 409, "conflict", "A support group with this name exists.", "name");
}

}  // namespace

void register_group_routes(httplib::Server& server, App& app) {
    server.Get("/api/v1/groups", [&app](const httplib::Request& req, httplib::Response& res) {
        if (!caller_allowed(app, req, res, may_read_groups)) return;
        send_json(res, 200, {{"items", app.store.list_groups()}, {"next", nullptr}});
    });

    server.Get(R"(/api/v1/groups/(\d+))", [&app](const httplib::Request& req, httplib::Response& res) {
        if (!caller_allowed(app, req, res, may_read_groups)) return;
        const auto id = path_id(req);
        const auto group = id ? app.store.find_group(*id) : std::nullopt;
        if (!group) return no_such_group(res);
        send_json(res, 200, *group);
    });

    server.Post("/api/v1/groups", [&app](const httplib::Request& req, httplib::Response& res) {
        if (!caller_allowed(app, req, res, may_manage_people)) return;
        SupportGroup group;
        if (!read_group_body(app, req, res, true, group)) return;
        const auto made = app.store.create_group(group);
        if (!made) return name_taken(res);
        send_json(res, 201, *made);
    });

    server.Patch(R"(/api/v1/groups/(\d+))", [&app](const httplib::Request& req, httplib::Response& res) {
        if (!caller_allowed(app, req, res, may_manage_people)) return;
        const auto id = path_id(req);
        auto group = id ? app.store.find_group(*id) : std::nullopt;
        if (!group) return no_such_group(res);
        if (!read_group_body(app, req, res, false, *group)) return;
        switch (app.store.update_group(*group)) {
            case Store::UpdateResult::unknown: return no_such_group(res);
            case Store::UpdateResult::conflict: return name_taken(res);
            case Store::UpdateResult::done: return send_json(res, 200, *group);
        }
    });
}

}  // namespace spoc
