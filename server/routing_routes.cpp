// /api/v1/routing: the rules that decide which support group a new request lands in (type ->
// first group, with per-organisation overrides). Staff read them; the desk changes them.
#include <algorithm>

#include "access.h"
#include "api.h"
#include "app.h"
#include "auth.h"

namespace spoc {
namespace {

// Every group and organisation the rules name must exist (names compare case aside).
FieldErrors check_names(App& app, const RoutingRules& rules) {
    FieldErrors errs;
    const auto groups = app.store.list_groups();
    for (const auto& [name, field] : group_names(rules))
        if (!group_named(groups, name)) errs.push_back({field, "error.choice", {}});
    const auto organisations = app.store.list_organisations();
    for (const std::string& name : organisation_names(rules)) {
        const bool known = std::any_of(organisations.begin(), organisations.end(), [&](const Organisation& o) {
            return same_name(o.name, name);
        });
        if (!known) errs.push_back({"organisations." + name, "error.choice", {}});
    }
    return errs;
}

}  // namespace

void register_routing_routes(httplib::Server& server, App& app) {
    server.Get("/api/v1/routing", [&app](const httplib::Request& req, httplib::Response& res) {
        if (!caller_allowed(app, req, res, is_staff)) return;
        send_json(res, 200, app.routing());
    });

    server.Put("/api/v1/routing", [&app](const httplib::Request& req, httplib::Response& res) {
        if (!caller_allowed(app, req, res, may_change_routing)) return;
        const Messages& messages = app.messages(request_language(req, app.messages_config));
        const auto body = read_json_body(req, res, messages);
        if (!body) return;
        RoutingRules rules;
        FieldErrors errs = read_routing(*body, app.catalog("en"), rules);
        if (errs.empty()) errs = check_names(app, rules);
        if (!errs.empty()) return send_field_errors(res, errs, messages);
        app.set_routing(rules);
        send_json(res, 200, rules);
    });
}

}  // namespace spoc
