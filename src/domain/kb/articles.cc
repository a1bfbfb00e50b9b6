#include "domain/kb/articles.h"

#include <sstream>

#include "common/files.h"
#include "common/ids.h"
#include "common/json.h"
#include "common/language_codes.h"
#include "domain/audit/audit_log.h"

namespace serai::kb {
namespace {

std::string Join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : ",") + i;
  return out;
}

std::vector<std::string> Split(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream in(s);
  for (std::string item; std::getline(in, item, ',');) {
    if (!item.empty()) out.push_back(item);
  }
  return out;
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
    if (!it->is_array() || it->size() > 50) return bad(std::string(key) + " is not a list");
    for (const auto& v : *it) {
      if (!v.is_string() || v.get<std::string>().size() > 60) return bad(std::string(key));
      out.push_back(v.get<std::string>());
    }
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
  for (char c : t.slug) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
      return bad("a slug is lower-case letters, digits and -");
    }
  }
  if (!CheckLanguageCodes({t.lang}, 1).ok()) return bad("lang is a language code");
  return t;
}

// Six months after the review date: laws and procedures change.
std::string ReviewBy(const std::string& reviewed) {
  if (reviewed.size() != 10) return "";
  int year = std::stoi(reviewed.substr(0, 4)), month = std::stoi(reviewed.substr(5, 2)) + 6;
  if (month > 12) {
    month -= 12;
    ++year;
  }
  std::string mm = (month < 10 ? "0" : "") + std::to_string(month);
  return std::to_string(year) + "-" + mm + "-" + reviewed.substr(8, 2);
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
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    ASSIGN_OR_RETURN(ImportedTranslation t, ParseLine(line, number));
    items.push_back(std::move(t));
  }
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
                                  {article, t.slug, Join(t.topics), Join(t.countries),
                                   Join(t.audiences), now, now})
                            .status());
        ++report.articles;
      } else {
        RETURN_IF_ERROR(
            conn.Exec("UPDATE kb_article SET topics = ?, countries = ?, audiences = "
                      "?, updated_at = ? WHERE id = ?",
                      {Join(t.topics), Join(t.countries), Join(t.audiences), now, article})
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
                    {NewId(env_), article, t.lang, version, t.title, t.body, ShortAnswer(t.body),
                     actor, actor, ReviewBy(t.reviewed), now, now})
              .status());
      ++report.translations;
    }
    return audit::Record(conn,
                         {actor, "", "kb.import", "kb", "administration",
                          "articles=" + std::to_string(report.articles) +
                              " translations=" + std::to_string(report.translations)},
                         now);
  }));
  RETURN_IF_ERROR(RebuildIndex());
  return report;
}

Result<ImportReport> Articles::ImportFile(const std::string& actor, const std::string& path) {
  ASSIGN_OR_RETURN(std::string text, ReadWholeFile(path));
  return ImportJsonLines(actor, text);
}

Result<std::vector<search::KbDocument>> Articles::Published() {
  ASSIGN_OR_RETURN(store::Rows rows,
                   db_.Read("SELECT a.slug, t.lang, t.title, t.body, a.topics FROM kb_translation "
                            "t JOIN kb_article a ON a.id = t.article_id WHERE t.status = "
                            "'published' ORDER BY a.slug, t.lang",
                            {}));
  std::vector<search::KbDocument> docs;
  docs.reserve(rows.size());
  for (const auto& r : rows) {
    docs.push_back({r.Text(0), r.Text(1), r.Text(2), r.Text(3), Split(r.Text(4))});
  }
  return docs;
}

Status Articles::RebuildIndex() {
  ASSIGN_OR_RETURN(std::vector<search::KbDocument> docs, Published());
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

Result<Suggestions> Articles::Suggest(const std::string& question, const std::string& language,
                                      size_t limit) {
  ASSIGN_OR_RETURN(std::shared_ptr<search::KbIndex> index, Index());
  search::KbAnswer found = index->Ask(question, limit);
  Suggestions out{found.answer, {}};
  for (const search::KbHit& hit : found.hits) {
    ASSIGN_OR_RETURN(store::Rows rows,
                     db_.Read("SELECT t.lang, t.title, t.short_answer FROM kb_translation t JOIN "
                              "kb_article a ON a.id = t.article_id WHERE a.slug = ? AND t.status = "
                              "'published'",
                              {hit.slug}));
    const store::Row* best = nullptr;
    int best_rank = 99;
    for (const auto& r : rows) {
      int rank = r.Text(0) == language ? 0 : r.Text(0) == hit.lang ? 1 : r.Text(0) == "en" ? 2 : 3;
      if (rank < best_rank) {
        best = &r;
        best_rank = rank;
      }
    }
    if (best == nullptr) continue;  // unpublished since the index was built
    out.items.push_back({hit.slug, best->Text(0), best->Text(1), best->Text(2), hit.score});
  }
  return out;
}

}  // namespace serai::kb
