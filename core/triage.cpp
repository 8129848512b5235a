// See triage.h.
#include "triage.h"

#include "lifecycle.h"
#include "priority.h"
#include "text.h"

namespace spoc {
namespace {

json id_or_null(const std::optional<Id>& id) { return id ? json(*id) : json(nullptr); }

}  // namespace

FieldErrors read_triage(const json& body, const Catalog& catalog, Triage& out) {
    if (!body.is_object()) return {wrong_type("", "object")};
    FieldErrors errs;
    for (const auto& [key, value] : body.items()) {
        if (key == "type") {
            if (!value.is_string()) errs.push_back(wrong_type(key, "text"));
            else if (!catalog.find(value.get<std::string>())) errs.push_back({key, "error.unknown_type", {}});
            else out.type = value.get<std::string>();
        } else if (key == "kind") {
            const Kind k = value.is_string() ? value.get<Kind>() : Kind::invalid;
            if (k == Kind::invalid) errs.push_back({key, "error.choice", {}});
            else out.kind = k;
        } else if (key == "impact" || key == "urgency") {
            const Level l = value.is_string() ? level_from_string(value.get<std::string>()) : Level::invalid;
            if (l == Level::invalid) errs.push_back({key, "error.choice", {}});
            else (key == "impact" ? out.impact : out.urgency) = l;
        } else if (key == "subject") {
            if (!value.is_string()) {
                errs.push_back(wrong_type(key, "text"));
            } else {
                check_text(key, value.get<std::string>(), limits::subject_min, limits::subject_max, errs);
                out.subject = std::string(trim(value.get<std::string>()));
            }
        } else if (key == "owner") {
            if (value.is_null()) out.owner = std::optional<Id>();
            else if (value.is_number_integer() && value.get<std::int64_t>() > 0) out.owner = value.get<Id>();
            else errs.push_back(wrong_type(key, "a user id or null"));
        } else {
            errs.push_back({key, "error.unknown_field", {}});
        }
    }
    if (body.empty()) errs.push_back({"", "error.required", {}});
    return errs;
}

void record_change(Request& r, const std::string& field, const json& old_value, const json& new_value,
                   const Actor& actor, Timestamp now) {
    if (old_value == new_value) return;
    Event e = event_by(actor, EventKind::field_changed, now);
    e.field = field;
    e.old_value = old_value;
    e.new_value = new_value;
    r.timeline.push_back(std::move(e));
    r.updated_at = now;
}

TriageError apply_triage(Request& r, const Triage& t, const Catalog& catalog, const Actor& actor, Timestamp now) {
    if (is_final(r.state)) return TriageError::closed;
    const Request before = r;
    if (t.type) {
        r.type = *t.type;
        if (const RequestType* type = catalog.find(*t.type)) r.kind = type->kind;
    }
    if (t.kind) r.kind = *t.kind;
    if (t.impact) r.impact = *t.impact;
    if (t.urgency) r.urgency = *t.urgency;
    if (t.subject) r.subject = *t.subject;
    if (t.owner) r.owner = *t.owner;
    r.priority = priority(r.impact, r.urgency);

    record_change(r, "type", before.type, r.type, actor, now);
    record_change(r, "kind", json(before.kind), json(r.kind), actor, now);
    record_change(r, "impact", json(before.impact), json(r.impact), actor, now);
    record_change(r, "urgency", json(before.urgency), json(r.urgency), actor, now);
    record_change(r, "priority", before.priority, r.priority, actor, now);
    record_change(r, "subject", before.subject, r.subject, actor, now);
    record_change(r, "owner", id_or_null(before.owner), id_or_null(r.owner), actor, now);
    return TriageError::none;
}

}  // namespace spoc
