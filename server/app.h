// What the routes share: the store, the desk token's hash, the catalog and
// messages in each language, and the clock. Each resource registers its routes.
#pragma once
#include <httplib.h>

#include <functional>
#include <map>
#include <string>

#include "catalog.h"
#include "clock.h"
#include "knowledge_index.h"
#include "messages.h"
#include "routing.h"
#include "passwords.h"
#include "sign_in_limits.h"
#include "store.h"

namespace spoc {

class App {
public:
    App(Store& store, std::string desk_token_hash, std::function<Timestamp()> clock);

    Store& store;
    const std::string desk_token_hash;
    const std::function<Timestamp()> now;
    const json messages_config;  // assets/messages.json
    const json catalog_config;   // assets/catalog.json
    Timestamp session_idle = 12 * 3600;     // a session ends after this long unused
    Timestamp session_max = 7 * 24 * 3600;  // and this long after sign-in in any case
    Passwords passwords;
    SignInLimits sign_in_limits;
    KnowledgeIndex knowledge;  // the search indexes of the published articles, in memory

    const Catalog& catalog(const std::string& lang) const;  // English when lang is unknown
    const Messages& messages(const std::string& lang) const;
    bool is_desk(const std::string& token) const;

    // Where new requests land: the rules the desk set (kept in the store, so every server
    // sharing it routes alike), else assets/routing.json.
    RoutingRules routing();
    void set_routing(const RoutingRules& rules);

private:
    std::map<std::string, Catalog> catalogs_;
    std::map<std::string, Messages> messages_;
};

// The error handlers, every resource's routes and the portal's files (from `web`).
void set_up_server(httplib::Server& server, App& app, const std::string& web);

void register_health_routes(httplib::Server& server, App& app);
void register_catalog_routes(httplib::Server& server, App& app);
void register_request_routes(httplib::Server& server, App& app);
void register_request_timeline_routes(httplib::Server& server, App& app);
void register_session_routes(httplib::Server& server, App& app);
void register_user_routes(httplib::Server& server, App& app);
void register_organisation_routes(httplib::Server& server, App& app);
void register_group_routes(httplib::Server& server, App& app);
void register_routing_routes(httplib::Server& server, App& app);
void register_kb_article_routes(httplib::Server& server, App& app);
void register_kb_feedback_routes(httplib::Server& server, App& app);
void register_kb_search_routes(httplib::Server& server, App& app);
void register_deflection_routes(httplib::Server& server, App& app);

}  // namespace spoc
