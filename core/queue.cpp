// See queue.h.
#include "queue.h"

#include <algorithm>
#include <charconv>

#include "assignment.h"
#include "search/fold.h"
#include "search/tokenize.h"

namespace spoc {
namespace {

std::int64_t sort_key(RequestSort sort, const Request& r) {
    switch (sort) {
        case RequestSort::priority: return r.priority;
        case RequestSort::updated: return r.updated_at;
        case RequestSort::created:
        case RequestSort::invalid: break;
    }
    return r.id;
}

std::optional<std::int64_t> whole(std::string_view s) {
    std::int64_t v = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || end != s.data() + s.size() || s.empty() || v < 0) return std::nullopt;
    return v;
}

// q's words, folded, each found in the visible text (as search::tokenize cuts it): the last
// one also as the start of a word.
bool text_matches(const RequestQuery& q, const Request& r) {
    std::vector<std::string> words;
    for (const std::string& w : query_words(q.q)) words.push_back(search::fold(w));
    if (words.empty()) return false;
    std::vector<std::string> seen;
    auto add = [&seen](const std::string& text) {
        for (auto& t : search::tokenize(text)) seen.push_back(std::move(t.word));
    };
    add(r.subject);
    add(r.description);
    const bool notes = notes_visible(q.scope, r);
    for (const Event& e : r.timeline)
        if (e.kind == EventKind::comment && (!e.internal || notes)) add(e.body);
    for (std::size_t i = 0; i < words.size(); ++i) {
        const bool prefix = i + 1 == words.size();
        const std::string& w = words[i];
        const bool found = std::any_of(seen.begin(), seen.end(), [&](const std::string& s) {
            return prefix ? s.compare(0, w.size(), w) == 0 : s == w;
        });
        if (!found) return false;
    }
    return true;
}

}  // namespace

std::vector<std::string> query_words(std::string_view q) {
    std::vector<std::string> words;
    std::string word;
    for (std::size_t i = 0; i < q.size();) {
        const std::size_t start = i;
        const char32_t c = search::next_code_point(q, i);
        if (search::is_word_character(c)) {
            word += c == U'\uFFFD' ? std::string("\xEF\xBF\xBD") : std::string(q.substr(start, i - start));
        } else if (!word.empty()) {
            words.push_back(std::move(word));
            word.clear();
        }
    }
    if (!word.empty()) words.push_back(std::move(word));
    return words;
}

bool notes_visible(const RequestScope& scope, const Request& r) {
    if (scope.everything) return true;
    if (r.group && std::find(scope.groups.begin(), scope.groups.end(), *r.group) != scope.groups.end()) return true;
    return scope.assigned_to_user && scope.user && r.assignee == scope.user;
}

Queue queue_from_string(const std::string& s) {
    if (s == "all") return Queue::all;
    if (s == "unassigned") return Queue::unassigned;
    if (s == "mine") return Queue::mine;
    if (s == "my_groups") return Queue::my_groups;
    if (s == "owned") return Queue::owned;
    return Queue::invalid;
}

RequestSort sort_from_string(const std::string& s) {
    if (s == "created") return RequestSort::created;
    if (s == "priority") return RequestSort::priority;
    if (s == "updated") return RequestSort::updated;
    return RequestSort::invalid;
}

void apply_queue(RequestQuery& q, Queue queue, const User& person) {
    if (queue == Queue::all || queue == Queue::invalid) return;
    if (!q.state) q.open_only = true;
    switch (queue) {
        case Queue::unassigned: q.unassigned = true; break;
        case Queue::mine: q.assignee = person.id; break;
        case Queue::my_groups:
            q.in_groups = true;
            q.groups = person.groups;
            break;
        case Queue::owned: q.owner = person.id; break;
        case Queue::all:
        case Queue::invalid: break;
    }
}

bool matches(const RequestQuery& q, const Request& r) {
    auto differs = [](const auto& wanted, const auto& actual) { return wanted && *wanted != actual; };
    if (!in_scope(q.scope, r)) return false;
    if (differs(q.state, r.state) || differs(q.kind, r.kind) || differs(q.priority, r.priority) ||
        differs(q.type, r.type) || differs(q.escalated, r.escalated))
        return false;
    if (q.open_only && !is_open(r.state)) return false;
    if (q.organisation && r.organisation != q.organisation) return false;
    if (q.group && r.group != q.group) return false;
    if (q.assignee && r.assignee != q.assignee) return false;
    if (q.owner && r.owner != q.owner) return false;
    if (q.unassigned && r.assignee) return false;
    if (q.in_groups && !(r.group && std::find(q.groups.begin(), q.groups.end(), *r.group) != q.groups.end()))
        return false;
    if (!q.q.empty() && !text_matches(q, r)) return false;
    return true;
}

bool comes_before(RequestSort sort, const Request& a, const Request& b) {
    const auto ka = sort_key(sort, a), kb = sort_key(sort, b);
    if (sort == RequestSort::priority) return ka != kb ? ka < kb : a.id < b.id;
    return ka != kb ? ka > kb : a.id > b.id;
}

std::string cursor_of(RequestSort sort, const Request& r) {
    if (sort == RequestSort::created || sort == RequestSort::invalid) return std::to_string(r.id);
    return std::to_string(sort_key(sort, r)) + "." + std::to_string(r.id);
}

std::optional<std::pair<std::int64_t, Id>> read_cursor(RequestSort sort, const std::string& cursor) {
    if (sort == RequestSort::created) {
        const auto id = whole(cursor);
        if (!id || *id < 1) return std::nullopt;
        return std::make_pair(*id, *id);
    }
    const auto dot = cursor.find('.');
    if (dot == std::string::npos) return std::nullopt;
    const auto key = whole(std::string_view(cursor).substr(0, dot));
    const auto id = whole(std::string_view(cursor).substr(dot + 1));
    if (!key || !id || *id < 1) return std::nullopt;
    return std::make_pair(*key, *id);
}

}  // namespace spoc
