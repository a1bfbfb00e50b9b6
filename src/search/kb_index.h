// Search over the knowledge base: Xapian, with words made comparable across the ways people write.
//
// Every translation of an article is one Xapian document. Its words become terms four ways:
//   the word as search sees it (normalise.h: case, NFKC, Arabic-script letter variants, digits);
//   its stem (Snowball through Xapian, by script: English for Latin letters, Russian for
//   Cyrillic, Arabic for the Arabic script), prefix Z;
//   its consonant skeleton (prefix K, three consonants or more): the word in Latin letters (ICU's
//   Any-Latin, then ASCII), with vowels, h, w and y dropped and similar sounds merged, so that
//   "passport", "پاسپورت", "پاسپورٹ", "পাসপোর্ট" and "паспорт" all become "psprt" and a question in
//   Roman Urdu or Finglish finds the article written in Arabic letters (and the other way round);
//   the concepts it names (prefix C, kb_lexicon.h), so that a question in one language finds the
//   article in another (the Urdu word for smuggler finds the English article on smuggling).
// Title words count three times. A question is turned into the same terms; results are grouped by
// article (the best of its translations), best first.
//
// Thread-safe: one reader at a time per index (Xapian databases are not shared between threads).
#pragma once

#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/status.h"

namespace Xapian {
class Database;
}

namespace serai::search {

struct KbDocument {
  std::string slug;
  std::string lang;
  std::string title;
  std::string body;
  std::vector<std::string> topics = {};
};

struct KbHit {
  std::string slug;
  std::string lang;  // the translation that matched best
  double score = 0;  // 0 to 1: how much of the question the article answers
};

struct KbAnswer {
  bool answer = false;  // good enough to answer with the first hit
  std::vector<KbHit> hits;
};

// The terms of `text` as the index keeps them (for tests and tools).
std::vector<std::string> KbTerms(std::string_view text);

// The lexicon's concepts (kb_lexicon.h) that the words of `text` name, each once, in order.
std::vector<std::string> KbConcepts(std::string_view text);

// A word's consonant skeleton in Latin letters ("" when it has fewer than three consonants).
std::string Skeleton(std::string_view word);

class KbIndex {
 public:
  // Writes a new index of `docs` to `dir` (replacing what was there once it is complete).
  static Status Build(const std::string& dir, const std::vector<KbDocument>& docs);
  static Result<std::unique_ptr<KbIndex>> Open(const std::string& dir);
  ~KbIndex();

  // At most `limit` articles for `question`, best first, and whether the first is good enough.
  KbAnswer Ask(std::string_view question, size_t limit = 5);

 private:
  KbIndex(std::string dir, std::unique_ptr<Xapian::Database> db);
  std::unique_ptr<Xapian::Database> Borrow();
  void GiveBack(std::unique_ptr<Xapian::Database> db);

  // What ranking reads of a hit besides its terms: its article and language, and its title's words
  // (each as the terms that stand for it). An index never changes once built, so each document's
  // is read from the index once and kept (a read of a value is a system call per block).
  struct Shown {
    std::string slug, lang;
    std::vector<std::vector<std::string>> title;
  };
  const Shown& ShownOf(Xapian::Database& db, unsigned docid);

  std::string dir_;
  std::string uuid_;  // of the index opened: a handle opened later must be of the same one
  std::mutex mu_;
  std::vector<std::unique_ptr<Xapian::Database>> idle_;  // handles not in use
  std::shared_mutex shown_mu_;
  std::unordered_map<unsigned, std::unique_ptr<const Shown>> shown_;  // by document id
};

}  // namespace serai::search
