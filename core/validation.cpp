// Validation rules for new requests and comments.
#include "validation.h"

#include "text.h"

namespace spoc {
namespace {

void read_string(const json& obj, const char* key, const std::string& field, std::string& out, FieldErrors& errs) {
    auto it = obj.find(key);
    if (it == obj.end() || it->is_null()) return;
    if (!it->is_string()) return errs.push_back(wrong_type(field, "text"));
    out = it->get<std::string>();
}

void read_level(const json& obj, const char* key, Level& out, FieldErrors& errs) {
    auto it = obj.find(key);
    if (it == obj.end() || it->is_null()) return;
    if (!it->is_string()) return errs.push_back(wrong_type(key, "text"));
    out = level_from_string(it->get<std::string>());
    if (out == Level::invalid) errs.push_back({key, "error.choice", {}});
}

}  // namespace

FieldError wrong_type(const std::string& field, const char* expected) {
    return {field, "error.wrong_type", {{"expected", expected}}};
}

void check_text(const std::string& field, const std::string& value, std::size_t min, std::size_t max,
                FieldErrors& errs) {
    if (!is_valid_utf8(value)) return errs.push_back({field, "error.utf8", {}});
    if (has_control_characters(value)) return errs.push_back({field, "error.control", {}});
    const std::size_t n = utf8_length(trim(value));
    if (n == 0 && min > 0) return errs.push_back({field, "error.required", {}});
    if (n < min || n > max) {
        if (min > 1)
            errs.push_back({field, "error.length", {{"min", std::to_string(min)}, {"max", std::to_string(max)}}});
        else
            errs.push_back({field, "error.too_long", {{"max", std::to_string(max)}}});
    }
}

FieldErrors parse_new_request(const json& body, NewRequest& out) {
    FieldErrors errs;
    if (!body.is_object()) return {wrong_type("", "object")};
    read_string(body, "type", "type", out.type, errs);
    read_string(body, "subject", "subject", out.subject, errs);
    read_string(body, "description", "description", out.description, errs);
    read_level(body, "impact", out.impact, errs);
    read_level(body, "urgency", out.urgency, errs);
    if (auto it = body.find("requester"); it != body.end() && !it->is_null()) {
        if (!it->is_object()) {
            errs.push_back(wrong_type("requester", "object"));
        } else {
            read_string(*it, "name", "requester.name", out.requester.name, errs);
            read_string(*it, "email", "requester.email", out.requester.email, errs);
        }
    }
    if (auto it = body.find("on_behalf_of"); it != body.end() && !it->is_null()) {
        if (it->is_number_integer() && it->get<std::int64_t>() > 0) {
            out.on_behalf_of = *it;
        } else if (it->is_object()) {
            out.on_behalf_of = json::object();
            for (const char* key : {"name", "email"}) {
                std::string value;
                read_string(*it, key, std::string("on_behalf_of.") + key, value, errs);
                out.on_behalf_of[key] = value;
            }
        } else {
            errs.push_back(wrong_type("on_behalf_of", "a user id or {\"name\", \"email\"}"));
        }
    }
    if (auto it = body.find("diagnosis"); it != body.end() && !it->is_null()) {
        if (it->is_string()) {
            out.diagnosis = std::string(trim(it->get<std::string>()));
        } else if (it->is_object()) {
            out.diagnosis = json::object();
            for (const auto& [key, value] : it->items()) {
                const std::string field = "diagnosis." + key;
                if (key == "checked" || key == "errors") {
                    if (value.is_string()) out.diagnosis[key] = std::string(trim(value.get<std::string>()));
                    else if (!value.is_null()) errs.push_back(wrong_type(field, "text"));
                } else if (key == "affected") {
                    if (value.is_number_integer() && value.get<std::int64_t>() >= 1 &&
                        value.get<std::int64_t>() <= limits::affected_max)
                        out.diagnosis[key] = value;
                    else if (!value.is_null())
                        errs.push_back(wrong_type(field, "a number of people from 1 to 1000000"));
                } else {
                    errs.push_back({field, "error.unknown_field", {}});
                }
            }
        } else {
            errs.push_back(wrong_type("diagnosis", "text or {\"checked\", \"errors\", \"affected\"}"));
        }
    }
    if (auto it = body.find("fields"); it != body.end() && !it->is_null()) {
        if (!it->is_object()) {
            errs.push_back(wrong_type("fields", "object"));
        } else {
            out.fields = json::object();
            for (const auto& [key, value] : it->items()) {
                if (value.is_string() || value.is_number() || value.is_boolean())
                    out.fields[key] = value.is_string() ? value : json(value.dump());
                else if (!value.is_null())
                    errs.push_back(wrong_type("fields." + key, "text"));
            }
        }
    }
    return errs;
}

FieldErrors validate_new_request(const NewRequest& r, const Catalog& catalog) {
    FieldErrors errs;
    const RequestType* type = catalog.find(r.type);
    if (r.type.empty())
        errs.push_back({"type", "error.required", {}});
    else if (!type)
        errs.push_back({"type", "error.unknown_type", {}});
    if (r.impact == Level::invalid) errs.push_back({"impact", "error.required", {}});
    if (r.urgency == Level::invalid) errs.push_back({"urgency", "error.required", {}});
    check_text("subject", r.subject, limits::subject_min, limits::subject_max, errs);
    check_text("description", r.description, 0, limits::description_max, errs);
    check_text("requester.name", r.requester.name, 1, limits::name_max, errs);
    if (trim(r.requester.email).empty())
        errs.push_back({"requester.email", "error.required", {}});
    else if (!is_email(trim(r.requester.email)))
        errs.push_back({"requester.email", "error.email", {}});
    if (r.on_behalf_of.is_object()) {
        check_text("on_behalf_of.name", r.on_behalf_of.value("name", ""), 1, limits::name_max, errs);
        const std::string email(trim(r.on_behalf_of.value("email", "")));
        if (email.empty()) errs.push_back({"on_behalf_of.email", "error.required", {}});
        else if (!is_email(email)) errs.push_back({"on_behalf_of.email", "error.email", {}});
    }
    if (r.diagnosis.is_string()) check_text("diagnosis", r.diagnosis.get<std::string>(), 0, limits::description_max, errs);
    if (r.diagnosis.is_object())
        for (const char* key : {"checked", "errors"})
            if (r.diagnosis.contains(key))
                check_text(std::string("diagnosis.") + key, r.diagnosis[key].get<std::string>(), 0,
                           limits::description_max, errs);
    if (!type) return errs;
    for (const FormField& f : type->fields) {
        const std::string name = "fields." + f.id;
        const auto it = r.fields.find(f.id);
        const std::string value = it != r.fields.end() && it->is_string() ? it->get<std::string>() : "";
        if (trim(value).empty()) {
            if (f.required) errs.push_back({name, "error.required", {}});
            continue;
        }
        if (f.type == "select") {
            bool offered = false;
            for (const auto& o : f.options) offered = offered || o.value == value;
            if (!offered) errs.push_back({name, "error.choice", {}});
        } else {
            check_text(name, value, 0, limits::field_max, errs);
        }
    }
    for (const auto& [key, value] : r.fields.items()) {
        bool known = false;
        for (const FormField& f : type->fields) known = known || f.id == key;
        if (!known) errs.push_back({"fields." + key, "error.unknown_field", {}});
    }
    return errs;
}

FieldErrors validate_comment(const std::string& body) {
    FieldErrors errs;
    check_text("body", body, 1, limits::comment_max, errs);
    return errs;
}

const FieldError* error_for(const FieldErrors& errors, const std::string& field) {
    for (const auto& e : errors)
        if (e.field == field) return &e;
    return nullptr;
}

}  // namespace spoc
