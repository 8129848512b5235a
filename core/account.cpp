// See account.h.
#include "account.h"

#include <algorithm>

#include "text.h"

namespace spoc {

void to_json(json& j, const Organisation& o) { j = {{"id", o.id}, {"name", o.name}}; }

namespace {

std::optional<std::int64_t> optional_id(const json& j, const char* key) {
    const auto it = j.find(key);
    if (it == j.end() || !it->is_number_integer()) return std::nullopt;
    return it->get<std::int64_t>();
}

std::vector<std::int64_t> ids(const json& j, const char* key) {
    std::vector<std::int64_t> out;
    const auto it = j.find(key);
    if (it != j.end() && it->is_array())
        for (const json& v : *it)
            if (v.is_number_integer()) out.push_back(v.get<std::int64_t>());
    return out;
}

}  // namespace

void from_json(const json& j, Organisation& o) {
    o.id = optional_id(j, "id").value_or(0);
    o.name = j.value("name", json("")).is_string() ? j.value("name", "") : "";
}

void from_json(const json& j, User& u) {
    auto text = [&j](const char* key) {
        const json v = j.value(key, json());
        return v.is_string() ? v.get<std::string>() : std::string();
    };
    u.id = optional_id(j, "id").value_or(0);
    u.email = text("email");
    u.name = text("name");
    const json role = j.value("role", json());
    u.role = role.is_string() ? role.get<Role>() : Role::invalid;
    u.organisation = optional_id(j, "organisation");
    u.groups = ids(j, "groups");
    const json active = j.value("active", json(true));
    u.active = active.is_boolean() ? active.get<bool>() : true;
}

void from_json(const json& j, SupportGroup& g) {
    g.id = optional_id(j, "id").value_or(0);
    const json name = j.value("name", json());
    g.name = name.is_string() ? name.get<std::string>() : "";
    from_json(j.value("tier", json()), g.tier);
    g.members = ids(j, "members");
}

void to_json(json& j, const User& u) {
    j = {{"id", u.id},     {"email", u.email},   {"name", u.name},
         {"role", u.role}, {"groups", u.groups}, {"active", u.active}};
    j["organisation"] = u.organisation ? json(*u.organisation) : json(nullptr);
}

void to_json(json& j, const Tier& t) {
    switch (t) {
        case Tier::service_desk: j = 1; return;
        case Tier::customer_support: j = 1.5; return;
        case Tier::specialists: j = 2; return;
        case Tier::vendors: j = 3; return;
        case Tier::invalid: break;
    }
    j = nullptr;
}

void from_json(const json& j, Tier& t) {
    t = Tier::invalid;
    if (!j.is_number()) return;
    const double v = j.get<double>();
    if (v == 1) t = Tier::service_desk;
    else if (v == 1.5) t = Tier::customer_support;
    else if (v == 2) t = Tier::specialists;
    else if (v == 3) t = Tier::vendors;
}

const char* tier_text(Tier t) {
    switch (t) {
        case Tier::service_desk: return "1";
        case Tier::customer_support: return "1.5";
        case Tier::specialists: return "2";
        case Tier::vendors: return "3";
        case Tier::invalid: break;
    }
    return "";
}

Tier tier_from_text(const std::string& s) {
    for (Tier t : {Tier::service_desk, Tier::customer_support, Tier::specialists, Tier::vendors})
        if (s == tier_text(t)) return t;
    return Tier::invalid;
}

void to_json(json& j, const SupportGroup& g) {
    j = {{"id", g.id}, {"name", g.name}, {"tier", g.tier}, {"members", g.members}};
}

FieldErrors read_group(const json& body, bool creating, SupportGroup& group) {
    if (!body.is_object()) return {wrong_type("", "object")};
    FieldErrors errs;
    // A member that is there counts, even as null (which no member of a group may be).
    auto present = [&](const char* key) {
        if (body.contains(key)) return true;
        if (creating && std::string_view(key) != "members") errs.push_back({key, "error.required", {}});
        return false;
    };
    if (present("name")) {
        const json& v = body["name"];
        if (v.is_null()) {
            errs.push_back({"name", "error.required", {}});
        } else if (!v.is_string()) {
            errs.push_back(wrong_type("name", "text"));
        } else {
            check_text("name", v.get<std::string>(), 1, limits::organisation_name_max, errs);
            group.name = std::string(trim(v.get<std::string>()));
        }
    }
    if (present("tier")) {
        group.tier = body["tier"].get<Tier>();
        if (group.tier == Tier::invalid) errs.push_back({"tier", "error.choice", {}});
    }
    if (present("members")) {
        const json& v = body["members"];
        std::vector<std::int64_t> ids;
        bool ok = v.is_array();
        for (const json& id : ok ? v : json::array()) {
            if (!id.is_number_integer() || id.get<std::int64_t>() <= 0) ok = false;
            else ids.push_back(id.get<std::int64_t>());
        }
        if (!ok) {
            errs.push_back(wrong_type("members", "a list of user ids"));
        } else {
            std::sort(ids.begin(), ids.end());
            ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
            group.members = std::move(ids);
        }
    }
    return errs;
}

std::string normalised_email(std::string_view email) { return ascii_lowercase(trim(email)); }

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
