// Search over conversations whose words are sealed: a keyed blind index.
//
// Message texts, notes and names are encrypted under each person's key, so the database cannot
// search them. Instead every word (normalised by search::SearchWords, so ي/ی, digits of every
// script and letter case meet) is stored as a term: 8 bytes of HMAC-SHA256 under a subkey of the
// centre's key, next to the conversation it occurs in. A search computes the same terms for its
// words and asks for the conversations that hold all of them.
//
// What the index gives away to someone holding the database but not the keys: how many distinct
// words a conversation has and which conversations share a word, never the word itself (a
// dictionary attack needs the centre key, which lives in the key store). Terms are per centre, so
// the same word has unrelated terms in two centres. Shredding a person removes their terms.
//
// Words are matched whole; names are also indexed by their beginnings (from three letters), so
// "Moh" finds Mohammad. Words of one letter are not indexed.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "domain/keys/key_store.h"
#include "store/db.h"

namespace serai::inbox {

class ConversationTerms {
 public:
  static constexpr size_t kMaxQueryWords = 8;

  explicit ConversationTerms(keys::KeyStore& keys) : keys_(keys) {}

  enum class Words { kWhole, kWithBeginnings };
  // Adds the words of `text` to the conversation's terms, in the caller's transaction.
  Status Add(store::Conn& conn, const std::string& centre_id, const std::string& conversation_id,
             std::string_view text, Words words = Words::kWhole);
  // One term per distinct word of a query (at most kMaxQueryWords); empty when it has no words.
  Result<std::vector<int64_t>> Query(const std::string& centre_id, std::string_view query);
  // Removes every term of the conversations of a contact (after their key is shredded).
  static Status ForgetContact(store::Conn& conn, const std::string& contact_id);

 private:
  Result<std::vector<int64_t>> Terms(const std::string& centre_id,
                                     const std::vector<std::string>& words);

  keys::KeyStore& keys_;
};

}  // namespace serai::inbox
