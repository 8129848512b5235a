// /api/v1/users: the people who sign in. Admins (and the desk token) create and change
// them and reset passwords; staff read everyone, a partner help desk its own organisation.
#include "access.h"
#include "api.h"
#include "app.h"
#include "auth.h"

namespace spoc {
namespace {

void no_such_user(httplib::Response& res) { send_error(res, 404, "not_found", "No user with this id."); }

// ?organisation=3&role=agent&limit=50&cursor=...; false after answering 422.
bool read_user_filter(const httplib::Request& req, UserFilter& f, httplib::Response& res) {
    auto number = [&req](const char* key, std::int64_t& out) {
        const auto n = whole_number(req.get_param_value(key));
        if (n) out = *n;
        return n.has_value();
    };
    std::int64_t n = 0;
    if (req.has_param("organisation")) {
        if (!number("organisation", n)) return send_error(res, 422, "invalid_field", "Not an organisation id.", "organisation"), false;
        f.organisation = n;
    }
    if (req.has_param("role")) {
        f.role = json(req.get_param_value("role")).get<Role>();
        if (*f.role == Role::invalid) return send_error(res, 422, "invalid_field", "Unknown role.", "role"), false;
    }
    if (req.has_param("limit")) {
        if (!number("limit", n) || n < 1 || n > 200) return send_error(res, 422, "invalid_field", "Use a limit of 1 to 200.", "limit"), false;
        f.limit = static_cast<int>(n);
    }
    if (req.has_param("cursor")) {
        if (!number("cursor", n) || n < 0) return send_error(res, 422, "invalid_field", "Not a cursor of this list.", "cursor"), false;
        f.after_id = n;
    }
    return true;
}

// Reads a user body over `user`; false after answering 422 (also for an unknown organisation).
bool read_user_body(App& app, const httplib::Request& req, httplib::Response& res, bool creating, User& user,
                    std::optional<std::string>& password, bool& reset_password) {
    const Messages& messages = app.messages(request_language(req, app.messages_config));
    const auto body = read_json_body(req, res, messages);
    if (!body) return false;
    FieldErrors errs = read_user(*body, creating, user, password);
    if (body->is_object() && body->contains("reset_password")) {
        const json& v = (*body)["reset_password"];
        if (!v.is_boolean()) errs.push_back(wrong_type("reset_password", "true or false"));
        else reset_password = v.get<bool>();
    }
    if (errs.empty() && user.organisation && !app.store.find_organisation(*user.organisation))
        errs.push_back({"organisation", "error.choice", {}});
    if (!errs.empty()) return send_field_errors(res, errs, messages), false;
    return true;
}

void email_taken(httplib::Response& res) {
    send_error(res, 409, "conflict", "A user with this email exists.", "email");
}

void create_user(App& app, const httplib::Request& req, httplib::Response& res) {
    if (!caller_allowed(app, req, res, may_manage_people)) return;
    User user;
    std::optional<std::string> password;
    bool reset = false;
    if (!read_user_body(app, req, res, true, user, password, reset)) return;
    const bool generated = !password;
    if (generated) password = one_time_password();
    const auto hash = app.passwords.hash(*password);
    if (!hash) return send_error(res, 503, "busy", "Too many passwords are being hashed; try again in a moment.");
    const auto made = app.store.create_user(user, *hash);
    if (!made) return email_taken(res);
    json out = *made;
    if (generated) out["password"] = *password;  // shown once, to hand over
    send_json(res, 201, out);
}

void change_user(App& app, const httplib::Request& req, httplib::Response& res) {
    if (!caller_allowed(app, req, res, may_manage_people)) return;
    const auto id = path_id(req);
    auto user = id ? app.store.find_user(*id) : std::nullopt;
    if (!user) return no_such_user(res);
    const bool was_active = user->active;
    std::optional<std::string> password;
    bool reset = false;
    if (!read_user_body(app, req, res, false, *user, password, reset)) return;
    if (reset && !password) password = one_time_password();
    std::optional<std::string> hash;
    if (password && !(hash = app.passwords.hash(*password)))
        return send_error(res, 503, "busy", "Too many passwords are being hashed; try again in a moment.");
    switch (app.store.update_user(*user)) {
        case Store::UpdateResult::unknown: return no_such_user(res);
        case Store::UpdateResult::conflict: return email_taken(res);
        case Store::UpdateResult::done: break;
    }
    if (hash) app.store.set_password(user->id, *hash);
    // A new password or a deactivation signs the person out everywhere.
    if (hash || (was_active && !user->active)) app.store.delete_sessions_of(user->id);
    // Support groups hold active staff only: who is no longer one leaves them.
    if (!may_be_group_member(*user) && !user->groups.empty()) {
        app.store.remove_from_groups(user->id);
        user->groups.clear();
    }
    json out = *user;
    if (reset) out["password"] = *password;
    send_json(res, 200, out);
}

}  // namespace

void register_user_routes(httplib::Server& server, App& app) {
    server.Get("/api/v1/users", [&app](const httplib::Request& req, httplib::Response& res) {
        const auto caller = caller_allowed(app, req, res, may_list_users);
        if (!caller) return;
        UserFilter filter;
        if (!read_user_filter(req, filter, res)) return;
        if (!is_staff(caller->role())) {  // a partner help desk: its own organisation only
            if (!caller->organisation() || (filter.organisation && filter.organisation != caller->organisation()))
                return send_json(res, 200, {{"items", json::array()}, {"next", nullptr}});
            filter.organisation = caller->organisation();
        }
        const UserPage page = app.store.list_users(filter);
        send_json(res, 200, {{"items", page.items}, {"next", page.next ? json(std::to_string(*page.next)) : json(nullptr)}});
    });

    server.Post("/api/v1/users", [&app](const httplib::Request& req, httplib::Response& res) { create_user(app, req, res); });

    server.Get(R"(/api/v1/users/(\d+))", [&app](const httplib::Request& req, httplib::Response& res) {
        const auto caller = caller_allowed(app, req, res, may_list_users);
        if (!caller) return;
        const auto id = path_id(req);
        const auto user = id ? app.store.find_user(*id) : std::nullopt;
        if (!user || !may_read_user(caller->role(), caller->organisation(), *user)) return no_such_user(res);
        send_json(res, 200, *user);
    });

    server.Patch(R"(/api/v1/users/(\d+))", [&app](const httplib::Request& req, httplib::Response& res) { change_user(app, req, res); });
}

}  // namespace spoc
