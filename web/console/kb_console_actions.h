// What the console does with knowledge articles, apart from drawing: loading every article,
// filtering and sorting the list, opening one in the editor, saving a change (a new version),
// publishing and retiring, and reading an article's versions. The rules are core's.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "app_state.h"
#include "console_state.h"

namespace spoc::web {

bool may_use_knowledge(const AppState& app);    // the staff: the list, the versions, the counters
bool may_write_knowledge(const AppState& app);  // core's may_write_articles: agents, managers, admins

void open_knowledge(AppState& app);   // the list, loading it when it is not there
void load_articles(AppState& app);    // every article, every state, both languages
void refresh_article_view(AppState& app);  // filter and sort again when stale
void knowledge_poll(AppState& app);   // between frames on the list: keeps the counters fresh

void open_kb_article(AppState& app, Id id);
void new_kb_article(AppState& app);
// Saves the draft (a new article, or a new version of the open one); with `to`, in that state
// (Publish, Retire, back to draft). What was typed stays when the server refuses it.
void save_kb_article(AppState& app, std::optional<ArticleState> to = std::nullopt);
void save_over_newer(AppState& app);  // after a conflict: the draft becomes the next version
bool kb_draft_changed(const KnowledgeDesk& k);  // typed and not saved
std::vector<std::string> split_tags(const std::string& typed);  // "vpn, remote work" -> its tags, trimmed

// The console's places for knowledge: "#/desk/kb", "#/desk/kb/new", "#/desk/kb/42".
std::string kb_location(const AppState& app);
// Follows such an address (opening what it names); nullopt when it is not one.
std::optional<Screen> follow_kb_location(AppState& app, const std::string& hash);

}  // namespace spoc::web
