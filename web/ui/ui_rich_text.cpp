// Draws core's Markdown blocks (a knowledge article's body) wrapped to a width: words of styled
// spans flow onto lines; links are underlined and clickable; code sits on a subtle background in
// a monospace face; code blocks keep their lines and have a copy button.
#include <imgui_internal.h>

#include <algorithm>
#include <cmath>
#include <string_view>

#include "markdown.h"
#include "ui.h"

namespace spoc::web::ui {
namespace {

constexpr ImU32 kCodeSurface = IM_COL32(232, 236, 242, 255);
constexpr ImU32 kCodeEdge = IM_COL32(206, 213, 224, 255);
constexpr ImU32 kCodeText = IM_COL32(33, 40, 54, 255);
constexpr float kLineSpacing = 1.45f;  // of the font's size: text that reads easily

// A piece of text placed on a line: one word (or part of a long one) of one span.
struct Piece {
    std::string_view text;
    ImFont* font = nullptr;
    float size = 0;
    ImU32 color = 0;
    float x = 0, y = 0, w = 0;  // relative to the block's top left
    bool code = false;
    int link = -1;               // index into the block's links
};

float width_of(ImFont* font, float size, std::string_view s) {
    return font->CalcTextSizeA(size, FLT_MAX, 0, s.data(), s.data() + s.size()).x;
}

// How many bytes of s fit in width (at least one character), cut between UTF-8 characters.
std::size_t fitting_bytes(ImFont* font, float size, std::string_view s, float width) {
    std::size_t fit = 0, i = 0;
    while (i < s.size()) {
        std::size_t next = i + 1;
        while (next < s.size() && (static_cast<unsigned char>(s[next]) & 0xC0) == 0x80) ++next;
        if (fit > 0 && width_of(font, size, s.substr(0, next)) > width) break;
        fit = next;
        i = next;
    }
    return fit;
}

struct Style {
    ImFont* font;
    float size;
    ImU32 color;
};

// Lays the spans out in lines of at most width; answers the pieces and the height.
class LineLayout {
public:
    LineLayout(float width, float line_height, float first_indent) : width_(width), line_(line_height), x_(first_indent),
                                                                     left_(first_indent) {}

    void add(std::string_view text, const Style& style, bool code, int link) {
        const float pad = code ? px(4) : 0;
        std::size_t i = 0;
        while (i < text.size()) {
            std::size_t end = text.find(' ', i);
            if (end == std::string_view::npos) end = text.size();
            std::size_t after = end;
            while (after < text.size() && text[after] == ' ') ++after;
            std::string_view word = text.substr(i, end - i);
            const float space = width_of(style.font, style.size, text.substr(end, after - end));
            if (i == 0 && word.empty()) {  // a span that starts with a space
                x_ += space;
                open_ = false;
                i = after;
                continue;
            }
            // Punctuation right after a span ("**Next**.") stays on its line, slightly over.
            const bool glued = i == 0 && open_ && word.size() <= 2;
            while (!word.empty()) {
                float w = width_of(style.font, style.size, word) + 2 * pad;
                if (x_ + w > width_ && x_ > left_ && !glued) new_line();
                std::string_view part = word;
                if (x_ + w > width_) {  // longer than a whole line: cut it
                    part = word.substr(0, fitting_bytes(style.font, style.size, word, width_ - x_ - 2 * pad));
                    w = width_of(style.font, style.size, part) + 2 * pad;
                }
                pieces_.push_back({part, style.font, style.size, style.color, x_, y_, w, code, link});
                x_ += w;
                word.remove_prefix(part.size());
                if (!word.empty()) new_line();
            }
            x_ += space;
            open_ = after == end;  // the next span goes on with this word
            i = after;
        }
    }

    void new_line() {
        open_ = false;
        x_ = left_;
        y_ += line_;
    }
    float height() const { return y_ + line_; }
    const std::vector<Piece>& pieces() const { return pieces_; }

private:
    float width_, line_, x_, left_, y_ = 0;
    bool open_ = false;  // the last piece ended without a space
    std::vector<Piece> pieces_;
};

Style style_of(const MarkdownBlock& b, const MarkdownSpan& s) {
    if (b.kind == MarkdownBlockKind::heading) {
        ImFont* t = title_font();
        if (b.level == 1) return {t, t->FontSize * 24 / 28, color::text};
        if (b.level == 2) return {t, t->FontSize * 21 / 28, color::text};
        return {bold_font(), bold_font()->FontSize, color::text};
    }
    if (s.code) return {code_font(), code_font()->FontSize, s.link.empty() ? kCodeText : color::primary};
    ImFont* f = s.bold ? bold_font() : regular_font();
    return {f, f->FontSize, s.link.empty() ? color::text : color::primary};
}

// One paragraph, heading or list item; answers the link clicked, if any.
std::string draw_spans(const MarkdownBlock& b, float width, const std::string& test_id, int& link_counter) {
    const float indent = b.kind == MarkdownBlockKind::bullet_item || b.kind == MarkdownBlockKind::numbered_item
                             ? px(30) * static_cast<float>(b.level + 1)
                             : 0;
    const Style base = style_of(b, MarkdownSpan{});
    LineLayout layout(width, std::round(base.size * kLineSpacing), indent);
    std::vector<std::string> links;
    for (const MarkdownSpan& s : b.spans) {
        int link = -1;
        if (!s.link.empty()) {
            links.push_back(s.link);
            link = static_cast<int>(links.size()) - 1;
        }
        layout.add(s.text, style_of(b, s), s.code, link);
    }
    const ImVec2 at = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float half_leading = std::round(base.size * (kLineSpacing - 1) / 2);
    if (b.kind == MarkdownBlockKind::bullet_item) {  // the list's marker, before the text
        const float r = b.level == 0 ? px(3) : px(2.5f);
        const ImVec2 centre(at.x + indent - px(14), at.y + half_leading + base.size * 0.55f);
        if (b.level == 0) dl->AddCircleFilled(centre, r, color::muted, 12);
        else dl->AddCircle(centre, r, color::muted, 12, px(1.2f));
    } else if (b.kind == MarkdownBlockKind::numbered_item) {
        ImFont* f = regular_font();
        const std::string marker = std::to_string(b.number) + ".";
        const float w = width_of(f, f->FontSize, marker);
        dl->AddText(f, f->FontSize, ImVec2(at.x + indent - px(10) - w, at.y + half_leading), color::muted,
                    marker.c_str());
    }
    std::string clicked;
    std::vector<bool> tracked(links.size(), false);
    for (std::size_t i = 0; i < layout.pieces().size(); ++i) {
        const Piece& p = layout.pieces()[i];
        const ImVec2 pos(at.x + p.x, at.y + p.y + half_leading);
        float text_x = pos.x;
        if (p.code) {
            const ImVec2 a(pos.x, pos.y - px(1)), z(pos.x + p.w, pos.y + p.size + px(1));
            dl->AddRectFilled(a, z, kCodeSurface, px(4));
            dl->AddRect(a, z, kCodeEdge, px(4), 0, px(1));
            text_x += px(4);
        }
        dl->AddText(p.font, p.size, ImVec2(text_x, pos.y), p.color, p.text.data(), p.text.data() + p.text.size());
        if (p.link < 0) continue;
        // A link: underlined, and each of its pieces a place to click.
        // The underline runs on under the space to the link's next piece on the same line.
        float under_end = pos.x + p.w;
        if (i + 1 < layout.pieces().size()) {
            const Piece& next = layout.pieces()[i + 1];
            if (next.link == p.link && next.y == p.y) under_end = at.x + next.x;
        }
        const float under = pos.y + p.font->Ascent * p.size / p.font->FontSize + px(2);
        dl->AddLine(ImVec2(pos.x, under), ImVec2(under_end, under), p.color, px(1.2f));
        ImGui::SetCursorScreenPos(ImVec2(pos.x, at.y + p.y));
        ImGui::PushID(link_counter + p.link);
        ImGui::PushID(static_cast<int>(i));
        if (ImGui::InvisibleButton("##link", ImVec2(std::max(p.w, 1.0f), std::round(base.size * kLineSpacing))))
            clicked = links[p.link];
        ImGui::PopID();
        ImGui::PopID();
        if (ImGui::IsItemHovered()) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
        if (!tracked[p.link]) {
            tracked[p.link] = true;
            const std::string id = test_id + ".link." + std::to_string(link_counter + p.link);
            track(id);
            shown(id, links[p.link]);
        }
    }
    link_counter += static_cast<int>(links.size());
    ImGui::SetCursorScreenPos(at);
    ImGui::Dummy(ImVec2(width, layout.height()));
    return clicked;
}

// A code block: its lines kept, long ones wrapped by character, on a subtle box with a copy button.
bool draw_code_block(const MarkdownBlock& b, float width, const std::string& id, const std::string& copy_label) {
    ImFont* f = code_font();
    ImFont* bold = bold_font();
    const float pad = px(12);
    const float line = std::round(f->FontSize * 1.35f);
    const float button_w = width_of(bold, bold->FontSize, copy_label) + px(24);
    const float button_h = px(36);
    const float text_width = width - 2 * pad;
    LineLayout layout(text_width, line, 0);
    std::string_view code = b.code;
    const Style style{f, f->FontSize, kCodeText};
    for (std::size_t start = 0; start <= code.size();) {
        std::size_t eol = code.find('\n', start);
        if (eol == std::string_view::npos) eol = code.size();
        layout.add(code.substr(start, eol - start), style, false, -1);
        if (eol >= code.size()) break;
        layout.new_line();
        start = eol + 1;
    }
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const float height = pad + layout.height() + px(8) + button_h + pad;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(at, ImVec2(at.x + width, at.y + height), kCodeSurface, px(8));
    dl->AddRect(at, ImVec2(at.x + width, at.y + height), kCodeEdge, px(8), 0, px(1));
    for (const Piece& p : layout.pieces())
        dl->AddText(p.font, p.size, ImVec2(at.x + pad + p.x, at.y + pad + p.y), p.color, p.text.data(),
                    p.text.data() + p.text.size());
    // The copy button, bottom right: a phone has no other way to take the text along.
    const ImVec2 b_at(at.x + width - pad - button_w, at.y + height - pad - button_h);
    ImGui::SetCursorScreenPos(b_at);
    ImGui::PushID(id.c_str());
    const bool pressed = ImGui::InvisibleButton("##copy", ImVec2(button_w, button_h));
    ImGui::PopID();
    const bool hovered = ImGui::IsItemHovered();
    track(id + ".copy");
    dl->AddRectFilled(b_at, ImVec2(b_at.x + button_w, b_at.y + button_h), hovered ? color::selected : color::surface,
                      px(6));
    dl->AddRect(b_at, ImVec2(b_at.x + button_w, b_at.y + button_h), color::primary, px(6), 0, px(1.2f));
    const float lw = width_of(bold, bold->FontSize, copy_label);
    dl->AddText(bold, bold->FontSize, ImVec2(b_at.x + (button_w - lw) / 2, b_at.y + (button_h - bold->FontSize) / 2),
                color::primary, copy_label.c_str());
    if (hovered) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    ImGui::SetCursorScreenPos(at);
    ImGui::Dummy(ImVec2(width, height));
    return pressed;
}

// The room after a block, before the next: headings keep close to what they head, list items
// to each other.
float gap_after(const MarkdownBlock& b, const MarkdownBlock* next) {
    if (!next) return 0;
    const bool item = b.kind == MarkdownBlockKind::bullet_item || b.kind == MarkdownBlockKind::numbered_item;
    const bool next_item = next->kind == MarkdownBlockKind::bullet_item || next->kind == MarkdownBlockKind::numbered_item;
    if (next->kind == MarkdownBlockKind::heading) return 18;
    if (b.kind == MarkdownBlockKind::heading) return 2;
    if (item && next_item) return 0;
    return 10;
}

}  // namespace

RichTextAction rich_text(const MarkdownDocument& doc, float width, const std::string& test_id,
                         const std::string& copy_label, const std::string& copied_label, int copied_block) {
    RichTextAction action;
    int links = 0, code_blocks = 0;
    const float spacing = ImGui::GetStyle().ItemSpacing.y;
    for (std::size_t i = 0; i < doc.blocks.size(); ++i) {
        const MarkdownBlock& b = doc.blocks[i];
        if (b.kind == MarkdownBlockKind::code_block) {
            const int n = code_blocks++;
            const std::string& label = n == copied_block ? copied_label : copy_label;
            if (draw_code_block(b, width, test_id + ".code." + std::to_string(n), label)) {
                action.copy_text = b.code;
                action.copied_block = n;
            }
        } else if (std::string link = draw_spans(b, width, test_id, links); !link.empty()) {
            action.open_link = std::move(link);
        }
        const float after = gap_after(b, i + 1 < doc.blocks.size() ? &doc.blocks[i + 1] : nullptr);
        // ItemSpacing sits between every two items; the gap replaces it.
        ImGui::SetCursorPosY(ImGui::GetCursorPosY() - spacing + px(after));
    }
    return action;
}

}  // namespace spoc::web::ui
