// The store interface the routes use. One implementation today (SQLite); a
// PostgreSQL one can follow without touching the routes.
#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "request.h"

namespace spoc {

struct RequestFilter {
    std::optional<State> state;
    std::optional<Kind> kind;
    std::optional<int> priority;
    std::optional<std::string> type;
    std::int64_t before_id = 0;  // paging cursor: only ids below this; 0 = from the newest
    int limit = 50;
};

struct RequestPage {
    std::vector<Request> items;  // newest first, without timelines
    std::optional<std::int64_t> next;  // cursor for the following page
};

class Store {
public:
    virtual ~Store() = default;

    virtual bool healthy() = 0;

    // Stores a new request with its timeline and the hash of its follow token;
    // returns it with id and ref assigned. Durable when it returns.
    // With an idempotency key that an earlier request was filed with, nothing new is
    // stored: that earlier request gets the new follow token hash and is returned with
    // replayed set (a client whose first answer was lost files once, not twice). When
    // the key belongs to a request with another subject or requester, nothing changes
    // and key_conflict is set.
    struct Created {
        Request request;
        bool replayed = false;
        bool key_conflict = false;
    };
    virtual Created create(const Request& r, const std::string& follow_token_hash,
                           const std::string& idempotency_key = "") = 0;

    // One request with its whole timeline (internal notes included).
    virtual std::optional<Request> find(std::int64_t id) = 0;
    virtual std::optional<std::string> follow_token_hash(std::int64_t id) = 0;

    virtual RequestPage list(const RequestFilter& filter) = 0;

    // Reads the request, lets change() apply a rule of core to it, and stores the
    // new state and the events change() appended, all in one transaction. change()
    // returns false to leave everything as it was. nullopt when the id is unknown.
    virtual std::optional<Request> update(std::int64_t id, const std::function<bool(Request&)>& change) = 0;

    virtual std::optional<std::string> setting(const std::string& key) = 0;
    virtual void set_setting(const std::string& key, const std::string& value) = 0;
};

}  // namespace spoc
