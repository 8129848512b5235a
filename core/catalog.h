// The catalog of request types a person can choose from (broken hardware, access
// to a system, ...), each with its kind, description and own form fields.
// assets/catalog.json holds every text in English and German; the API serves one language.
#pragma once
#include <string>
#include <vector>

#include "request.h"

namespace spoc {

struct FieldOption {
    std::string value;
    std::string label;
};

struct FormField {
    std::string id;
    std::string label;
    std::string type = "text";  // text, textarea or select
    bool required = false;
    std::vector<FieldOption> options;  // select only
};

struct RequestType {
    std::string id;
    std::string name;
    Kind kind = Kind::invalid;
    std::string description;
    std::vector<FormField> fields;
};

struct Catalog {
    std::vector<RequestType> types;
    const RequestType* find(const std::string& id) const;  // nullptr when unknown
};

// A text in the configuration is either a plain string or {"en": "...", "de": "..."}.
std::string localize(const json& text, const std::string& lang);

// Reads assets/catalog.json's form, resolving every text to lang.
Catalog catalog_from_config(const json& config, const std::string& lang);

void to_json(json& j, const FieldOption& o);
void from_json(const json& j, FieldOption& o);
void to_json(json& j, const FormField& f);
void from_json(const json& j, FormField& f);
void to_json(json& j, const RequestType& t);
void from_json(const json& j, RequestType& t);
void to_json(json& j, const Catalog& c);     // {"items": [...], "next": null}
void from_json(const json& j, Catalog& c);

}  // namespace spoc
