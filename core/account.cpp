// See account.h.
#include "account.h"

#include "text.h"

namespace spoc {

void to_json(json& j, const Organisation& o) { j = {{"id", o.id}, {"name", o.name}}; }

void to_json(json& j, const User& u) {
    j = {{"id", u.id},     {"email", u.email},   {"name", u.name},
         {"role", u.role}, {"groups", u.groups}, {"active", u.active}};
    j["organisation"] = u.organisation ? json(*u.organisation) : json(nullptr);
}

std::string normalised_email(std::string_view email) {
    std::string out(trim(email));
    for (auto& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    return out;
}

FieldErrors validate_password(const json& value, const std::string& field) {
    if (!value.is_string()) return {wrong_type(field, "text")};
    const std::string& p = value.get_ref<const std::string&>();
    if (!is_valid_utf8(p)) return {{field, "error.utf8", {}}};
    const std::size_t n = utf8_length(p);
    if (n < limits::password_min || p.size() > limits::password_max)
        return {{field, "error.length",
                 {{"min", std::to_string(limits::password_min)}, {"max", std::to_string(limits::password_max)}}}};
    return {};
}

FieldErrors validate_organisation_name(const json& value) {
    if (!value.is_string()) return {wrong_type("name", "text")};
    FieldErrors errs;
    check_text("name", value.get<std::string>(), 1, limits::organisation_name_max, errs);
    return errs;
}

FieldErrors read_user(const json& body, bool creating, User& user, std::optional<std::string>& password) {
    if (!body.is_object()) return {wrong_type("", "object")};
    FieldErrors errs;
    auto member = [&](const char* key) -> const json* {
        auto it = body.find(key);
        if (it == body.end() || (it->is_null() && std::string_view(key) != "organisation")) {
            if (creating && (std::string_view(key) == "email" || std::string_view(key) == "name" ||
                             std::string_view(key) == "role"))
                errs.push_back({key, "error.required", {}});
            return nullptr;
        }
        return &*it;
    };
    if (const json* v = member("email")) {
        if (!v->is_string()) {
            errs.push_back(wrong_type("email", "text"));
        } else {
            user.email = normalised_email(v->get<std::string>());
            if (!is_valid_utf8(user.email) || !is_email(user.email)) errs.push_back({"email", "error.email", {}});
        }
    }
    if (const json* v = member("name")) {
        if (!v->is_string()) {
            errs.push_back(wrong_type("name", "text"));
        } else {
            check_text("name", v->get<std::string>(), 1, limits::name_max, errs);
            user.name = std::string(trim(v->get<std::string>()));
        }
    }
    if (const json* v = member("role")) {
        user.role = v->is_string() ? json(*v).get<Role>() : Role::invalid;
        if (user.role == Role::invalid) errs.push_back({"role", "error.choice", {}});
    }
    if (const json* v = member("organisation")) {
        if (v->is_null()) {
            user.organisation.reset();
        } else if (v->is_number_integer() && v->get<std::int64_t>() > 0) {
            user.organisation = v->get<std::int64_t>();
        } else {
            errs.push_back(wrong_type("organisation", "an organisation id"));
        }
    }
    if (const json* v = member("active")) {
        if (v->is_boolean()) user.active = v->get<bool>();
        else errs.push_back(wrong_type("active", "true or false"));
    }
    if (const json* v = member("password")) {
        FieldErrors p = validate_password(*v, "password");
        if (p.empty()) password = v->get<std::string>();
        errs.insert(errs.end(), p.begin(), p.end());
    }
    return errs;
}

}  // namespace spoc
