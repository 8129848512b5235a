// The seed knowledge articles' file format (assets/kb/<lang>/<slug>.md): a front matter of
// "key: value" lines between two "---" lines (title, tags, types, visibility), then the body
// in the Markdown subset. The language and the slug come from the file's path.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace spoc {

struct ArticleFile {
    std::string lang;  // as the caller passed them
    std::string slug;
    std::string title;
    std::vector<std::string> tags;   // "vpn, remote, network": trimmed, empty ones dropped
    std::vector<std::string> types;  // catalog request type ids
    std::string visibility = "public";  // public (when absent) or internal
    std::string body;                   // Markdown, as written, trimmed
    std::string error;                  // empty when the file is well formed
};

// Never throws: a malformed file gives an ArticleFile whose error says what is wrong (no front
// matter, an unclosed one, a line that is not "key: value", an unknown or repeated key, no
// title, a visibility other than public or internal, an empty body).
ArticleFile parse_article_file(std::string_view text, std::string_view lang, std::string_view slug);

}  // namespace spoc
