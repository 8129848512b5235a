// The authorization matrix of the knowledge endpoints (DESIGN.md "Knowledge and search"): every
// caller x every endpoint x every kind of article (public published, internal, draft, retired),
// each expectation written out, and no answer to anyone but the staff carrying a word of an
// article they may not read.
#include <doctest/doctest.h>

#include <iomanip>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "accounts_helpers.h"
#include "api_helpers.h"
#include "server_process.h"

using namespace spoc_test;

namespace {

long long id_of(const json& thing) { return thing.at("id").get<long long>(); }

const std::vector<std::string> kCallers = {"guest", "follow", "requester", "org_helpdesk", "agent",
                                           "resolver", "manager", "admin", "desk"};
const std::vector<std::string> kKinds = {"public", "internal", "draft", "retired"};

// For the endpoints that answer a collection (list, list all, search, index), a cell is 1 when the
// article is in the caller's answer and 0 when it is not; any other number is the status that the
// answer must have instead (the request refused). For the others a cell is the status.
struct Row {
    std::string caller, endpoint;
    std::vector<int> want;  // per kind: public, internal, draft, retired
};

// Anyone may read a public published article; the staff (agent, resolver, manager, admin and the
// desk token) every article; agents, managers, admins and the desk token write them. Guests (with
// or without a follow token) are nobody to the knowledge base.
const std::vector<Row> kMatrix = {
    // clang-format off
    //  caller          endpoint       public internal draft retired
    {"guest",        "list",        {1,   0,   0,   0}},
    {"guest",        "list all",    {401, 401, 401, 401}},
    {"guest",        "show",        {200, 404, 404, 404}},
    {"guest",        "create",      {401, 401, 401, 401}},
    {"guest",        "patch",       {401, 401, 401, 401}},
    {"guest",        "versions",    {401, 401, 401, 401}},
    {"guest",        "search",      {1,   0,   0,   0}},
    {"guest",        "index",       {1,   0,   0,   0}},
    {"guest",        "feedback",    {201, 404, 404, 404}},
    {"guest",        "deflection",  {201, 422, 422, 422}},

    {"follow",       "list",        {1,   0,   0,   0}},
    {"follow",       "list all",    {401, 401, 401, 401}},
    {"follow",       "show",        {200, 404, 404, 404}},
    {"follow",       "create",      {401, 401, 401, 401}},
    {"follow",       "patch",       {401, 401, 401, 401}},
    {"follow",       "versions",    {401, 401, 401, 401}},
    {"follow",       "search",      {1,   0,   0,   0}},
    {"follow",       "index",       {1,   0,   0,   0}},
    {"follow",       "feedback",    {201, 404, 404, 404}},
    {"follow",       "deflection",  {201, 422, 422, 422}},

    {"requester",    "list",        {1,   0,   0,   0}},
    {"requester",    "list all",    {403, 403, 403, 403}},
    {"requester",    "show",        {200, 404, 404, 404}},
    {"requester",    "create",      {403, 403, 403, 403}},
    {"requester",    "patch",       {403, 404, 404, 404}},
    {"requester",    "versions",    {403, 404, 404, 404}},
    {"requester",    "search",      {1,   0,   0,   0}},
    {"requester",    "index",       {1,   0,   0,   0}},
    {"requester",    "feedback",    {201, 404, 404, 404}},
    {"requester",    "deflection",  {201, 422, 422, 422}},

    {"org_helpdesk", "list",        {1,   0,   0,   0}},
    {"org_helpdesk", "list all",    {403, 403, 403, 403}},
    {"org_helpdesk", "show",        {200, 404, 404, 404}},
    {"org_helpdesk", "create",      {403, 403, 403, 403}},
    {"org_helpdesk", "patch",       {403, 404, 404, 404}},
    {"org_helpdesk", "versions",    {403, 404, 404, 404}},
    {"org_helpdesk", "search",      {1,   0,   0,   0}},
    {"org_helpdesk", "index",       {1,   0,   0,   0}},
    {"org_helpdesk", "feedback",    {201, 404, 404, 404}},
    {"org_helpdesk", "deflection",  {201, 422, 422, 422}},

    {"agent",        "list",        {1,   1,   0,   0}},
    {"agent",        "list all",    {1,   1,   1,   1}},
    {"agent",        "show",        {200, 200, 200, 200}},
    {"agent",        "create",      {201, 201, 201, 201}},
    {"agent",        "patch",       {200, 200, 200, 200}},
    {"agent",        "versions",    {200, 200, 200, 200}},
    {"agent",        "search",      {1,   1,   0,   0}},
    {"agent",        "index",       {1,   0,   0,   0}},
    {"agent",        "feedback",    {201, 201, 201, 201}},
    {"agent",        "deflection",  {201, 201, 201, 201}},

    {"resolver",     "list",        {1,   1,   0,   0}},
    {"resolver",     "list all",    {1,   1,   1,   1}},
    {"resolver",     "show",        {200, 200, 200, 200}},
    {"resolver",     "create",      {403, 403, 403, 403}},
    {"resolver",     "patch",       {403, 403, 403, 403}},
    {"resolver",     "versions",    {200, 200, 200, 200}},
    {"resolver",     "search",      {1,   1,   0,   0}},
    {"resolver",     "index",       {1,   0,   0,   0}},
    {"resolver",     "feedback",    {201, 201, 201, 201}},
    {"resolver",     "deflection",  {201, 201, 201, 201}},

    {"manager",      "list",        {1,   1,   0,   0}},
    {"manager",      "list all",    {1,   1,   1,   1}},
    {"manager",      "show",        {200, 200, 200, 200}},
    {"manager",      "create",      {201, 201, 201, 201}},
    {"manager",      "patch",       {200, 200, 200, 200}},
    {"manager",      "versions",    {200, 200, 200, 200}},
    {"manager",      "search",      {1,   1,   0,   0}},
    {"manager",      "index",       {1,   0,   0,   0}},
    {"manager",      "feedback",    {201, 201, 201, 201}},
    {"manager",      "deflection",  {201, 201, 201, 201}},

    {"admin",        "list",        {1,   1,   0,   0}},
    {"admin",        "list all",    {1,   1,   1,   1}},
    {"admin",        "show",        {200, 200, 200, 200}},
    {"admin",        "create",      {201, 201, 201, 201}},
    {"admin",        "patch",       {200, 200, 200, 200}},
    {"admin",        "versions",    {200, 200, 200, 200}},
    {"admin",        "search",      {1,   1,   0,   0}},
    {"admin",        "index",       {1,   0,   0,   0}},
    {"admin",        "feedback",    {201, 201, 201, 201}},
    {"admin",        "deflection",  {201, 201, 201, 201}},

    {"desk",         "list",        {1,   1,   0,   0}},
    {"desk",         "list all",    {1,   1,   1,   1}},
    {"desk",         "show",        {200, 200, 200, 200}},
    {"desk",         "create",      {201, 201, 201, 201}},
    {"desk",         "patch",       {200, 200, 200, 200}},
    {"desk",         "versions",    {200, 200, 200, 200}},
    {"desk",         "search",      {1,   1,   0,   0}},
    {"desk",         "index",       {1,   0,   0,   0}},
    {"desk",         "feedback",    {201, 201, 201, 201}},
    {"desk",         "deflection",  {201, 201, 201, 201}},
    // clang-format on
};

// The error code each refusal carries.
std::string code_for(int status) {
    return status == 401 ? "unauthorized" : status == 403 ? "forbidden" : status == 404 ? "not_found"
           : status == 422 ? "invalid_field" : "";
}

// The state and visibility of each kind of article.
json kind_members(const std::string& kind) {
    if (kind == "public") return {{"state", "published"}, {"visibility", "public"}};
    if (kind == "internal") return {{"state", "published"}, {"visibility", "internal"}};
    if (kind == "draft") return {{"state", "draft"}, {"visibility", "public"}};
    return {{"state", "retired"}, {"visibility", "public"}};
}

// A word only this kind's article has, in its title and body: no answer to someone who may not
// read it may carry it.
std::string secret_of(const std::string& kind) { return "zebrafinch" + kind + "secret"; }

struct KbMatrix : Desk {
    std::map<std::string, std::string> tokens;  // by caller; "" for a guest
    std::map<std::string, json> articles;       // by kind, as the desk token made them

    KbMatrix() {
        auto c = client();
        tokens["desk"] = kDeskToken;
        tokens["guest"] = "";
        tokens["admin"] = sign_in_ok(c, kAdminEmail, admin_password).token;
        const json org = expect_as(c, kDeskToken, "POST", "/api/v1/organisations", json{{"name", "Partner"}}, 201);
        for (const std::string role : {"requester", "org_helpdesk", "agent", "resolver", "manager"})
            signed_in_user(c, role + "@kbmatrix.example", role, role == "org_helpdesk" ? org["id"] : json(nullptr),
                           tokens[role]);
        tokens["follow"] = file_request(c).at("follow_token").get<std::string>();  // a guest who filed
        for (const std::string& kind : kKinds) {
            json body = {{"title", "Zebrafinch " + kind + " " + secret_of(kind)},
                         {"body", "The " + kind + " article: " + secret_of(kind) + "."},
                         {"lang", "en"}};
            body.merge_patch(kind_members(kind));
            articles[kind] = expect_as(c, kDeskToken, "POST", "/api/v1/kb/articles", body, 201);
        }
    }
};

}  // namespace

TEST_CASE("knowledge authorization matrix: each caller reads, finds and changes each kind of article as its role allows") {
    KbMatrix m;
    auto c = m.client();
    int cases = 0, failures = 0;
    std::vector<std::string> leaks;
    std::ostringstream table;
    table << std::left << std::setw(28) << "caller | endpoint";
    for (const std::string& kind : kKinds) table << std::setw(14) << kind;
    table << "\n";

    for (const Row& row : kMatrix) {
        const std::string& token = m.tokens.at(row.caller);
        const bool staff = row.caller == "agent" || row.caller == "resolver" || row.caller == "manager" ||
                           row.caller == "admin" || row.caller == "desk";
        table << std::setw(28) << (row.caller + " | " + row.endpoint);
        for (std::size_t k = 0; k < kKinds.size(); ++k) {
            const std::string& kind = kKinds[k];
            const json& article = m.articles.at(kind);
            const std::string path = "/api/v1/kb/articles/" + std::to_string(id_of(article));
            const bool collection =
                row.endpoint == "list" || row.endpoint == "list all" || row.endpoint == "search" || row.endpoint == "index";
            const auto send = [&]() -> httplib::Result {
                const Auth auth = as_bearer(token);
                if (row.endpoint == "list") return call(c, "GET", "/api/v1/kb/articles?limit=200", auth);
                if (row.endpoint == "list all") return call(c, "GET", "/api/v1/kb/articles?limit=200&state=all", auth);
                if (row.endpoint == "search") return call(c, "GET", "/api/v1/kb/search?q=zebrafinch&limit=50", auth);
                if (row.endpoint == "index") return call(c, "GET", "/api/v1/kb/index", auth);
                if (row.endpoint == "show") return call(c, "GET", path, auth);
                if (row.endpoint == "create") {
                    json made = {{"title", "Made by " + row.caller + " as " + kind}, {"body", "Text."}, {"lang", "de"}};
                    made.merge_patch(kind_members(kind));
                    return call(c, "POST", "/api/v1/kb/articles", auth, made);
                }
                if (row.endpoint == "patch") return call(c, "PATCH", path, auth, json{{"tags", {"matrix", row.caller}}});
                if (row.endpoint == "versions") return call(c, "GET", path + "/versions", auth);
                if (row.endpoint == "feedback")
                    return call(c, "POST", path + "/feedback", auth, json{{"helpful", true}, {"query", "zebrafinch"}});
                REQUIRE(row.endpoint == "deflection");
                return call(c, "POST", "/api/v1/deflections", auth, json{{"article", id_of(article)}, {"query", "zebrafinch"}});
            };
            const httplib::Result res = send();
            const int status = status_of(res);
            int got = status;
            if (collection && status == 200) {
                const json body = json::parse(res->body, nullptr, false);
                const json items = row.endpoint == "index" ? body.value("articles", json::array()) : body.value("items", json::array());
                got = 0;
                for (const json& item : items) {
                    const json id = row.endpoint == "index" ? item.at(0) : item.at("id");
                    if (id == article.at("id")) got = 1;
                }
            }
            const int want = row.want[k];
            const bool code_ok = got != want || want < 400 || error_code(res) == code_for(want);
            ++cases;
            if (got != want || !code_ok) ++failures;
            table << std::setw(14) << (got == want && code_ok ? std::to_string(got)
                                                              : "!" + std::to_string(got) + "(" + std::to_string(want) + ")");
            // No answer to anyone but the staff carries a word of an article it may not read, nor the counters.
            if (!staff && res) {
                for (const std::string& other : {"internal", "draft", "retired"})
                    if (res->body.find(secret_of(other)) != std::string::npos)
                        leaks.push_back(row.caller + " " + row.endpoint + " (" + kind + "): " + other);
                if (res->body.find("\"deflections\"") != std::string::npos)
                    leaks.push_back(row.caller + " " + row.endpoint + " (" + kind + "): the counters");
            }
        }
        table << "\n";
    }
    INFO("got(want) per caller, endpoint and kind of article:\n" << table.str());
    CHECK(cases == 9 * 10 * 4);
    CHECK(failures == 0);
    INFO("answers that carried what the caller may not read: " << leaks.size());
    for (const std::string& leak : leaks) CHECK_MESSAGE(false, leak);

    // What the refused calls left: each article is at its version 1 plus one per writer's change.
    for (const std::string& kind : kKinds) {
        const json now = expect_as(c, kDeskToken, "GET", "/api/v1/kb/articles/" + std::to_string(id_of(m.articles[kind])),
                                   std::nullopt, 200);
        CHECK(now["version"] == 5);  // agent, manager, admin and the desk token changed it
        CHECK(now["helpful"] == (kind == "public" ? 9 : 5));
        CHECK(now["deflections"] == (kind == "public" ? 9 : 5));
    }
}
