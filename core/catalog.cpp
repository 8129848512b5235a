// Catalog of request types and its two JSON forms (configuration and API).
#include "catalog.h"

namespace spoc {

const RequestType* Catalog::find(const std::string& id) const {
    for (const auto& t : types)
        if (t.id == id) return &t;
    return nullptr;
}

std::string localize(const json& text, const std::string& lang) {
    if (text.is_string()) return text.get<std::string>();
    if (!text.is_object() || text.empty()) return {};
    for (const char* key : {lang.c_str(), "en"}) {
        auto it = text.find(key);
        if (it != text.end() && it->is_string()) return it->get<std::string>();
    }
    const auto& first = *text.begin();
    return first.is_string() ? first.get<std::string>() : std::string();
}

Catalog catalog_from_config(const json& config, const std::string& lang) {
    Catalog c;
    for (const auto& t : config.value("types", json::array())) {
        RequestType rt;
        rt.id = t.value("id", "");
        rt.name = localize(t.value("name", json()), lang);
        rt.kind = t.value("kind", json()).get<Kind>();
        rt.description = localize(t.value("description", json()), lang);
        for (const auto& f : t.value("fields", json::array())) {
            FormField ff;
            ff.id = f.value("id", "");
            ff.label = localize(f.value("label", json()), lang);
            ff.type = f.value("type", "text");
            ff.required = f.value("required", false);
            for (const auto& o : f.value("options", json::array()))
                ff.options.push_back({o.value("value", ""), localize(o.value("label", json()), lang)});
            rt.fields.push_back(std::move(ff));
        }
        c.types.push_back(std::move(rt));
    }
    return c;
}

void to_json(json& j, const FieldOption& o) { j = json{{"value", o.value}, {"label", o.label}}; }
void from_json(const json& j, FieldOption& o) {
    o.value = j.value("value", "");
    o.label = j.value("label", "");
}

void to_json(json& j, const FormField& f) {
    j = json{{"id", f.id}, {"label", f.label}, {"type", f.type}, {"required", f.required}};
    if (!f.options.empty()) j["options"] = f.options;
}
void from_json(const json& j, FormField& f) {
    f.id = j.value("id", "");
    f.label = j.value("label", "");
    f.type = j.value("type", "text");
    f.required = j.value("required", false);
    f.options = j.value("options", std::vector<FieldOption>{});
}

void to_json(json& j, const RequestType& t) {
    j = json{{"id", t.id}, {"name", t.name}, {"kind", t.kind}, {"description", t.description}, {"fields", t.fields}};
}
void from_json(const json& j, RequestType& t) {
    t.id = j.value("id", "");
    t.name = j.value("name", "");
    t.kind = j.value("kind", json()).get<Kind>();
    t.description = j.value("description", "");
    t.fields = j.value("fields", std::vector<FormField>{});
}

void to_json(json& j, const Catalog& c) { j = json{{"items", c.types}, {"next", nullptr}}; }
void from_json(const json& j, Catalog& c) { c.types = j.value("items", std::vector<RequestType>{}); }

}  // namespace spoc
