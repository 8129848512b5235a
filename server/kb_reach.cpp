// See kb_reach.h.
#include "kb_reach.h"

#include "api.h"

namespace spoc {

void send_article_not_found(httplib::Response& res) { send_error(res, 404, "not_found", "No article with this id."); }

std::optional<Article> reach_article(App& app, Role role, std::optional<Id> id, httplib::Response& res) {
    auto article = id ? app.store.find_article(*id) : std::nullopt;
    if (!article || !may_read_article(role, *article)) return send_article_not_found(res), std::nullopt;
    return article;
}

Actor article_author(const Caller& caller) { return Actor("desk", caller.person_id()); }

void refresh_knowledge(App& app, const Article& before, const Article& after) {
    if (before.state == ArticleState::published || after.state == ArticleState::published) app.knowledge.rebuild();
}

}  // namespace spoc
