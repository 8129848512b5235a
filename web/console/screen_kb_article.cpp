// One knowledge article in the console: the editor (title, Markdown body, tags, request types,
// language, visibility) with Save, Publish, Retire and back to draft, the API's errors beside
// their fields, and beside it (on a wide screen) the article's counters and versions and a plain
// preview (kb_article_aside.cpp).
// Only those core lets write articles may change anything; the other staff read.
#include <algorithm>

#include "console_actions.h"
#include "kb_console_actions.h"
#include "kb_display.h"
#include "ui.h"

namespace spoc::web {
namespace {

constexpr ImU32 kInternalText = IM_COL32(150, 96, 0, 255);  // amber, as the internal notes
constexpr ImU32 kInternalSurface = IM_COL32(255, 244, 214, 255);

ImU32 state_tone(ArticleState s) {
    return s == ArticleState::published ? ui::color::success : s == ArticleState::retired ? ui::color::muted
                                                                                           : ui::color::primary;
}

// A field's label in the form's left column, on the field's line (label_width: from the group's
// left edge, as SameLine counts inside a group).
void label(const std::string& text, float label_width) {
    ImGui::AlignTextToFramePadding();
    ui::paragraph(text, ui::color::muted);
    ImGui::SameLine(label_width);
}

// The API's error for a field, under it (aligned with the field); an edit of the field drops it.
void field_error(KnowledgeDesk& k, const std::string& field, float label_width, bool edited) {
    if (edited) k.field_errors.erase(field);
    const auto it = k.field_errors.find(field);
    if (it == k.field_errors.end()) return;
    ImGui::Dummy(ImVec2(1, 0));
    ImGui::SameLine(label_width);
    ui::error_line("kb_article." + field, it->second);
}

void header(AppState& app, const KnowledgeDesk& k) {
    if (ui::dense_button("kb_article.back", "‹ " + app.t("kb.back"))) open_knowledge(app);
    ImGui::SameLine(0, ui::px(16));
    ImGui::AlignTextToFramePadding();
    const std::string what = k.draft.id == 0 ? app.t("kb.new")
                                             : app.t("kb.article", {{"id", std::to_string(k.draft.id)},
                                                                    {"version", std::to_string(k.open ? k.open->version
                                                                                                      : k.draft.version)}});
    ui::heading(what);
    if (!k.open) return;
    ImGui::SameLine(0, ui::px(12));
    ui::badge(article_state_text(app, k.open->state), state_tone(k.open->state), ui::color::selected);
    if (k.open->visibility == Visibility::internal) {
        ImGui::SameLine(0, ui::px(8));
        ui::badge(app.t("kb.internal_badge"), kInternalText, kInternalSurface);
    }
}

void choices(AppState& app, KnowledgeDesk& k, float label_width, float width) {
    ArticleDraft& d = k.draft;
    label(app.t("kb.field.lang"), label_width);
    int lang = d.lang == ArticleLang::de ? 1 : 0;
    const bool lang_edited = ui::select("kb_article.lang", {app.t("kb.lang.en"), app.t("kb.lang.de")}, lang, ui::px(140));
    if (lang_edited) d.lang = lang == 1 ? ArticleLang::de : ArticleLang::en;
    ImGui::SameLine(0, ui::px(24));
    ImGui::AlignTextToFramePadding();
    ui::paragraph(app.t("kb.field.visibility"), ui::color::muted);
    ImGui::SameLine();
    int visibility = d.visibility == Visibility::internal ? 1 : 0;
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(visibility == 1 ? kInternalText : ui::color::text));
    const bool visibility_edited = ui::select(
        "kb_article.visibility", {app.t("kb.visibility.public"), app.t("kb.visibility.internal_long")}, visibility,
        std::min(ui::px(260), width - ImGui::GetCursorPosX()));
    ImGui::PopStyleColor();
    if (visibility_edited) d.visibility = visibility == 1 ? Visibility::internal : Visibility::public_;
    field_error(k, "lang", label_width, lang_edited);
    field_error(k, "visibility", label_width, visibility_edited);
}

void form(AppState& app, KnowledgeDesk& k, float width, float body_height) {
    ArticleDraft& d = k.draft;
    const float label_width = ui::px(130);
    const float field = width - ui::px(130);
    if (k.focus == 1) {
        ui::focus_next_text_field();
        k.focus = 0;
    }
    label(app.t("kb.field.title"), label_width);
    field_error(k, "title", label_width, ui::dense_input("kb_article.title", app.t("kb.title_hint"), d.title, field));
    field_error(k, "slug", label_width, false);
    label(app.t("kb.field.tags"), label_width);
    field_error(k, "tags", label_width, ui::dense_input("kb_article.tags", app.t("kb.tags_hint"), d.tags, field));
    label(app.t("kb.field.types"), label_width);
    std::vector<std::string> names;
    std::vector<bool> chosen;
    for (const RequestType& t : app.catalog.types) {
        names.push_back(t.name);
        chosen.push_back(std::find(d.types.begin(), d.types.end(), t.id) != d.types.end());
    }
    const bool types_edited = ui::multi_select("kb_article.types", names, chosen, field, app.t("kb.no_types"));
    if (types_edited) {
        std::vector<std::string> types;  // unknown ones the article had stay (the server says what is wrong)
        for (const std::string& id : d.types)
            if (!app.catalog.find(id)) types.push_back(id);
        for (std::size_t i = 0; i < chosen.size(); ++i)
            if (chosen[i]) types.push_back(app.catalog.types[i].id);
        d.types = std::move(types);
    }
    field_error(k, "types", label_width, types_edited);
    choices(app, k, label_width, width);
    label(app.t("kb.field.body"), label_width);
    const bool body_error = k.field_errors.count("body") > 0;
    const float body_h = std::max(ui::px(160), body_height - (body_error ? ui::px(28) : 0));
    field_error(k, "body", label_width, ui::text_area("kb_article.body", d.body, field, body_h, body_error));
    for (const auto& [name, message] : k.field_errors)  // errors of members the form does not show
        if (name != "title" && name != "slug" && name != "tags" && name != "types" && name != "lang" &&
            name != "visibility" && name != "body")
            ui::error_line("kb_article." + name, message);
}

void actions(AppState& app, KnowledgeDesk& k) {
    const bool changed = kb_draft_changed(k);
    const bool idle = !k.saving;
    const ArticleState now = k.open ? k.open->state : ArticleState::draft;
    const std::string save = app.t(k.draft.id == 0 ? "kb.save_draft" : "kb.save");
    if (ui::dense_button("kb_article.save", save, idle && changed, true)) save_kb_article(app);
    if (now != ArticleState::published) {
        ImGui::SameLine(0, ui::px(8));
        if (ui::dense_button("kb_article.publish", app.t("kb.publish"), idle)) save_kb_article(app, ArticleState::published);
    }
    if (k.open && now != ArticleState::retired) {
        ImGui::SameLine(0, ui::px(8));
        if (ui::dense_button("kb_article.retire", app.t("kb.retire"), idle)) save_kb_article(app, ArticleState::retired);
    }
    if (k.open && now != ArticleState::draft) {
        ImGui::SameLine(0, ui::px(8));
        if (ui::dense_button("kb_article.unpublish", app.t("kb.to_draft"), idle)) save_kb_article(app, ArticleState::draft);
    }
    if (k.newer_version && *k.newer_version > 0 && k.open && *k.newer_version == k.open->version) {
        ImGui::SameLine(0, ui::px(8));
        if (ui::dense_button("kb_article.save_over",
                             app.t("kb.save_over", {{"version", std::to_string(*k.newer_version + 1)}}), idle))
            save_over_newer(app);
    }
    ImGui::SameLine(0, ui::px(16));
    ImGui::AlignTextToFramePadding();
    if (k.saving) ui::paragraph(app.t("form.sending"), ui::color::muted);
    else if (!k.notice.empty()) ui::paragraph(k.notice, k.notice_ok ? ui::color::success : ui::color::error);
    else if (changed) ui::paragraph(app.t("kb.unsaved"), ui::color::muted);
    else ImGui::NewLine();
    ui::shown("kb_article.notice", k.notice);
}

void keyboard(AppState& app, bool writer) {
    if (ui::popup_open()) return;  // the keys are the drop-down's
    if (writer && ImGui::GetIO().KeyCtrl && ui::key_pressed(ui::key::enter)) save_kb_article(app);
    if (ui::key_pressed(ui::key::escape)) {
        if (ui::typing()) ImGui::SetWindowFocus(nullptr);
        else open_knowledge(app);
    }
}

}  // namespace

void ShowKbArticle(AppState& app) {
    KnowledgeDesk& k = app.console->kb;
    const bool writer = may_write_knowledge(app);
    keyboard(app, writer);
    const float margin = ui::px(16);
    ImGui::SetCursorPos(ImVec2(margin, ui::px(8)));
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(ui::px(8), ui::px(5)));
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(ui::px(8), ui::px(8)));
    ImGui::BeginGroup();
    header(app, k);
    ui::shown("kb_article.id", std::to_string(k.draft.id));
    if (k.draft.id != 0 && !k.open) {
        ui::paragraph(k.notice.empty() ? app.t("mine.loading") : k.notice, k.notice.empty() ? ui::color::muted
                                                                                          : ui::color::error);
    } else {
        const float total = ImGui::GetWindowWidth() - 2 * margin - ImGui::GetStyle().ScrollbarSize;
        const bool two = total >= ui::px(1000);
        const float left = two ? std::floor(total * 0.62f) : total;
        const float buttons = ui::px(46), legend = ui::px(30);
        const float top = ImGui::GetCursorPosY();
        // The body takes what the window leaves below the other fields (about 5 lines of them).
        const float body = ImGui::GetWindowHeight() - top - ui::px(5 * 38) - buttons - legend - ui::px(16);
        ImGui::BeginGroup();
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + left);  // a long notice wraps in the form's width
        ImGui::BeginDisabled(!writer);
        form(app, k, left, body);
        ImGui::EndDisabled();
        ui::gap(2);
        if (writer) actions(app, k);
        ui::paragraph(app.t(writer ? "kb.keys.article" : "kb.keys.article_read"), ui::color::muted);
        ImGui::PopTextWrapPos();
        ImGui::EndGroup();
        if (two) {
            ImGui::SameLine(0, ui::px(24));
            ShowArticleAside(app, total - left - ui::px(24));
        }
    }
    ImGui::EndGroup();
    ImGui::PopStyleVar(2);
}

}  // namespace spoc::web
