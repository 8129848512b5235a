// App: configuration parsed once at start, shared read-only by all routes.
#include "app.h"

#include "embedded_assets.h"
#include "tokens.h"

namespace spoc {

App::App(Store& store_, std::string desk_hash, std::function<Timestamp()> clock)
    : store(store_),
      desk_token_hash(std::move(desk_hash)),
      now(std::move(clock)),
      messages_config(json::parse(assets::messages_json)),
      catalog_config(json::parse(assets::catalog_json)),
      knowledge([&store_] { return store_.published_articles(); }) {
    for (const std::string& lang : languages(messages_config)) {
        catalogs_.emplace(lang, catalog_from_config(catalog_config, lang));
        messages_.emplace(lang, Messages(messages_config, lang));
    }
}

const Catalog& App::catalog(const std::string& lang) const {
    auto it = catalogs_.find(lang);
    return it != catalogs_.end() ? it->second : catalogs_.at("en");
}

const Messages& App::messages(const std::string& lang) const {
    auto it = messages_.find(lang);
    return it != messages_.end() ? it->second : messages_.at("en");
}

RoutingRules App::routing() {
    RoutingRules rules;
    const auto stored = store.setting("routing");
    const json config = json::parse(stored ? *stored : std::string(assets::routing_json), nullptr, false);
    read_routing(config, catalog("en"), rules);  // what was stored was checked when it was set
    return rules;
}

void App::set_routing(const RoutingRules& rules) { store.set_setting("routing", json(rules).dump()); }

bool App::is_desk(const std::string& token) const {
    return !token.empty() && same_hash(hash_token(token), desk_token_hash);
}

}  // namespace spoc
