// What the desk's console remembers between frames: the queue on screen (loaded whole, then
// filtered and sorted in the browser by core's rules), the request open in it, the people,
// groups and organisations it names, what an agent is typing, and the knowledge base.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "account.h"
#include "kb_console_state.h"
#include "queue.h"
#include "request.h"
#include "routing.h"

namespace spoc::web {

// The columns a queue sorts by (clicking a header, or the keyboard).
enum class QueueColumn { ref, priority, state, subject, requester, organisation, group, assignee, age, updated };

// The desk's full-text search over every request it may see (GET /api/v1/requests?q=): best
// match first, each with the server's snippet (the matched words between **).
struct RequestSearch {
    std::string words;                  // as typed
    std::string searched;               // the words the results on screen are for
    std::vector<Request> results;
    std::vector<std::string> snippets;  // one per result ("" when the server gave none)
    bool more = false;                  // more requests match than one page shows
    bool searching = false;
    bool failed = false;
    int generation = 0;                 // a newer search makes older answers stale
    int selected = 0;
    bool focus = false;                 // the words' field takes the keyboard (the screen opened)
};

struct ConsoleState {
    Queue queue = Queue::unassigned;
    std::vector<Request> rows;       // the whole queue as loaded (pages of 200)
    std::vector<Request> incoming;   // a reload on its way: it replaces rows once whole
    bool loading = false;
    int generation = 0;              // a newer load makes older answers stale
    std::string load_notice;

    // Filters and order, applied in the browser (core's matches() and the column's order).
    std::optional<State> state_filter;
    std::optional<int> priority_filter;
    std::optional<Id> organisation_filter;
    std::optional<Id> group_filter;
    std::string text_filter;         // in subject, ref or requester
    int older_than_days = 0;         // age: only requests filed at least this long ago (0: any)
    QueueColumn sort = QueueColumn::priority;
    bool descending = false;
    std::vector<int> view;           // indices into rows, filtered and sorted
    bool view_stale = true;
    double last_view_ms = 0;         // how long the last filter and sort took
    int selected = 0;                // in view

    // The request open in the console.
    std::int64_t open_id = 0;
    std::optional<Request> open;
    bool open_loading = false;
    std::string reply;
    bool reply_internal = false;
    bool sending = false;
    std::string notice;              // the last action's problem
    // Triage, assignment, escalation and state changes as chosen before sending.
    std::string type;
    Level impact = Level::invalid;
    Level urgency = Level::invalid;
    std::optional<Id> assign_group;
    std::optional<Id> assign_person;
    std::optional<Id> escalate_group;
    std::string escalate_reason;
    State to = State::invalid;
    std::string waiting_for = "requester";  // what a pending request waits for
    std::string resolution_code = "solved";
    std::string state_reason;
    int focus = 0;                   // a text field asked to take the keyboard (1 reply, 2 reason)

    // The routing rules as the desk edits them (GET, then PUT /api/v1/routing).
    std::optional<RoutingRules> routing;
    bool routing_saving = false;
    std::string routing_notice;
    bool routing_saved = false;

    // The knowledge base as the desk manages it (kb_console_state.h).
    KnowledgeDesk kb;
    RequestSearch search;

    // Names for the ids a request carries.
    std::map<Id, User> people;
    std::vector<SupportGroup> groups;
    std::map<Id, std::string> organisations;
    bool directory_loaded = false;

    // Names for ids, as far as the console knows them: "" for no id, "#42" for an unknown one
    // (an organisation this person may not read names nothing).
    std::string person_name(const std::optional<Id>& id) const;
    std::string group_name(const std::optional<Id>& id) const;
    std::string organisation_name(const std::optional<Id>& id) const;
    const SupportGroup* group(const std::optional<Id>& id) const;
};

}  // namespace spoc::web
