// The knowledge base's articles: vetted answers with a translation per language, each change a new
// version. Published translations are what search finds (search/kb_index.h); the index lives in
// DATA/kb/index and is rebuilt from the database whenever the published set changes.
// (`Index()` is what `serai kb ask` and the inbox's suggestions search.)
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "common/env.h"
#include "search/kb_index.h"
#include "store/db.h"

namespace serai::kb {

// One line of an import file (the sample knowledge base's JSON lines).
struct ImportedTranslation {
  std::string slug, lang, title, body;
  std::vector<std::string> topics, countries, audiences;
  std::string reviewed;  // YYYY-MM-DD
};

// An article offered for a question, in the best language available.
struct Suggestion {
  std::string slug, lang, title, short_answer;
  double score = 0;
  std::vector<std::string> topics = {};
};

struct Suggestions {
  bool answer = false;  // the first is good enough to answer with
  std::vector<Suggestion> items;
};

// One translation as editors see it: its newest version (any status) and, if one is published,
// which version that is.
struct TranslationView {
  std::string lang;
  int64_t version = 0;
  std::string status;  // draft, in_review, published, archived
  std::string title, body, short_answer;
  std::string author_id, reviewer_id;
  std::string review_by;  // YYYY-MM-DD
  int64_t published_version = 0;
  int64_t updated_at = 0;
};

struct ArticleView {
  std::string id, slug;
  std::vector<std::string> topics, countries, audiences;
  std::vector<TranslationView> translations;  // by language
  int64_t updated_at = 0;
};

// A published translation's title, for lists (the public help pages).
struct PublishedTitle {
  std::string slug, lang, title;
  std::vector<std::string> topics, countries;
};

struct ArticleInput {
  std::string slug;
  std::vector<std::string> topics, countries, audiences;
};

struct TranslationInput {
  std::string lang, title, body;
  std::string short_answer;  // "" to derive it from the body
  std::string review_by;     // YYYY-MM-DD; "" for six months from now
};

struct ImportReport {
  int articles = 0;      // new articles
  int translations = 0;  // new published versions
  int unchanged = 0;
};

class Articles {
 public:
  Articles(store::Db& db, Env& env, std::string index_dir)
      : db_(db), env_(env), index_dir_(std::move(index_dir)) {}

  // Reads JSON lines (slug, lang, title, body, topics, countries, audience, reviewed); each line
  // becomes the published version of its translation unless it is already. InvalidArgument names
  // the first bad line; nothing is stored then. Rebuilds the index.
  Result<ImportReport> ImportJsonLines(const std::string& actor, const std::string& text);
  // The same from a file; NotFound when it cannot be read.
  Result<ImportReport> ImportFile(const std::string& actor, const std::string& path);

  // Editing and review (audited). An edit makes (or changes) the translation's draft; `Submit`
  // sends the draft for review; `Publish` by someone other than its author makes it the published
  // version (the one before is archived) and rebuilds the index; `Archive` withdraws it.
  Result<std::vector<ArticleView>> List();  // without bodies; at most 1,000
  // An article with each translation's newest version (editors), or only published ones
  // (readers, help pages; an article with none has no translations). NotFound if there is none.
  enum class Shown { kNewest, kPublished };
  Result<ArticleView> Get(const std::string& article_id, Shown shown = Shown::kNewest);
  Result<ArticleView> GetBySlug(const std::string& slug, Shown shown);
  Result<ArticleView> Create(const std::string& actor, const ArticleInput& input);
  Result<ArticleView> SaveDraft(const std::string& actor, const std::string& article_id,
                                const TranslationInput& input);
  Result<ArticleView> Submit(const std::string& actor, const std::string& article_id,
                             const std::string& lang);
  Result<ArticleView> Publish(const std::string& actor, const std::string& article_id,
                              const std::string& lang);
  Result<ArticleView> Archive(const std::string& actor, const std::string& article_id,
                              const std::string& lang);

  // The best `limit` articles for `question`, each in `language` where it is translated, else in
  // the language that matched, else English.
  Result<Suggestions> Suggest(const std::string& question, const std::string& language,
                              size_t limit = 3);

  // Every published translation, for the index.
  Result<std::vector<search::KbDocument>> Published();
  Result<std::vector<PublishedTitle>> PublishedTitles();  // by slug, then language
  Status RebuildIndex();
  // The open index, opened (and built if missing) on first use; replaced by RebuildIndex().
  Result<std::shared_ptr<search::KbIndex>> Index();

 private:
  Result<ArticleView> Read(std::string_view key, const std::string& value, Shown shown);
  // Moves the newest version of a translation from one status to another.
  Result<ArticleView> Move(const std::string& actor, const std::string& article_id,
                           const std::string& lang, std::string_view from, std::string_view to,
                           bool reviewer);

  store::Db& db_;
  Env& env_;
  std::string index_dir_;
  std::mutex mu_;
  std::shared_ptr<search::KbIndex> index_;
};

// A short answer for a chat reply from a Markdown body: its first paragraph in plain words, at most
// about 300 characters, ending at a sentence where it can.
std::string ShortAnswer(const std::string& markdown);

}  // namespace serai::kb
