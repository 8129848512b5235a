// POST /api/v1/kb/articles/{id}/feedback: "was this helpful?" from anyone who may read the
// article (guests included), with what they searched for; counted on the article for the staff.
#include "access.h"
#include "api.h"
#include "app.h"
#include "auth.h"
#include "kb_reach.h"

namespace spoc {

void register_kb_feedback_routes(httplib::Server& server, App& app) {
    server.Post(R"(/api/v1/kb/articles/(\d+)/feedback)", [&app](const httplib::Request& req, httplib::Response& res) {
        const auto caller = identify(app, req, res);
        if (!caller) return;
        const auto article = reach_article(app, caller->role(), path_id(req), res);
        if (!article) return;
        const Messages& messages = app.messages(request_language(req, app.messages_config));
        const auto body = read_json_body(req, res, messages);
        if (!body) return;
        ArticleFeedback feedback;
        const FieldErrors errors = read_feedback(*body, feedback);
        if (!errors.empty()) return send_field_errors(res, errors, messages);
        feedback.article = article->id;
        feedback.at = app.now();
        feedback.user = caller->person_id();
        const auto stored = app.store.add_feedback(feedback);
        if (!stored) return send_article_not_found(res);
        send_json(res, 201, *stored);
    });
}

}  // namespace spoc
