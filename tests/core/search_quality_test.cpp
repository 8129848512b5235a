// The knowledge search's quality on the seed articles (assets/kb) and the labelled queries
// people type (tests/search/queries.json): Recall@3 at least 0.9, MRR printed.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "article_file.h"
#include "markdown.h"
#include "search/index.h"

using namespace spoc;
namespace fs = std::filesystem;

namespace {

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

struct SeedKnowledge {
    std::vector<search::IndexedArticle> articles;
    std::map<std::string, std::int64_t> ids;  // "<lang>/<slug>" -> id
};

// Public seed articles only: the portal's index never holds internal ones.
SeedKnowledge seed_knowledge() {
    SeedKnowledge seed;
    std::vector<fs::path> files;
    for (const char* lang : {"en", "de"})
        for (const auto& entry : fs::directory_iterator(fs::path(SPOC_SOURCE_DIR) / "assets/kb" / lang))
            if (entry.path().extension() == ".md") files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    for (const auto& path : files) {
        const auto lang = path.parent_path().filename().string();
        const auto file = parse_article_file(read_file(path), lang, path.stem().string());
        REQUIRE_MESSAGE(file.error.empty(), path.string() << ": " << file.error);
        if (file.visibility != "public") continue;
        const auto id = static_cast<std::int64_t>(seed.articles.size() + 1);
        seed.articles.push_back({id, file.title, markdown_plain_text(file.body), file.tags, file.types, lang});
        seed.ids[lang + "/" + file.slug] = id;
    }
    return seed;
}

struct Quality {
    double recall_at_3 = 0;
    double mrr = 0;  // over the first 10 hits
    std::vector<std::string> missed;
};

Quality measure(const SeedKnowledge& seed, const search::SearchIndex& index, bool by_language) {
    const auto queries = nlohmann::json::parse(read_file(fs::path(SPOC_SOURCE_DIR) / "tests/search/queries.json"));
    Quality quality;
    std::size_t found_in_3 = 0;
    double reciprocal_ranks = 0;
    for (const auto& query : queries) {
        const std::string lang = query.at("lang");
        const auto expected = seed.ids.at(lang + "/" + query.at("expect").get<std::string>());
        search::SearchOptions options;
        options.limit = 10;
        if (by_language) options.lang = lang;
        const auto hits = index.search(query.at("q").get<std::string>(), options);
        const auto at = std::find_if(hits.begin(), hits.end(), [&](const auto& h) { return h.id == expected; });
        const auto rank = static_cast<std::size_t>(at - hits.begin()) + 1;
        if (at != hits.end()) reciprocal_ranks += 1.0 / static_cast<double>(rank);
        if (at != hits.end() && rank <= 3) ++found_in_3;
        else quality.missed.push_back(lang + ": " + query.at("q").get<std::string>());
    }
    quality.recall_at_3 = static_cast<double>(found_in_3) / static_cast<double>(queries.size());
    quality.mrr = reciprocal_ranks / static_cast<double>(queries.size());
    return quality;
}

}  // namespace

TEST_CASE("people find the article they need among the first three hints (Recall@3 >= 0.9)") {
    const auto seed = seed_knowledge();
    REQUIRE(seed.articles.size() >= 40);
    const search::SearchIndex index(seed.articles);
    // The portal searches the served index, which carries only a part of each text: measure that.
    const auto served = search::SearchIndex::from_json(index.to_json());
    REQUIRE(served.has_value());

    for (const bool by_language : {true, false}) {
        CAPTURE(by_language);
        const auto quality = measure(seed, *served, by_language);
        std::printf("search quality on %zu seed articles, %s: Recall@3 %.3f, MRR %.3f\n", seed.articles.size(),
                    by_language ? "in the query's language" : "both languages at once", quality.recall_at_3,
                    quality.mrr);
        for (const auto& missed : quality.missed) std::printf("  not in the first three: %s\n", missed.c_str());
        CHECK(quality.recall_at_3 >= 0.9);
    }
}
