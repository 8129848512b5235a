// The desk's lists of requests: queues (unassigned, mine, my groups, owned), filters and sort
// orders, as a pure description with the rule for whether one request belongs. The store turns
// the same description into its query; both must agree (tests check them against each other).
#pragma once
#include <optional>
#include <string>
#include <string_view>
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
    // Full text (?q=): every word of it, the last also as the start of a word, in the subject,
    // description or public replies, and in internal notes where the scope lets the caller see
    // them (notes_visible); words as query_words cuts them. Empty: no search. The store runs it
    // with SQLite FTS5; matches() below is the same rule over core's own folding and words
    // (search/) and may differ from FTS5's unicode61 tokenizer at the edges (ß, "can't").
    std::string q;
    // With q and no explicit sort: best match first (the store's bm25 rank), then newest; the
    // cursor is "<rank key>.<id>" (read_cursor with RequestSort::priority reads it).
    bool by_rank = false;
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

// The words of a full-text query as written: runs of letters and digits (search/fold.h's
// is_word_character), broken UTF-8 replaced; everything else only separates them.
std::vector<std::string> query_words(std::string_view q);

// Whether the scope lets its holder see this request's internal notes: the whole desk, or a
// resolver's groups and what is assigned to them (request_access's resolver rule).
bool notes_visible(const RequestScope& scope, const Request& r);

}  // namespace spoc
