// GET /api/v1/catalog: the request types, in the person's language.
#include "api.h"
#include "app.h"

namespace spoc {

void register_catalog_routes(httplib::Server& server, App& app) {
    server.Get("/api/v1/catalog", [&app](const httplib::Request& req, httplib::Response& res) {
        send_json(res, 200, app.catalog(request_language(req, app.messages_config)));
    });
}

}  // namespace spoc
