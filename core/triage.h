// Triage: the desk judges a request's type, kind, impact and urgency (the priority follows),
// tidies its subject and names its owner. Every field that changes is recorded in the
// timeline with who, when, the old and the new value (the audit).
#pragma once
#include <optional>
#include <string>

#include "catalog.h"
#include "request.h"
#include "validation.h"

namespace spoc {

// The members of a PATCH /api/v1/requests/{id} body that are present.
struct Triage {
    std::optional<std::string> type;
    std::optional<Kind> kind;
    std::optional<Level> impact;
    std::optional<Level> urgency;
    std::optional<std::string> subject;
    std::optional<std::optional<Id>> owner;  // present: a user id, or null to clear it
};

// Reads the body: only the members above, each of the right JSON type and valid (a type of
// the catalog, a known kind and level, a subject of 3-200 characters). At least one member.
FieldErrors read_triage(const json& body, const Catalog& catalog, Triage& out);

enum class TriageError { none, closed };

// Applies the changes to a request that is not closed or cancelled: a new type brings its
// kind unless a kind is given; the priority follows impact x urgency. Each changed field
// (priority included) gets a field_changed event. Unchanged values record nothing.
TriageError apply_triage(Request& r, const Triage& t, const Catalog& catalog, const Actor& actor, Timestamp now);

// A field_changed event appended to the timeline (and updated_at moved), when old != new.
void record_change(Request& r, const std::string& field, const json& old_value, const json& new_value,
                   const Actor& actor, Timestamp now);

}  // namespace spoc
