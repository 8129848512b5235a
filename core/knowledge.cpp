// Knowledge articles: JSON, the rules of a new article and of a change, slugs, feedback and
// deflections. See knowledge.h.
#include "knowledge.h"

#include <algorithm>
#include <set>

#include "markdown.h"
#include "search/fold.h"
#include "text.h"

namespace spoc {
namespace {

json id_or_null(const std::optional<Id>& id) { return id ? json(*id) : json(nullptr); }

// The members of an article a client may send back as it read them; they change nothing.
bool read_only_member(const std::string& key) {
    return key == "id" || key == "version" || key == "updated_at" || key == "helpful" || key == "unhelpful" ||
           key == "deflections";
}

bool writable_member(const std::string& key) {
    return key == "slug" || key == "title" || key == "body" || key == "tags" || key == "types" || key == "lang" ||
           key == "visibility" || key == "state";
}

template <typename Enum>
void read_choice(const json& body, const char* key, Enum invalid, Enum& out, FieldErrors& errs) {
    const json& v = body[key];
    if (v.is_null()) return;  // the default of a new article; a change says it is required
    if (!v.is_string()) return errs.push_back(wrong_type(key, "text"));
    out = v.get<Enum>();
    if (out == invalid) errs.push_back({key, "error.choice", {}});
}

// A list of short texts: trimmed, duplicates (case aside) dropped, in the order given.
void read_list(const json& body, const char* key, std::vector<std::string>& out, FieldErrors& errs) {
    const json& v = body[key];
    if (v.is_null()) return out.clear();
    if (!v.is_array() || !std::all_of(v.begin(), v.end(), [](const json& e) { return e.is_string(); }))
        return errs.push_back(wrong_type(key, "a list of texts"));
    std::vector<std::string> items;
    std::set<std::string> seen;
    for (const json& e : v) {
        const std::string item(trim(e.get<std::string>()));
        if (seen.insert(ascii_lowercase(item)).second) items.push_back(item);
    }
    out = std::move(items);
}

// Reads the writable members present in body over `a`; unknown members are errors.
FieldErrors read_article_members(const json& body, Article& a) {
    FieldErrors errs;
    for (const auto& member : body.items())
        if (!writable_member(member.key()) && !read_only_member(member.key()))
            errs.push_back({member.key(), "error.unknown_field", {}});
    auto text = [&](const char* key, std::string& out, bool keep_as_written) {
        if (!body.contains(key)) return;
        const json& v = body[key];
        if (v.is_null()) return out.clear();
        if (!v.is_string()) return errs.push_back(wrong_type(key, "text"));
        out = keep_as_written ? v.get<std::string>() : std::string(trim(v.get<std::string>()));
    };
    text("slug", a.slug, false);
    text("title", a.title, false);
    text("body", a.body, true);
    if (body.contains("tags")) read_list(body, "tags", a.tags, errs);
    if (body.contains("types")) read_list(body, "types", a.types, errs);
    if (body.contains("lang")) read_choice(body, "lang", ArticleLang::invalid, a.lang, errs);
    if (body.contains("visibility")) read_choice(body, "visibility", Visibility::invalid, a.visibility, errs);
    if (body.contains("state")) read_choice(body, "state", ArticleState::invalid, a.state, errs);
    return errs;
}

// Adds the rules' errors for the fields whose reading went well, so that one answer names
// every field at fault once, in the order of the article's members (unknown members last).
void add_rule_errors(const Article& a, const Catalog& catalog, FieldErrors& errs) {
    for (FieldError& e : validate_article(a, catalog))
        if (!error_for(errs, e.field)) errs.push_back(std::move(e));
    static const char* const order[] = {"", "slug", "title", "body", "lang", "visibility", "state", "tags", "types", "version"};
    const auto rank = [](const FieldError& e) {
        return std::find(std::begin(order), std::end(order), e.field) - std::begin(order);
    };
    std::stable_sort(errs.begin(), errs.end(), [&](const FieldError& x, const FieldError& y) { return rank(x) < rank(y); });
}

bool same_content(const Article& x, const Article& y) {
    return x.slug == y.slug && x.title == y.title && x.body == y.body && x.tags == y.tags && x.types == y.types &&
           x.lang == y.lang && x.visibility == y.visibility && x.state == y.state;
}

void read_query(const json& body, std::string& out, FieldErrors& errs) {
    if (!body.contains("query") || body["query"].is_null()) return;
    if (!body["query"].is_string()) return errs.push_back(wrong_type("query", "text"));
    out = std::string(trim(body["query"].get<std::string>()));
    check_text("query", out, 0, limits::kb_query_max, errs);
}

void article_members(json& j, const Article& a) {
    j = json{{"id", a.id},
             {"slug", a.slug},
             {"title", a.title},
             {"body", a.body},
             {"tags", a.tags},
             {"types", a.types},
             {"lang", a.lang},
             {"visibility", a.visibility},
             {"state", a.state},
             {"version", a.version},
             {"updated_at", to_rfc3339(a.updated_at)}};
}

}  // namespace

const char* to_string(ArticleLang l) {
    switch (l) {
        case ArticleLang::en: return "en";
        case ArticleLang::de: return "de";
        default: return "invalid";
    }
}

const char* to_string(Visibility v) {
    switch (v) {
        case Visibility::public_: return "public";
        case Visibility::internal: return "internal";
        default: return "invalid";
    }
}

const char* to_string(ArticleState s) {
    switch (s) {
        case ArticleState::draft: return "draft";
        case ArticleState::published: return "published";
        case ArticleState::retired: return "retired";
        default: return "invalid";
    }
}

ArticleLang article_lang_from_string(const std::string& s) { return json(s).get<ArticleLang>(); }
Visibility visibility_from_string(const std::string& s) { return json(s).get<Visibility>(); }
ArticleState article_state_from_string(const std::string& s) { return json(s).get<ArticleState>(); }

void to_json(json& j, const Article& a) {
    article_members(j, a);
    j["helpful"] = a.helpful;
    j["unhelpful"] = a.unhelpful;
    j["deflections"] = a.deflections;
}

void from_json(const json& j, Article& a) {
    a = Article{};
    a.id = j.value("id", Id{0});
    a.slug = j.value("slug", "");
    a.title = j.value("title", "");
    a.body = j.value("body", "");
    a.tags = j.value("tags", std::vector<std::string>{});
    a.types = j.value("types", std::vector<std::string>{});
    a.lang = j.value("lang", ArticleLang::invalid);
    a.visibility = j.value("visibility", Visibility::invalid);
    a.state = j.value("state", ArticleState::invalid);
    a.version = j.value("version", 0);
    a.updated_at = from_rfc3339(j.value("updated_at", "")).value_or(0);
    a.helpful = j.value("helpful", std::int64_t{0});
    a.unhelpful = j.value("unhelpful", std::int64_t{0});
    a.deflections = j.value("deflections", std::int64_t{0});
}

void to_json(json& j, const ArticleVersion& v) {
    article_members(j, v.article);
    j["actor"] = v.actor.user ? json(*v.actor.user) : json(v.actor.party);
    j["party"] = v.actor.party;
}

void from_json(const json& j, ArticleVersion& v) {
    from_json(j, v.article);
    const json actor = j.value("actor", json());
    v.actor = Actor(j.value("party", "system"), actor.is_number_integer() ? std::optional<Id>(actor.get<Id>())
                                                                          : std::nullopt);
}

void to_json(json& j, const ArticleFeedback& f) {
    j = json{{"id", f.id},         {"article", f.article},       {"helpful", f.helpful},
             {"query", f.query},   {"at", to_rfc3339(f.at)},     {"user", id_or_null(f.user)}};
}

void to_json(json& j, const Deflection& d) {
    j = json{{"id", d.id},       {"article", d.article},   {"query", d.query}, {"type", d.type.empty() ? json() : json(d.type)},
             {"at", to_rfc3339(d.at)}, {"user", id_or_null(d.user)}};
}

bool is_slug(const std::string& s) {
    if (s.empty() || s.size() > limits::article_slug_max || s.front() == '-' || s.back() == '-') return false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c == '-' && s[i - 1] != '-');
        if (!ok) return false;
    }
    return true;
}

std::string article_slug(const std::string& title) {
    const std::string folded = search::fold(title);
    std::string slug;
    for (const char c : folded) {
        const bool word = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
        if (word) slug += c;
        else if (!slug.empty() && slug.back() != '-') slug += '-';
    }
    if (slug.size() > limits::article_slug_max) {
        slug.resize(limits::article_slug_max);
        const auto dash = slug.rfind('-');
        if (dash != std::string::npos && dash > limits::article_slug_max / 2) slug.resize(dash);
    }
    while (!slug.empty() && slug.back() == '-') slug.pop_back();
    return slug.empty() ? "article" : slug;
}

std::string slug_with_suffix(const std::string& slug, int n) {
    const std::string suffix = "-" + std::to_string(n);
    std::string base = slug.substr(0, limits::article_slug_max - suffix.size());
    while (!base.empty() && base.back() == '-') base.pop_back();
    return base + suffix;
}

FieldErrors validate_article(const Article& a, const Catalog& catalog) {
    FieldErrors errs;
    if (!is_slug(a.slug)) errs.push_back({"slug", "error.slug", {{"max", std::to_string(limits::article_slug_max)}}});
    check_text("title", a.title, 1, limits::article_title_max, errs);
    if (!is_valid_utf8(a.body)) errs.push_back({"body", "error.utf8", {}});
    else if (has_control_characters(a.body)) errs.push_back({"body", "error.control", {}});
    else if (a.body.size() > limits::article_body_max)
        errs.push_back({"body", "error.too_big", {{"max", std::to_string(limits::article_body_max / 1024) + " KiB"}}});
    else if (a.state == ArticleState::published && trim(a.body).empty())
        errs.push_back({"body", "error.required", {}});
    if (a.lang == ArticleLang::invalid) errs.push_back({"lang", "error.choice", {}});
    if (a.visibility == Visibility::invalid) errs.push_back({"visibility", "error.choice", {}});
    if (a.state == ArticleState::invalid) errs.push_back({"state", "error.choice", {}});
    if (a.tags.size() > limits::article_tags_max)
        errs.push_back({"tags", "error.too_many", {{"max", std::to_string(limits::article_tags_max)}}});
    for (const std::string& tag : a.tags) {
        FieldErrors tag_errors;
        check_text("tags", tag, 1, limits::article_tag_max, tag_errors);
        if (!tag_errors.empty()) {
            errs.push_back(tag_errors.front());
            break;
        }
    }
    if (a.types.size() > limits::article_types_max)
        errs.push_back({"types", "error.too_many", {{"max", std::to_string(limits::article_types_max)}}});
    else
        for (const std::string& type : a.types)
            if (!catalog.find(type)) {
                errs.push_back({"types", "error.unknown_type", {{"type", type}}});
                break;
            }
    return errs;
}

FieldErrors read_new_article(const json& body, const Catalog& catalog, Timestamp now, Article& out) {
    if (!body.is_object()) return {wrong_type("", "object")};
    Article a;
    a.lang = ArticleLang::invalid;
    FieldErrors errs = read_article_members(body, a);
    for (const char* key : {"title", "body", "lang"})
        if (!body.contains(key) || body[key].is_null()) errs.push_back({key, "error.required", {}});
    const bool slug_given = body.contains("slug") && !body["slug"].is_null();
    if (!slug_given) a.slug = article_slug(a.title);
    add_rule_errors(a, catalog, errs);
    if (!errs.empty()) return errs;
    a.version = 1;
    a.updated_at = now;
    out = std::move(a);
    return {};
}

ArticlePatch patch_article(Article& a, const json& body, const Catalog& catalog, Timestamp now) {
    ArticlePatch result;
    if (!body.is_object()) {
        result.errors = {wrong_type("", "object")};
        return result;
    }
    Article changed = a;
    result.errors = read_article_members(body, changed);
    if (body.contains("version") && !body["version"].is_number_integer())
        result.errors.push_back(wrong_type("version", "a whole number"));
    for (const char* key : {"title", "lang", "visibility", "state", "slug"})
        if (body.contains(key) && body[key].is_null()) result.errors.push_back({key, "error.required", {}});
    add_rule_errors(changed, catalog, result.errors);
    if (!result.errors.empty()) return result;
    if (body.contains("version") && body["version"].get<std::int64_t>() != a.version) {
        result.conflict = true;
        return result;
    }
    if (same_content(a, changed)) return result;
    changed.version = a.version + 1;
    changed.updated_at = now;
    a = std::move(changed);
    result.changed = true;
    return result;
}

FieldErrors read_feedback(const json& body, ArticleFeedback& out) {
    if (!body.is_object()) return {wrong_type("", "object")};
    FieldErrors errs;
    for (const auto& member : body.items())
        if (member.key() != "helpful" && member.key() != "query") errs.push_back({member.key(), "error.unknown_field", {}});
    if (!body.contains("helpful") || body["helpful"].is_null()) errs.push_back({"helpful", "error.required", {}});
    else if (!body["helpful"].is_boolean()) errs.push_back(wrong_type("helpful", "true or false"));
    else out.helpful = body["helpful"].get<bool>();
    read_query(body, out.query, errs);
    return errs;
}

FieldErrors read_deflection(const json& body, const Catalog& catalog, Deflection& out) {
    if (!body.is_object()) return {wrong_type("", "object")};
    FieldErrors errs;
    for (const auto& member : body.items())
        if (member.key() != "article" && member.key() != "query" && member.key() != "type")
            errs.push_back({member.key(), "error.unknown_field", {}});
    if (!body.contains("article") || body["article"].is_null()) errs.push_back({"article", "error.required", {}});
    else if (!body["article"].is_number_integer() || body["article"].get<std::int64_t>() <= 0)
        errs.push_back(wrong_type("article", "an article's id"));
    else out.article = body["article"].get<Id>();
    read_query(body, out.query, errs);
    if (body.contains("type") && !body["type"].is_null()) {
        if (!body["type"].is_string()) errs.push_back(wrong_type("type", "text"));
        else if (!catalog.find(body["type"].get<std::string>())) errs.push_back({"type", "error.unknown_type", {}});
        else out.type = body["type"].get<std::string>();
    }
    return errs;
}

Article seed_article(const ArticleFile& file, Timestamp now) {
    Article a;
    a.slug = file.slug;
    a.title = file.title;
    a.body = file.body;
    a.tags = file.tags;
    a.types = file.types;
    a.lang = article_lang_from_string(file.lang);
    a.visibility = visibility_from_string(file.visibility);
    a.state = ArticleState::published;
    a.version = 1;
    a.updated_at = now;
    return a;
}

search::IndexedArticle indexed_article(const Article& a) {
    return {a.id, a.title, markdown_plain_text(a.body), a.tags, a.types, to_string(a.lang)};
}

}  // namespace spoc
