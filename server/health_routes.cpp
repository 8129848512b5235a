// GET /healthz: 200 when the store answers.
#include "api.h"
#include "app.h"

namespace spoc {

void register_health_routes(httplib::Server& server, App& app) {
    server.Get("/healthz", [&app](const httplib::Request&, httplib::Response& res) {
        if (app.store.healthy())
            send_json(res, 200, {{"status", "ok"}});
        else
            send_error(res, 503, "store_unavailable", "The database does not answer.");
    });
}

}  // namespace spoc
