// See demo.h. The demo's people, groups and what they file, then one "story" per request: the
// steps the desk and its groups take, each through the rule of core the API route would call,
// acting as a person the access rules let do it.
//
// [SECTION] A fixed-seed generator
// [SECTION] People, organisations and groups
// [SECTION] What people file, by request type
// [SECTION] One request's story
// [SECTION] Seeding
#include "demo.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <stdexcept>

#include "access.h"
#include "assignment.h"
#include "lifecycle.h"
#include "text.h"
#include "tokens.h"
#include "triage.h"
#include "validation.h"

namespace spoc {
namespace {

// [SECTION] A fixed-seed generator ------------------------------------------------------------

// splitmix64: the same numbers on every platform (std's distributions are not).
class Rng {
public:
    explicit Rng(std::uint64_t seed) : state_(seed) {}
    std::uint64_t next() {
        std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    int below(int n) { return static_cast<int>(next() % static_cast<std::uint64_t>(n)); }
    int between(int lo, int hi) { return lo + below(hi - lo + 1); }
    bool chance(double p) { return static_cast<double>(next() >> 11) * 0x1.0p-53 < p; }
    // An index into `weights`, each as likely as its weight.
    int weighted(const std::vector<int>& weights) {
        int total = 0;
        for (int w : weights) total += w;
        int n = below(total);
        for (std::size_t i = 0; i < weights.size(); ++i) {
            if (n < weights[i]) return static_cast<int>(i);
            n -= weights[i];
        }
        return static_cast<int>(weights.size()) - 1;
    }
    template <typename T>
    const T& pick(const std::vector<T>& items) {
        return items[static_cast<std::size_t>(below(static_cast<int>(items.size())))];
    }

private:
    std::uint64_t state_;
};

constexpr std::uint64_t kSeed = 20260042;
constexpr int kRequests = 200;
constexpr int kDays = 45;
constexpr Timestamp kMinute = 60, kHour = 3600, kDay = 86400;

// [SECTION] People, organisations and groups ---------------------------------------------------

const char* const kOrganisations[] = {"Northwind Traders", "Contoso Pharma"};

struct PersonSpec {
    const char* email;
    const char* name;
    Role role;
    int organisation;  // index into kOrganisations, -1: none (the provider's own people)
};

const PersonSpec kPeople[] = {
    {"requester@demo.spoc.example", "Olivia Chen", Role::requester, 0},
    {"daniel.kim@demo.spoc.example", "Daniel Kim", Role::requester, 0},
    {"emma.schulz@demo.spoc.example", "Emma Schulz", Role::requester, 0},
    {"lucas.meyer@demo.spoc.example", "Lucas Meyer", Role::requester, 0},
    {"requester.contoso@demo.spoc.example", "Marco Rossi", Role::requester, 1},
    {"aisha.khan@demo.spoc.example", "Aisha Khan", Role::requester, 1},
    {"felix.braun@demo.spoc.example", "Felix Braun", Role::requester, 1},
    {"nora.lindqvist@demo.spoc.example", "Nora Lindqvist", Role::requester, 1},
    {"jamie.doyle@demo.spoc.example", "Jamie Doyle", Role::requester, -1},
    {"grace.liu@demo.spoc.example", "Grace Liu", Role::requester, -1},
    {"helpdesk@demo.spoc.example", "Hugo Lambert", Role::org_helpdesk, 0},
    {"helpdesk.contoso@demo.spoc.example", "Sofia Almeida", Role::org_helpdesk, 1},
    {"agent@demo.spoc.example", "Anna Berg", Role::agent, -1},
    {"ben.okafor@demo.spoc.example", "Ben Okafor", Role::agent, -1},
    {"chloe.martin@demo.spoc.example", "Chloé Martin", Role::agent, -1},
    {"resolver@demo.spoc.example", "Rolf Weber", Role::resolver, -1},
    {"priya.nair@demo.spoc.example", "Priya Nair", Role::resolver, -1},
    {"lena.fischer@demo.spoc.example", "Lena Fischer", Role::resolver, -1},
    {"victor.hale@demo.spoc.example", "Victor Hale", Role::resolver, -1},
    {"manager@demo.spoc.example", "Maria Lopez", Role::manager, -1},
    {"admin@demo.spoc.example", "Sam Taylor", Role::admin, -1},
};

struct GroupSpec {
    const char* name;
    Tier tier;
    std::vector<const char*> members;
};

const char* const kServiceDesk = "Service Desk";
const char* const kCustomerSupport = "Customer Support";
const char* const kNetwork = "Network & VPN";
const char* const kWorkplace = "Workplace & Devices";
const char* const kApplications = "Business Applications";
const char* const kVendor = "Acme Hardware Vendor";

const GroupSpec kGroups[] = {
    {kServiceDesk, Tier::service_desk,
     {"agent@demo.spoc.example", "ben.okafor@demo.spoc.example", "chloe.martin@demo.spoc.example"}},
    {kCustomerSupport, Tier::customer_support, {"lena.fischer@demo.spoc.example"}},
    {kNetwork, Tier::specialists, {"resolver@demo.spoc.example"}},
    {kWorkplace, Tier::specialists, {"priya.nair@demo.spoc.example"}},
    {kApplications, Tier::specialists, {"lena.fischer@demo.spoc.example"}},
    {kVendor, Tier::vendors, {"victor.hale@demo.spoc.example"}},
};

// Everyone, as the store has them (with their groups), by role.
struct Cast {
    std::vector<User> people;
    std::vector<Organisation> organisations;
    std::vector<SupportGroup> groups;

    std::vector<User> with_role(Role role, std::optional<Id> organisation = std::nullopt, bool any_org = true) const {
        std::vector<User> out;
        for (const User& u : people)
            if (u.role == role && (any_org || u.organisation == organisation)) out.push_back(u);
        return out;
    }
    std::string organisation_name(std::optional<Id> id) const {
        for (const Organisation& o : organisations)
            if (o.id == id) return o.name;
        return "";
    }
    const User& person(Id id) const {
        for (const User& u : people)
            if (u.id == id) return u;
        throw std::logic_error("demo: no person with id " + std::to_string(id));
    }
    const SupportGroup& group(const std::string& name) const {
        for (const SupportGroup& g : groups)
            if (g.name == name) return g;
        throw std::logic_error("demo: no group " + name);
    }
    const SupportGroup& group(Id id) const {
        for (const SupportGroup& g : groups)
            if (g.id == id) return g;
        throw std::logic_error("demo: no group with id " + std::to_string(id));
    }
};

// [SECTION] What people file, by request type --------------------------------------------------

// One thing someone files, with what happens to it: a partner help desk's findings, the
// question a specialist asks, the requester's answer, an internal note and the resolution.
struct Problem {
    const char* subject;
    const char* description;
    const char* fields;  // JSON: the request type's form fields
    const char* checked;
    const char* errors;
    const char* question;
    const char* answer;
    const char* note;
    const char* resolution;
};

struct Playbook {
    const char* type;
    int weight;                // how often it is filed
    const char* group;         // who works on it beyond the service desk
    double first_contact;      // how often the desk solves it on the spot
    const char* handoff;       // the reason when the desk escalates it to `group`
    const char* waiting;       // pending for something else than the requester
    std::vector<Problem> problems;
};

const std::vector<Playbook>& playbooks() {
    static const std::vector<Playbook> books = {
        {"broken_hardware", 15, kWorkplace, 0.0,
         "Hardware fault: needs a technician on site.",
         "",
         {
             {"Laptop does not power on",
              "My laptop stays black when I press the power button, also on the charger. The charging light "
              "blinks orange three times.",
              R"j({"device":"laptop","asset_tag":"LT-20417","location":"Hamburg office, 2nd floor"})j",
              "Tried another charger and a 30-second power-button reset; no change.",
              "Charging LED blinks orange three times (battery or mainboard fault code).",
              "Does the orange light also blink with a full battery, and did the laptop fall or get wet recently?",
              "It fell off the desk last week but worked afterwards. The light blinks every time.",
              "Orange x3 is the mainboard code on this model. Still under the Acme warranty until next spring.",
              "Fixed: Acme replaced the mainboard under warranty; laptop returned and tested."},
             {"Printer on the 3rd floor jams on every page",
              "The big printer in the copy room jams on almost every page since this morning. We cleared it "
              "several times.",
              R"j({"device":"printer","asset_tag":"PR-0388","location":"3rd floor, copy room 3.14"})j",
              "Removed the paper, opened every tray, restarted the printer twice.",
              "Paper jam in area B2.",
              "Does it also jam with paper from a new pack, and from tray 1 as well as tray 2?",
              "Same with new paper. Only tray 2 jams, tray 1 works.",
              "Tray 2 pickup roller worn (counter at 412,000 pages). Spare roller kit in the stock room.",
              "Fixed: replaced the tray 2 pickup rollers; 50 test pages without a jam."},
             {"Screen flickers and goes dark every few minutes",
              "My second screen flickers, then goes dark for a few seconds, several times an hour.",
              R"j({"device":"monitor","asset_tag":"MN-11873"})j",
              "Swapped the DisplayPort cable and tried another port on the docking station.",
              "No error message; the screen's power light stays on.",
              "Does it also flicker when you connect it straight to the laptop, without the docking station?",
              "Yes, straight to the laptop as well.",
              "Backlight failure known on this monitor batch: swap it from stock rather than repair.",
              "Fixed: screen swapped for a new one from stock."},
             {"Docking station no longer charges the laptop",
              "Since Monday the laptop runs on battery even when it sits in the docking station. The screens "
              "still work.",
              R"j({"device":"other","asset_tag":"DK-3321","location":"Open space, desk 14"})j",
              "Tried two laptops on the same dock: neither charges. Screens and keyboard work.",
              "Windows says \"Slow charger connected\".",
              "Is the light on the dock's power supply on, and which model is printed underneath the dock?",
              "The light is on. It says WD19S underneath.",
              "WD19S firmware 01.00.14 has a known charging bug: update the firmware before swapping it.",
              "Fixed: updated the docking station's firmware to 01.00.22; it charges at full power again."},
             {"Desk phone shows \"No service\"",
              "The phone at reception shows \"No service\" and we cannot take calls. The PC on the same cable works.",
              R"j({"device":"phone","location":"Reception, ground floor"})j",
              "Re-plugged the network cable; the PC behind the phone is online.",
              "\"No service\" on the display; registration failed.",
              "Is your PC connected through the phone (the PC port at the back of the phone)?",
              "Yes, the PC is plugged into the phone.",
              "PoE budget of floor switch sw-hh-02 exceeded since the new cameras; moved two ports.",
              "Fixed: freed power budget on the floor switch; the phone registers again."},
             {"Several laptop keys do not react",
              "The keys E, R, D and F do nothing on my laptop. An external keyboard works.",
              R"j({"device":"laptop","asset_tag":"LT-19950"})j",
              "External USB keyboard and the on-screen keyboard work; driver reinstalled.",
              "",
              "Which keys exactly, and was anything spilled on the keyboard?",
              "E, R, D and F. A little coffee, about two weeks ago.",
              "Liquid damage is not covered by the warranty: the cost centre must approve the repair.",
              "Fixed: keyboard replaced by Acme, billed to the cost centre as liquid damage."},
         }},
        {"account_locked", 17, kApplications, 0.7,
         "Needs an SAP or Salesforce administrator.",
         "",
         {
             {"Account locked after changing my password",
              "I changed my password yesterday and this morning my account is locked. I cannot sign in to "
              "Windows or Outlook.",
              R"j({"system":"Windows sign-in and Microsoft 365"})j",
              "Verified the user's identity by call-back; the account shows as locked in the directory.",
              "\"Your account has been locked. Contact your support person.\"",
              "Is an old password still saved somewhere, for example in the mail app on your phone?",
              "Yes, my phone still had the old password. I removed the account from the phone.",
              "Lockout source: a mobile device (ActiveSync) with the old password, 40 failed attempts.",
              "Fixed: account unlocked; the phone's mail account set up again with the new password."},
             {"Two-factor codes are rejected",
              "The codes from the Authenticator app are not accepted anymore, so I cannot sign in to Microsoft "
              "365.",
              R"j({"system":"Microsoft 365 (Authenticator app)"})j",
              "The phone's clock is set automatically; every code from the app is rejected.",
              "\"That code didn't work. Check the code and try again.\"",
              "Did you get a new phone recently, or restore your phone from a backup?",
              "New phone since Monday, restored from a backup of the old one.",
              "Authenticator entries do not move with a backup restore: the phone must be registered again.",
              "Fixed: reset the two-factor registration; the requester registered the new phone."},
             {"Password expired while I was on holiday",
              "I am back from holiday and my password has expired. The reset page does not accept my phone "
              "number.",
              R"j({"system":"Windows sign-in"})j",
              "Self-service reset fails: no recovery phone number registered.",
              "\"Your password has expired and must be changed.\"",
              "Can you open the self-service reset page from your phone, and which number does it show?",
              "It says no phone number is registered for my account.",
              "No recovery number registered; identity verified by call-back to the line manager.",
              "Fixed: temporary password issued after a call-back; the requester set a new one and registered a "
              "recovery number."},
             {"SAP user locked",
              "I cannot sign in to SAP since this morning: it says my user is locked.",
              R"j({"system":"SAP S/4HANA (PRD, client 100)"})j",
              "The SAP user is locked after wrong passwords; we have no SAP administration rights.",
              "\"User is locked. Please notify the person responsible.\"",
              "Do you use SAP GUI or the Fiori launchpad, and did it work yesterday?",
              "SAP GUI. It worked yesterday afternoon.",
              "Locked by the wrong-password counter, no security lock: unlocking in SU01 is fine.",
              "Fixed: SAP user unlocked and the password reset; sign-in confirmed by the requester."},
             {"Cannot sign in to Salesforce after my name change",
              "Since my surname changed, single sign-on to Salesforce fails. Every other application works.",
              R"j({"system":"Salesforce"})j",
              "Single sign-on works for Teams and Outlook with the new name.",
              "\"Your username or password is incorrect\" after the SSO redirect.",
              "What is your new email address, and since which day do you use it?",
              "The new one, since the 1st of the month. The old address still receives mail.",
              "Federation ID in Salesforce still holds the old sign-in name: the user record must be updated.",
              "Fixed: Federation ID updated to the new sign-in name; single sign-on to Salesforce works."},
         }},
        {"application_error", 18, kApplications, 0.15,
         "Application fault: needs the application team.",
         "Waiting for a change: the fix is in Friday's release (CHG-4471).",
         {
             {"SAP: posting an invoice ends in a short dump",
              "When I post a vendor invoice in FB60, SAP shows a runtime error and nothing is saved.",
              R"j({"application":"SAP S/4HANA (FB60)","error_message":"Runtime error CONVT_NO_NUMBER in program SAPLFDCB"})j",
              "Happens for three colleagues, only for invoices in Swiss francs.",
              "CONVT_NO_NUMBER in SAPLFDCB.",
              "Can you send the vendor number and the exact amount of one invoice that fails?",
              "Vendor 400812, amount 1'250.00 CHF. There is no document number because it fails before saving.",
              "The users' decimal notation in SU3 uses ' as thousands separator; the amount conversion fails.",
              "Fixed: corrected the decimal notation in the users' SAP defaults; invoices post again."},
             {"Outlook crashes when opening shared calendars",
              "Outlook closes itself whenever I open the team's shared calendar. Mail works until then.",
              R"j({"application":"Outlook (Microsoft 365)","error_message":"Microsoft Outlook has stopped working"})j",
              "Outlook in safe mode works; add-ins disabled one by one; a new profile was not tried.",
              "Event ID 1000, faulting module olmapi32.dll.",
              "Does it also crash in Outlook on the web, or only in the desktop app?",
              "Only in the desktop app. The web version opens the calendar fine.",
              "Known issue with the Teams meeting add-in build 1.0.23; rolled back for the pilot users.",
              "Workaround: disabled the faulty add-in build until the fixed one ships; Outlook is stable."},
             {"Excel macro for the monthly report fails",
              "The monthly sales report macro stops with an error since the new year's workbook.",
              R"j({"application":"Excel (Reporting.xlsm)","error_message":"Run-time error '1004': Method 'Range' of object '_Worksheet' failed"})j",
              "Macros are enabled; the previous year's workbook still runs.",
              "Run-time error 1004 in module Report, line 212.",
              "Did anyone rename or move a sheet in the new workbook?",
              "Yes, the sheet \"Data\" is now called \"Data 2026\".",
              "The macro addresses the sheet by its old name; a named range would be more robust.",
              "Fixed: macro adapted to the renamed sheet and switched to a named range; the report runs."},
             {"LIMS: sample results cannot be approved",
              "In the LIMS I can enter results but the approval fails for every sample since yesterday.",
              R"j({"application":"LIMS (LabWare)","error_message":"ORA-01400: cannot insert NULL into RESULT.APPROVED_BY"})j",
              "Two lab leads affected; entering results works, approving does not.",
              "ORA-01400 on RESULT.APPROVED_BY.",
              "Which user and which sample did you approve last, and at what time?",
              "User ABRAUN, sample S-2291-07, yesterday at 16:40.",
              "The approver role was lost in last weekend's role migration for the Basel lab leads.",
              "Fixed: approver role assigned again to the lab leads; approvals work."},
             {"Warehouse scanners show \"Server not reachable\"",
              "The hand scanners in the warehouse cannot book goods receipts; they say the server is not "
              "reachable.",
              R"j({"application":"Warehouse scanner app (WMS)","error_message":"Server not reachable (timeout 30 s)"})j",
              "All 12 scanners affected; Wi-Fi is fine, the scanners' browsers open other pages.",
              "Timeout after 30 s on every booking.",
              "Did it start at a certain time, and do the scanners at the loading ramps work?",
              "Since about 6:15, all scanners, also at the ramps.",
              "WMS middleware ran out of database connections after the night's batch jobs.",
              "Fixed: restarted the WMS middleware and raised its connection pool; scanners book again."},
             {"Teams: nobody hears me in meetings",
              "In Teams meetings the others cannot hear me. The headset works in other programs.",
              R"j({"application":"Microsoft Teams","error_message":"Your microphone isn't working"})j",
              "Headset works in the Windows sound recorder; Teams cache cleared.",
              "\"Your microphone isn't working\" banner in Teams.",
              "Which microphone is selected in Teams under Settings > Devices?",
              "It shows \"Microphone array (Realtek)\", not the headset.",
              "A Teams update reset the device choice for some users; policy to prefer USB headsets is ready.",
              "Fixed: selected the headset in Teams and deployed the policy that prefers USB headsets."},
         }},
        {"network_vpn", 15, kNetwork, 0.1,
         "Network fault: needs the network team.",
         "Waiting for a change: firewall change CHG-2291 in Thursday's maintenance window.",
         {
             {"VPN drops every few minutes when working from home",
              "The VPN disconnects every 5 to 10 minutes, so my calls and SAP sessions break.",
              R"j({"connection":"vpn","location":"Home office"})j",
              "Reinstalled the VPN client; the home internet itself is stable.",
              "\"The VPN connection was terminated by the gateway.\"",
              "Does it happen with your phone's hotspot as well, and which VPN client version do you see "
              "under Help > About?",
              "With the hotspot it stays connected. Version 5.1.2.",
              "Gateway logs: the session idles out after 600 s behind this home router model (no keep-alive).",
              "Fixed: VPN profile now sends keep-alives every 30 s; stable for a whole day."},
             {"No Wi-Fi in meeting room Atlas",
              "In meeting room Atlas no laptop finds the office Wi-Fi. In the corridor it works.",
              R"j({"connection":"office_wifi","location":"Meeting room Atlas, 4th floor"})j",
              "Three laptops and two phones tried; none sees the network in the room.",
              "",
              "Is the small white box on the ceiling of the room lit, and what colour is the light?",
              "There is a box above the door; its light is off.",
              "Access point ap-4-07 offline since the cleaning crew unplugged its switch port.",
              "Fixed: access point reconnected and its port labelled; Wi-Fi in the room works."},
             {"Network very slow in the Rotterdam warehouse office",
              "Since this week everything on the network is slow in the warehouse office: opening files takes "
              "minutes.",
              R"j({"connection":"office_cable","location":"Rotterdam warehouse, office block"})j",
              "All 15 PCs in the office block affected; speed test gives 2 Mbit/s instead of 500.",
              "No errors, just very slow.",
              "Can you tell us the time when it is slowest, and whether the warehouse scanners are slow too?",
              "Mornings between 8 and 10 are worst. The scanners are fine.",
              "Uplink of the office switch negotiated 10 Mbit/s half duplex after the power cut: faulty patch "
              "cable.",
              "Fixed: replaced the uplink patch cable; the office runs at full speed again."},
             {"Cannot reach the file share over VPN",
              "Over VPN I can use mail and SAP but not the file share; the drive letter shows a red cross.",
              R"j({"connection":"vpn","location":"Travelling"})j",
              "VPN connected, other internal websites work; the share is reachable from the office.",
              "\"The network path was not found.\"",
              "Which VPN profile do you pick when you connect: \"Standard\" or \"Full tunnel\"?",
              "I always use \"Standard\".",
              "The file server moved to the new subnet, which is missing from the split-tunnel list.",
              "Fixed: the new file-server subnet added to the VPN's split-tunnel routes."},
             {"Wi-Fi asks for my password again every morning",
              "Every morning the laptop asks for the Wi-Fi password again, and it takes several tries.",
              R"j({"connection":"office_wifi","location":"Hamburg office"})j",
              "Forgot and re-added the network; the problem returns the next day.",
              "\"Can't connect to this network.\"",
              "Did your Windows password change recently, and do you connect to \"Corp\" or \"Corp-Guest\"?",
              "Changed it last week. I use \"Corp\".",
              "The laptop still has a user certificate from before the password change; renewal stuck.",
              "Fixed: renewed the laptop's Wi-Fi certificate; it connects by itself again."},
             {"Network socket in room 2.07 is dead",
              "The network socket next to my desk in room 2.07 gives no connection; my PC shows no cable.",
              R"j({"connection":"office_cable","location":"Room 2.07"})j",
              "Other cable and another PC tried on the same socket: no link.",
              "\"Network cable unplugged.\"",
              "Which number is printed on the socket?",
              "2.07-B3.",
              "Socket 2.07-B3 is not patched in the floor distributor since the move last month.",
              "Fixed: socket 2.07-B3 patched to the access switch; the PC is online."},
         }},
        {"new_equipment", 11, kWorkplace, 0.05,
         "Needs ordering and set-up by Workplace & Devices.",
         "Waiting for other: the cost-centre owner's approval.",
         {
             {"Second screen for my home office",
              "I work from home three days a week and would like a second screen like the one in the office.",
              R"j({"item":"monitor","cost_center":"CC-4100"})j",
              "", "",
              "Which cost centre should we charge, and who approves it?",
              "CC-4100, my team lead Jana Wolf approves it.",
              "Standard catalogue screen, 3 left in stock.",
              "Fulfilled: screen delivered and set up; the requester confirmed it works."},
             {"Headset for a new call-centre colleague",
              "A new colleague starts in the call centre next Monday and needs a headset.",
              R"j({"item":"headset","needed_by":"next Monday","cost_center":"CC-2210"})j",
              "", "",
              "Wired or wireless? The call centre usually gets the wired model.",
              "Wired is fine, like the rest of the team.",
              "Wired headsets in stock; reserved one.",
              "Fulfilled: headset handed over at the call-centre desk."},
             {"Laptop for a new starter",
              "Jonas Weber starts in the finance team on the 1st of next month and needs a laptop with the "
              "finance software.",
              R"j({"item":"laptop","needed_by":"1st of next month","cost_center":"CC-3300"})j",
              "", "",
              "Does Jonas need SAP and the reporting tools like the rest of finance?",
              "Yes, the same as the others in finance.",
              "Finance image 2026.1; laptop LT-21044 prepared, SAP GUI installed.",
              "Fulfilled: laptop LT-21044 prepared with the finance image and handed over."},
             {"Replacement phone: the battery lasts two hours",
              "My work phone's battery is empty after two hours. Can I get a replacement?",
              R"j({"item":"phone"})j",
              "", "",
              "How old is the phone, and do you need the same number on the new one?",
              "About three years. Yes, the same number please.",
              "Phone out of warranty: replace it (cheaper than a battery swap).",
              "Fulfilled: new phone set up with the same number and handed over."},
             {"Ergonomic keyboard and mouse",
              "The occupational health check recommended an ergonomic keyboard and a vertical mouse for me.",
              R"j({"item":"other","cost_center":"CC-4100"})j",
              "", "",
              "Do you have the occupational health recommendation as a document?",
              "Yes, I will attach it. It recommends the split keyboard model.",
              "Ordered from the ergonomics catalogue, delivery in 5 working days.",
              "Fulfilled: keyboard and mouse delivered to the requester's desk."},
         }},
        {"system_access", 12, kApplications, 0.2,
         "Access needs the application owner's team.",
         "Waiting for other: the data owner's approval.",
         {
             {"Access to the Controlling shared folder",
              "I joined the controlling team and need to work in its shared folder.",
              R"j({"system":"\\\\fs01\\finance\\controlling","access_level":"write","approver":"Jana Wolf"})j",
              "", "",
              "Do you need to change files, or is reading enough?",
              "I need to change the monthly reports, so read and write.",
              "Group FS-Controlling-RW; approval from Jana Wolf received by mail.",
              "Fulfilled: added to FS-Controlling-RW; the requester can open and save files."},
             {"Read access to the Sales Power BI workspace",
              "I need to see the sales dashboards in Power BI for the quarterly planning.",
              R"j({"system":"Power BI workspace \"Sales\"","access_level":"read","approver":"Tom Becker"})j",
              "", "",
              "Which dashboards do you need: all of the Sales workspace, or only the regional ones?",
              "Only the regional dashboards for DACH.",
              "Row-level security role DACH exists; approval by the workspace owner attached.",
              "Fulfilled: viewer access to the Sales workspace with the DACH role."},
             {"Shared mailbox orders@ for a new team member",
              "Please give me access to the orders@ shared mailbox; I took over order handling from a colleague.",
              R"j({"system":"Shared mailbox orders@","access_level":"write","approver":"Karin Vogel"})j",
              "", "",
              "Should you also be able to send as orders@, or only read and answer on behalf?",
              "Send as orders@, like my colleague did.",
              "Full access plus Send As; takes up to an hour to appear in Outlook.",
              "Fulfilled: full access and Send As on orders@; the mailbox appears in Outlook."},
             {"SAP role for purchase orders",
              "I need to create purchase orders in SAP (ME21N) for my new role in purchasing.",
              R"j({"system":"SAP S/4HANA (ME21N)","access_level":"write","approver":"Head of Purchasing"})j",
              "", "",
              "Up to which amount should you be able to release purchase orders?",
              "Up to 10,000 EUR, larger ones go to my manager.",
              "Role Z_MM_PO_CREATE with release strategy level 1 (10,000 EUR); approval attached.",
              "Fulfilled: SAP role for purchase orders up to 10,000 EUR assigned; tested with ME21N."},
             {"Administrator rights on the lab PC",
              "The new instrument software must be installed and updated on the lab PC; it needs administrator "
              "rights.",
              R"j({"system":"Lab PC LAB-BS-014","access_level":"admin","approver":"Lab lead"})j",
              "", "",
              "Could the desk install the software for you instead of permanent administrator rights?",
              "Yes, if the updates can be done the same way later.",
              "Validated system (GxP): no permanent admin rights; software packaged for deployment instead.",
              "Fulfilled: instrument software packaged and installed; updates come through software "
              "deployment."},
         }},
        {"question", 12, kCustomerSupport, 0.6,
         "A question for Customer Support.",
         "",
         {
             {"How do I set up an out-of-office reply?",
              "I am on holiday next week. How do I set an automatic reply in Outlook?",
              "{}", "", "",
              "Do you use the Outlook app or Outlook on the web?",
              "The Outlook app on my laptop.",
              "KB article \"Automatic replies in Outlook\" covers it.",
              "Answered: sent the steps (File > Automatic Replies) and the knowledge article."},
             {"How do I share my calendar with my team?",
              "My team wants to see when I am free. How do I share my calendar?",
              "{}", "", "",
              "Should the team see only free/busy times, or also the titles of your meetings?",
              "Titles are fine for my team.",
              "Standard how-to; nothing to change on our side.",
              "Answered: explained calendar sharing with \"Can view titles and locations\"."},
             {"Where do I find the expense report template?",
              "I need to hand in my travel expenses. Where is the current template?",
              "{}", "", "",
              "Is it for travel in the country or abroad? There are two templates.",
              "Abroad, a trip to Basel.",
              "The intranet link to the template moved with the new intranet.",
              "Answered: sent the link to the expense template for travel abroad."},
             {"May I install Zoom on my work laptop?",
              "A customer invited me to a Zoom meeting. Can I install Zoom on my laptop?",
              "{}", "", "",
              "Is it a single meeting? You can join from the browser without installing anything.",
              "Just this one meeting.",
              "Zoom is not on the approved software list; browser join is the answer.",
              "Answered: join Zoom meetings from the browser; installing it is not needed."},
             {"How do I print from my own laptop?",
              "I brought my own laptop for a workshop. How can I print on the office printer?",
              "{}", "", "",
              "Are you connected to the \"Corp-Guest\" Wi-Fi?",
              "Yes, Corp-Guest.",
              "Guests print through the web print portal only.",
              "Answered: sent the web print portal's address and how to release the print job."},
             {"How do I move my files to my new laptop?",
              "I get a new laptop tomorrow. How do I take my files and settings with me?",
              "{}", "", "",
              "Are your files in OneDrive already, or on the laptop's own disk?",
              "Most are in OneDrive, some on the desktop.",
              "Known-folder move not enabled for this user yet.",
              "Answered: enabled OneDrive backup of the desktop and documents; files follow to the new laptop."},
         }},
    };
    return books;
}

// What the help desk of a partner, or the requester, adds when nobody asked.
const std::vector<std::string> kNudges = {
    "Any news on this? I still cannot work properly.",
    "Just checking: is someone looking at this?",
    "It is getting urgent, I have a deadline on Friday.",
    "Some more detail: it also happened this morning around 9.",
};
const std::vector<std::string> kThanks = {
    "Works again, thank you!",
    "Confirmed, all good now. Thanks for the quick help.",
    "Thanks, that solved it.",
};
const std::vector<std::string> kCancellations = {
    "Duplicate of an earlier request from the same person.",
    "The requester withdrew it: it solved itself after a restart.",
    "Filed twice by mistake.",
    "Not for the service desk: forwarded to Facilities.",
};
// People without an account: visitors at the kiosk, contractors who call.
const std::pair<const char*, const char*> kGuests[] = {
    {"Pat Morgan", "pat.morgan@visitor.example"},
    {"Kim Novak", "kim.novak@contractor.example"},
    {"Luis García", "luis.garcia@visitor.example"},
};

// [SECTION] One request's story ------------------------------------------------------------------

// Steps on one request, each through core's rule and as a person the access rules let do it,
// as the API's routes would: the actor is the person, on the desk's side when they may see the
// request's internals, else on the requester's.
class Story {
public:
    Story(Request& r, Timestamp at, Rng& rng, const Cast& cast, const Catalog& catalog)
        : r_(r), at_(at), rng_(rng), cast_(cast), catalog_(catalog) {}

    Request& request() { return r_; }
    // Some time passes; people work on weekdays from 7:00 to 19:00 (UTC, as the times are shown).
    void wait(Timestamp least, Timestamp most) {
        at_ += least + rng_.below(static_cast<int>(most - least + 1));
        const Timestamp day = at_ - at_ % kDay, time = at_ % kDay;
        if (time < 7 * kHour) at_ = day + 7 * kHour + rng_.below(static_cast<int>(kHour));
        else if (time > 19 * kHour) at_ = day + kDay + 7 * kHour + rng_.below(static_cast<int>(kHour));
        const int weekday = static_cast<int>((at_ / kDay + 4) % 7);  // 0: Sunday (1970-01-01 was a Thursday)
        if (weekday == 6) at_ += 2 * kDay;
        else if (weekday == 0) at_ += kDay;
    }

    void triage(const User& agent, const Triage& t) {
        require(may_triage(access(agent)), "triage");
        require(apply_triage(r_, t, catalog_, as(agent), at_) == TriageError::none, "triage");
        if (!t.owner) take_ownership_if_unowned(r_, agent, at_);
    }
    void assign(const User& agent, const SupportGroup& g, std::optional<Id> person, const std::string& reason) {
        require(may_assign(access(agent)), "assign");
        require(spoc::assign(r_, g, person, reason, as(agent), at_) == AssignError::none, "assign");
        take_ownership_if_unowned(r_, agent, at_);
    }
    void escalate(const User& who, const SupportGroup& to, const std::string& reason) {
        require(may_escalate(access(who)), "escalate");
        const Tier current = r_.group ? cast_.group(*r_.group).tier : Tier::invalid;
        require(escalate_functionally(r_, to, current, reason, as(who), at_) == AssignError::none, "escalate");
    }
    void escalate_to_managers(const User& who, const std::string& reason) {
        require(may_escalate(access(who)), "escalate to the managers");
        require(escalate_hierarchically(r_, reason, as(who), at_) == AssignError::none, "escalate to the managers");
    }
    void move(const User& who, State to, const std::string& reason = "", const std::string& code = "") {
        require(may_change_state(access(who)), "change the state");
        require(apply_transition(r_, to, reason, as(who), at_, code) == TransitionError::none,
                std::string("move to ") + to_string(to));
    }
    // The requester's answer to a request pending on them: back in progress, by the system.
    void answered() {
        requester_answered(r_, at_);
        require(r_.state == State::in_progress, "answer");
    }
    void reply(const User& who, const std::string& body) {
        require(may_reply(access(who)) && validate_comment(body).empty(), "reply");
        require(may_see_internal(access(who)) || !is_final(r_.state), "reply to a closed request");
        add_comment(r_, body, false, as(who), at_);
    }
    // A guest answers with the follow token: the requester, without an account.
    void reply_as_guest(const std::string& body) { add_comment(r_, body, false, "requester", at_); }
    void note(const User& who, const std::string& body) {
        require(may_write_note(access(who)) && validate_comment(body).empty(), "note");
        add_comment(r_, body, true, as(who), at_);
    }

private:
    RequestAccess access(const User& u) const { return request_access(u, r_); }
    Actor as(const User& u) const { return Actor(may_see_internal(access(u)) ? "desk" : "requester", u.id); }
    void require(bool ok, const std::string& what) const {
        if (!ok) throw std::logic_error("demo: may not " + what + " on \"" + r_.subject + "\" (" + to_string(r_.state) + ")");
    }

    Request& r_;
    Timestamp at_;
    Rng& rng_;
    const Cast& cast_;
    const Catalog& catalog_;
};

// How a request came in.
enum class Channel { portal, partner_help_desk, phone_call, phone_call_no_account, guest };

// Who filed it and for whom, decided before it is opened.
struct Filing {
    Channel channel = Channel::portal;
    std::optional<User> requester;   // the account, if any
    std::optional<User> filer;       // who filed it for them (help desk or agent)
    std::string guest_name, guest_email;
};

// What the story should end in, and the twists on the way.
struct Plot {
    State end = State::new_;
    bool first_contact = false;
    bool to_vendor = false;
    bool to_managers = false;
    bool reopened = false;
    bool wait_for_other = false;  // pending for something else than the requester
};

// The state a request of this age has come to, in the proportions of a desk that keeps up.
State end_state(Rng& rng, double age_days) {
    const std::vector<State> states = {State::new_,     State::assigned, State::in_progress, State::pending,
                                       State::resolved, State::closed,   State::cancelled};
    std::vector<int> w;
    if (age_days < 1) w = {45, 25, 20, 5, 5, 0, 0};
    else if (age_days < 3) w = {20, 22, 25, 15, 13, 0, 5};
    else if (age_days < 7) w = {5, 10, 20, 20, 30, 10, 5};
    else if (age_days < 14) w = {0, 3, 8, 12, 17, 55, 5};
    else w = {0, 0, 2, 4, 2, 85, 7};
    return states[static_cast<std::size_t>(rng.weighted(w))];
}

// The person who answers as the requester: the account, or the partner's help desk that filed it.
void requester_says(Story& s, const Filing& f, Rng& rng, const std::string& body) {
    if (f.channel == Channel::partner_help_desk && rng.chance(0.5)) return s.reply(*f.filer, body);
    if (f.requester) return s.reply(*f.requester, body);
    s.reply_as_guest(body);
}

void tell(Story& s, const Playbook& book, const Problem& p, const Filing& f, const Plot& plot, Rng& rng,
          const Cast& cast) {
    Request& r = s.request();
    const std::vector<User> agents = cast.with_role(Role::agent);
    const User agent = rng.pick(agents);
    if (plot.end == State::new_) {
        if (rng.chance(0.3)) {
            s.wait(2 * kHour, 20 * kHour);
            requester_says(s, f, rng, rng.pick(kNudges));
        }
        return;
    }
    if (plot.end == State::cancelled) {
        s.wait(10 * kMinute, 6 * kHour);
        if (rng.chance(0.5)) s.assign(agent, cast.group(kServiceDesk), agent.id, "");
        s.wait(5 * kMinute, 3 * kHour);
        s.move(agent, State::cancelled, rng.pick(kCancellations));
        return;
    }

    // Triage: the desk judges impact and urgency (the priority follows), sometimes the type.
    s.wait(5 * kMinute, 2 * kHour);
    Triage t;
    const int judgement = rng.below(10);
    if (judgement < 2) t.urgency = r.urgency == Level::high ? Level::medium : Level::high;
    else if (judgement < 4) t.impact = r.impact == Level::low ? Level::medium : Level::low;
    else if (judgement == 4 && book.type == std::string("question") && !plot.first_contact)
        t.type = "application_error";  // not a question after all: an incident
    else t.owner = agent.id;
    s.triage(agent, t);

    if (plot.first_contact) {
        s.assign(agent, cast.group(kServiceDesk), agent.id, "");
        s.wait(5 * kMinute, 40 * kMinute);
        s.move(agent, State::in_progress);
        if (rng.chance(0.4)) s.note(agent, p.note);
        if (plot.end == State::in_progress) return;
        s.wait(5 * kMinute, 50 * kMinute);
        s.move(agent, State::resolved, p.resolution, "solved");
    } else {
        // Hand it to the group that knows: by assignment, or a functional escalation.
        const SupportGroup& group = cast.group(book.group);
        s.wait(2 * kMinute, 45 * kMinute);
        const bool named = rng.chance(0.6);
        const std::optional<Id> person = named ? std::optional<Id>(rng.pick(group.members)) : std::nullopt;
        if (rng.chance(0.35) && group.tier != Tier::service_desk)
            s.escalate(agent, group, book.handoff);
        else
            s.assign(agent, group, person, rng.chance(0.3) ? book.handoff : "");
        if (f.channel == Channel::partner_help_desk && rng.chance(0.5))
            s.note(agent, "Partner diagnosis checked at triage: no need to repeat the basic checks.");
        if (plot.end == State::assigned) return;

        const SupportGroup* working = &cast.group(*r.group);
        User worker = cast.person(r.assignee ? *r.assignee : rng.pick(working->members));
        s.wait(20 * kMinute, 20 * kHour);
        s.move(worker, State::in_progress);
        if (rng.chance(0.7)) {
            s.wait(10 * kMinute, 4 * kHour);
            s.note(worker, p.note);
        }
        if (plot.to_managers) {
            s.wait(30 * kMinute, 6 * kHour);
            const User& who = rng.chance(0.5) ? agent : worker;
            s.escalate_to_managers(who, r.organisation
                                            ? "Several people at the partner cannot work; their management asked "
                                              "for a fix today."
                                            : "Blocks a whole team; needs a decision on priority and budget.");
            s.wait(10 * kMinute, 2 * kHour);
            s.note(cast.with_role(Role::manager).front(),
                   "Seen. Keep it at the top of the queue and update me by the end of the day.");
        }
        if (plot.to_vendor) {
            s.wait(1 * kHour, 1 * kDay);
            s.escalate(worker, cast.group(kVendor), "Under warranty: Acme repairs it (contract AHV-2231).");
            working = &cast.group(kVendor);
            worker = cast.person(rng.pick(working->members));
            s.wait(1 * kHour, 8 * kHour);
            s.note(worker, "Acme: case opened, part ordered.");
            s.move(worker, State::pending, "Waiting for the vendor: replacement part ordered, delivery in 3 days.",
                   "vendor");
            if (plot.end == State::pending) return;
            s.wait(1 * kDay, 4 * kDay);
            s.move(worker, State::in_progress);
        } else if (plot.wait_for_other) {
            s.wait(1 * kHour, 1 * kDay);
            s.move(worker, State::pending, book.waiting, "other");
            if (plot.end == State::pending) return;
            s.wait(4 * kHour, 3 * kDay);
            s.move(worker, State::in_progress);
        } else if (plot.end == State::pending || rng.chance(0.55)) {
            // A specialist asks the requester, in public, through the request.
            s.wait(30 * kMinute, 1 * kDay);
            s.reply(worker, p.question);
            s.move(worker, State::pending, std::string("Waiting for the requester: ") + p.question, "requester");
            if (plot.end == State::pending) return;
            s.wait(1 * kHour, 2 * kDay);
            requester_says(s, f, rng, p.answer);
            s.answered();
        }
        if (plot.end == State::in_progress) return;
        s.wait(1 * kHour, 2 * kDay);
        s.move(worker, State::resolved, p.resolution, "solved");
        if (plot.reopened) {
            s.wait(4 * kHour, 2 * kDay);
            requester_says(s, f, rng, "It happened again this morning, the problem is back.");
            s.wait(10 * kMinute, 2 * kHour);
            s.move(cast.person(*r.owner), State::in_progress, "Reopened: the requester reports it is back.");
            s.wait(2 * kHour, 1 * kDay);
            s.note(worker, "Second look: the first fix did not hold; applied the permanent one.");
            s.move(worker, State::resolved, p.resolution, "solved");
        }
    }
    if (plot.end == State::resolved) return;
    s.wait(1 * kDay, 5 * kDay);
    if (rng.chance(0.5)) requester_says(s, f, rng, rng.pick(kThanks));
    s.wait(10 * kMinute, 1 * kDay);
    s.move(cast.person(*r.owner), State::closed);
}

// Every event after the first moved earlier, in proportion, so the last is before `limit`.
void fit_before(Request& r, Timestamp limit) {
    const Timestamp start = r.created_at, last = r.timeline.back().at;
    if (last <= limit || last <= start) return;
    const double f = static_cast<double>(limit - start) / static_cast<double>(last - start);
    for (Event& e : r.timeline) e.at = start + static_cast<Timestamp>(static_cast<double>(e.at - start) * f);
    r.updated_at = r.timeline.back().at;
}

// [SECTION] Seeding -------------------------------------------------------------------------------

Cast cast_people(Store& store, Passwords& passwords) {
    Cast cast;
    for (const char* name : kOrganisations) {
        auto o = store.create_organisation(name);
        if (!o)
            for (const Organisation& known : store.list_organisations())
                if (known.name == name) o = known;
        if (!o) throw std::runtime_error(std::string("demo: cannot create the organisation ") + name);
        cast.organisations.push_back(*o);
    }
    // One Argon2id hash of the shared demo password, made as for any account, serves every
    // demo account: hashing it 21 times would add seconds and no security to a public password.
    const auto hash = passwords.hash(kDemoPassword);
    if (!hash) throw std::runtime_error("demo: the password hasher is busy");
    for (const PersonSpec& p : kPeople) {
        User u;
        u.email = normalised_email(p.email);
        u.name = p.name;
        u.role = p.role;
        if (p.organisation >= 0) u.organisation = cast.organisations[static_cast<std::size_t>(p.organisation)].id;
        auto made = store.create_user(u, *hash);
        if (!made) throw std::runtime_error(std::string("demo: the email is taken: ") + p.email);
        cast.people.push_back(*made);
    }
    auto id_of = [&cast](const char* email) {
        for (const User& u : cast.people)
            if (u.email == email) return u.id;
        throw std::logic_error(std::string("demo: no person ") + email);
    };
    for (const GroupSpec& spec : kGroups) {
        SupportGroup g;
        g.name = spec.name;
        g.tier = spec.tier;
        for (const char* email : spec.members) g.members.push_back(id_of(email));
        std::sort(g.members.begin(), g.members.end());
        auto made = store.create_group(g);
        if (!made) {
            for (const SupportGroup& known : store.list_groups())
                if (same_name(known.name, g.name)) {
                    g.id = known.id;
                    g.tier = known.tier;
                    for (Id m : known.members) g.members.push_back(m);
                    std::sort(g.members.begin(), g.members.end());
                    g.members.erase(std::unique(g.members.begin(), g.members.end()), g.members.end());
                    store.update_group(g);
                    made = g;
                }
        }
        if (!made) throw std::runtime_error(std::string("demo: cannot create the group ") + spec.name);
        cast.groups.push_back(*made);
    }
    for (User& u : cast.people) u = *store.find_user(u.id);  // now with their groups
    return cast;
}

// Who files this one, and how.
Filing choose_filing(Rng& rng, const Cast& cast, const Catalog& catalog, const Playbook& book) {
    Filing f;
    const bool incident = catalog.find(book.type)->kind == Kind::incident;  // what a partner diagnoses
    const int way = rng.weighted({56, incident ? 18 : 0, 18, 4, 4});
    f.channel = static_cast<Channel>(way);
    if (f.channel == Channel::guest || f.channel == Channel::phone_call_no_account) {
        const auto& guest = kGuests[rng.below(3)];
        f.guest_name = guest.first;
        f.guest_email = guest.second;
    } else if (f.channel == Channel::partner_help_desk) {
        const Organisation& o = rng.pick(cast.organisations);
        f.requester = rng.pick(cast.with_role(Role::requester, o.id, false));
        f.filer = cast.with_role(Role::org_helpdesk, o.id, false).front();
    } else {
        f.requester = rng.pick(cast.with_role(Role::requester));
    }
    if (f.channel == Channel::phone_call || f.channel == Channel::phone_call_no_account)
        f.filer = rng.pick(cast.with_role(Role::agent));
    return f;
}

// The body the portal or the console would have sent, read and checked as the API does.
NewRequest new_request(Rng& rng, const Catalog& catalog, const Playbook& book, const Problem& p, const Filing& f) {
    static const std::vector<std::string> levels = {"high", "medium", "low"};
    const bool incident = catalog.find(book.type)->kind == Kind::incident;
    json body = {{"type", book.type},
                 {"subject", p.subject},
                 {"description", p.description},
                 {"impact", levels[static_cast<std::size_t>(rng.weighted(incident ? std::vector<int>{2, 5, 3}
                                                                                   : std::vector<int>{0, 4, 6}))]},
                 {"urgency", levels[static_cast<std::size_t>(rng.weighted(incident ? std::vector<int>{3, 5, 2}
                                                                                    : std::vector<int>{1, 5, 4}))]},
                 {"fields", json::parse(p.fields)}};
    if (f.requester) body["requester"] = {{"name", f.requester->name}, {"email", f.requester->email}};
    else body["requester"] = {{"name", f.guest_name}, {"email", f.guest_email}};
    if (f.channel == Channel::partner_help_desk) {
        body["on_behalf_of"] = f.requester->id;
        body["diagnosis"] = {{"checked", p.checked}, {"affected", rng.between(1, 40)}};
        if (*p.errors) body["diagnosis"]["errors"] = p.errors;
    } else if (f.channel == Channel::phone_call) {
        body["on_behalf_of"] = f.requester->id;
    } else if (f.channel == Channel::phone_call_no_account) {
        body["on_behalf_of"] = {{"name", f.guest_name}, {"email", f.guest_email}};
    }
    NewRequest nr;
    FieldErrors errors = parse_new_request(body, nr);
    if (errors.empty()) errors = validate_new_request(nr, catalog);
    if (!errors.empty())
        throw std::logic_error("demo: invalid request \"" + std::string(p.subject) + "\": " + errors.front().field +
                               " " + errors.front().code);
    return nr;
}

// When each request came in: working hours on the last kDays days, more of them lately (so the
// open queues have something in them), fewer at weekends, oldest first.
std::vector<Timestamp> arrival_times(Rng& rng, Timestamp now) {
    const Timestamp today = now - now % kDay;
    std::vector<Timestamp> times;
    while (static_cast<int>(times.size()) < kRequests) {
        const double u = static_cast<double>(rng.next() >> 11) * 0x1.0p-53;
        const Timestamp day = today - static_cast<Timestamp>(kDays * std::pow(u, 1.6)) * kDay;
        const Timestamp at = day + rng.between(7 * 3600, 18 * 3600);
        const int weekday = static_cast<int>((day / kDay + 4) % 7);  // 0: Sunday (1970-01-01 was a Thursday)
        if (at > now - 15 * kMinute || ((weekday == 0 || weekday == 6) && !rng.chance(0.15))) continue;
        times.push_back(at);
    }
    std::sort(times.begin(), times.end());
    return times;
}

}  // namespace

std::vector<DemoSignIn> demo_sign_ins() {
    return {
        {"requester", "requester@demo.spoc.example", "Olivia Chen, Northwind Traders"},
        {"requester", "requester.contoso@demo.spoc.example", "Marco Rossi, Contoso Pharma"},
        {"org_helpdesk", "helpdesk@demo.spoc.example", "Hugo Lambert, Northwind Traders' help desk"},
        {"org_helpdesk", "helpdesk.contoso@demo.spoc.example", "Sofia Almeida, Contoso Pharma's help desk"},
        {"agent", "agent@demo.spoc.example", "Anna Berg, Service Desk"},
        {"resolver", "resolver@demo.spoc.example", "Rolf Weber, Network & VPN"},
        {"resolver", "victor.hale@demo.spoc.example", "Victor Hale, Acme Hardware Vendor"},
        {"manager", "manager@demo.spoc.example", "Maria Lopez, receives escalations"},
        {"admin", "admin@demo.spoc.example", "Sam Taylor, people, organisations, groups"},
    };
}

bool empty_for_demo(Store& store) {
    UserFilter users;
    users.limit = 1;
    RequestQuery requests;
    requests.limit = 1;
    return store.list_users(users).items.empty() && store.list(requests).items.empty();
}

bool has_demo(Store& store) { return store.user_by_email("admin@demo.spoc.example").has_value(); }

DemoSummary seed_demo(Store& store, Passwords& passwords, const Catalog& catalog, const RoutingRules& routing,
                      Timestamp now) {
    Rng rng(kSeed);
    const Cast cast = cast_people(store, passwords);
    DemoSummary summary;
    summary.people = static_cast<int>(cast.people.size());
    summary.organisations = static_cast<int>(cast.organisations.size());
    summary.groups = static_cast<int>(cast.groups.size());

    std::vector<int> weights;
    for (const Playbook& b : playbooks()) weights.push_back(b.weight);
    int to_managers = 0;
    for (const Timestamp created : arrival_times(rng, now)) {
        const Playbook& book = playbooks()[static_cast<std::size_t>(rng.weighted(weights))];
        const Problem& problem = rng.pick(book.problems);
        const Filing filing = choose_filing(rng, cast, catalog, book);
        const NewRequest nr = new_request(rng, catalog, book, problem, filing);

        // Filed as POST /api/v1/requests files it: a person as themselves (the staff on the
        // desk's side), a guest as the requester; then routed.
        const Actor filer = filing.filer ? Actor(is_staff(filing.filer->role) ? "desk" : "requester", filing.filer->id)
                            : filing.requester ? Actor("requester", filing.requester->id)
                                               : Actor("requester");
        Request r = open_request(nr, *catalog.find(nr.type), created, filer);
        if (filing.requester) {
            r.requester.user = filing.requester->id;
            r.organisation = filing.requester->organisation;
        }
        if (filing.filer) r.filed_by = filing.filer->id;
        route_new_request(r, routing, cast.organisation_name(r.organisation), cast.groups);

        Plot plot;
        plot.end = end_state(rng, static_cast<double>(now - created) / kDay);
        const bool can_first_contact = plot.end == State::in_progress || plot.end == State::resolved ||
                                       plot.end == State::closed;
        plot.first_contact = can_first_contact && filing.channel != Channel::partner_help_desk &&
                             rng.chance(book.first_contact);
        const bool worked = !plot.first_contact && plot.end != State::new_ && plot.end != State::assigned &&
                            plot.end != State::cancelled;
        plot.to_vendor = worked && book.group == std::string(kWorkplace) && book.type == std::string("broken_hardware") &&
                         rng.chance(0.4);
        plot.wait_for_other = worked && !plot.to_vendor && *book.waiting && rng.chance(0.25);
        plot.to_managers = worked && to_managers < 7 && r.priority <= 3 && rng.chance(0.12);
        if (plot.to_managers) ++to_managers;
        plot.reopened = worked && r.kind == Kind::incident && (plot.end == State::resolved || plot.end == State::closed) &&
                        rng.chance(0.08);

        const Store::Created stored = store.create(r, hash_token(new_token()));
        const auto told = store.update(stored.request.id, [&](Request& current) {
            Story story(current, created, rng, cast, catalog);
            tell(story, book, problem, filing, plot, rng, cast);
            fit_before(current, now - kMinute);
            return current.timeline.size() > 1;
        });
        const Request& final_request = told ? *told : stored.request;
        ++summary.requests;
        ++summary.by_state[to_string(final_request.state)];
    }
    return summary;
}

}  // namespace spoc
