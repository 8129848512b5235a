// The request form: what it is about (the catalog), the type's own questions, who is
// affected and whether the person can keep working, then subject, description and
// contact. Core's validation shows inline; nothing typed is lost on an error.
#include "access.h"
#include "app_actions.h"
#include "text.h"
#include "screens.h"
#include "ui.h"

namespace spoc::web {
namespace {

// Three answers in plain words for impact or urgency, from lowest to highest.
void level_question(AppState& app, const char* name, Level& value, const FieldErrors& errors) {
    ui::heading(app.t(std::string("form.") + name));
    ui::begin_chips();
    for (Level level : {Level::low, Level::medium, Level::high}) {
        const std::string id = json(level).get<std::string>();
        if (ui::chip(std::string("form.") + name + "." + id, app.t(std::string("form.") + name + "." + id),
                     value == level)) {
            value = level;
            draft_changed(app, name);
        }
    }
    ui::error_line(std::string("form.") + name, field_error(app, errors, name));
    ui::gap(8);
}

void type_fields(AppState& app, const RequestType& type, const FieldErrors& errors, float width) {
    for (const FormField& f : type.fields) {
        const std::string key = "fields." + f.id;
        const std::string id = "form.field." + f.id;
        std::string& value = app.draft.fields[f.id];
        const std::string label = f.required ? f.label : f.label + " " + app.t("form.optional");
        if (f.type == "select") {
            ui::heading(label);
            ui::begin_chips();
            for (const FieldOption& o : f.options)
                if (ui::chip(id + "." + o.value, o.label, value == o.value)) {
                    value = value == o.value && !f.required ? "" : o.value;
                    draft_changed(app, key);
                }
                    ui::error_line(id, field_error(app, errors, key));
        } else if (ui::text_field(id, label, value, "", field_error(app, errors, key), width, f.type == "textarea")) {
            draft_changed(app, key);
        }
        ui::gap(8);
    }
}

// For whom a help desk files (partner help desks for their organisation's people, the desk for
// anyone: "Log a call"), and what it already found out.
void for_whom(AppState& app, const FieldErrors& errors, float width) {
    Draft& d = app.draft;
    load_people(app);
    ui::heading(app.t("form.for_whom"));
    ui::begin_chips();
    for (const char* choice : {"self", "person", "other"})
        if (ui::chip(std::string("form.for_whom.") + choice, app.t(std::string("form.for_whom.") + choice),
                     d.for_whom == choice)) {
            d.for_whom = choice;
            draft_changed(app, "on_behalf_of");
        }
    ui::gap(8);
    if (d.for_whom == "person") {
        if (ui::text_field("form.person.filter", app.t("form.person.filter"), d.person_filter, "", "", width))
            draft_changed(app, "on_behalf_of");
        const std::string filter = ascii_lowercase(trim(d.person_filter));
        int listed = 0;
        for (const User& u : app.people) {
            const bool chosen = u.id == d.for_user;
            if (!chosen && (filter.empty() || (ascii_lowercase(u.name).find(filter) == std::string::npos &&
                                               u.email.find(filter) == std::string::npos)))
                continue;
            if (!chosen && listed >= 6) continue;  // the chosen one always shows
            ++listed;
            if (ui::option_card("form.person." + u.email, u.name, u.email, chosen, width)) {
                d.for_user = u.id;
                draft_changed(app, "on_behalf_of");
            }
        }
        if (listed == 0 && !filter.empty()) ui::paragraph(app.t("form.person.none"), ui::color::muted);
        ui::error_line("form.person", field_error(app, errors, "on_behalf_of"));
    } else if (d.for_whom == "other") {
        if (ui::text_field("form.other.name", app.t("form.other.name"), d.other_name, "",
                           field_error(app, errors, "on_behalf_of.name"), width))
            draft_changed(app, "on_behalf_of.name");
        if (ui::text_field("form.other.email", app.t("form.other.email"), d.other_email, "",
                           field_error(app, errors, "on_behalf_of.email"), width))
            draft_changed(app, "on_behalf_of.email");
    }
    ui::gap(8);
    ui::heading(app.t("form.diagnosis"));
    ui::paragraph(app.t("form.diagnosis.hint"), ui::color::muted);
    if (ui::text_field("form.diagnosis.checked", app.t("form.diagnosis.checked"), d.diagnosis_checked, "",
                       field_error(app, errors, "diagnosis.checked"), width, true))
        draft_changed(app, "diagnosis.checked");
    if (ui::text_field("form.diagnosis.errors", app.t("form.diagnosis.errors"), d.diagnosis_errors, "",
                       field_error(app, errors, "diagnosis.errors"), width))
        draft_changed(app, "diagnosis.errors");
    if (ui::text_field("form.diagnosis.affected", app.t("form.diagnosis.affected"), d.diagnosis_affected, "",
                       field_error(app, errors, "diagnosis.affected"), width))
        draft_changed(app, "diagnosis.affected");
    ui::gap(8);
}

}  // namespace

void ShowRequestForm(AppState& app) {
    Draft& d = app.draft;
    const FieldErrors errors = form_errors(app);
    const bool hints_beside = HintsBesideForm(app);
    const ui::Column c = hints_beside ? ui::begin_column_with_aside(680, 340) : ui::begin_column(760);
    ui::gap(12);
    if (ui::link_button("form.back", "‹ " + app.t("nav.home"))) go(app, Screen::home);
    ui::title(app.t(d.kind == Kind::incident ? "form.title.incident" : "form.title.service_request"));
    ui::gap(8);

    ImGui::BeginDisabled(app.sending);  // what is on its way cannot change under it
    ui::heading(app.t("form.type"));
    for (const RequestType& type : app.catalog.types) {
        if (type.kind != d.kind) continue;
        if (ui::option_card("form.type." + type.id, type.name, type.description, d.type == type.id, c.width)) {
            d.type = type.id;
            draft_changed(app, "type");
        }
    }
    ui::error_line("form.type", field_error(app, errors, "type"));
    ui::gap(12);

    if (const RequestType* type = app.catalog.find(d.type)) type_fields(app, *type, errors, c.width);
    level_question(app, "impact", d.impact, errors);
    level_question(app, "urgency", d.urgency, errors);

    const float hints_top = ImGui::GetCursorScreenPos().y;
    if (ui::text_field("form.subject", app.t("form.subject"), d.subject, app.t("form.subject.hint"),
                       field_error(app, errors, "subject"), c.width))
        draft_changed(app, "subject");
    ui::gap(8);
    if (ui::text_field("form.description", app.t("form.description"), d.description, app.t("form.description.hint"),
                       field_error(app, errors, "description"), c.width, true))
        draft_changed(app, "description");
    ui::gap(8);
    if (!hints_beside) ShowHints(app);  // what was just typed, searched in this frame
    if (app.account.user) {  // signed in: the account says who files, or whom a help desk files for
        if (files_for_others(app)) for_whom(app, errors, c.width);
        else ui::paragraph(app.t("form.as_you", {{"name", app.account.user->name}}), ui::color::muted);
    } else {
        if (ui::text_field("form.name", app.t("form.name"), d.name, "", field_error(app, errors, "requester.name"),
                           c.width))
            draft_changed(app, "requester.name");
        ui::gap(8);
        if (ui::text_field("form.email", app.t("form.email"), d.email, app.t("form.email.hint"),
                           field_error(app, errors, "requester.email"), c.width))
            draft_changed(app, "requester.email");
    }
    ui::gap(16);

    ImGui::EndDisabled();

    if (!app.form_notice.empty()) {
        ui::shown("form.notice", app.form_notice);
        ui::notice(app.form_notice, ui::Tone::error);
        ui::gap(4);
    }
    if (app.sending) ui::notice(app.t("form.sending"), ui::Tone::info);
    if (ui::primary_button("form.submit", app.t(app.sending ? "form.sending" : "form.submit"), !app.sending,
                           c.width < ui::px(420) ? c.width : 0))
        submit_request(app);
    const float form_bottom = ImGui::GetCursorScreenPos().y;
    ui::gap(32);
    ui::end_column(c);
    if (hints_beside) ShowHintsBeside(app, c, hints_top, form_bottom);
}

}  // namespace spoc::web
