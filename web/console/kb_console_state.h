// What the console remembers of the knowledge base: every article (all states, both languages)
// with its counters, the list's filters and order, and the article open in the editor as typed.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "knowledge.h"

namespace spoc::web {

// The columns the article list sorts by (clicking a header).
enum class ArticleColumn { title, lang, visibility, state, version, updated, helpful, unhelpful, deflections };

// The article as the agent types it in the editor: kept until it is saved, whatever the server
// answers meanwhile.
struct ArticleDraft {
    Id id = 0;          // 0: a new article
    int version = 0;    // the version this change is based on (PATCH's "version")
    std::string title;
    std::string body;
    std::string tags;   // comma separated, as typed
    std::vector<std::string> types;
    ArticleLang lang = ArticleLang::en;
    Visibility visibility = Visibility::public_;
    ArticleState state = ArticleState::draft;
};

struct KnowledgeDesk {
    std::vector<Article> rows;       // every article, as loaded (pages of 200)
    std::vector<Article> incoming;   // a reload on its way: it replaces rows once whole
    bool loading = false;
    bool loaded = false;             // rows hold a whole load
    int generation = 0;              // a newer load makes older answers stale
    std::string load_notice;

    std::string text_filter;         // in title, tags and slug, case and accents aside
    std::optional<ArticleLang> lang_filter;
    std::optional<ArticleState> state_filter;
    ArticleColumn sort = ArticleColumn::updated;
    bool descending = true;
    std::vector<int> view;           // indices into rows, filtered and sorted
    bool view_stale = true;
    int selected = 0;                // in view

    // The editor: the article as the server last answered (none for a new one) and as typed.
    std::optional<Article> open;
    ArticleDraft draft;
    bool open_loading = false;
    bool saving = false;
    std::map<std::string, std::string> field_errors;  // the API's errors by field, until edited
    std::string notice;              // the last save's outcome
    bool notice_ok = false;
    std::optional<int> newer_version;  // 409: someone saved this version meanwhile
    std::optional<Article> based_on;   // then: the version the draft's changes were made to
    int focus = 0;                   // 1: the title takes the keyboard

    // The open article's versions, newest first, and the one whose text is shown.
    std::vector<ArticleVersion> versions;
    bool versions_loading = false;
    int version_shown = -1;          // index into versions; -1: none
};

}  // namespace spoc::web
