// The knowledge base's articles: vetted answers with a translation per language, each change a new
// version. Published translations are what search finds (search/kb_index.h); the index lives in
// DATA/kb/index and is rebuilt from the database whenever the published set changes.
// (`Index()` is what `serai kb ask` and the inbox's suggestions search.)
#pragma once

#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "common/dates.h"
#include "common/env.h"
#include "common/lists.h"
#include "search/kb_index.h"
#include "store/db.h"

namespace serai::kb {

// One line of an import file (the sample knowledge base's JSON lines).
struct ImportedTranslation {
  std::string slug, lang, title, body;
  std::vector<std::string> topics, countries, audiences;
  std::string reviewed;           // YYYY-MM-DD: reviewed then, to be reviewed six months later
  std::string review_by = {};     // YYYY-MM-DD, instead of `reviewed`
  std::string short_answer = {};  // "" to derive it from the body
};

// The checks every imported translation passes (slug, language, lengths, lists, dates);
// InvalidArgument begins with `where` (a line or a file).
Status CheckImported(const ImportedTranslation& t, const std::string& where);

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

// A file that goes with an article (a two-page brief, an image).
struct Attachment {
  std::string id;
  std::string lang;  // the translation it belongs to; "" for every one
  std::string file_name, mime;
  int64_t size = 0;
  int64_t created_at = 0;
};

struct AttachmentFile {
  Attachment about;
  std::string bytes;
};

struct ArticleView {
  std::string id, slug;
  std::vector<std::string> topics, countries, audiences;
  std::vector<TranslationView> translations;  // by language
  int64_t updated_at = 0;
  std::vector<Attachment> attachments = {};
};

// Attachments are PDF, PNG, JPEG or WebP (judged from the bytes), up to 5 MB.
inline constexpr size_t kMaxAttachmentBytes = 5 * 1024 * 1024;

// A published translation's title, for lists (the public help pages).
struct PublishedTitle {
  std::string slug, lang, title;
  std::vector<std::string> topics, countries;
};

struct ReviewDue {
  std::string article_id, slug, lang, title, review_by;
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
  // The same from a file; NotFound when it cannot be read. A directory, or a file ending in .md,
  // is read as Markdown with front matter (markdown_files.h): every .md file in it, in one go.
  Result<ImportReport> ImportFile(const std::string& actor, const std::string& path);
  // Stores `items` as published versions (what both import formats come to).
  Result<ImportReport> Import(const std::string& actor,
                              const std::vector<ImportedTranslation>& items);
  // Every published translation, complete, as an import would take it back (for export and for
  // the index).
  Result<std::vector<ImportedTranslation>> PublishedTranslations();

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

  // Attachments (audited). AddAttachment stores the file durably before it is listed.
  Result<Attachment> AddAttachment(const std::string& actor, const std::string& article_id,
                                   const std::string& lang, const std::string& file_name,
                                   const std::string& bytes);
  Result<AttachmentFile> ReadAttachment(const std::string& article_id,
                                        const std::string& attachment_id);
  Status RemoveAttachment(const std::string& actor, const std::string& article_id,
                          const std::string& attachment_id);

  // The best `limit` articles for `question`, each in `language` where it is translated, else in
  // the language that matched, else English.
  Result<Suggestions> Suggest(const std::string& question, const std::string& language,
                              size_t limit = 3);

  Result<std::vector<PublishedTitle>> PublishedTitles();  // by slug, then language
  // Published translations to review within `days` from today or overdue, the most overdue
  // first (at most 500): laws and procedures change; the knowledge base's screen reminds editors.
  Result<std::vector<ReviewDue>> ReviewsDue(int days);
  Status RebuildIndex();
  // The open index, opened (and built if missing) on first use; replaced by RebuildIndex().
  Result<std::shared_ptr<search::KbIndex>> Index();

 private:
  Result<ArticleView> Read(std::string_view key, const std::string& value, Shown shown);
  // Moves the newest version of a translation from one status to another.
  Result<ArticleView> Move(const std::string& actor, const std::string& article_id,
                           const std::string& lang, std::string_view from, std::string_view to,
                           bool reviewer);

  std::string FilePath(const std::string& attachment_id) const;

  store::Db& db_;
  Env& env_;
  std::string index_dir_;
  std::mutex mu_;
  std::shared_ptr<search::KbIndex> index_;
};

// A slug: 1 to 120 lower-case letters, digits and -.
Status CheckSlug(const std::string& slug);

// A short answer for a chat reply from a Markdown body: its first paragraph in plain words, at most
// about 300 characters, ending at a sentence where it can.
std::string ShortAnswer(const std::string& markdown);

}  // namespace serai::kb
