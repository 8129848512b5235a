// The knowledge search indexes the server keeps in memory, rebuilt when an article changes (not
// per request) and shared between the worker threads: one of the public published articles
// (for everyone, and what the portal downloads), one of every published article (the staff's),
// and the served index JSON per language with its strong ETag, made once per change.
#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "knowledge.h"
#include "search/index.h"

namespace spoc {

class KnowledgeIndex {
public:
    // load() reads every published article from the store.
    explicit KnowledgeIndex(std::function<std::vector<Article>()> load) : load_(std::move(load)) {}

    // Reads the published articles again and swaps in new indexes; call after an article is
    // created or changed. Rebuilds run one at a time, so the last one sees the last change.
    void rebuild();

    std::shared_ptr<const search::SearchIndex> public_index();
    std::shared_ptr<const search::SearchIndex> staff_index();

    // GET /api/v1/kb/index?lang=: SearchIndex::to_json of the public published articles in
    // lang ("" for every language), the same compressed once (gzip; "" when zlib failed), and
    // its ETag ("\"<hash of json>\"").
    struct Served {
        std::string json;
        std::string gzip;
        std::string etag;
    };
    std::shared_ptr<const Served> served(const std::string& lang);

private:
    struct Snapshot {
        std::shared_ptr<const search::SearchIndex> public_index, staff_index;
        std::vector<search::IndexedArticle> public_articles;  // for the served indexes of one language
        std::uint64_t generation = 0;
    };
    std::shared_ptr<const Snapshot> snapshot();  // builds the first one when there is none

    std::function<std::vector<Article>()> load_;
    std::mutex rebuild_mutex_;  // one rebuild at a time
    std::mutex mutex_;          // guards what follows: held only to copy or swap pointers
    std::shared_ptr<const Snapshot> current_;
    std::map<std::string, std::shared_ptr<const Served>> served_;  // by lang, for current_
    std::uint64_t generation_ = 0;
};

}  // namespace spoc
