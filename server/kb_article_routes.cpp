// /api/v1/kb/articles: list and read knowledge articles (public published ones for everyone,
// the rest for the staff), create and change them (agents, managers, admins, the desk token;
// every change a new version) and read an article's versions (staff). The rules are core's
// (knowledge.h, access.h); feedback is in kb_feedback_routes.cpp, search in kb_search_routes.cpp.
#include "access.h"
#include "api.h"
#include "app.h"
#include "auth.h"
#include "kb_reach.h"

namespace spoc {
namespace {

using Handler = void (*)(App&, const httplib::Request&, httplib::Response&);

std::string param(const httplib::Request& req, const char* name) {
    return req.has_param(name) ? req.get_param_value(name) : std::string();
}

// A page's limit (1 to max, else `fallback`); false after answering 422.
bool read_limit(const httplib::Request& req, int fallback, int max, int& out, httplib::Response& res) {
    out = fallback;
    if (!req.has_param("limit")) return true;
    const auto n = whole_number(param(req, "limit"));
    if (!n || *n < 1 || *n > max) {
        send_error(res, 422, "invalid_field", "Limit is a number from 1 to " + std::to_string(max) + ".", "limit");
        return false;
    }
    out = static_cast<int>(*n);
    return true;
}

// ?state=&visibility=&lang=&type=&tag=&limit=&cursor=; false after answering 401, 403 or 422.
// Anyone but the staff lists public published articles only, and is told so when asking for
// others: nobody signed in with 401, everyone else with 403.
bool read_article_query(App& app, const httplib::Request& req, const Caller& caller, ArticleQuery& q,
                        httplib::Response& res) {
    auto bad = [&res](const char* field, const std::string& message) {
        send_error(res, 422, "invalid_field", message, field);
        return false;
    };
    const bool staff = may_list_unpublished(caller.role());
    auto staff_only = [&](const char* field, const char* message) {
        if (caller.kind == Caller::Kind::nobody) send_unauthorized(res);
        else send_error(res, 403, "forbidden", message, field);
        return false;
    };
    if (req.has_param("state")) {
        const std::string state = param(req, "state");
        if (state == "all") {
            q.state.reset();
        } else {
            q.state = article_state_from_string(state);
            if (*q.state == ArticleState::invalid) return bad("state", "State is draft, published, retired or all.");
        }
        if (!staff && q.state != ArticleState::published)
            return staff_only("state", "Only the staff list drafts and retired articles.");
    }
    if (req.has_param("visibility")) {
        q.visibility = visibility_from_string(param(req, "visibility"));
        if (*q.visibility == Visibility::invalid) return bad("visibility", "Visibility is public or internal.");
        if (!staff && q.visibility != Visibility::public_)
            return staff_only("visibility", "Only the staff list internal articles.");
    }
    if (!staff) q.visibility = Visibility::public_;
    if (req.has_param("lang")) {
        q.lang = article_lang_from_string(param(req, "lang"));
        if (*q.lang == ArticleLang::invalid) return bad("lang", "Language is en or de.");
    }
    if (req.has_param("type")) {
        q.type = param(req, "type");
        if (!app.catalog("en").find(q.type)) return bad("type", "Unknown request type.");
    }
    if (req.has_param("tag")) {
        q.tag = param(req, "tag");
        if (q.tag.empty() || q.tag.size() > 4 * limits::article_tag_max) return bad("tag", "Give a tag to filter by.");
    }
    if (!read_limit(req, 50, 200, q.limit, res)) return false;
    if (!param(req, "cursor").empty()) {
        const auto before = whole_number(param(req, "cursor"));
        if (!before || *before < 1) return bad("cursor", "Use the cursor from the previous page's \"next\".");
        q.before = *before;
    }
    return true;
}

void list_articles(App& app, const httplib::Request& req, httplib::Response& res) {
    const auto caller = identify(app, req, res);
    if (!caller) return;
    ArticleQuery query;
    if (!read_article_query(app, req, *caller, query, res)) return;
    const ArticlePage page = app.store.list_articles(query);
    json items = json::array();
    for (const Article& a : page.items)
        if (may_read_article(caller->role(), a)) items.push_back(article_view(a, caller->role()));
    send_json(res, 200, {{"items", items}, {"next", page.next ? json(std::to_string(*page.next)) : json(nullptr)}});
}

void show_article(App& app, const httplib::Request& req, httplib::Response& res) {
    const auto caller = identify(app, req, res);
    if (!caller) return;
    const auto article = reach_article(app, caller->role(), path_id(req), res);
    if (!article) return;
    send_json(res, 200, article_view(*article, caller->role()));
}

// The JSON object body, or nullopt after answering 415, 400 or 422.
std::optional<json> object_body(App& app, const httplib::Request& req, httplib::Response& res) {
    auto body = read_json_body(req, res, app.messages(request_language(req, app.messages_config)));
    if (!body) return std::nullopt;
    if (!body->is_object()) return send_error(res, 400, "bad_request", "The body must be a JSON object."), std::nullopt;
    return body;
}

void slug_taken(httplib::Response& res) {
    send_error(res, 409, "slug_taken", "Another article in this language has this slug.", "slug");
}

void create_article(App& app, const httplib::Request& req, httplib::Response& res) {
    const auto caller = caller_allowed(app, req, res, may_write_articles);
    if (!caller) return;
    const auto body = object_body(app, req, res);
    if (!body) return;
    Article article;
    const FieldErrors errors = read_new_article(*body, app.catalog("en"), app.now(), article);
    if (!errors.empty())
        return send_field_errors(res, errors, app.messages(request_language(req, app.messages_config)));
    const bool slug_given = body->contains("slug") && !(*body)["slug"].is_null();
    const Store::ArticleWrite made = app.store.create_article(article, article_author(*caller), !slug_given);
    if (!made.article) return slug_taken(res);
    refresh_knowledge(app, *made.article, *made.article);
    res.set_header("Location", "/api/v1/kb/articles/" + std::to_string(made.article->id));
    send_json(res, 201, article_view(*made.article, caller->role()));
}

// The article of the path when the caller may do `rule` with it; nullopt after answering 401
// (nobody signed in), 404 (not theirs to know of) or 403 (theirs to read, not to do this).
std::optional<std::pair<Caller, Article>> reach_for_staff(App& app, const httplib::Request& req, httplib::Response& res,
                                                          bool (*rule)(Role), const char* refusal) {
    const auto caller = identify(app, req, res);
    if (!caller) return std::nullopt;
    if (caller->kind == Caller::Kind::nobody) return send_unauthorized(res), std::nullopt;
    const auto article = reach_article(app, caller->role(), path_id(req), res);
    if (!article) return std::nullopt;
    if (!rule(caller->role())) return send_error(res, 403, "forbidden", refusal), std::nullopt;
    return std::make_pair(*caller, *article);
}

void change_article(App& app, const httplib::Request& req, httplib::Response& res) {
    const auto reach = reach_for_staff(app, req, res, may_write_articles, "Only the service desk changes articles.");
    if (!reach) return;
    const Caller& caller = reach->first;
    const Article& before = reach->second;
    const auto body = object_body(app, req, res);
    if (!body) return;
    ArticlePatch patch;
    const Timestamp now = app.now();
    const Store::ArticleWrite written = app.store.update_article(before.id, article_author(caller), [&](Article& a) {
        patch = patch_article(a, *body, app.catalog("en"), now);
        return patch.changed;
    });
    if (!written.article) return send_article_not_found(res);
    if (!patch.errors.empty())
        return send_field_errors(res, patch.errors, app.messages(request_language(req, app.messages_config)));
    if (patch.conflict)
        return send_error(res, 409, "version_conflict",
                          "The article changed since version " + std::to_string((*body)["version"].get<std::int64_t>()) +
                              "; it is at version " + std::to_string(written.article->version) +
                              ". Read it again and make your change to that.",
                          "version");
    if (written.slug_taken) return slug_taken(res);
    refresh_knowledge(app, before, *written.article);
    send_json(res, 200, article_view(*written.article, caller.role()));
}

void list_versions(App& app, const httplib::Request& req, httplib::Response& res) {
    const auto reach = reach_for_staff(app, req, res, may_see_article_history, "Only the staff see an article's versions.");
    if (!reach) return;
    int limit = 20;
    if (!read_limit(req, 20, 100, limit, res)) return;
    std::optional<int> before;
    if (!param(req, "cursor").empty()) {
        const auto n = whole_number(param(req, "cursor"));
        if (!n || *n < 1 || *n > INT32_MAX)
            return send_error(res, 422, "invalid_field", "Use the cursor from the previous page's \"next\".", "cursor");
        before = static_cast<int>(*n);
    }
    const ArticleVersionPage page = app.store.article_versions(reach->second.id, before, limit);
    send_json(res, 200, {{"items", page.items}, {"next", page.next ? json(std::to_string(*page.next)) : json(nullptr)}});
}

}  // namespace

void register_kb_article_routes(httplib::Server& server, App& app) {
    auto route = [&app](Handler handler) {
        return [&app, handler](const httplib::Request& req, httplib::Response& res) { handler(app, req, res); };
    };
    server.Get("/api/v1/kb/articles", route(list_articles));
    server.Post("/api/v1/kb/articles", route(create_article));
    server.Get(R"(/api/v1/kb/articles/(\d+))", route(show_article));
    server.Patch(R"(/api/v1/kb/articles/(\d+))", route(change_article));
    server.Get(R"(/api/v1/kb/articles/(\d+)/versions)", route(list_versions));
}

}  // namespace spoc
