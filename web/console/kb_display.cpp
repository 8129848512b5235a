// How an article's facts read in the console (see kb_display.h).
#include "kb_display.h"

namespace spoc::web {

std::string article_author(const AppState& app, const ArticleVersion& v) {
    if (v.actor.user) return app.console->person_name(v.actor.user);
    return app.t("console.party." + (v.actor.party == "desk" ? std::string("desk") : std::string("system")));
}

std::string article_state_text(const AppState& app, ArticleState s) {
    return app.t(std::string("kb.state.") + to_string(s));
}

std::string visibility_text(const AppState& app, Visibility v) { return app.t(std::string("kb.visibility.") + to_string(v)); }

std::string article_lang_text(ArticleLang l) { return l == ArticleLang::de ? "DE" : l == ArticleLang::en ? "EN" : "?"; }

}  // namespace spoc::web
