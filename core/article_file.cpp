// Reading an article file's front matter and body.
#include "article_file.h"

#include "text.h"

namespace spoc {

namespace {

std::vector<std::string> comma_list(std::string_view s) {
    std::vector<std::string> items;
    while (!s.empty()) {
        const auto comma = s.find(',');
        const std::string_view item = trim(s.substr(0, comma));
        if (!item.empty()) items.emplace_back(item);
        if (comma == std::string_view::npos) break;
        s.remove_prefix(comma + 1);
    }
    return items;
}

// The next line (without its line break, \r\n or \n) and where the one after starts.
std::string_view next_line(std::string_view text, std::size_t& pos) {
    const auto eol = text.find('\n', pos);
    std::string_view line = text.substr(pos, eol == std::string_view::npos ? std::string_view::npos : eol - pos);
    pos = eol == std::string_view::npos ? text.size() : eol + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    return line;
}

}  // namespace

ArticleFile parse_article_file(std::string_view text, std::string_view lang, std::string_view slug) {
    ArticleFile a;
    a.lang = std::string(lang);
    a.slug = std::string(slug);
    const auto fail = [&](std::string message) {
        a.error = std::move(message);
        return a;
    };
    if (!is_valid_utf8(text)) return fail("the file is not UTF-8");
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // a byte order mark
    std::size_t pos = 0;
    if (trim(next_line(text, pos)) != "---") return fail("the file does not start with a front matter (---)");
    bool closed = false, seen_title = false, seen_tags = false, seen_types = false, seen_visibility = false;
    std::size_t line_number = 1;
    while (pos < text.size()) {
        const std::string_view line = next_line(text, pos);
        ++line_number;
        if (trim(line) == "---") {
            closed = true;
            break;
        }
        if (trim(line).empty() || trim(line).front() == '#') continue;
        const auto colon = line.find(':');
        if (colon == std::string_view::npos)
            return fail("line " + std::to_string(line_number) + " of the front matter is not \"key: value\"");
        const std::string_view key = trim(line.substr(0, colon)), value = trim(line.substr(colon + 1));
        bool* seen = key == "title" ? &seen_title : key == "tags" ? &seen_tags : key == "types" ? &seen_types
                   : key == "visibility" ? &seen_visibility : nullptr;
        if (!seen) return fail("unknown key \"" + std::string(key) + "\" on line " + std::to_string(line_number));
        if (*seen) return fail("\"" + std::string(key) + "\" is given twice");
        *seen = true;
        if (key == "title") a.title = std::string(value);
        else if (key == "tags") a.tags = comma_list(value);
        else if (key == "types") a.types = comma_list(value);
        else a.visibility = std::string(value);
    }
    if (!closed) return fail("the front matter is not closed (---)");
    if (a.title.empty()) return fail("the article has no title");
    if (a.visibility != "public" && a.visibility != "internal")
        return fail("visibility must be public or internal, not \"" + a.visibility + "\"");
    a.body = std::string(trim(text.substr(pos)));
    if (a.body.empty()) return fail("the article has no body");
    return a;
}

}  // namespace spoc
