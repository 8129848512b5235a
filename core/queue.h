// The desk's lists of requests: queues (unassigned, mine, my groups, owned), filters and sort
// orders, as a pure description with the rule for whether one request belongs. The store turns
// the same description into its query; both must agree (tests check them against each other).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "access.h"
#include "request.h"

namespace spoc {

enum class Queue { all, unassigned, mine, my_groups, owned, invalid };
enum class RequestSort { created, priority, updated, invalid };
Queue queue_from_string(const std::string& s);          // Queue::invalid when unknown
RequestSort sort_from_string(const std::string& s);     // RequestSort::invalid when unknown

struct RequestQuery {
    RequestScope scope = every_request();  // who is asking: what they may see at all
    std::optional<State> state;
    bool open_only = false;               // not resolved, closed or cancelled
    std::optional<Kind> kind;
    std::optional<int> priority;
    std::optional<std::string> type;
    std::optional<Id> organisation;
    std::optional<Id> group;
    std::vector<Id> groups;               // any of these groups (my_groups)
    bool in_groups = false;
    std::optional<Id> assignee;
    bool unassigned = false;              // no assignee
    std::optional<Id> owner;
    std::optional<bool> escalated;
    RequestSort sort = RequestSort::created;
    // Paging: the position after which the page starts, in the sort order (see cursor_of).
    std::optional<std::pair<std::int64_t, Id>> after;
    int limit = 50;
};

// Narrows the query to a queue as seen by `person`: unassigned (no assignee), mine (assigned
// to them), my_groups (one of their groups), owned (they own it). A queue holds open requests
// only, unless the query asks for a state.
void apply_queue(RequestQuery& q, Queue queue, const User& person);

// Whether a request is in the query's result (ignoring paging), and the order: created newest
// first; priority most urgent first, then oldest first; updated most recent first.
bool matches(const RequestQuery& q, const Request& r);
bool comes_before(RequestSort sort, const Request& a, const Request& b);

// The opaque cursor after request r in this order ("42", "3.42", "1732740000.42") and back.
std::string cursor_of(RequestSort sort, const Request& r);
std::optional<std::pair<std::int64_t, Id>> read_cursor(RequestSort sort, const std::string& cursor);

}  // namespace spoc
