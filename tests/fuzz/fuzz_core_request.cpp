// fuzz_core_request: arbitrary bytes as the JSON body of POST /api/v1/requests, of
// POST /api/v1/requests/{id}/comments and of POST /api/v1/requests/{id}/transitions, through
// the same core calls, in the same order, as server/api.cpp (read_json_body: depth check,
// then parse) and server/request_routes.cpp; then core's JSON reading (from_json) and its
// text and clock helpers on the same bytes. Besides crashes and ASan/UBSan reports it checks
// properties the server relies on; a broken one prints what broke and aborts, which libFuzzer
// reports as a crash.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "catalog.h"
#include "clock.h"
#include "embedded_assets.h"
#include "lifecycle.h"
#include "messages.h"
#include "request.h"
#include "text.h"
#include "validation.h"

namespace {

using namespace spoc;

[[noreturn]] void broken(const char* what, int line) {
    std::fprintf(stderr, "fuzz_core_request.cpp:%d: property broken: %s\n", line, what);
    std::abort();
}
#define EXPECT(cond)                             \
    do {                                         \
        if (!(cond)) broken(#cond, __LINE__);    \
    } while (0)

// What the server's App builds once at start (server/app.cpp).
struct Config {
    json messages_config = json::parse(assets::messages_json);
    json catalog_config = json::parse(assets::catalog_json);
    std::map<std::string, Catalog> catalogs;
    std::map<std::string, Messages> messages;
    Config() {
        for (const std::string& lang : languages(messages_config)) {
            catalogs.emplace(lang, catalog_from_config(catalog_config, lang));
            messages.emplace(lang, Messages(messages_config, lang));
        }
    }
    const Catalog& english() const { return catalogs.at("en"); }
};

const Config& config() {
    static const Config c;
    return c;
}

constexpr Timestamp kNow = 1795000000;  // 2026-11-18T...Z, the clock the routes pass in
const State kStates[] = {State::new_,    State::assigned, State::in_progress, State::pending,
                         State::resolved, State::closed,   State::cancelled};

// send_json (server/api.cpp): invalid UTF-8 is replaced, never thrown.
std::string answer(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

// send_field_errors (server/api.cpp), in every language the server offers.
void answer_field_errors(const FieldErrors& errors) {
    EXPECT(!errors.empty());
    for (const auto& [lang, messages] : config().messages) {
        json details = json::array();
        for (const auto& e : errors) {
            const std::string text = messages.error(e);
            EXPECT(!text.empty());
            EXPECT(text.find('{') == std::string::npos || e.params.empty());  // every placeholder filled
            details.push_back({{"field", e.field}, {"code", e.code}, {"message", text}});
        }
        const FieldError& first = errors.front();
        json err = {{"code", "invalid_field"},
                    {"message", first.field.empty() ? messages.error(first) : first.field + ": " + messages.error(first)},
                    {"details", details}};
        if (!first.field.empty()) err["field"] = first.field;
        answer({{"error", err}});
    }
}

// A text that passed validation: readable, no control characters, no surrounding spaces once
// stored, within its length.
void expect_clean_text(const std::string& stored, std::size_t min, std::size_t max) {
    EXPECT(is_valid_utf8(stored));
    EXPECT(!has_control_characters(stored));
    EXPECT(trim(stored) == std::string_view(stored));
    const std::size_t n = utf8_length(stored);
    EXPECT(n >= min && n <= max);
}

// The JSON form read back gives the same request (the portal reads the server's answers so).
void expect_round_trip(const Request& r) {
    const json j = r;
    const json again = j.get<Request>();
    EXPECT(again == j);
}

// A request as the store holds it after filing: every route below starts from one.
const Request& base_request() {
    static const Request r = [] {
        NewRequest nr;
        nr.type = "question";
        nr.subject = "Printer on floor 2";
        nr.impact = Level::low;
        nr.urgency = Level::medium;
        nr.requester = {"Ada", "ada@example.org", std::nullopt};
        Request out = open_request(nr, *config().english().find(nr.type), kNow - 60);
        out.id = 7;
        out.ref = format_ref(out.id);
        return out;
    }();
    return r;
}

// [SECTION] POST /api/v1/requests (file_request) -------------------------------------------

void file_request(const json& body) {
    if (!body.is_object()) return;  // 400
    NewRequest nr;
    FieldErrors errors = parse_new_request(body, nr);
    if (errors.empty()) errors = validate_new_request(nr, config().english());
    if (!errors.empty()) return answer_field_errors(errors);  // 422

    const RequestType* type = config().english().find(nr.type);
    EXPECT(type != nullptr);
    Request r = open_request(nr, *type, kNow);
    r.id = 1;
    r.ref = format_ref(r.id);
    EXPECT(r.type == type->id && r.kind == type->kind && r.kind != Kind::invalid);
    EXPECT(r.priority >= 1 && r.priority <= 5);
    EXPECT(r.state == State::new_ && r.timeline.size() == 1 && r.timeline[0].kind == EventKind::created);
    expect_clean_text(r.subject, limits::subject_min, limits::subject_max);
    expect_clean_text(r.description, 0, limits::description_max);
    expect_clean_text(r.requester.name, 1, limits::name_max);
    EXPECT(is_email(r.requester.email));
    for (const auto& [key, value] : r.fields.items()) {
        bool known = false;
        for (const FormField& f : type->fields) known = known || f.id == key;
        EXPECT(known);
        EXPECT(value.is_string());
        EXPECT(trim(value.get<std::string>()) == value.get<std::string>());
    }
    for (const FormField& f : type->fields)
        if (f.required) EXPECT(r.fields.contains(f.id) && !r.fields[f.id].get<std::string>().empty());

    json out = r;
    out["follow_token"] = "token";
    answer(out);
    expect_round_trip(r);
}

// [SECTION] POST /api/v1/requests/{id}/comments (comment_on_request) ----------------------

void comment(const json& body) {
    if (!body.is_object()) return;  // 400
    const json text = body.value("body", json());
    if (!text.is_string()) return;  // 422
    const json internal = body.value("internal", json(false));
    if (!internal.is_boolean()) return;  // 422
    const FieldErrors errors = validate_comment(text.get<std::string>());
    if (!errors.empty()) return answer_field_errors(errors);

    Request r = base_request();
    const std::size_t before = r.timeline.size();
    add_comment(r, text.get<std::string>(), internal.get<bool>(), internal.get<bool>() ? "desk" : "requester", kNow);
    EXPECT(r.timeline.size() == before + 1 && r.updated_at == kNow);
    expect_clean_text(r.timeline.back().body, 1, limits::comment_max);
    const std::vector<Event> shown = public_timeline(r.timeline);
    EXPECT(shown.size() == (internal.get<bool>() ? before : before + 1));
    json requester_view = r;
    requester_view["timeline"] = shown;
    answer(r);
    answer(requester_view);
    expect_round_trip(r);
}

// [SECTION] POST /api/v1/requests/{id}/transitions (transition_request), from every state --

void transition(const json& body) {
    if (!body.is_object()) return;  // 400
    const json to = body.value("to", json());
    if (!to.is_string()) return;  // 422
    const json reason = body.value("reason", json(""));
    if (!reason.is_string()) return;  // 422
    const State target = state_from_string(to.get<std::string>());
    for (State from : kStates) {
        Request r = base_request();
        r.state = from;
        const json before = r;
        const TransitionError error = apply_transition(r, target, reason.get<std::string>(), "desk", kNow);
        EXPECT(error == check_transition(from, target, reason.get<std::string>()));
        if (error != TransitionError::none) {
            EXPECT(json(r) == before);  // untouched
            if (error == TransitionError::illegal)
                answer({{"error", {{"message", std::string("A request cannot go from ") + to_string(from) + " to " +
                                                   to.get<std::string>() + "."}}}});
            continue;
        }
        EXPECT(target != State::invalid && can_transition(from, target));
        EXPECT(r.state == target && r.updated_at == kNow);
        EXPECT(r.timeline.size() == base_request().timeline.size() + 1);
        const Event& e = r.timeline.back();
        EXPECT(e.kind == EventKind::state_changed && e.from == from && e.to == target);
        EXPECT(e.reason == std::string(trim(reason.get<std::string>())));
        EXPECT(!needs_reason(target) || !e.reason.empty());
        EXPECT(utf8_length(e.reason) <= limits::reason_max);
        answer(r);
        expect_round_trip(r);
    }
}

// [SECTION] core's JSON reading, on whatever the body holds ---------------------------------
// The server never reads a client's body this way (parse_new_request checks every type), but
// the portal reads the server's answers with these, and they are core.

// Reading is lenient about missing members; a member of the wrong JSON type throws
// nlohmann's exception, which is the documented way it refuses (the portal catches it).
template <typename T>
void read_as(const json& body) {
    try {
        const T value = body.get<T>();
        answer(json(value));
    } catch (const json::exception&) {
    }
}

// [SECTION] text and clock helpers ----------------------------------------------------------

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; }

void text_helpers(std::string_view s) {
    const std::string_view t = trim(s);
    EXPECT(t.size() <= s.size());
    if (!t.empty()) {
        EXPECT(t.data() >= s.data() && t.data() + t.size() <= s.data() + s.size());
        EXPECT(!is_space(t.front()) && !is_space(t.back()));
    }
    EXPECT(trim(t) == t);
    EXPECT(utf8_length(s) <= s.size());

    // nlohmann refuses to write invalid UTF-8 (RFC 3629, like is_valid_utf8): the two must agree.
    bool dumps = true;
    try {
        (void)json(std::string(s)).dump();
    } catch (const json::type_error&) {
        dumps = false;
    }
    EXPECT(is_valid_utf8(s) == dumps);

    (void)has_control_characters(s);
    if (is_email(s)) {
        EXPECT(s.size() >= 3 && s.size() <= 254);
        EXPECT(s.find('@') != std::string_view::npos && s.find('@') == s.rfind('@'));
        EXPECT(s.find(' ') == std::string_view::npos);
    }
    const std::string lang = pick_language(s.substr(0, s.find_first_of(",;")), config().messages_config);
    EXPECT(config().messages.count(lang) == 1);
    (void)level_from_string(std::string(s));
    (void)state_from_string(std::string(s));

    // RFC 3339: what is accepted prints back the same (but 23:59:60, a leap second, which
    // becomes the next minute's :00).
    if (s.size() == 20) {
        if (const auto t3339 = from_rfc3339(s)) {
            if (s.substr(17, 2) != "60") EXPECT(to_rfc3339(*t3339) == s);
            EXPECT(from_rfc3339(to_rfc3339(*t3339)) == *t3339);
        }
    }
}

void clock_helpers(const std::uint8_t* data, std::size_t size) {
    if (size < 8) return;
    std::int64_t t = 0;
    std::memcpy(&t, data, sizeof t);
    const std::string s = to_rfc3339(t);
    constexpr std::int64_t year0 = -62167219200, year9999 = 253402300799;  // 0000-01-01, 9999-12-31T23:59:59
    if (t >= year0 && t <= year9999) {
        EXPECT(s.size() == 20);
        EXPECT(from_rfc3339(s) == t);
    }
}

// How deep arrays and objects nest: a scalar is 0, [] and {} are 1. Without recursion, since
// the input may nest as deep as it is long.
std::size_t depth_of(const json& root) {
    std::size_t deepest = 0;
    std::vector<std::pair<const json*, std::size_t>> todo = {{&root, 0}};
    while (!todo.empty()) {
        const auto [j, above] = todo.back();
        todo.pop_back();
        if (!j->is_structured()) continue;
        deepest = std::max(deepest, above + 1);
        for (const auto& child : *j) todo.push_back({&child, above + 1});
    }
    return deepest;
}

// Every string in the body (values and names) through the text helpers.
void each_string(const json& j, int depth = 0) {
    if (depth > 64) return;
    if (j.is_string()) return text_helpers(j.get_ref<const std::string&>());
    if (j.is_object())
        for (const auto& [key, value] : j.items()) {
            text_helpers(key);
            each_string(value, depth + 1);
        }
    if (j.is_array())
        for (const auto& value : j) each_string(value, depth + 1);
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    (void)config();
    (void)base_request();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    // read_json_body (server/api.cpp): the request's body string, parsed without exceptions.
    // It refuses JSON nested deeper than kMaxJsonDepth before parsing (400 too_deep).
    const std::string raw(reinterpret_cast<const char*>(data), size);
    const bool shallow = json_depth_within(raw);
    const json body = json::parse(raw, nullptr, false);

    text_helpers(raw);
    clock_helpers(data, size);
    if (body.is_discarded()) return 0;  // 400 malformed_json (or 422 error.utf8)
    // The bracket count before parsing agrees with the parsed document: nothing deeper gets
    // through (the routes copy members recursively), nothing within the limit is refused.
    // nlohmann takes a NUL byte outside strings for the end of the input ("7\0[[[" parses as
    // 7), so the refusal is judged on the text up to the first NUL.
    const std::size_t depth = depth_of(body);
    EXPECT(depth <= kMaxJsonDepth || !shallow);
    EXPECT(json_depth_within(std::string_view(raw).substr(0, raw.find('\0'))) == (depth <= kMaxJsonDepth));
    if (!shallow) return 0;

    file_request(body);
    comment(body);
    transition(body);
    read_as<NewRequest>(body);
    read_as<Request>(body);
    read_as<Event>(body);
    read_as<Catalog>(body);  // the portal reads GET /api/v1/catalog so
    try {
        (void)catalog_from_config(body, "de");  // the form as assets/catalog.json gives it
    } catch (const json::exception&) {
    }
    each_string(body);
    return 0;
}
