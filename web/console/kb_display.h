// How an article's facts read in the console, in the person's language: who wrote a version,
// the state, the visibility and the language.
#pragma once
#include <string>

#include "app_state.h"
#include "console_state.h"

namespace spoc::web {

std::string article_author(const AppState& app, const ArticleVersion& v);  // a name, the desk or spoc
std::string article_state_text(const AppState& app, ArticleState s);
std::string visibility_text(const AppState& app, Visibility v);
std::string article_lang_text(ArticleLang l);  // "EN", "DE"

}  // namespace spoc::web
