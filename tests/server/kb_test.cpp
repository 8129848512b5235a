// The knowledge base against the real server (DESIGN.md "Knowledge and search"): the seed
// articles, reading and listing, changes as versions, feedback and deflections in the staff's
// counters, the served index with its ETag, search, and the errors. Who may do what with which
// article is kb_matrix_test.cpp.
#include <doctest/doctest.h>

#include <map>
#include <set>
#include <string>

#include "accounts_helpers.h"
#include "api_helpers.h"
#include "search/index.h"
#include "server_process.h"

using namespace spoc_test;

namespace {

long long id_of(const json& thing) { return thing.at("id").get<long long>(); }

std::string article_path(long long id, const std::string& suffix = "") {
    return "/api/v1/kb/articles/" + std::to_string(id) + suffix;
}

// Every article the token's list holds with these filters, following "next".
std::vector<json> all_articles(httplib::Client& c, const std::string& token, const std::string& filters = "") {
    std::vector<json> out;
    std::string path = "/api/v1/kb/articles?limit=20" + filters;
    for (int page = 0; page < 100; ++page) {
        const json body = expect_as(c, token, "GET", path, std::nullopt, 200);
        for (const json& a : body.at("items")) out.push_back(a);
        if (body.at("next").is_null()) return out;
        path = "/api/v1/kb/articles?limit=20" + filters + "&cursor=" + body["next"].get<std::string>();
    }
    FAIL("more than 100 pages of articles");
    return out;
}

// The seed article of this language and slug, as the desk token sees it.
json seed(httplib::Client& c, const std::string& lang, const std::string& slug) {
    for (const json& a : all_articles(c, kDeskToken, "&state=all&lang=" + lang))
        if (a.at("slug") == slug) return a;
    FAIL("no seed article " << lang << "/" << slug);
    return {};
}

json article_body(const json& changes = json::object()) {
    json body = {{"title", "Reset the coffee machine"},
                 {"body", "## Reset\n\n1. Hold **Clean** for five seconds."},
                 {"lang", "en"},
                 {"tags", {"coffee"}},
                 {"types", {"question"}}};
    body.merge_patch(changes);
    return body;
}

// The ids of a search's hits, best first.
std::vector<long long> hits(httplib::Client& c, const std::string& token, const std::string& query) {
    const json body = expect_as(c, token, "GET", "/api/v1/kb/search?" + query, std::nullopt, 200);
    CHECK(body.at("next").is_null());
    std::vector<long long> ids;
    for (const json& h : body.at("items")) {
        CHECK(h.contains("title"));
        CHECK(h.contains("snippet"));
        CHECK(h.at("score").is_number());
        ids.push_back(id_of(h));
    }
    return ids;
}

std::string encoded(const std::string& text) {
    std::string out;
    for (const char c : text) out += c == ' ' ? std::string("%20") : std::string(1, c);
    return out;
}

httplib::Result get_with(httplib::Client& c, const std::string& path, httplib::Headers headers) {
    return c.Get(path.c_str(), headers);
}

}  // namespace

TEST_CASE("a new server seeds the 48 articles of assets/kb as published version 1, and an internal one stays internal") {
    SpocServer server;
    auto c = server.client();
    CHECK(server.process().startup_output().find("Knowledge: seeded 48 articles") != std::string::npos);
    const std::vector<json> every = all_articles(c, kDeskToken, "&state=all");
    CHECK(every.size() == 48);
    std::set<std::string> internal;
    for (const json& a : every) {
        CHECK(a.at("state") == "published");
        CHECK(a.at("version") == 1);
        if (a.at("visibility") == "internal") internal.insert(a.at("lang").get<std::string>() + "/" + a.at("slug").get<std::string>());
    }
    CHECK(internal == std::set<std::string>{"de/escalate-to-network-vendor", "de/unlock-account-in-directory",
                                            "en/escalate-to-network-vendor", "en/unlock-account-in-directory"});
    CHECK(all_articles(c, "", "").size() == 44);  // a guest's list: the public ones
    const json unlock = seed(c, "en", "unlock-account-in-directory");
    require_error(get(c, article_path(id_of(unlock))), 404, "not_found");
    CHECK(expect_as(c, kDeskToken, "GET", article_path(id_of(unlock)), std::nullopt, 200)["visibility"] == "internal");

    SUBCASE("a restart seeds nothing again, and a changed seed article stays changed") {
        expect_as(c, kDeskToken, "PATCH", article_path(id_of(unlock)), json{{"state", "retired"}}, 200);
        server.restart();
        auto again = server.client();
        CHECK(server.process().startup_output().find("Knowledge:") == std::string::npos);
        CHECK(all_articles(again, kDeskToken, "&state=all").size() == 48);
        CHECK(expect_as(again, kDeskToken, "GET", article_path(id_of(unlock)), std::nullopt, 200)["state"] == "retired");
    }
}

TEST_CASE("the demo server has the seed articles too") {
    SpocServer server(ServerOptions{{}, kDeskToken, {}, true, {"--demo"}});
    auto c = server.client();
    CHECK(all_articles(c, kDeskToken, "&state=all").size() == 48);
}

TEST_CASE("one article reads as DESIGN.md says, the counters only for the staff") {
    SpocServer server;
    auto c = server.client();
    const json vpn = seed(c, "en", "vpn-connect-from-home");
    const json guest_view = json_of(get(c, article_path(id_of(vpn))));
    for (const char* member : {"id", "title", "body", "tags", "types", "lang", "visibility", "state", "version", "updated_at"})
        CHECK_MESSAGE(guest_view.contains(member), member);
    CHECK(guest_view["title"] == "Connect to the VPN from home");
    CHECK(guest_view["body"].get<std::string>().find("## Connect") != std::string::npos);  // the Markdown subset
    CHECK(guest_view["types"] == json({"network_vpn"}));
    CHECK(guest_view["lang"] == "en");
    CHECK_FALSE(guest_view.contains("helpful"));
    CHECK_FALSE(guest_view.contains("deflections"));
    CHECK(vpn.at("helpful") == 0);  // the desk token's view
    require_error(get(c, article_path(999999)), 404, "not_found");
    require_error(get(c, "/api/v1/kb/articles/0"), 404, "not_found");
}

TEST_CASE("the list filters by language, request type and tag, pages with a cursor, and staff may ask for other states") {
    SpocServer server;
    auto c = server.client();
    const std::vector<json> de = all_articles(c, "", "&lang=de");
    CHECK(de.size() == 22);
    for (const json& a : de) CHECK(a["lang"] == "de");
    const std::vector<json> vpn = all_articles(c, "", "&type=network_vpn");
    CHECK(vpn.size() == 6);
    for (const json& a : vpn) CHECK(a["types"] == json({"network_vpn"}));
    const std::vector<json> tagged = all_articles(c, "", "&tag=GlobalProtect");
    CHECK(tagged.size() == 2);
    // Pages: newest first, no article twice.
    const json first = expect_as(c, "", "GET", "/api/v1/kb/articles?limit=5", std::nullopt, 200);
    REQUIRE(first["items"].size() == 5);
    CHECK(id_of(first["items"][0]) > id_of(first["items"][4]));
    const json second = expect_as(c, "", "GET", "/api/v1/kb/articles?limit=5&cursor=" + first["next"].get<std::string>(),
                                  std::nullopt, 200);
    CHECK(id_of(second["items"][0]) < id_of(first["items"][4]));

    const json draft = expect_as(c, kDeskToken, "POST", "/api/v1/kb/articles", article_body(), 201);
    CHECK(draft["state"] == "draft");
    std::set<long long> drafts;
    for (const json& a : all_articles(c, kDeskToken, "&state=draft")) drafts.insert(id_of(a));
    CHECK(drafts == std::set<long long>{id_of(draft)});
    CHECK(all_articles(c, kDeskToken, "&visibility=internal").size() == 4);
    CHECK(all_articles(c, kDeskToken).size() == 48);  // published, internal ones included, not the draft

    require_error(get(c, "/api/v1/kb/articles?state=draft"), 401, "unauthorized");
    std::string requester;
    signed_in_user(c, "requester@kb.example", "requester", nullptr, requester);
    require_error(get(c, "/api/v1/kb/articles?state=draft", requester), 403, "forbidden");
    require_error(get(c, "/api/v1/kb/articles?visibility=internal", requester), 403, "forbidden");
    CHECK(all_articles(c, "", "&state=published&visibility=public").size() == 44);
    CHECK(require_error(get(c, "/api/v1/kb/articles?lang=fr"), 422, "invalid_field")["field"] == "lang");
    CHECK(require_error(get(c, "/api/v1/kb/articles?state=gone"), 422, "invalid_field")["field"] == "state");
    CHECK(require_error(get(c, "/api/v1/kb/articles?type=coffee"), 422, "invalid_field")["field"] == "type");
    CHECK(require_error(get(c, "/api/v1/kb/articles?limit=0"), 422, "invalid_field")["field"] == "limit");
    CHECK(require_error(get(c, "/api/v1/kb/articles?cursor=x"), 422, "invalid_field")["field"] == "cursor");
}

TEST_CASE("every change of an article is a new version, and the versions keep the earlier text") {
    Desk desk;
    auto c = desk.client();
    std::string agent_token;
    const json agent = signed_in_user(c, "agent@kb.example", "agent", nullptr, agent_token);
    const json made = expect_as(c, agent_token, "POST", "/api/v1/kb/articles", article_body(), 201);
    CHECK(made["version"] == 1);
    CHECK(made["slug"] == "reset-the-coffee-machine");
    const std::string path = article_path(id_of(made));

    const json v2 = expect_as(c, agent_token, "PATCH", path,
                              json{{"body", "Unplug it for ten seconds."}, {"state", "published"}, {"version", 1}}, 200);
    CHECK(v2["version"] == 2);
    CHECK(v2["state"] == "published");
    CHECK(v2["title"] == "Reset the coffee machine");  // what the change leaves out stays
    const json v3 = expect_as(c, kDeskToken, "PATCH", path, json{{"title", "Coffee machine: reset"}}, 200);
    CHECK(v3["version"] == 3);
    CHECK(v3["body"] == "Unplug it for ten seconds.");

    SUBCASE("the versions, newest first, each whole, with who wrote it") {
        const json versions = expect_as(c, agent_token, "GET", path + "/versions", std::nullopt, 200);
        REQUIRE(versions["items"].size() == 3);
        CHECK(versions["next"].is_null());
        const json& newest = versions["items"][0];
        const json& middle = versions["items"][1];
        const json& first = versions["items"][2];
        CHECK(newest["version"] == 3);
        CHECK(newest["title"] == "Coffee machine: reset");
        CHECK(newest["actor"] == "desk");  // the desk token
        CHECK(middle["version"] == 2);
        CHECK(middle["title"] == "Reset the coffee machine");
        CHECK(middle["body"] == "Unplug it for ten seconds.");
        CHECK(middle["actor"] == id_of(agent));
        CHECK(first["version"] == 1);
        CHECK(first["state"] == "draft");
        CHECK(first["body"] == "## Reset\n\n1. Hold **Clean** for five seconds.");
        CHECK(first["tags"] == json({"coffee"}));
        CHECK_FALSE(first.contains("helpful"));
        // Paging through them.
        const json page = expect_as(c, agent_token, "GET", path + "/versions?limit=2", std::nullopt, 200);
        REQUIRE(page["items"].size() == 2);
        const json rest = expect_as(c, agent_token, "GET", path + "/versions?limit=2&cursor=" + page["next"].get<std::string>(),
                                    std::nullopt, 200);
        REQUIRE(rest["items"].size() == 1);
        CHECK(rest["items"][0]["version"] == 1);
        CHECK(rest["next"].is_null());
    }
    SUBCASE("a change that changes nothing makes no version") {
        const json same = expect_as(c, agent_token, "PATCH", path, json{{"title", "Coffee machine: reset"}}, 200);
        CHECK(same["version"] == 3);
        CHECK(expect_as(c, agent_token, "GET", path + "/versions", std::nullopt, 200)["items"].size() == 3);
    }
    SUBCASE("a change based on an older version is a conflict, and changes nothing") {
        const json err = require_error(call(c, "PATCH", path, as_bearer(agent_token), json{{"title", "Old"}, {"version", 2}}),
                                       409, "version_conflict");
        CHECK(err["field"] == "version");
        CHECK(expect_as(c, agent_token, "GET", path, std::nullopt, 200)["title"] == "Coffee machine: reset");
    }
    SUBCASE("invalid changes say which field, and change nothing") {
        const json err = require_error(call(c, "PATCH", path, as_bearer(agent_token),
                                            json{{"title", std::string(201, 't')}, {"lang", "fr"}}),
                                       422, "invalid_field");
        CHECK(err["field"] == "title");
        REQUIRE(err["details"].size() == 2);
        CHECK(err["details"][1]["field"] == "lang");
        CHECK(require_error(call(c, "PATCH", path, as_bearer(agent_token), json{{"types", {"coffee"}}}), 422)["field"] == "types");
        CHECK(require_error(call(c, "PATCH", path, as_bearer(agent_token), json{{"state", "archived"}}), 422)["field"] == "state");
        CHECK(require_error(call(c, "PATCH", path, as_bearer(agent_token), json{{"visibility", "secret"}}), 422)["field"] ==
              "visibility");
        CHECK(require_error(call(c, "PATCH", path, as_bearer(agent_token), json{{"body", ""}}), 422)["field"] == "body");
        CHECK(require_error(call(c, "PATCH", path, as_bearer(agent_token), json{{"body", std::string(65537, 'b')}}), 422)["field"] ==
              "body");
        CHECK(require_error(call(c, "PATCH", path, as_bearer(agent_token), json{{"titel", "x"}}), 422)["field"] == "titel");
        CHECK(expect_as(c, agent_token, "GET", path, std::nullopt, 200)["version"] == 3);
    }
    SUBCASE("slugs are unique in a language: a given one that is taken is a conflict, a made one gets a number") {
        const json again = expect_as(c, agent_token, "POST", "/api/v1/kb/articles", article_body(), 201);
        CHECK(again["slug"] == "reset-the-coffee-machine-2");
        require_error(call(c, "POST", "/api/v1/kb/articles", as_bearer(agent_token), article_body({{"slug", "vpn-connect-from-home"}})),
                      409, "slug_taken");
        require_error(call(c, "PATCH", path, as_bearer(agent_token), json{{"slug", "reset-the-coffee-machine-2"}}), 409, "slug_taken");
        const json german = expect_as(c, agent_token, "POST", "/api/v1/kb/articles",
                                      article_body({{"slug", "reset-the-coffee-machine"}, {"lang", "de"}, {"title", "Kaffee"}}), 201);
        CHECK(german["slug"] == "reset-the-coffee-machine");
        CHECK(german["lang"] == "de");
    }
}

TEST_CASE("a new article is checked, and answered 201 with its place") {
    SpocServer server;
    auto c = server.client();
    auto res = call(c, "POST", "/api/v1/kb/articles", as_bearer(kDeskToken),
                    article_body({{"visibility", "internal"}, {"state", "published"}}));
    REQUIRE(status_of(res) == 201);
    const json made = json_of(res);
    CHECK(res->get_header_value("Location") == article_path(id_of(made)));
    CHECK(made["visibility"] == "internal");
    CHECK(made["version"] == 1);
    CHECK(made["deflections"] == 0);
    const json missing = require_error(call(c, "POST", "/api/v1/kb/articles", as_bearer(kDeskToken), json{{"body", "x"}}), 422,
                                       "invalid_field");
    CHECK(missing["field"] == "title");
    CHECK(missing["details"].size() == 2);  // title and lang
    CHECK(require_error(call(c, "POST", "/api/v1/kb/articles", as_bearer(kDeskToken), article_body({{"lang", "EN"}})), 422)["field"] ==
          "lang");
    json tags = json::array();
    for (int i = 0; i < 21; ++i) tags.push_back("t" + std::to_string(i));
    CHECK(require_error(call(c, "POST", "/api/v1/kb/articles", as_bearer(kDeskToken), article_body({{"tags", tags}})), 422)["field"] ==
          "tags");
    require_error(call(c, "POST", "/api/v1/kb/articles", as_bearer(kDeskToken), json::array()), 400, "bad_request");
    require_error(c.Post("/api/v1/kb/articles", bearer(kDeskToken), "{\"title\":", "application/json"), 400, "malformed_json");
    require_error(c.Post("/api/v1/kb/articles", bearer(kDeskToken), article_body().dump(), "text/plain"), 415,
                  "unsupported_media_type");
    require_error(c.Post("/api/v1/kb/articles", bearer(kDeskToken), std::string(2 * 1024 * 1024, ' '), "application/json"), 413);
}

TEST_CASE("feedback and deflections are stored and show up in the staff's counters") {
    SpocServer server;
    auto c = server.client();
    const json vpn = seed(c, "en", "vpn-connect-from-home");
    const std::string path = article_path(id_of(vpn));
    auto res = post_json(c, path + "/feedback", json{{"helpful", false}, {"query", "cant log in vpn"}});
    REQUIRE(status_of(res) == 201);
    const json stored = json_of(res);
    CHECK(stored["article"] == id_of(vpn));
    CHECK(stored["helpful"] == false);
    CHECK(stored["query"] == "cant log in vpn");
    CHECK(stored["user"].is_null());
    CHECK(status_of(post_json(c, path + "/feedback", json{{"helpful", true}})) == 201);
    CHECK(status_of(post_json(c, path + "/feedback", json{{"helpful", true}, {"query", "vpn"}}, kDeskToken)) == 201);
    res = post_json(c, "/api/v1/deflections", json{{"article", id_of(vpn)}, {"query", "vpn from home"}, {"type", "network_vpn"}});
    REQUIRE(status_of(res) == 201);
    CHECK(json_of(res)["type"] == "network_vpn");
    CHECK(status_of(post_json(c, "/api/v1/deflections", json{{"article", id_of(vpn)}, {"query", "vpn"}})) == 201);

    server.restart();  // stored, not only counted in memory
    auto again = server.client();
    const json counted = expect_as(again, kDeskToken, "GET", path, std::nullopt, 200);
    CHECK(counted["helpful"] == 2);
    CHECK(counted["unhelpful"] == 1);
    CHECK(counted["deflections"] == 2);
    CHECK(counted["version"] == 1);  // feedback is not a change of the article
    bool listed = false;
    for (const json& a : all_articles(again, kDeskToken, "&type=network_vpn&lang=en"))
        if (id_of(a) == id_of(vpn)) listed = a["deflections"] == 2 && a["unhelpful"] == 1;
    CHECK(listed);

    SUBCASE("what is wrong with them") {
        CHECK(require_error(post_json(again, path + "/feedback", json::object()), 422)["field"] == "helpful");
        CHECK(require_error(post_json(again, path + "/feedback", json{{"helpful", "yes"}}), 422)["field"] == "helpful");
        CHECK(require_error(post_json(again, path + "/feedback", json{{"helpful", true}, {"query", std::string(501, 'q')}}), 422)["field"] ==
              "query");
        require_error(post_json(again, article_path(999999, "/feedback"), json{{"helpful", true}}), 404, "not_found");
        CHECK(require_error(post_json(again, "/api/v1/deflections", json{{"query", "vpn"}}), 422)["field"] == "article");
        CHECK(require_error(post_json(again, "/api/v1/deflections", json{{"article", 999999}}), 422)["field"] == "article");
        CHECK(require_error(post_json(again, "/api/v1/deflections", json{{"article", id_of(vpn)}, {"type", "coffee"}}), 422)["field"] ==
              "type");
        CHECK(expect_as(again, kDeskToken, "GET", path, std::nullopt, 200)["deflections"] == 2);
    }
}

TEST_CASE("the served index: public published articles only, a strong ETag, 304 when unchanged, a new tag after a change") {
    SpocServer server;
    auto c = server.client();
    auto res = get(c, "/api/v1/kb/index?lang=en");
    REQUIRE(status_of(res) == 200);
    const std::string etag = res->get_header_value("ETag");
    CHECK(etag.size() > 10);
    CHECK(etag.front() == '"');
    CHECK(etag.rfind("W/", 0) == std::string::npos);  // strong
    CHECK(res->get_header_value("Cache-Control") == "no-cache");
    CHECK(res->get_header_value("Content-Type").rfind("application/json", 0) == 0);
    const auto index = spoc::search::SearchIndex::from_json(res->body);
    REQUIRE(index);
    CHECK(index->article_count() == 22);  // the English public ones
    // What the portal does with it: the VPN article for "cant log in vpn".
    const json vpn = seed(c, "en", "vpn-connect-from-home");
    const auto found = index->search("cant log in vpn", {3});
    bool vpn_found = false;
    for (const auto& hit : found) vpn_found = vpn_found || hit.id == id_of(vpn);
    CHECK(vpn_found);
    // No internal article, not even a word of its title.
    const json unlock = seed(c, "en", "unlock-account-in-directory");
    CHECK(res->body.find("Unlocking an account in the directory") == std::string::npos);
    for (const auto& hit : index->search("unlocking directory desk procedure")) CHECK(hit.id != id_of(unlock));

    auto again = get_with(c, "/api/v1/kb/index?lang=en", {{"If-None-Match", etag}});
    CHECK(status_of(again) == 304);
    CHECK(again->body.empty());
    CHECK(again->get_header_value("ETag") == etag);
    CHECK(status_of(get_with(c, "/api/v1/kb/index?lang=en", {{"If-None-Match", "\"other\", " + etag}})) == 304);
    CHECK(status_of(get_with(c, "/api/v1/kb/index?lang=en", {{"If-None-Match", "\"other\""}})) == 200);

    SUBCASE("compressed once: the gzip form has its own tag, and either tag answers 304") {
        httplib::Client raw("127.0.0.1", server.process().port());
        raw.set_decompress(false);
        auto zipped = raw.Get("/api/v1/kb/index?lang=en", {{"Accept-Encoding", "gzip"}});
        REQUIRE(status_of(zipped) == 200);
        CHECK(zipped->get_header_value("Content-Encoding") == "gzip");
        CHECK(zipped->body.size() < res->body.size() / 2);
        const std::string zipped_tag = zipped->get_header_value("ETag");
        CHECK(zipped_tag != etag);
        CHECK(status_of(raw.Get("/api/v1/kb/index?lang=en", {{"Accept-Encoding", "gzip"}, {"If-None-Match", zipped_tag}})) == 304);
        auto plain = raw.Get("/api/v1/kb/index?lang=en", {{"Accept-Encoding", "identity"}});
        REQUIRE(status_of(plain) == 200);
        CHECK(plain->get_header_value("Content-Encoding").empty());
        CHECK(plain->body == res->body);
    }
    SUBCASE("each language, or all of them") {
        const auto de = spoc::search::SearchIndex::from_json(get(c, "/api/v1/kb/index?lang=de")->body);
        REQUIRE(de);
        CHECK(de->article_count() == 22);
        const auto all = spoc::search::SearchIndex::from_json(get(c, "/api/v1/kb/index")->body);
        REQUIRE(all);
        CHECK(all->article_count() == 44);
        CHECK(require_error(get(c, "/api/v1/kb/index?lang=fr"), 422, "invalid_field")["field"] == "lang");
    }
    SUBCASE("publishing a public article changes the index and its tag; an internal one does not") {
        const json internal = expect_as(c, kDeskToken, "POST", "/api/v1/kb/articles",
                                        article_body({{"visibility", "internal"}, {"state", "published"}}), 201);
        CHECK(status_of(get_with(c, "/api/v1/kb/index?lang=en", {{"If-None-Match", etag}})) == 304);
        const json made = expect_as(c, kDeskToken, "POST", "/api/v1/kb/articles", article_body(), 201);
        CHECK(status_of(get_with(c, "/api/v1/kb/index?lang=en", {{"If-None-Match", etag}})) == 304);  // a draft
        expect_as(c, kDeskToken, "PATCH", article_path(id_of(made)), json{{"state", "published"}}, 200);
        auto changed = get_with(c, "/api/v1/kb/index?lang=en", {{"If-None-Match", etag}});
        REQUIRE(status_of(changed) == 200);
        CHECK(changed->get_header_value("ETag") != etag);
        const auto now = spoc::search::SearchIndex::from_json(changed->body);
        REQUIRE(now);
        CHECK(now->article_count() == 23);
        REQUIRE_FALSE(now->search("coffee machine").empty());
        CHECK(now->search("coffee machine")[0].id == id_of(made));
        expect_as(c, kDeskToken, "PATCH", article_path(id_of(made)), json{{"visibility", "internal"}}, 200);
        auto hidden = get(c, "/api/v1/kb/index?lang=en");
        CHECK(hidden->get_header_value("ETag") == etag);  // the same bytes as before the article
        CHECK(hidden->body.find("coffee") == std::string::npos);
        (void)internal;
    }
}

TEST_CASE("search: the same engine, best first; internal articles for the staff only") {
    SpocServer server;
    auto c = server.client();
    const json vpn = seed(c, "en", "vpn-connect-from-home");
    const json passwort = seed(c, "de", "reset-password");
    const json unlock = seed(c, "en", "unlock-account-in-directory");

    const auto top3 = [](const std::vector<long long>& ids, long long id) {
        for (std::size_t i = 0; i < ids.size() && i < 3; ++i)
            if (ids[i] == id) return true;
        return false;
    };
    CHECK(top3(hits(c, "", "q=" + encoded("cant log in vpn")), id_of(vpn)));
    CHECK(top3(hits(c, "", "q=" + encoded("cant log in vpn") + "&lang=en"), id_of(vpn)));
    // German without umlauts.
    CHECK(top3(hits(c, "", "q=" + encoded("passwort zuruecksetzen")), id_of(passwort)));
    CHECK(top3(hits(c, "", "q=" + encoded("kennwort zurucksetzen") + "&lang=de"), id_of(passwort)));
    for (const long long id : hits(c, "", "q=vpn&lang=de&limit=50")) CHECK(id != id_of(vpn));
    CHECK(hits(c, "", "q=vpn&limit=1").size() == 1);
    for (const long long id : hits(c, "", "q=vpn&type=network_vpn&limit=50")) {
        const json a = expect_as(c, "", "GET", article_path(id), std::nullopt, 200);
        CHECK(a["types"] == json({"network_vpn"}));
    }
    CHECK(hits(c, "", "q=").empty());
    CHECK(top3(hits(c, "", "q=globalprot&typing=true&lang=en"), id_of(vpn)));  // the last word while typing

    // The desk procedure: the staff find it, nobody else does.
    const std::string procedure = "q=" + encoded("unlocking account directory desk procedure");
    CHECK(top3(hits(c, kDeskToken, procedure), id_of(unlock)));
    for (const long long id : hits(c, "", procedure + "&limit=50")) CHECK(id != id_of(unlock));
    std::string requester;
    signed_in_user(c, "requester@kb.example", "requester", nullptr, requester);
    for (const long long id : hits(c, requester, procedure + "&limit=50")) CHECK(id != id_of(unlock));

    // A change shows in the next search.
    expect_as(c, kDeskToken, "PATCH", article_path(id_of(vpn)), json{{"state", "retired"}}, 200);
    for (const long long id : hits(c, "", "q=vpn&limit=50")) CHECK(id != id_of(vpn));

    CHECK(require_error(get(c, "/api/v1/kb/search"), 422, "invalid_field")["field"] == "q");
    CHECK(require_error(get(c, "/api/v1/kb/search?q=" + std::string(501, 'q')), 422, "invalid_field")["field"] == "q");
    CHECK(status_of(get(c, "/api/v1/kb/search?q=" + std::string(500, 'q'))) == 200);
    CHECK(require_error(get(c, "/api/v1/kb/search?q=vpn&lang=xx"), 422)["field"] == "lang");
    CHECK(require_error(get(c, "/api/v1/kb/search?q=vpn&type=coffee"), 422)["field"] == "type");
    CHECK(require_error(get(c, "/api/v1/kb/search?q=vpn&limit=51"), 422)["field"] == "limit");
    CHECK(require_error(get(c, "/api/v1/kb/search?q=vpn&typing=yes"), 422)["field"] == "typing");
    CHECK(require_error(get(c, "/api/v1/kb/search?q=%FF"), 422)["field"] == "q");
}

TEST_CASE("the knowledge paths answer 405 with Allow to a method they do not have") {
    SpocServer server;
    auto c = server.client();
    const std::map<std::string, std::string> allowed = {
        {"/api/v1/kb/articles", "GET, HEAD, POST"},        {"/api/v1/kb/articles/1", "GET, HEAD, PATCH"},
        {"/api/v1/kb/articles/1/versions", "GET, HEAD"},   {"/api/v1/kb/articles/1/feedback", "POST"},
        {"/api/v1/kb/search", "GET, HEAD"},                {"/api/v1/kb/index", "GET, HEAD"},
        {"/api/v1/deflections", "POST"}};
    for (const auto& entry : allowed) {  // not a structured binding: CAPTURE is a lambda (clang 14)
        CAPTURE(entry.first);
        auto res = c.Delete(entry.first.c_str(), bearer(kDeskToken));
        require_error(res, 405, "method_not_allowed");
        CHECK(res->get_header_value("Allow") == entry.second);
    }
}
