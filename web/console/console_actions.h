// Inside the console (staff program only): its actions (console_actions.cpp) and screens, apart
// from what the shell calls of it (console.h).
#pragma once
#include <cstdint>

#include "app_actions.h"
#include "console.h"
#include "console_state.h"
#include "screens.h"

namespace spoc::web {

void load_queue(AppState& app, Queue queue);
void refresh_view(AppState& app);  // filter and sort again when stale
void console_reply(AppState& app);
void console_triage(AppState& app);
void console_assign(AppState& app);
void console_escalate(AppState& app, bool functional);
void console_transition(AppState& app);
void open_routing(AppState& app);  // reads the routing rules from the server (the screen shows them)
void save_routing(AppState& app);
// The search screen, its field taking the keyboard (history: a new entry, else the address is there).
void open_request_search(AppState& app, bool history);
void search_requests(AppState& app);  // the words typed: one page, best match first (request_search.cpp)

// The console's screens: the queue table, one request with the desk's actions, routing, knowledge.
void ShowQueue(AppState& app);
void ShowDeskRequest(AppState& app);
void ShowRouting(AppState& app);
void ShowRequestSearch(AppState& app);  // full text over every request the desk may see    // where new requests land: type x organisation -> first group
void ShowKnowledge(AppState& app);  // every knowledge article with its counters (screen_kb_articles.cpp)
void ShowKbArticle(AppState& app);  // one article: the editor, its counters and versions
void ShowArticleAside(AppState& app, float width);  // beside the editor: counters, versions, preview

}  // namespace spoc::web
