#include "domain/kb/articles.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>
#include <sstream>

#include "common/file_type.h"
#include "common/files.h"
#include "common/ids.h"
#include "common/json.h"
#include "common/language_codes.h"
#include "common/text.h"
#include "crypto/crypto.h"
#include "domain/audit/audit_log.h"
#include "domain/kb/markdown_files.h"

namespace serai::kb {
Status CheckSlug(const std::string& slug) {
  bool ok = !slug.empty() && slug.size() <= 120;
  for (char c : slug) ok = ok && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-');
  return ok ? Status::Ok()
            : InvalidArgument("invalid_slug",
                              "a slug is 1 to 120 lower-case letters, digits and -");
}

namespace {

Status CheckList(const std::vector<std::string>& items, const char* what) {
  if (items.size() > 30) return InvalidArgument("invalid_list", std::string(what) + ": at most 30");
  for (const auto& i : items) {
    if (i.empty() || i.size() > 60 || i.find(',') != std::string::npos) {
      return InvalidArgument("invalid_list", std::string(what) + ": 1 to 60 characters, no commas");
    }
  }
  return Status::Ok();
}

Status CheckDate(const std::string& date) {
  return ParseDate(date) ? Status::Ok()
                         : InvalidArgument("invalid_date", "review_by is a date: YYYY-MM-DD");
}

Result<ImportedTranslation> ParseLine(const std::string& line, int number) {
  auto bad = [number](const std::string& why) {
    return InvalidArgument("invalid_article", "line " + std::to_string(number) + ": " + why);
  };
  Json j = Json::parse(line, nullptr, false);
  if (!j.is_object()) return bad("not a JSON object");
  ImportedTranslation t;
  auto text = [&](const char* key, std::string& out, size_t max) -> Status {
    auto it = j.find(key);
    if (it == j.end() || !it->is_string() || it->get<std::string>().empty() ||
        it->get<std::string>().size() > max) {
      return bad(std::string(key) + " is missing or too long");
    }
    out = it->get<std::string>();
    return Status::Ok();
  };
  auto list = [&](const char* key, std::vector<std::string>& out) -> Status {
    auto it = j.find(key);
    if (it == j.end()) return Status::Ok();
    if (!it->is_array()) return bad(std::string(key) + " is not a list");
    for (const auto& v : *it) {
      if (!v.is_string()) return bad(std::string(key) + " is a list of words");
      out.push_back(v.get<std::string>());
    }
    if (Status s = CheckList(out, key); !s.ok()) return bad(s.message());
    return Status::Ok();
  };
  RETURN_IF_ERROR(text("slug", t.slug, 120));
  RETURN_IF_ERROR(text("lang", t.lang, 3));
  RETURN_IF_ERROR(text("title", t.title, 300));
  RETURN_IF_ERROR(text("body", t.body, 100'000));
  RETURN_IF_ERROR(list("topics", t.topics));
  RETURN_IF_ERROR(list("countries", t.countries));
  RETURN_IF_ERROR(list("audience", t.audiences));
  if (auto it = j.find("reviewed"); it != j.end() && it->is_string()) t.reviewed = *it;
  RETURN_IF_ERROR(CheckImported(t, "line " + std::to_string(number)));
  return t;
}

}  // namespace

Status CheckImported(const ImportedTranslation& t, const std::string& where) {
  auto bad = [&where](const std::string& why) {
    return InvalidArgument("invalid_article", where + ": " + why);
  };
  if (t.slug.empty() || t.slug.size() > 120) return bad("slug is missing or too long");
  if (t.title.empty() || t.title.size() > 300) return bad("title is missing or too long");
  if (t.body.empty() || t.body.size() > 100'000) return bad("body is missing or too long");
  if (t.short_answer.size() > 1000) return bad("short_answer is too long");
  if (Status s = CheckSlug(t.slug); !s.ok()) return bad(s.message());
  if (!CheckLanguageCodes({t.lang}, 1).ok()) return bad("lang is a language code");
  for (auto [name, list] : {std::pair{"topics", &t.topics}, std::pair{"countries", &t.countries},
                            std::pair{"audience", &t.audiences}}) {
    if (Status s = CheckList(*list, name); !s.ok()) return bad(s.message());
  }
  if (!t.reviewed.empty() && !CheckDate(t.reviewed).ok()) return bad("reviewed is YYYY-MM-DD");
  if (!t.review_by.empty() && !CheckDate(t.review_by).ok()) return bad("review_by is YYYY-MM-DD");
  return Status::Ok();
}

namespace {

// Six months after `date` (YYYY-MM-DD; "" for today), on the month's last day when it is shorter:
// laws and procedures change.
std::string ReviewBy(const std::string& date, int64_t now_ms) {
  using namespace std::chrono;
  year_month_day d{floor<days>(sys_time<milliseconds>(milliseconds(now_ms)))};
  if (auto given = ParseDate(date)) d = *given;
  year_month_day later = d + months{6};
  if (!later.ok()) later = later.year() / later.month() / last;
  return DateText(later);
}

}  // namespace

std::string ShortAnswer(const std::string& markdown) {
  std::string para = markdown.substr(0, markdown.find("\n\n"));
  std::string plain;
  for (char c : para) {
    if (c == '*' || c == '_' || c == '#' || c == '`') continue;
    plain += c == '\n' ? ' ' : c;
  }
  if (plain.size() <= 320) return plain;
  size_t cut = plain.rfind(". ", 320);
  if (cut != std::string::npos && cut > 80) return plain.substr(0, cut + 1);
  cut = plain.rfind(' ', 320);
  return plain.substr(0, cut == std::string::npos ? 320 : cut) + "…";
}

Result<ImportReport> Articles::ImportJsonLines(const std::string& actor, const std::string& text) {
  std::vector<ImportedTranslation> items;
  std::stringstream in(text);
  int number = 0;
  for (std::string line; std::getline(in, line);) {
    ++number;
    if (IsBlank(line)) continue;
    ASSIGN_OR_RETURN(ImportedTranslation t, ParseLine(line, number));
    items.push_back(std::move(t));
  }
  return Import(actor, items);
}

Result<ImportReport> Articles::Import(const std::string& actor,
                                      const std::vector<ImportedTranslation>& items) {
  ImportReport report;
  int64_t now = env_.NowMillis();
  RETURN_IF_ERROR(db_.Transact(store::Access::kWrite, [&](store::Conn& conn) -> Status {
    report = {};
    for (const ImportedTranslation& t : items) {
      ASSIGN_OR_RETURN(store::Rows found,
                       conn.Query("SELECT id FROM kb_article WHERE slug = ?", {t.slug}));
      std::string article = found.empty() ? NewId(env_) : found[0].Text(0);
      if (found.empty()) {
        RETURN_IF_ERROR(conn.Exec("INSERT INTO kb_article (id, slug, topics, countries, "
                                  "audiences, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                                  {article, t.slug, JoinList(t.topics), JoinList(t.countries),
                                   JoinList(t.audiences), now, now})
                            .status());
        ++report.articles;
      } else {
        RETURN_IF_ERROR(conn.Exec("UPDATE kb_article SET topics = ?, countries = ?, audiences = "
                                  "?, updated_at = ? WHERE id = ?",
                                  {JoinList(t.topics), JoinList(t.countries), JoinList(t.audiences),
                                   now, article})
                            .status());
      }
      ASSIGN_OR_RETURN(store::Rows current,
                       conn.Query("SELECT title, body, version FROM kb_translation WHERE "
                                  "article_id = ? AND lang = ? ORDER BY version DESC LIMIT 1",
                                  {article, t.lang}));
      if (!current.empty() && current[0].Text(0) == t.title && current[0].Text(1) == t.body) {
        ++report.unchanged;
        continue;
      }
      int64_t version = current.empty() ? 1 : current[0].Int(2) + 1;
      RETURN_IF_ERROR(conn.Exec("UPDATE kb_translation SET status = 'archived', updated_at = ? "
                                "WHERE article_id = ? AND lang = ? AND status = 'published'",
                                {now, article, t.lang})
                          .status());
      RETURN_IF_ERROR(
          conn.Exec("INSERT INTO kb_translation (id, article_id, lang, version, status, title, "
                    "body, short_answer, author_id, reviewer_id, review_by, created_at, "
                    "updated_at) VALUES (?, ?, ?, ?, 'published', ?, ?, ?, ?, ?, ?, ?, ?)",
                    {NewId(env_), article, t.lang, version, t.title, t.body,
                     t.short_answer.empty() ? ShortAnswer(t.body) : t.short_answer, actor, actor,
                     t.review_by.empty() ? ReviewBy(t.reviewed, now) : t.review_by, now, now})
              .status());
      ++report.translations;
    }
    return audit::Record(conn,
                         {actor, "", "kb.import", "kb", "administration",
                          "articles=" + std::to_string(report.articles) +
                              " translations=" + std::to_string(report.translations)},
                         now);
  }));
  if (report.translations > 0) RETURN_IF_ERROR(RebuildIndex());  // else Index() builds if missing
  return report;
}

Result<std::vector<ArticleView>> Articles::List() {
  ASSIGN_OR_RETURN(store::Rows articles,
                   db_.Read("SELECT id, slug, topics, countries, audiences, updated_at FROM "
                            "kb_article ORDER BY slug LIMIT 1000",
                            {}));
  ASSIGN_OR_RETURN(
      store::Rows latest,
      db_.Read("SELECT t.article_id, t.lang, t.version, t.status, t.title, t.author_id, "
               "t.reviewer_id, t.review_by, t.updated_at, (SELECT MAX(p.version) FROM "
               "kb_translation p WHERE p.article_id = t.article_id AND p.lang = t.lang AND "
               "p.status = 'published') FROM kb_translation t WHERE t.version = (SELECT "
               "MAX(v.version) FROM kb_translation v WHERE v.article_id = t.article_id AND "
               "v.lang = t.lang) ORDER BY t.lang",
               {}));
  std::vector<ArticleView> out;
  std::map<std::string, size_t> at;
  for (const auto& r : articles) {
    at[r.Text(0)] = out.size();
    out.push_back({r.Text(0),
                   r.Text(1),
                   SplitList(r.Text(2)),
                   SplitList(r.Text(3)),
                   SplitList(r.Text(4)),
                   {},
                   r.Int(5)});
  }
  for (const auto& r : latest) {
    auto it = at.find(r.Text(0));
    if (it == at.end()) continue;
    out[it->second].translations.push_back({r.Text(1), r.Int(2), r.Text(3), r.Text(4), "", "",
                                            r.Text(5), r.Text(6), r.Text(7), r.Int(9), r.Int(8)});
  }
  return out;
}

Result<ArticleView> Articles::Get(const std::string& article_id, Shown shown) {
  return Read("id", article_id, shown);
}

Result<ArticleView> Articles::GetBySlug(const std::string& slug, Shown shown) {
  return Read("slug", slug, shown);
}

Result<ArticleView> Articles::Read(std::string_view key, const std::string& value, Shown shown) {
  ArticleView view;
  RETURN_IF_ERROR(db_.Transact(store::Access::kRead, [&](store::Conn& conn) -> Status {
    ASSIGN_OR_RETURN(store::Rows a,
                     conn.Query(std::string("SELECT id, slug, topics, countries, audiences, "
                                            "updated_at FROM kb_article WHERE ") +
                                    (key == "slug" ? "slug" : "id") + " = ?",
                                {value}));
    if (a.empty()) return NotFound("no_such_article", "there is no such article");
    view = {a[0].Text(0),
            a[0].Text(1),
            SplitList(a[0].Text(2)),
            SplitList(a[0].Text(3)),
            SplitList(a[0].Text(4)),
            {},
            a[0].Int(5)};
    ASSIGN_OR_RETURN(
        store::Rows rows,
        conn.Query(std::string("SELECT lang, version, status, title, body, short_answer, "
                               "author_id, reviewer_id, review_by, updated_at FROM kb_translation "
                               "WHERE article_id = ? ") +
                       (shown == Shown::kPublished ? "AND status = 'published' " : "") +
                       "ORDER BY lang, version DESC",
                   {view.id}));
    for (const auto& r : rows) {
      if (!view.translations.empty() && view.translations.back().lang == r.Text(0)) {
        if (r.Text(2) == "published" && view.translations.back().published_version == 0) {
          view.translations.back().published_version = r.Int(1);
        }
        continue;
      }
      view.translations.push_back({r.Text(0), r.Int(1), r.Text(2), r.Text(3), r.Text(4), r.Text(5),
                                   r.Text(6), r.Text(7), r.Text(8),
                                   r.Text(2) == "published" ? r.Int(1) : 0, r.Int(9)});
    }
    ASSIGN_OR_RETURN(store::Rows files,
                     conn.Query("SELECT id, lang, file_name, mime, size, created_at FROM "
                                "kb_attachment WHERE article_id = ? ORDER BY created_at, id",
                                {view.id}));
    for (const auto& r : files) {
      view.attachments.push_back({r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Int(4), r.Int(5)});
    }
    return Status::Ok();
  }));
  return view;
}

Result<ArticleView> Articles::Create(const std::string& actor, const ArticleInput& in) {
  RETURN_IF_ERROR(CheckSlug(in.slug));
  RETURN_IF_ERROR(CheckList(in.topics, "topics"));
  RETURN_IF_ERROR(CheckList(in.countries, "countries"));
  RETURN_IF_ERROR(CheckList(in.audiences, "audiences"));
  std::string id = NewId(env_);
  int64_t now = env_.NowMillis();
  RETURN_IF_ERROR(db_.Transact(store::Access::kWrite, [&](store::Conn& conn) -> Status {
    auto inserted = conn.Exec(
        "INSERT INTO kb_article (id, slug, topics, countries, audiences, "
        "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        {id, in.slug, JoinList(in.topics), JoinList(in.countries), JoinList(in.audiences), now,
         now});
    if (!inserted.ok() && inserted.status().code() == StatusCode::kAlreadyExists) {
      return AlreadyExists("slug_taken", "an article with this slug exists");
    }
    RETURN_IF_ERROR(inserted.status());
    return audit::Record(
        conn, {actor, "", "kb.article.create", "kb_article/" + id, "administration", in.slug}, now);
  }));
  return Get(id);
}

Result<ArticleView> Articles::SaveDraft(const std::string& actor, const std::string& article_id,
                                        const TranslationInput& in) {
  RETURN_IF_ERROR(CheckLanguageCodes({in.lang}, 1));
  if (in.title.empty() || in.title.size() > 300) {
    return InvalidArgument("invalid_title", "a title is 1 to 300 bytes");
  }
  if (in.body.empty() || in.body.size() > 100'000) {
    return InvalidArgument("invalid_body", "a body is 1 to 100,000 bytes of Markdown");
  }
  if (in.short_answer.size() > 1000) {
    return InvalidArgument("invalid_short_answer", "a short answer is at most 1,000 bytes");
  }
  if (!in.review_by.empty()) RETURN_IF_ERROR(CheckDate(in.review_by));
  int64_t now = env_.NowMillis();
  std::string review_by = in.review_by.empty() ? ReviewBy("", now) : in.review_by;
  std::string short_answer = in.short_answer.empty() ? ShortAnswer(in.body) : in.short_answer;
  RETURN_IF_ERROR(db_.Transact(store::Access::kWrite, [&](store::Conn& conn) -> Status {
    ASSIGN_OR_RETURN(store::Rows a,
                     conn.Query("SELECT 1 FROM kb_article WHERE id = ?", {article_id}));
    if (a.empty()) return NotFound("no_such_article", "there is no such article");
    ASSIGN_OR_RETURN(store::Rows latest,
                     conn.Query("SELECT id, version, status FROM kb_translation WHERE "
                                "article_id = ? AND lang = ? ORDER BY version DESC LIMIT 1",
                                {article_id, in.lang}));
    if (!latest.empty() && latest[0].Text(2) == "draft") {
      RETURN_IF_ERROR(
          conn.Exec("UPDATE kb_translation SET title = ?, body = ?, short_answer = ?, "
                    "author_id = ?, review_by = ?, updated_at = ? WHERE id = ?",
                    {in.title, in.body, short_answer, actor, review_by, now, latest[0].Text(0)})
              .status());
    } else {
      int64_t version = latest.empty() ? 1 : latest[0].Int(1) + 1;
      RETURN_IF_ERROR(
          conn.Exec("INSERT INTO kb_translation (id, article_id, lang, version, status, title, "
                    "body, short_answer, author_id, reviewer_id, review_by, created_at, "
                    "updated_at) VALUES (?, ?, ?, ?, 'draft', ?, ?, ?, ?, NULL, ?, ?, ?)",
                    {NewId(env_), article_id, in.lang, version, in.title, in.body, short_answer,
                     actor, review_by, now, now})
              .status());
    }
    return audit::Record(conn,
                         {actor, "", "kb.translation.edit", "kb_article/" + article_id,
                          "administration", "lang=" + in.lang},
                         now);
  }));
  return Get(article_id);
}

Result<ArticleView> Articles::Move(const std::string& actor, const std::string& article_id,
                                   const std::string& lang, std::string_view from,
                                   std::string_view to, bool reviewer) {
  int64_t now = env_.NowMillis();
  bool index_changes = to == "published" || from == "published";
  RETURN_IF_ERROR(db_.Transact(store::Access::kWrite, [&](store::Conn& conn) -> Status {
    std::string sql = from == "published"
                          ? "SELECT id, status, author_id FROM kb_translation WHERE article_id = "
                            "? AND lang = ? AND status = 'published' ORDER BY version DESC LIMIT 1"
                          : "SELECT id, status, author_id FROM kb_translation WHERE article_id = "
                            "? AND lang = ? ORDER BY version DESC LIMIT 1";
    ASSIGN_OR_RETURN(store::Rows rows, conn.Query(sql, {article_id, lang}));
    if (rows.empty()) return NotFound("no_such_translation", "there is no such translation");
    if (rows[0].Text(1) != from) {
      return FailedPrecondition(
          "wrong_status", "the translation is " + rows[0].Text(1) + ", not " + std::string(from));
    }
    if (reviewer && rows[0].Text(2) == actor) {
      return FailedPrecondition("reviewer_is_author",
                                "someone other than the author reviews and publishes");
    }
    if (to == "published") {
      RETURN_IF_ERROR(conn.Exec("UPDATE kb_translation SET status = 'archived', updated_at = ? "
                                "WHERE article_id = ? AND lang = ? AND status = 'published'",
                                {now, article_id, lang})
                          .status());
    }
    RETURN_IF_ERROR(
        conn.Exec("UPDATE kb_translation SET status = ?, reviewer_id = CASE WHEN ? = 1 "
                  "THEN ? ELSE reviewer_id END, updated_at = ? WHERE id = ?",
                  {std::string(to), int64_t{reviewer ? 1 : 0}, actor, now, rows[0].Text(0)})
            .status());
    return audit::Record(conn,
                         {actor, "", "kb.translation." + std::string(to),
                          "kb_article/" + article_id, "administration", "lang=" + lang},
                         now);
  }));
  if (index_changes) RETURN_IF_ERROR(RebuildIndex());
  return Get(article_id);
}

Result<ArticleView> Articles::Submit(const std::string& actor, const std::string& article_id,
                                     const std::string& lang) {
  return Move(actor, article_id, lang, "draft", "in_review", false);
}

Result<ArticleView> Articles::Publish(const std::string& actor, const std::string& article_id,
                                      const std::string& lang) {
  return Move(actor, article_id, lang, "in_review", "published", true);
}

Result<ArticleView> Articles::Archive(const std::string& actor, const std::string& article_id,
                                      const std::string& lang) {
  return Move(actor, article_id, lang, "published", "archived", false);
}

Result<ImportReport> Articles::ImportFile(const std::string& actor, const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec) || path.ends_with(".md")) {
    std::vector<std::string> files;
    if (std::filesystem::is_directory(path, ec)) {
      for (const auto& e : std::filesystem::directory_iterator(path, ec)) {
        if (e.path().extension() == ".md") files.push_back(e.path().string());
      }
      std::sort(files.begin(), files.end());
    } else {
      files.push_back(path);
    }
    std::vector<ImportedTranslation> items;
    for (const std::string& file : files) {
      ASSIGN_OR_RETURN(std::string text, ReadWholeFile(file));
      ASSIGN_OR_RETURN(ImportedTranslation t,
                       ParseMarkdownFile(text, std::filesystem::path(file).filename().string()));
      items.push_back(std::move(t));
    }
    return Import(actor, items);
  }
  ASSIGN_OR_RETURN(std::string text, ReadWholeFile(path));
  return ImportJsonLines(actor, text);
}

Result<std::vector<ImportedTranslation>> Articles::PublishedTranslations() {
  ASSIGN_OR_RETURN(store::Rows rows,
                   db_.Read("SELECT a.slug, t.lang, t.title, t.body, a.topics, a.countries, "
                            "a.audiences, t.review_by, t.short_answer FROM kb_translation t JOIN "
                            "kb_article a ON a.id = t.article_id WHERE t.status = 'published' "
                            "ORDER BY a.slug, t.lang",
                            {}));
  std::vector<ImportedTranslation> out;
  for (const auto& r : rows) {
    out.push_back({r.Text(0), r.Text(1), r.Text(2), r.Text(3), SplitList(r.Text(4)),
                   SplitList(r.Text(5)), SplitList(r.Text(6)), "", r.Text(7), r.Text(8)});
  }
  return out;
}

Result<std::vector<PublishedTitle>> Articles::PublishedTitles() {
  ASSIGN_OR_RETURN(store::Rows rows,
                   db_.Read("SELECT a.slug, t.lang, t.title, a.topics, a.countries FROM "
                            "kb_translation t JOIN kb_article a ON a.id = t.article_id WHERE "
                            "t.status = 'published' ORDER BY a.slug, t.lang",
                            {}));
  std::vector<PublishedTitle> out;
  out.reserve(rows.size());
  for (const auto& r : rows) {
    out.push_back({r.Text(0), r.Text(1), r.Text(2), SplitList(r.Text(3)), SplitList(r.Text(4))});
  }
  return out;
}

Result<std::vector<ReviewDue>> Articles::ReviewsDue(int days) {
  using namespace std::chrono;
  std::string date =
      DateText(year_month_day{sys_days{DayOf(env_.NowMillis())} + std::chrono::days(days)});
  ASSIGN_OR_RETURN(store::Rows rows,
                   db_.Read("SELECT a.id, a.slug, t.lang, t.title, t.review_by FROM kb_translation "
                            "t JOIN kb_article a ON a.id = t.article_id WHERE t.status = "
                            "'published' AND t.review_by <= ? ORDER BY t.review_by, a.slug, "
                            "t.lang LIMIT 500",
                            {date}));
  std::vector<ReviewDue> out;
  for (const auto& r : rows) out.push_back({r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4)});
  return out;
}

Status Articles::RebuildIndex() {
  ASSIGN_OR_RETURN(std::vector<ImportedTranslation> published, PublishedTranslations());
  std::vector<search::KbDocument> docs;
  docs.reserve(published.size());
  for (ImportedTranslation& t : published) {
    docs.push_back({std::move(t.slug), std::move(t.lang), std::move(t.title), std::move(t.body),
                    std::move(t.topics)});
  }
  std::lock_guard lock(mu_);
  RETURN_IF_ERROR(search::KbIndex::Build(index_dir_, docs));
  index_.reset();  // opened again on next use
  return Status::Ok();
}

Result<std::shared_ptr<search::KbIndex>> Articles::Index() {
  {
    std::lock_guard lock(mu_);
    if (index_) return index_;
    auto opened = search::KbIndex::Open(index_dir_);
    if (opened.ok()) {
      index_ = std::move(*opened);
      return index_;
    }
  }
  RETURN_IF_ERROR(RebuildIndex());
  std::lock_guard lock(mu_);
  ASSIGN_OR_RETURN(auto reopened, search::KbIndex::Open(index_dir_));
  index_ = std::move(reopened);
  return index_;
}

std::string Articles::FilePath(const std::string& attachment_id) const {
  return (std::filesystem::path(index_dir_).parent_path() / "files" / attachment_id).string();
}

Result<Attachment> Articles::AddAttachment(const std::string& actor, const std::string& article_id,
                                           const std::string& lang, const std::string& file_name,
                                           const std::string& bytes) {
  if (!lang.empty()) RETURN_IF_ERROR(CheckLanguageCodes({lang}, 1));
  bool plain_name = !file_name.empty() && file_name.size() <= 200 &&
                    std::none_of(file_name.begin(), file_name.end(), [](char c) {
                      return c == '/' || c == '\\' || (c >= 0 && c < 0x20) || c == 0x7f;
                    });
  if (!plain_name) {
    return InvalidArgument("invalid_file_name", "a file name is 1 to 200 bytes, without / or \\");
  }
  if (bytes.empty() || bytes.size() > kMaxAttachmentBytes) {
    return InvalidArgument("invalid_file", "an attachment is 1 byte to 5 MB");
  }
  std::string mime = SniffMimeType(bytes);
  if (mime != "application/pdf" && mime != "image/png" && mime != "image/jpeg" &&
      mime != "image/webp") {
    return InvalidArgument("unsupported_file_type",
                           "attachments are PDF, PNG, JPEG or WebP files (this is " + mime + ")");
  }
  RETURN_IF_ERROR(Get(article_id).status());
  Attachment a{NewId(env_),     lang, file_name, mime, static_cast<int64_t>(bytes.size()),
               env_.NowMillis()};
  std::error_code ec;
  std::filesystem::create_directories(std::filesystem::path(FilePath(a.id)).parent_path(), ec);
  RETURN_IF_ERROR(WriteFileDurably(FilePath(a.id), bytes));
  RETURN_IF_ERROR(db_.Transact(store::Access::kWrite, [&](store::Conn& conn) -> Status {
    RETURN_IF_ERROR(conn.Exec("INSERT INTO kb_attachment (id, article_id, lang, file_name, mime, "
                              "size, sha256, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, "
                              "?, ?)",
                              {a.id, article_id, lang, file_name, mime, a.size,
                               HexEncode(crypto::Sha256(bytes)), actor, a.created_at})
                        .status());
    return audit::Record(conn,
                         {actor, "", "kb.attachment.add", "kb_article/" + article_id,
                          "administration", "kb_attachment/" + a.id},
                         a.created_at);
  }));
  return a;
}

Result<AttachmentFile> Articles::ReadAttachment(const std::string& article_id,
                                                const std::string& attachment_id) {
  ASSIGN_OR_RETURN(store::Rows rows,
                   db_.Read("SELECT id, lang, file_name, mime, size, created_at, sha256 FROM "
                            "kb_attachment WHERE id = ? AND article_id = ?",
                            {attachment_id, article_id}));
  if (rows.empty()) return NotFound("no_such_attachment", "there is no such attachment");
  const auto& r = rows[0];
  AttachmentFile file{{r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Int(4), r.Int(5)}, ""};
  ASSIGN_OR_RETURN(file.bytes, ReadWholeFile(FilePath(attachment_id)));
  if (HexEncode(crypto::Sha256(file.bytes)) != r.Text(6)) {
    return Unavailable("attachment_damaged", "the attachment's file is damaged");
  }
  return file;
}

Status Articles::RemoveAttachment(const std::string& actor, const std::string& article_id,
                                  const std::string& attachment_id) {
  RETURN_IF_ERROR(db_.Transact(store::Access::kWrite, [&](store::Conn& conn) -> Status {
    ASSIGN_OR_RETURN(int64_t removed,
                     conn.Exec("DELETE FROM kb_attachment WHERE id = ? AND article_id = ?",
                               {attachment_id, article_id}));
    if (removed == 0) return NotFound("no_such_attachment", "there is no such attachment");
    return audit::Record(conn,
                         {actor, "", "kb.attachment.remove", "kb_article/" + article_id,
                          "administration", "kb_attachment/" + attachment_id},
                         env_.NowMillis());
  }));
  std::error_code ec;
  std::filesystem::remove(FilePath(attachment_id), ec);  // listed no more: a leftover is harmless
  return Status::Ok();
}

Result<Suggestions> Articles::Suggest(const std::string& question, const std::string& language,
                                      size_t limit) {
  ASSIGN_OR_RETURN(std::shared_ptr<search::KbIndex> index, Index());
  search::KbAnswer found = index->Ask(question, limit);
  Suggestions out{found.answer, {}};
  if (found.hits.empty()) return out;
  // Every published translation of the articles found, in one read.
  std::string in;
  store::Params slugs;
  for (const search::KbHit& hit : found.hits) {
    in += in.empty() ? "?" : ", ?";
    slugs.emplace_back(hit.slug);
  }
  ASSIGN_OR_RETURN(store::Rows rows,
                   db_.Read("SELECT a.slug, t.lang, t.title, t.short_answer, a.topics FROM "
                            "kb_translation t "
                            "JOIN kb_article a ON a.id = t.article_id WHERE t.status = "
                            "'published' AND a.slug IN (" +
                                in + ")",
                            slugs));
  for (const search::KbHit& hit : found.hits) {
    const store::Row* best = nullptr;
    int best_rank = 99;
    for (const auto& r : rows) {
      if (r.Text(0) != hit.slug) continue;
      int rank = r.Text(1) == language ? 0 : r.Text(1) == hit.lang ? 1 : r.Text(1) == "en" ? 2 : 3;
      if (rank < best_rank) {
        best = &r;
        best_rank = rank;
      }
    }
    if (best == nullptr) continue;  // unpublished since the index was built
    out.items.push_back({hit.slug, best->Text(1), best->Text(2), best->Text(3), hit.score,
                         SplitList(best->Text(4))});
  }
  return out;
}

}  // namespace serai::kb
