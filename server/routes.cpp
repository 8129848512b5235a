// Everything the server answers, set up once: the JSON error for every failure, the
// routes of each resource and the portal's files. main() and the fuzz target share it.
#include <iostream>

#include "api.h"
#include "app.h"
#include "http/framing.h"
#include "portal_files.h"

namespace spoc {

void set_up_server(httplib::Server& server, App& app, const std::string& web) {
    // The gate (http/gate.h) holds the connections; cpp-httplib only routes whole requests.
    // Its keep-alive settings are what its answers announce ("Keep-Alive: timeout=60").
    server.set_payload_max_length(kMaxBodyBytes);
    server.set_keep_alive_timeout(60);
    server.set_keep_alive_max_count(100000);
    server.set_default_headers({{"X-Content-Type-Options", "nosniff"}});
    server.set_error_handler(httplib::Server::HandlerWithResponse(
        [](const httplib::Request& req, httplib::Response& res) {
            // cpp-httplib 0.11 applies a Range to error bodies too ({"er for bytes=0-3); an
            // error is always whole. The request is not const where cpp-httplib made it.
            const_cast<httplib::Request&>(req).ranges.clear();
            fill_error_body(req, res);
            return httplib::Server::HandlerResponse::Handled;
        }));
    // The gate drops Range from API requests; this catches the paths it reads differently
    // from the router (which decodes more). JSON answers are always whole. The portal's files
    // are answered here, from memory, before cpp-httplib's own file handler.
    PortalFileHandler portal_file = serve_portal_files(server, web);
    if (!portal_file) std::cerr << "warning: portal folder " << web << " not found; serving the API only\n";
    server.set_pre_routing_handler([portal_file](const httplib::Request& req, httplib::Response& res) {
        if (http::is_api_path(req.path)) {
            const_cast<httplib::Request&>(req).ranges.clear();
            return httplib::Server::HandlerResponse::Unhandled;
        }
        return portal_file && portal_file(req, res) ? httplib::Server::HandlerResponse::Handled
                                                    : httplib::Server::HandlerResponse::Unhandled;
    });
    server.set_exception_handler([](const httplib::Request& req, httplib::Response& res, std::exception_ptr ep) {
        try {
            std::rethrow_exception(ep);
        } catch (const std::exception& e) {
            std::cerr << "error: " << req.method << " " << req.path << ": " << e.what() << "\n";
        } catch (...) {
            std::cerr << "error: " << req.method << " " << req.path << ": unknown exception\n";
        }
        send_error(res, 500, "internal", "Something went wrong on the server.");
    });
    register_health_routes(server, app);
    register_catalog_routes(server, app);
    register_request_routes(server, app);
    register_session_routes(server, app);
    register_user_routes(server, app);
    register_organisation_routes(server, app);
    register_group_routes(server, app);
    register_routing_routes(server, app);
    register_kb_article_routes(server, app);
    register_kb_feedback_routes(server, app);
    register_kb_search_routes(server, app);
    register_deflection_routes(server, app);
}

}  // namespace spoc
