// POST /api/v1/deflections: "this solved it", a request not filed because of an article; from
// anyone who may read that article (guests included), counted on the article for the staff.
#include "access.h"
#include "api.h"
#include "app.h"
#include "auth.h"
#include "kb_reach.h"

namespace spoc {

void register_deflection_routes(httplib::Server& server, App& app) {
    server.Post("/api/v1/deflections", [&app](const httplib::Request& req, httplib::Response& res) {
        const auto caller = identify(app, req, res);
        if (!caller) return;
        const Messages& messages = app.messages(request_language(req, app.messages_config));
        const auto body = read_json_body(req, res, messages);
        if (!body) return;
        Deflection deflection;
        const FieldErrors errors = read_deflection(*body, app.catalog("en"), deflection);
        if (!errors.empty()) return send_field_errors(res, errors, messages);
        const auto article = app.store.find_article(deflection.article);
        auto unknown = [&res] { send_error(res, 422, "invalid_field", "No article you may read has this id.", "article"); };
        if (!article || !may_read_article(caller->role(), *article)) return unknown();
        deflection.at = app.now();
        deflection.user = caller->person_id();
        const auto stored = app.store.add_deflection(deflection);
        if (!stored) return unknown();
        send_json(res, 201, *stored);
    });
}

}  // namespace spoc
