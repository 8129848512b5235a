// Everything the portal remembers between frames: where the person is, what they
// have typed, the requests this browser follows, and what is on its way to the server.
#pragma once
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "account.h"
#include "catalog.h"
#include "knowledge_state.h"
#include "messages.h"
#include "request.h"
#include "validation.h"

namespace spoc::web {

struct ConsoleState;  // console/console_state.h: only the staff program has the console (console/console.h)

enum class Screen { home, form, submitted, mine, detail, sign_in, queue, desk_request, routing, article, solved, knowledge, kb_article, desk_search };
const char* screen_name(Screen s);  // "home", "form", ... (what the browser tests ask for)

// assets/portal.json: who runs this service desk.
struct PortalConfig {
    std::string organisation = "Service Desk";
    std::string service_name = "IT Service Desk";
    std::string logo;      // an image beside index.html; empty shows the organisation's initial
    std::string contact;   // a phone number or address for when the portal is not enough
    int refresh_seconds = 10;
};

// The request form as typed: kept while the person moves around and in localStorage,
// so a failed send or a closed tab loses nothing.
struct Draft {
    Kind kind = Kind::incident;
    std::string type;
    Level impact = Level::invalid;
    Level urgency = Level::invalid;
    std::string subject;
    std::string description;
    std::string name;
    std::string email;
    std::map<std::string, std::string> fields;  // the type's own form fields
    std::string sending_key;  // Idempotency-Key of this draft's sends: a retry files it once
    // Filing for someone else (partner help desks and the desk, signed in): "self", "person"
    // (an account, by id) or "other" (typed in), and the help desk's diagnosis.
    std::string for_whom = "self";
    std::int64_t for_user = 0;
    std::string person_filter;
    std::string other_name;
    std::string other_email;
    std::string diagnosis_checked;
    std::string diagnosis_errors;
    std::string diagnosis_affected;
};

// A request filed from this browser, known by the follow token the server gave it.
struct FollowedRequest {
    std::int64_t id = 0;
    std::string ref;
    std::string follow_token;
    std::optional<Request> latest;  // the last answer of GET /api/v1/requests/{id}
    bool gone = false;              // 404: deleted, or the token no longer fits
    bool loading = false;
    bool from_account = false;      // listed for the signed-in person, not followed by a token
    std::string reply;              // a reply being typed
    bool reply_sending = false;
    std::string notice;             // a problem with the last refresh or reply
    bool link_copied = false;       // its follow link went to the clipboard
};

// Who is signed in (the spoc_session cookie is the browser's; the CSRF token of the sign-in is
// kept to sign changes) and the sign-in form as typed (the password is never stored).
struct Account {
    bool checked = false;           // GET /api/v1/me has answered (or failed)
    std::optional<User> user;       // signed in
    std::string csrf;
    std::string email;
    std::string password;
    bool busy = false;
    std::string notice;
};

struct AppState {
    Screen screen = Screen::home;
    // A kiosk (index.html?kiosk, or ?kiosk=SECONDS) is shared by everyone who walks by:
    // it keeps nothing in the browser, offers no "My requests", and after that many
    // seconds without a touch it forgets the form and returns home for the next person.
    bool kiosk = false;
    double kiosk_idle_seconds = 90;
    std::string lang = "en";
    json messages_config;
    Messages messages;
    Catalog catalog;
    PortalConfig config;
    json config_json;                // portal.json as served, for its texts in each language
    unsigned logo_texture = 0;       // the GL texture the logo is loaded into; 0 until asked for
    bool start_finished = false;     // finish_start() ran: the saved draft and the built-in catalog are in

    Account account;
    // The desk's screens, for staff: made by console_start() in the staff program, null in the
    // requester's (which has no console code; see console/console.h).
    std::shared_ptr<ConsoleState> console;
    std::vector<User> people;       // whom a help desk may file for (GET /api/v1/users), once asked
    bool people_asked = false;

    Draft draft;
    KnowledgeState knowledge;        // hints beside the form, the article open, its feedback
    bool show_errors = false;        // after the first try to submit
    std::map<std::string, std::string> server_errors;  // field -> the server's 422 message, until edited
    bool sending = false;
    std::string form_notice;         // unreachable server or another error

    std::string submitted_ref;
    std::int64_t submitted_id = 0;

    std::vector<FollowedRequest> followed;  // newest first
    std::set<std::int64_t> forgotten;        // removed here: not merged back from other tabs
    bool storage_refused = false;            // the browser did not keep the last filed request
    std::int64_t open_id = 0;                // the request in the detail view
    double next_refresh = 0;                 // seconds_since_start() of the next poll
    Timestamp refreshed_at = 0;

    // The text for key in the person's language (messages.text).
    std::string t(const std::string& key, const std::map<std::string, std::string>& params = {}) const {
        return messages.text(key, params);
    }
    FollowedRequest* find_followed(std::int64_t id);
};

}  // namespace spoc::web
