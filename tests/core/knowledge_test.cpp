// Covers knowledge articles in core: their JSON, the rules of a new article and of a change
// (versions), slugs, feedback and deflections, the seed files as articles, and who may read,
// write and see the history of which article.
#include <doctest/doctest.h>

#include <string>

#include "access.h"
#include "catalog.h"
#include "embedded_assets.h"
#include "knowledge.h"

using namespace spoc;

namespace {

const Catalog& catalog() {
    static const Catalog c = catalog_from_config(json::parse(assets::catalog_json), "en");
    return c;
}

json new_article(const json& changes = json::object()) {
    json body = {{"title", "Connect to the VPN from home"},
                 {"body", "## Connect\n\n1. Click **Connect**."},
                 {"lang", "en"},
                 {"tags", {"vpn", "remote"}},
                 {"types", {"network_vpn"}}};
    body.merge_patch(changes);
    return body;
}

Article article(const json& changes = json::object()) {
    Article a;
    REQUIRE(read_new_article(new_article(changes), catalog(), 1000, a).empty());
    a.id = 7;
    return a;
}

std::string first_field(const FieldErrors& errs) { return errs.empty() ? "" : errs.front().field; }
std::string first_code(const FieldErrors& errs) { return errs.empty() ? "" : errs.front().code; }

}  // namespace

TEST_CASE("an article's JSON has every member, its enums as lowercase strings, and reads back") {
    Article a = article({{"visibility", "internal"}, {"state", "published"}});
    a.helpful = 3;
    a.unhelpful = 1;
    a.deflections = 5;
    const json j = a;
    CHECK(j["id"] == 7);
    CHECK(j["slug"] == "connect-to-the-vpn-from-home");
    CHECK(j["lang"] == "en");
    CHECK(j["visibility"] == "internal");
    CHECK(j["state"] == "published");
    CHECK(j["version"] == 1);
    CHECK(j["updated_at"] == "1970-01-01T00:16:40Z");
    CHECK(j["tags"] == json({"vpn", "remote"}));
    CHECK(j["types"] == json({"network_vpn"}));
    CHECK(j["helpful"] == 3);
    CHECK(j["unhelpful"] == 1);
    CHECK(j["deflections"] == 5);
    const Article back = j.get<Article>();
    CHECK(json(back) == j);
}

TEST_CASE("unknown lang, visibility and state strings read as the explicit invalid values") {
    CHECK(article_lang_from_string("fr") == ArticleLang::invalid);
    CHECK(visibility_from_string("secret") == Visibility::invalid);
    CHECK(article_state_from_string("Published") == ArticleState::invalid);
    CHECK(article_state_from_string("retired") == ArticleState::retired);
    CHECK(std::string(to_string(Visibility::public_)) == "public");
}

TEST_CASE("a new article defaults to a public draft, version 1, with a slug made from its title") {
    Article a;
    REQUIRE(read_new_article(new_article({{"title", "  Drücker: Straße 5 — einrichten!  "}, {"lang", "de"}}),
                             catalog(), 42, a)
                .empty());
    CHECK(a.title == "Drücker: Straße 5 — einrichten!");
    CHECK(a.slug == "drucker-strasse-5-einrichten");
    CHECK(a.state == ArticleState::draft);
    CHECK(a.visibility == Visibility::public_);
    CHECK(a.lang == ArticleLang::de);
    CHECK(a.version == 1);
    CHECK(a.updated_at == 42);
}

TEST_CASE("a new article needs a title, a body and a language, and says which field is wrong") {
    Article a;
    SUBCASE("missing members") {
        const FieldErrors errs = read_new_article(json::object(), catalog(), 0, a);
        REQUIRE(errs.size() == 3);
        CHECK(errs[0].field == "title");
        CHECK(errs[1].field == "body");
        CHECK(errs[2].field == "lang");
        CHECK(errs[0].code == "error.required");
    }
    SUBCASE("a title of 201 characters") {
        const FieldErrors errs = read_new_article(new_article({{"title", std::string(201, 'x')}}), catalog(), 0, a);
        CHECK(first_field(errs) == "title");
        CHECK(first_code(errs) == "error.too_long");
        CHECK(read_new_article(new_article({{"title", std::string(200, 'x')}}), catalog(), 0, a).empty());
    }
    SUBCASE("a blank title") {
        CHECK(first_code(read_new_article(new_article({{"title", "   "}}), catalog(), 0, a)) == "error.required");
    }
    SUBCASE("a body over 64 KiB") {
        const FieldErrors errs = read_new_article(new_article({{"body", std::string(65537, 'x')}}), catalog(), 0, a);
        CHECK(first_field(errs) == "body");
        CHECK(first_code(errs) == "error.too_big");
        CHECK(read_new_article(new_article({{"body", std::string(65536, 'x')}}), catalog(), 0, a).empty());
    }
    SUBCASE("a body with a control character") {
        CHECK(first_code(read_new_article(new_article({{"body", "a\x1b[31m"}}), catalog(), 0, a)) == "error.control");
    }
    SUBCASE("a published article with an empty body") {
        const FieldErrors errs = read_new_article(new_article({{"body", ""}, {"state", "published"}}), catalog(), 0, a);
        CHECK(first_field(errs) == "body");
        CHECK(first_code(errs) == "error.required");
        CHECK(read_new_article(new_article({{"body", ""}}), catalog(), 0, a).empty());  // a draft may be empty
    }
    SUBCASE("lang, visibility and state outside their choices, or not text") {
        CHECK(first_field(read_new_article(new_article({{"lang", "fr"}}), catalog(), 0, a)) == "lang");
        CHECK(first_code(read_new_article(new_article({{"lang", "fr"}}), catalog(), 0, a)) == "error.choice");
        CHECK(first_field(read_new_article(new_article({{"visibility", "secret"}}), catalog(), 0, a)) == "visibility");
        CHECK(first_field(read_new_article(new_article({{"state", "PUBLISHED"}}), catalog(), 0, a)) == "state");
        CHECK(first_code(read_new_article(new_article({{"state", 1}}), catalog(), 0, a)) == "error.wrong_type");
    }
    SUBCASE("types that are not in the catalog") {
        const FieldErrors errs = read_new_article(new_article({{"types", {"network_vpn", "coffee"}}}), catalog(), 0, a);
        CHECK(first_field(errs) == "types");
        CHECK(first_code(errs) == "error.unknown_type");
        CHECK(first_code(read_new_article(new_article({{"types", "network_vpn"}}), catalog(), 0, a)) ==
              "error.wrong_type");
    }
    SUBCASE("more than 20 tags, or a tag that is long or empty") {
        json tags = json::array();
        for (int i = 0; i < 21; ++i) tags.push_back("tag" + std::to_string(i));
        CHECK(first_code(read_new_article(new_article({{"tags", tags}}), catalog(), 0, a)) == "error.too_many");
        tags.erase(tags.begin());
        CHECK(read_new_article(new_article({{"tags", tags}}), catalog(), 0, a).empty());
        CHECK(first_field(read_new_article(new_article({{"tags", {std::string(51, 't')}}}), catalog(), 0, a)) == "tags");
        CHECK(first_code(read_new_article(new_article({{"tags", {" "}}}), catalog(), 0, a)) == "error.required");
        CHECK(first_code(read_new_article(new_article({{"tags", {1}}}), catalog(), 0, a)) == "error.wrong_type");
    }
    SUBCASE("a slug that is not lowercase words with dashes") {
        for (const char* slug : {"VPN", "vpn--home", "-vpn", "vpn-", "vpn home", "", "düsseldorf"})
            CHECK(first_field(read_new_article(new_article({{"slug", slug}}), catalog(), 0, a)) == "slug");
        CHECK(read_new_article(new_article({{"slug", "vpn-2"}}), catalog(), 0, a).empty());
        CHECK(a.slug == "vpn-2");
    }
    SUBCASE("an unknown member; read-only members a client read back are ignored") {
        const FieldErrors errs = read_new_article(new_article({{"titel", "x"}}), catalog(), 0, a);
        CHECK(first_field(errs) == "titel");
        CHECK(first_code(errs) == "error.unknown_field");
        CHECK(read_new_article(new_article({{"id", 99}, {"version", 5}, {"helpful", 3}}), catalog(), 0, a).empty());
        CHECK(a.version == 1);
        CHECK(a.helpful == 0);
    }
}

TEST_CASE("tags and types drop duplicates (case aside) and blanks around them") {
    const Article a = article({{"tags", {" VPN ", "vpn", "Remote"}}, {"types", {"network_vpn", "network_vpn"}}});
    CHECK(a.tags == std::vector<std::string>{"VPN", "Remote"});
    CHECK(a.types == std::vector<std::string>{"network_vpn"});
}

TEST_CASE("a change makes a new version; a change that changes nothing makes none") {
    Article a = article();
    SUBCASE("a new title") {
        const ArticlePatch p = patch_article(a, {{"title", "VPN from home"}}, catalog(), 2000);
        CHECK(p.errors.empty());
        CHECK(p.changed);
        CHECK(a.title == "VPN from home");
        CHECK(a.slug == "connect-to-the-vpn-from-home");  // a slug stays when the title changes
        CHECK(a.version == 2);
        CHECK(a.updated_at == 2000);
    }
    SUBCASE("publishing, then retiring") {
        CHECK(patch_article(a, {{"state", "published"}}, catalog(), 2000).changed);
        CHECK(patch_article(a, {{"state", "retired"}}, catalog(), 3000).changed);
        CHECK(a.state == ArticleState::retired);
        CHECK(a.version == 3);
    }
    SUBCASE("the same values again") {
        const ArticlePatch p = patch_article(a, {{"title", a.title}, {"tags", a.tags}}, catalog(), 2000);
        CHECK(p.errors.empty());
        CHECK_FALSE(p.changed);
        CHECK(a.version == 1);
        CHECK(a.updated_at == 1000);
    }
    SUBCASE("based on an older version: a conflict, nothing changes") {
        CHECK(patch_article(a, {{"title", "First"}}, catalog(), 2000).changed);
        const ArticlePatch p = patch_article(a, {{"title", "Second"}, {"version", 1}}, catalog(), 3000);
        CHECK(p.conflict);
        CHECK_FALSE(p.changed);
        CHECK(a.title == "First");
        CHECK(patch_article(a, {{"title", "Second"}, {"version", 2}}, catalog(), 3000).changed);
        CHECK(a.version == 3);
    }
    SUBCASE("invalid members: errors, nothing changes") {
        const ArticlePatch p = patch_article(a, {{"title", ""}, {"lang", "fr"}}, catalog(), 2000);
        REQUIRE(p.errors.size() == 2);
        CHECK(p.errors[0].field == "title");
        CHECK(p.errors[1].field == "lang");
        CHECK_FALSE(p.changed);
        CHECK(a.title == "Connect to the VPN from home");
        CHECK(first_code(patch_article(a, {{"state", nullptr}}, catalog(), 2000).errors) == "error.required");
        CHECK(first_code(patch_article(a, {{"version", "1"}}, catalog(), 2000).errors) == "error.wrong_type");
        CHECK(first_code(patch_article(a, json::array(), catalog(), 2000).errors) == "error.wrong_type");
    }
    SUBCASE("publishing an article whose body is empty") {
        CHECK(patch_article(a, {{"body", ""}}, catalog(), 2000).changed);
        CHECK(first_field(patch_article(a, {{"state", "published"}}, catalog(), 3000).errors) == "body");
        CHECK(a.state == ArticleState::draft);
    }
}

TEST_CASE("slugs: folded words with dashes, at most 100 bytes, a suffix for one that is taken") {
    CHECK(article_slug("Can't log in to the VPN?") == "can-t-log-in-to-the-vpn");
    CHECK(article_slug("WLAN für Gäste") == "wlan-fur-gaste");
    CHECK(article_slug("???") == "article");
    const std::string long_slug = article_slug(std::string(60, 'a') + " " + std::string(60, 'b'));
    CHECK(long_slug == std::string(60, 'a'));
    CHECK(is_slug(long_slug));
    CHECK(slug_with_suffix("vpn", 2) == "vpn-2");
    const std::string hundred = std::string(99, 'a') + "b";
    CHECK(slug_with_suffix(hundred, 12).size() == 100);
    CHECK(is_slug(slug_with_suffix(hundred, 12)));
    CHECK_FALSE(is_slug(std::string(101, 'a')));
}

TEST_CASE("feedback: helpful is true or false; the query is optional text of at most 500 characters") {
    ArticleFeedback f;
    CHECK(read_feedback({{"helpful", false}, {"query", "  cant log in vpn "}}, f).empty());
    CHECK_FALSE(f.helpful);
    CHECK(f.query == "cant log in vpn");
    CHECK(read_feedback({{"helpful", true}}, f).empty());
    CHECK(f.helpful);
    CHECK(first_field(read_feedback(json::object(), f)) == "helpful");
    CHECK(first_code(read_feedback({{"helpful", "yes"}}, f)) == "error.wrong_type");
    CHECK(first_field(read_feedback({{"helpful", true}, {"query", std::string(501, 'q')}}, f)) == "query");
    CHECK(read_feedback({{"helpful", true}, {"query", std::string(500, 'q')}}, f).empty());
    CHECK(first_code(read_feedback({{"helpful", true}, {"extra", 1}}, f)) == "error.unknown_field");
}

TEST_CASE("a deflection names an article, and may carry the query and a request type from the catalog") {
    Deflection d;
    CHECK(read_deflection({{"article", 3}, {"query", "vpn"}, {"type", "network_vpn"}}, catalog(), d).empty());
    CHECK(d.article == 3);
    CHECK(d.type == "network_vpn");
    CHECK(first_field(read_deflection({{"query", "vpn"}}, catalog(), d)) == "article");
    CHECK(first_field(read_deflection({{"article", 0}}, catalog(), d)) == "article");
    CHECK(first_field(read_deflection({{"article", "3"}}, catalog(), d)) == "article");
    CHECK(first_code(read_deflection({{"article", 3}, {"type", "coffee"}}, catalog(), d)) == "error.unknown_type");
    const json j = Deflection{1, 3, "vpn", "", 0, std::nullopt};
    CHECK(j["type"].is_null());
    CHECK(j["user"].is_null());
}

TEST_CASE("a seed file becomes a published article, version 1, that keeps its visibility") {
    const auto file = parse_article_file("---\ntitle: Unlock an account\ntypes: account_locked\nvisibility: internal\n---\nSteps.",
                                         "en", "unlock-account-in-directory");
    const Article a = seed_article(file, 500);
    CHECK(a.slug == "unlock-account-in-directory");
    CHECK(a.state == ArticleState::published);
    CHECK(a.visibility == Visibility::internal);
    CHECK(a.version == 1);
    CHECK(validate_article(a, catalog()).empty());
    const auto indexed = indexed_article(a);
    CHECK(indexed.lang == "en");
    CHECK(indexed.body == "Steps.");
}

TEST_CASE("who may read, write and see the history of an article, by role and the article's state and visibility") {
    Article public_published = article({{"state", "published"}});
    Article internal = article({{"state", "published"}, {"visibility", "internal"}});
    Article draft = article();
    Article retired = article({{"state", "retired"}});
    const Role guest = Role::invalid;  // nobody signed in
    for (const Role role : {guest, Role::requester, Role::org_helpdesk}) {
        CAPTURE(static_cast<int>(role));
        CHECK(may_read_article(role, public_published));
        CHECK_FALSE(may_read_article(role, internal));
        CHECK_FALSE(may_read_article(role, draft));
        CHECK_FALSE(may_read_article(role, retired));
        CHECK_FALSE(may_write_articles(role));
        CHECK_FALSE(may_see_article_history(role));
        CHECK_FALSE(may_list_unpublished(role));
    }
    for (const Role role : {Role::agent, Role::resolver, Role::manager, Role::admin}) {
        CAPTURE(static_cast<int>(role));
        for (const Article* a : {&public_published, &internal, &draft, &retired}) CHECK(may_read_article(role, *a));
        CHECK(may_see_article_history(role));
        CHECK(may_list_unpublished(role));
        CHECK(may_write_articles(role) == (role != Role::resolver));
    }
    CHECK(is_public_article(public_published));
    CHECK_FALSE(is_public_article(internal));
    CHECK_FALSE(is_public_article(draft));
}

TEST_CASE("the counters are in the staff's view of an article only") {
    const Article a = article({{"state", "published"}});
    for (const Role role : {Role::invalid, Role::requester, Role::org_helpdesk}) {
        const json j = article_view(a, role);
        CHECK_FALSE(j.contains("helpful"));
        CHECK_FALSE(j.contains("unhelpful"));
        CHECK_FALSE(j.contains("deflections"));
        CHECK(j.contains("title"));
    }
    for (const Role role : {Role::agent, Role::resolver, Role::manager, Role::admin})
        CHECK(article_view(a, role).contains("deflections"));
}

TEST_CASE("an index of no articles (a language whose public articles are all retired) serves and searches") {
    const search::SearchIndex empty(std::vector<search::IndexedArticle>{});
    CHECK(empty.search("vpn").empty());
    const auto served = search::SearchIndex::from_json(empty.to_json());
    REQUIRE(served);
    CHECK(served->article_count() == 0);
}
