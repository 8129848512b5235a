// A knowledge article opened from the form's hints, readable on a phone and a desktop, with what
// the person can say of it ("This solved it", "Not helpful") and the way back to their request;
// and the calm end of "This solved it": nothing was filed.
#include "app_actions.h"
#include "platform.h"
#include "screens.h"
#include "ui.h"

namespace spoc::web {
namespace {

int g_copied_block = -1;            // the code block whose text went to the clipboard
std::int64_t g_copied_article = 0;  // in that article

// "Did this solve your problem?" and its three answers, side by side where they fit.
void answers(AppState& app) {
    ui::begin_panel();
    ui::heading(app.t("article.question"));
    const float inner = ui::current_column().width;
    const std::string solved = app.t("article.solved"), not_helpful = app.t("article.not_helpful");
    const bool stacked = inner < ui::px(440);
    if (ui::primary_button("article.solved", solved, true, stacked ? inner : 0)) article_solved(app);
    if (!stacked) ImGui::SameLine();
    if (ui::secondary_button("article.not_helpful", not_helpful, stacked ? inner : 0)) article_not_helpful(app);
    ui::end_panel();
}

}  // namespace

void ShowArticle(AppState& app) {
    KnowledgeState& k = app.knowledge;
    const ui::Column c = ui::begin_column(720);
    ui::gap(12);
    if (ui::link_button("article.back", "\xE2\x80\xB9 " + app.t("article.back"))) back_to_request(app);
    if (!k.article) {
        ui::gap(8);
        if (k.article_loading) ui::paragraph(app.t("article.loading"), ui::color::muted);
        if (!k.article_notice.empty()) {
            ui::shown("article.notice", k.article_notice);
            ui::notice(k.article_notice, ui::Tone::error);
        }
        ui::end_column(c);
        return;
    }
    const KnowledgeArticle& a = *k.article;
    ui::shown("article.id", std::to_string(a.id));
    ui::shown("article.title", a.title);
    ui::gap(4);
    ui::title(a.title);
    ui::gap(10);
    const int copied = g_copied_article == a.id ? g_copied_block : -1;
    const ui::RichTextAction act =
        ui::rich_text(a.body, c.width, "article", app.t("article.copy"), app.t("article.copied"), copied);
    if (!act.open_link.empty()) open_in_new_tab(act.open_link);
    if (!act.copy_text.empty() && copy_to_clipboard(act.copy_text)) {
        g_copied_block = act.copied_block;
        g_copied_article = a.id;
        announce(app.t("article.copied"));
    }
    ui::gap(28);
    answers(app);
    ui::gap(4);
    if (ui::link_button("article.back_bottom", "\xE2\x80\xB9 " + app.t("article.back"))) back_to_request(app);
    ui::gap(32);
    ui::end_column(c);
}

void ShowSolved(AppState& app) {
    const ui::Column c = ui::begin_column(720);
    ui::gap(28);
    ui::title(app.t("solved.title"));
    ui::gap(8);
    ui::notice(app.t("solved.nothing_filed"), ui::Tone::success);
    ui::gap(8);
    ui::paragraph(app.t("solved.again"), ui::color::muted);
    ui::gap(16);
    if (ui::primary_button("solved.home", app.t("solved.home"), true, c.width < ui::px(420) ? c.width : 0))
        go(app, Screen::home);
    ui::gap(32);
    ui::end_column(c);
}

}  // namespace spoc::web
