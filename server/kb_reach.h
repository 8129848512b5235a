// What the knowledge routes share: the article of the path as the caller may read it (404 when
// they may not know it exists), who writes a change, and the search indexes after a change.
#pragma once
#include <httplib.h>

#include <optional>

#include "access.h"
#include "app.h"
#include "auth.h"

namespace spoc {

// The article with this id when the caller's role may read it; nullopt after answering 404.
std::optional<Article> reach_article(App& app, Role role, std::optional<Id> id, httplib::Response& res);

void send_article_not_found(httplib::Response& res);

// Who writes an article's version: the desk, with the person's id when a person does.
Actor article_author(const Caller& caller);

// After a change of an article that was or is published: the search indexes again.
void refresh_knowledge(App& app, const Article& before, const Article& after);

}  // namespace spoc
