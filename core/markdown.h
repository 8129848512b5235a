// The small Markdown subset knowledge articles are written in: headings (# to ###), paragraphs,
// bullet and numbered lists, **bold**, [links](https://...), `inline code` and ``` code blocks.
// Parsed into blocks of styled spans the portal draws, and into plain text for search.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace spoc {

struct MarkdownSpan {
    std::string text;
    bool bold = false;
    bool code = false;
    std::string link;  // http://, https:// or mailto: only; empty when not a link
};

enum class MarkdownBlockKind { heading, paragraph, bullet_item, numbered_item, code_block };

struct MarkdownBlock {
    MarkdownBlockKind kind = MarkdownBlockKind::paragraph;
    int level = 0;   // heading: 1..3; list item: how deep it is nested, 0 at the margin
    long number = 0; // numbered_item: its number as written
    std::vector<MarkdownSpan> spans;  // all but code_block
    std::string code;                 // code_block: its lines, as written
};

struct MarkdownDocument {
    std::vector<MarkdownBlock> blocks;
};

// Never fails: whatever is not the subset is text. Broken UTF-8 becomes U+FFFD. A link to
// anything but http(s) or mailto is drawn as its text. Linear in the input's length.
MarkdownDocument parse_markdown(std::string_view text);

// The words a reader sees, one block per line, no markup: for the search index and snippets.
std::string plain_text(const MarkdownDocument& doc);
std::string markdown_plain_text(std::string_view text);

}  // namespace spoc
