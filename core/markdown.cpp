// The Markdown subset's parser: lines into blocks, then each block's text into spans.
#include "markdown.h"

#include <cstddef>

#include "search/fold.h"

namespace spoc {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t'; }

std::string_view strip(std::string_view s) {
    while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
    while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
    return s;
}

std::size_t indent_of(std::string_view line) {
    std::size_t n = 0;
    for (char c : line) {
        if (c == ' ') ++n;
        else if (c == '\t') n += 4;
        else break;
    }
    return n;
}

bool is_fence(std::string_view line) { return indent_of(line) < 4 && strip(line).substr(0, 3) == "```"; }

bool allowed_link(std::string_view url) {
    const auto starts = [&](std::string_view p) {
        if (url.size() <= p.size()) return false;
        for (std::size_t i = 0; i < p.size(); ++i)
            if ((url[i] >= 'A' && url[i] <= 'Z' ? url[i] + 32 : url[i]) != p[i]) return false;
        return true;
    };
    return starts("https://") || starts("http://") || starts("mailto:");
}

// The inline markup of one block's text into spans. Each closing mark is looked up in tables
// made once, so hostile input ("**" or "[" ten thousand times) stays linear.
std::vector<MarkdownSpan> parse_spans(std::string_view s) {
    const std::size_t n = s.size();
    // next_backtick[i], next_stars[i], url_end[i]: the first `, ** or ')' or space at or
    // after i (n if none)
    std::vector<std::size_t> next_backtick(n + 2, n), next_stars(n + 2, n), url_end(n + 2, n);
    for (std::size_t i = n; i-- > 0;) {
        next_backtick[i] = s[i] == '`' ? i : next_backtick[i + 1];
        next_stars[i] = i + 1 < n && s[i] == '*' && s[i + 1] == '*' ? i : next_stars[i + 1];
        url_end[i] = s[i] == ')' || is_space(s[i]) ? i : url_end[i + 1];
    }
    // closing_bracket[i]: for a '[' at i, its matching ']' (n if none); nesting counted
    std::vector<std::size_t> closing_bracket(n, n), open;
    for (std::size_t i = 0; i < n; ++i) {
        if (s[i] == '\\') {
            ++i;
        } else if (s[i] == '[') {
            open.push_back(i);
        } else if (s[i] == ']' && !open.empty()) {
            closing_bracket[open.back()] = i;
            open.pop_back();
        }
    }

    std::vector<MarkdownSpan> spans;
    MarkdownSpan current;
    const auto flush = [&] {
        if (!current.text.empty()) spans.push_back(current);
        current.text.clear();
    };
    const auto add_span = [&](MarkdownSpan span) {
        flush();
        if (!span.text.empty()) spans.push_back(std::move(span));
    };
    for (std::size_t i = 0; i < n;) {
        const char c = s[i];
        if (c == '\\' && i + 1 < n && std::string_view("\\`*_[]()#+-.!").find(s[i + 1]) != std::string_view::npos) {
            current.text += s[i + 1];
            i += 2;
        } else if (c == '`') {
            const std::size_t close = next_backtick[i + 1];
            if (close == n) {
                current.text += c;
                ++i;
                continue;
            }
            MarkdownSpan code{std::string(s.substr(i + 1, close - i - 1)), current.bold, true, {}};
            add_span(std::move(code));
            i = close + 1;
        } else if (c == '*' && i + 1 < n && s[i + 1] == '*') {
            // opens only when a closing ** follows; closes when bold
            if (current.bold || next_stars[i + 2] < n) {
                flush();
                current.bold = !current.bold;
            } else {
                current.text += "**";
            }
            i += 2;
        } else if (c == '[' && closing_bracket[i] < n && closing_bracket[i] + 1 < n && s[closing_bracket[i] + 1] == '(') {
            const std::size_t close = closing_bracket[i];
            const std::size_t end = url_end[close + 2];
            if (end >= n || s[end] != ')' || end - close > 2048) {
                current.text += c;
                ++i;
                continue;
            }
            const std::string_view label = s.substr(i + 1, close - i - 1), url = s.substr(close + 2, end - close - 2);
            // the label without its own markup: a link is drawn as one piece of text
            std::string label_text;
            for (std::size_t k = 0; k < label.size(); ++k) {
                if (label[k] == '\\' && k + 1 < label.size()) ++k;
                else if (label[k] == '*' || label[k] == '`') continue;
                label_text += label[k];
            }
            if (label_text.empty()) label_text = std::string(url);
            MarkdownSpan link{std::move(label_text), current.bold, false, allowed_link(url) ? std::string(url) : ""};
            add_span(std::move(link));
            i = end + 1;
        } else {
            current.text += c;
            ++i;
        }
    }
    flush();
    return spans;
}

// A list item's marker: "- ", "* ", "+ " or "12. ", "3) "; how many bytes it takes (0 if none).
std::size_t bullet_marker(std::string_view t) {
    return t.size() >= 2 && (t[0] == '-' || t[0] == '*' || t[0] == '+') && is_space(t[1]) ? 2 : 0;
}
std::size_t number_marker(std::string_view t, long& number) {
    std::size_t d = 0;
    while (d < t.size() && d < 9 && t[d] >= '0' && t[d] <= '9') ++d;
    if (d == 0 || d + 1 >= t.size() || (t[d] != '.' && t[d] != ')') || !is_space(t[d + 1])) return 0;
    number = 0;
    for (std::size_t i = 0; i < d; ++i) number = number * 10 + (t[i] - '0');
    return d + 2;
}

}  // namespace

MarkdownDocument parse_markdown(std::string_view input) {
    const std::string text = search::valid_utf8(input);
    MarkdownDocument doc;
    std::string pending;  // the text of the paragraph or list item being read
    MarkdownBlock block;
    bool open = false;
    const auto close = [&] {
        if (open) {
            block.spans = parse_spans(pending);
            if (!block.spans.empty()) doc.blocks.push_back(std::move(block));
        }
        block = MarkdownBlock{};
        pending.clear();
        open = false;
    };
    std::size_t pos = 0;
    bool in_code = false;
    std::size_t code_lines = 0;
    while (pos < text.size()) {
        std::size_t eol = text.find('\n', pos);
        if (eol == std::string::npos) eol = text.size();
        std::string_view line(text.data() + pos, eol - pos);
        pos = eol + 1;
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);

        if (in_code) {
            if (is_fence(line)) {
                doc.blocks.push_back(std::move(block));
                block = MarkdownBlock{};
                in_code = false;
            } else {
                if (code_lines++ > 0) block.code += '\n';
                block.code += line;
            }
            continue;
        }
        const std::string_view t = strip(line);
        if (t.empty()) {
            close();
            continue;
        }
        if (is_fence(line)) {
            close();
            in_code = true;
            code_lines = 0;
            block.kind = MarkdownBlockKind::code_block;
            continue;
        }
        const std::size_t indent = indent_of(line);
        std::size_t hashes = 0;
        while (hashes < t.size() && t[hashes] == '#') ++hashes;
        if (indent < 4 && hashes >= 1 && hashes <= 3 && (hashes == t.size() || is_space(t[hashes]))) {
            close();
            block.kind = MarkdownBlockKind::heading;
            block.level = static_cast<int>(hashes);
            pending = std::string(strip(t.substr(hashes)));
            open = true;
            close();
            continue;
        }
        long number = 0;
        const std::size_t bullet = bullet_marker(t), numbered = bullet ? 0 : number_marker(t, number);
        if (bullet || numbered) {
            close();
            block.kind = bullet ? MarkdownBlockKind::bullet_item : MarkdownBlockKind::numbered_item;
            block.level = static_cast<int>(indent / 2 > 3 ? 3 : indent / 2);
            block.number = number;
            pending = std::string(strip(t.substr(bullet + numbered)));
            open = true;
            continue;
        }
        // a line that goes on: the open paragraph or list item, or a new paragraph
        if (!open) {
            block.kind = MarkdownBlockKind::paragraph;
            open = true;
        } else {
            pending += ' ';
        }
        pending += t;
    }
    if (in_code) doc.blocks.push_back(std::move(block));  // an unclosed fence runs to the end
    else close();
    return doc;
}

std::string plain_text(const MarkdownDocument& doc) {
    std::string out;
    for (const MarkdownBlock& b : doc.blocks) {
        if (!out.empty()) out += '\n';
        if (b.kind == MarkdownBlockKind::code_block) {
            out += b.code;
            continue;
        }
        for (const MarkdownSpan& s : b.spans) out += s.text;
    }
    return out;
}

std::string markdown_plain_text(std::string_view text) { return plain_text(parse_markdown(text)); }

}  // namespace spoc
