// The knowledge search indexes in memory. See knowledge_index.h.
#include "knowledge_index.h"

#include <sodium.h>

#include "access.h"
#include "http/gzip.h"

namespace spoc {
namespace {

// A strong ETag: a hash of the served bytes (BLAKE2b, 128 bits), so the same index gives the
// same tag on every server and after every restart.
std::string etag_of(const std::string& body) {
    unsigned char hash[16];
    crypto_generichash(hash, sizeof hash, reinterpret_cast<const unsigned char*>(body.data()), body.size(), nullptr, 0);
    static const char* const hex = "0123456789abcdef";
    std::string tag = "\"";
    for (const unsigned char b : hash) {
        tag += hex[b >> 4];
        tag += hex[b & 15];
    }
    return tag + "\"";
}

}  // namespace

void KnowledgeIndex::rebuild() {
    std::lock_guard rebuilding(rebuild_mutex_);
    const std::vector<Article> published = load_();
    std::vector<search::IndexedArticle> everyone, staff;
    for (const Article& a : published) {
        if (a.state != ArticleState::published) continue;
        staff.push_back(indexed_article(a));
        if (is_public_article(a)) everyone.push_back(staff.back());
    }
    auto next = std::make_shared<Snapshot>();
    next->public_index = std::make_shared<const search::SearchIndex>(everyone);
    next->staff_index = std::make_shared<const search::SearchIndex>(staff);
    next->public_articles = std::move(everyone);
    std::lock_guard lock(mutex_);
    next->generation = ++generation_;
    current_ = std::move(next);
    served_.clear();
}

std::shared_ptr<const KnowledgeIndex::Snapshot> KnowledgeIndex::snapshot() {
    {
        std::lock_guard lock(mutex_);
        if (current_) return current_;
    }
    rebuild();
    std::lock_guard lock(mutex_);
    return current_;
}

std::shared_ptr<const search::SearchIndex> KnowledgeIndex::public_index() { return snapshot()->public_index; }

std::shared_ptr<const search::SearchIndex> KnowledgeIndex::staff_index() { return snapshot()->staff_index; }

std::shared_ptr<const KnowledgeIndex::Served> KnowledgeIndex::served(const std::string& lang) {
    const auto snap = snapshot();
    {
        std::lock_guard lock(mutex_);
        const auto it = served_.find(lang);
        if (it != served_.end() && snap->generation == generation_) return it->second;
    }
    // Made outside the lock: a search meanwhile goes on; two callers may both make it once.
    auto made = std::make_shared<Served>();
    if (lang.empty()) {
        made->json = snap->public_index->to_json();
    } else {
        std::vector<search::IndexedArticle> in_lang;
        for (const auto& a : snap->public_articles)
            if (a.lang == lang) in_lang.push_back(a);
        made->json = search::SearchIndex(in_lang).to_json();
    }
    made->gzip = http::gzip(made->json);
    made->etag = etag_of(made->json);
    std::lock_guard lock(mutex_);
    if (snap->generation == generation_) served_[lang] = made;  // not for an index replaced meanwhile
    return made;
}

}  // namespace spoc
