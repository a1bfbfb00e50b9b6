// Duplicate detection: the same person recorded twice (a WhatsApp conversation and a walk-in, a
// second visit where no one searched first) is found when a record is written, kept as a scored
// pair for staff to review, and merged, or dismissed; a merge can be undone.
//
//  - When a person's identity is written, what matching.h compares is sealed beside it under the
//    person's key (person.match_sealed), and the keys they are found by (phones, documents, date
//    of birth) are stored only as keyed digests (person_key; KeyStore::CentreDigest), so the
//    index says nothing to someone holding a copy of the database without the key store, and a
//    shred takes both away. The candidates are scored; pairs at kReviewScore or above are open.
//  - A pair staff dismissed stays dismissed when either record changes.
//  - Merge keeps one record and points the other at it (person.merged_into): the merged record's
//    cases, referrals and follow-up stay sealed under its own key and show with the kept person;
//    its conversations move to the kept person; its phones and documents, and the fields the kept
//    record lacked, are added to the kept identity. person_merge records what moved (the additions
//    sealed under the kept person's key), so undo puts back exactly that, leaving later changes.
//  - Reviewing a pair is a read of both identities, audited with its purpose; a merge and its undo
//    are audited on both people.
//  - A record that others were merged into is kept, not merged itself (undo those first); a
//    person's shred shreds the records merged into them.
//
// Thread-safe: all state is in the database and the key store.
#pragma once

#include <string>
#include <vector>

#include "common/env.h"
#include "common/status.h"
#include "domain/auth/access.h"
#include "domain/keys/key_store.h"
#include "domain/people/matching.h"
#include "domain/people/people.h"
#include "store/db.h"

namespace serai::people {

// Bumped when matching.h changes what it keeps or how it makes keys: the records of an older
// version are indexed again by Duplicates::IndexPending.
inline constexpr int kMatchVersion = 1;

// Inside a transaction that has just written `person_id`'s identity: seals its match profile,
// replaces its keys and records the open pairs it is in (best first, at most 20).
Result<std::vector<PossibleDuplicate>> IndexPerson(store::Conn& conn, keys::KeyStore& keys,
                                                   Env& env, const std::string& centre_id,
                                                   const std::string& person_id,
                                                   const Identity& identity, int64_t now);

struct PairSide {
  std::string id, code;
  Identity identity;  // only in a pair's own (audited) read
};

struct DuplicatePair {
  std::string id;
  PairSide a, b;
  double score = 0;
  std::vector<std::string> reasons;
  std::string status;  // open, dismissed, merged
  int64_t found_at = 0;
  std::string decided_by;
  int64_t decided_at = 0;
  std::string merge_id;  // the merge in force, for a merged pair
};

struct MergeRecord {
  std::string id, pair_id, kept_id, merged_id, merged_by;
  int64_t merged_at = 0;
};

class Duplicates {
 public:
  Duplicates(store::Db& db, keys::KeyStore& keys, Env& env) : db_(db), keys_(keys), env_(env) {}

  // The pairs a new person with `identity` would make, without recording anything (at most 20).
  Result<std::vector<PossibleDuplicate>> Check(const std::string& centre_id, Identity identity);

  // Pairs of live, unmerged records with this status, best first (at most 200): codes, scores and
  // reasons, no identifying field.
  Result<std::vector<DuplicatePair>> List(const std::string& centre_id, const std::string& status);
  // One pair with both identities side by side: a read of each, audited with its purpose.
  Result<DuplicatePair> Get(const auth::Principal& actor, const std::string& centre_id,
                            auth::Purpose purpose, const std::string& pair_id);
  // Not the same person.
  Status Dismiss(const auth::Principal& actor, const std::string& centre_id,
                 const std::string& pair_id);
  // `keep_id` (one of the pair) stays; the other is merged into it.
  Result<MergeRecord> Merge(const auth::Principal& actor, const std::string& centre_id,
                            const std::string& pair_id, const std::string& keep_id);
  Status Undo(const auth::Principal& actor, const std::string& centre_id,
              const std::string& merge_id);

  // Indexes up to 200 records of an older kMatchVersion (or none yet); how many.
  Result<int> IndexPending();

 private:
  store::Db& db_;
  keys::KeyStore& keys_;
  Env& env_;
};

}  // namespace serai::people
