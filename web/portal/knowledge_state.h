// What the portal keeps of the knowledge base: the search index it downloaded for each language,
// the hints for what the person is typing, the article open on screen, and what was said of it.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "markdown.h"
#include "search/index.h"

namespace spoc::web {

// A knowledge article as GET /api/v1/kb/articles/{id} gives it, its body parsed for drawing.
struct KnowledgeArticle {
    std::int64_t id = 0;
    std::string title;
    std::string lang;
    MarkdownDocument body;
};

struct KnowledgeState {
    bool first_frame_drawn = false;  // nothing is downloaded before the first frame
    // The served index (GET /api/v1/kb/index?lang=), one per language, downloaded once each.
    std::map<std::string, search::SearchIndex> indexes;
    std::string index_loading;       // the language being downloaded; empty when none
    double index_load_ms = 0;        // reading the last one (from_json), for the bench

    // The hints for the draft's subject and description, best first (at most three).
    std::vector<search::SearchHit> hints;
    std::string hints_query;         // what they were searched for
    std::string hints_lang;
    std::size_t hints_articles = 0;  // the index's size then (a newly arrived index searches again)
    std::set<std::int64_t> not_helpful;  // marked so for this draft: not offered again
    // How long the last hint took (the search of one keystroke, in the frame), for the bench.
    double hint_ms = 0;
    long hints_computed = 0;

    // The article on screen (Screen::article): asked for, arrived, or its problem.
    std::int64_t open_id = 0;
    std::optional<KnowledgeArticle> article;
    bool article_loading = false;
    std::string article_notice;
};

}  // namespace spoc::web
