#include "domain/inbox/conversation_terms.h"

#include <algorithm>
#include <cstring>
#include <set>

#include "search/normalise.h"

namespace serai::inbox {
namespace {

constexpr size_t kMaxWordBytes = 64;
constexpr size_t kMaxWordsPerText = 300;
constexpr size_t kRowsPerStatement = 100;

// The words worth a term: two code points or more, at most kMaxWordBytes; with `beginnings`, also
// each word's first 3, 4, ... code points.
std::set<std::string> Indexable(const std::vector<std::string>& words, bool beginnings) {
  std::set<std::string> out;
  for (const std::string& w : words) {
    if (search::Beginnings(w, 1).empty() || w.size() > kMaxWordBytes) continue;  // one letter
    out.insert(w);
    if (!beginnings) continue;
    for (std::string& b : search::Beginnings(w, 3)) out.insert(std::move(b));
  }
  return out;
}

}  // namespace

Result<std::vector<int64_t>> ConversationTerms::Terms(const std::string& centre_id,
                                                      const std::vector<std::string>& words) {
  std::vector<int64_t> terms;
  terms.reserve(words.size());
  for (const std::string& w : words) {
    ASSIGN_OR_RETURN(std::string mac,
                     keys_.CentreDigest(centre_id, "serai:conversation-search-term", w));
    int64_t term = 0;
    std::memcpy(&term, mac.data(), sizeof term);
    terms.push_back(term);
  }
  return terms;
}

Status ConversationTerms::Add(store::Conn& conn, const std::string& centre_id,
                              const std::string& conversation_id, std::string_view text,
                              Words words) {
  std::set<std::string> unique =
      Indexable(search::SearchWords(text, kMaxWordsPerText), words == Words::kWithBeginnings);
  if (unique.empty()) return Status::Ok();
  ASSIGN_OR_RETURN(std::vector<int64_t> terms,
                   Terms(centre_id, std::vector<std::string>(unique.begin(), unique.end())));
  for (size_t from = 0; from < terms.size(); from += kRowsPerStatement) {
    size_t to = std::min(terms.size(), from + kRowsPerStatement);
    std::string sql = "INSERT INTO conversation_term (term, conversation_id) VALUES ";
    store::Params params;
    for (size_t i = from; i < to; ++i) {
      sql += i == from ? "(?, ?)" : ", (?, ?)";
      params.emplace_back(terms[i]);
      params.emplace_back(conversation_id);
    }
    RETURN_IF_ERROR(conn.Exec(sql + " ON CONFLICT DO NOTHING", params).status());
  }
  return Status::Ok();
}

Result<std::vector<int64_t>> ConversationTerms::Query(const std::string& centre_id,
                                                      std::string_view query) {
  std::set<std::string> unique = Indexable(search::SearchWords(query, 64), false);
  std::vector<std::string> words(unique.begin(), unique.end());
  if (words.size() > kMaxQueryWords) words.resize(kMaxQueryWords);
  if (words.empty()) return std::vector<int64_t>{};
  return Terms(centre_id, words);
}

Status ConversationTerms::ForgetContact(store::Conn& conn, const std::string& contact_id) {
  return conn
      .Exec(
          "DELETE FROM conversation_term WHERE conversation_id IN (SELECT id FROM "
          "conversation WHERE contact_id = ?)",
          {contact_id})
      .status();
}

}  // namespace serai::inbox
