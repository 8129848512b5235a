// The seed knowledge articles: the 48 of assets/kb (compiled in), stored as published, version 1,
// the first time a server starts on a store that has never had an article.
#pragma once
#include <cstddef>
#include <vector>

#include "catalog.h"
#include "knowledge.h"
#include "store.h"

namespace spoc {

// The compiled-in seed files as articles; throws std::runtime_error naming a file that is
// malformed or breaks an article's rules (a build with such a file must not start).
std::vector<Article> seed_articles(const Catalog& catalog, Timestamp now);

// Stores the seed articles when the store has never had an article; returns how many it stored.
std::size_t seed_knowledge_if_new(Store& store, const Catalog& catalog, Timestamp now);

}  // namespace spoc
