// Knowledge articles: the article and its JSON, its versions, feedback and deflections, and
// what a new article, a change to one, a feedback and a deflection must satisfy.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "article_file.h"
#include "catalog.h"
#include "clock.h"
#include "request.h"
#include "search/index.h"
#include "validation.h"

namespace spoc {

enum class ArticleLang { en, de, invalid };
enum class Visibility { public_, internal, invalid };
enum class ArticleState { draft, published, retired, invalid };

NLOHMANN_JSON_SERIALIZE_ENUM(ArticleLang, {{ArticleLang::invalid, nullptr},
                                           {ArticleLang::en, "en"},
                                           {ArticleLang::de, "de"}})
NLOHMANN_JSON_SERIALIZE_ENUM(Visibility, {{Visibility::invalid, nullptr},
                                          {Visibility::public_, "public"},
                                          {Visibility::internal, "internal"}})
NLOHMANN_JSON_SERIALIZE_ENUM(ArticleState, {{ArticleState::invalid, nullptr},
                                            {ArticleState::draft, "draft"},
                                            {ArticleState::published, "published"},
                                            {ArticleState::retired, "retired"}})

const char* to_string(ArticleLang l);   // "en", "de", "invalid"
const char* to_string(Visibility v);    // "public", "internal", "invalid"
const char* to_string(ArticleState s);  // "draft", "published", "retired", "invalid"
ArticleLang article_lang_from_string(const std::string& s);      // ArticleLang::invalid when unknown
Visibility visibility_from_string(const std::string& s);         // Visibility::invalid when unknown
ArticleState article_state_from_string(const std::string& s);    // ArticleState::invalid when unknown

struct Article {
    Id id = 0;
    std::string slug;  // "vpn-connect-from-home": a stable name, unique within a language
    std::string title;
    std::string body;  // the Markdown subset (markdown.h)
    std::vector<std::string> tags;
    std::vector<std::string> types;  // catalog request types it helps with
    ArticleLang lang = ArticleLang::en;
    Visibility visibility = Visibility::public_;
    ArticleState state = ArticleState::draft;
    int version = 1;
    Timestamp updated_at = 0;
    // For the staff only (access.h's article_view leaves them out for everyone else).
    std::int64_t helpful = 0;      // feedback "helpful"
    std::int64_t unhelpful = 0;    // feedback "not helpful"
    std::int64_t deflections = 0;  // "this solved it", no request filed
};
// Every member, the counters included; updated_at as RFC 3339.
void to_json(json& j, const Article& a);
void from_json(const json& j, Article& a);  // lenient: what the console reads back

// One version of an article as it was written (a full copy), and who wrote it: in JSON the
// article's members without the counters, and "actor" (a user id, or "desk" for the desk
// token, "system" for the seed articles).
struct ArticleVersion {
    Article article;
    Actor actor{"system"};
};
void to_json(json& j, const ArticleVersion& v);
void from_json(const json& j, ArticleVersion& v);

// "Was this helpful?" on an article, with what the person had searched for.
struct ArticleFeedback {
    Id id = 0;
    Id article = 0;
    bool helpful = false;
    std::string query;
    Timestamp at = 0;
    std::optional<Id> user;  // when a signed-in person gave it
};
void to_json(json& j, const ArticleFeedback& f);

// "This solved it": the person read an article instead of filing a request (of `type`, when
// they had chosen one).
struct Deflection {
    Id id = 0;
    Id article = 0;
    std::string query;
    std::string type;  // a catalog request type, or ""
    Timestamp at = 0;
    std::optional<Id> user;
};
void to_json(json& j, const Deflection& d);

namespace limits {
constexpr std::size_t article_title_max = 200;         // characters
constexpr std::size_t article_body_max = 64 * 1024;    // bytes
constexpr std::size_t article_tags_max = 20;
constexpr std::size_t article_tag_max = 50;            // characters
constexpr std::size_t article_types_max = 20;
constexpr std::size_t article_slug_max = 100;          // bytes (a-z, 0-9 and -)
constexpr std::size_t kb_query_max = 500;              // characters: a search, a feedback's or deflection's query
}  // namespace limits

// The rules of an article as a whole: a title of 1-200 characters; a body of at most 64 KiB
// (UTF-8, no control characters), not empty once published; lang en or de; visibility public
// or internal; state draft, published or retired; at most 20 tags of 1-50 characters; types
// from the catalog (at most 20); a slug of a-z, 0-9 and single dashes, at most 100 bytes.
FieldErrors validate_article(const Article& a, const Catalog& catalog);

// POST /api/v1/kb/articles: title, body and lang are required; visibility defaults to public,
// state to draft, the slug to one made from the title (article_slug). Members a client got
// from reading an article (id, version, updated_at and the counters) are ignored; any other
// unknown member is an error. The article gets version 1 at `now`.
FieldErrors read_new_article(const json& body, const Catalog& catalog, Timestamp now, Article& out);

// PATCH /api/v1/kb/articles/{id}: the members given change, the rest stay. With "version",
// the change applies only to that version (else `conflict`: someone changed it meanwhile).
// A change that changes something makes a new version (version + 1, updated_at = now);
// one that changes nothing leaves the article as it is (`changed` false).
struct ArticlePatch {
    FieldErrors errors;
    bool conflict = false;
    bool changed = false;
};
ArticlePatch patch_article(Article& a, const json& body, const Catalog& catalog, Timestamp now);

// A slug made from a title: folded (Drücker -> drucker), words joined by dashes, at most 100
// bytes; "article" when the title has no letter or digit. slug_with_suffix(s, 2) is "s-2",
// shortening s to stay within the limit (for a slug that is taken).
std::string article_slug(const std::string& title);
std::string slug_with_suffix(const std::string& slug, int n);
bool is_slug(const std::string& s);

// POST /api/v1/kb/articles/{id}/feedback: {"helpful": true|false, "query"?: text of at most
// 500 characters}.
FieldErrors read_feedback(const json& body, ArticleFeedback& out);

// POST /api/v1/deflections: {"article": id, "query"?: text, "type"?: a catalog request type}.
FieldErrors read_deflection(const json& body, const Catalog& catalog, Deflection& out);

// A seed file (assets/kb) as a published article, version 1, at `now`.
Article seed_article(const ArticleFile& file, Timestamp now);

// What the search index needs of an article: its words as plain text.
search::IndexedArticle indexed_article(const Article& a);

}  // namespace spoc
