// The seed knowledge articles: from the compiled-in files to the store. See knowledge_seed.h.
#include "knowledge_seed.h"

#include <stdexcept>
#include <string>

#include "seed_articles.h"

namespace spoc {

std::vector<Article> seed_articles(const Catalog& catalog, Timestamp now) {
    std::vector<Article> out;
    for (std::size_t i = 0; i < assets::seed_articles_count; ++i) {
        const std::string path = assets::seed_articles[i].path;  // "<lang>/<slug>.md"
        const auto slash = path.find('/');
        const auto dot = path.rfind(".md");
        if (slash == std::string::npos || dot == std::string::npos || dot < slash)
            throw std::runtime_error("seed article " + path + ": not <lang>/<slug>.md");
        const ArticleFile file =
            parse_article_file(assets::seed_articles[i].text, path.substr(0, slash), path.substr(slash + 1, dot - slash - 1));
        if (!file.error.empty()) throw std::runtime_error("seed article " + path + ": " + file.error);
        Article a = seed_article(file, now);
        const FieldErrors errors = validate_article(a, catalog);
        if (!errors.empty())
            throw std::runtime_error("seed article " + path + ": " + errors.front().field + " breaks " + errors.front().code);
        out.push_back(std::move(a));
    }
    return out;
}

std::size_t seed_knowledge_if_new(Store& store, const Catalog& catalog, Timestamp now) {
    return store.seed_articles(seed_articles(catalog, now));
}

}  // namespace spoc
