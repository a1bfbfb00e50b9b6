// Whether two person records are one person: what duplicate detection (duplicates.h) compares.
//
// A record is found by blocking keys, each naming a small group of records that might be the same
// person: a phone number, a document, a date of birth (or one a slip of the pen away). The records
// found are scored pair by pair, Fellegi-Sunter style: each agreement adds evidence, each
// disagreement takes some away, and the weights say how rare an agreement is by chance (a shared
// phone is common in a family, a shared date of birth and name is not). Names are compared across
// scripts (search/names.h) and weigh most, but they decide rather than find: where Mohammad Karimi
// is a common name, two records that share only a name and an age band are a guess, so a pair
// needs a phone, a document or a date of birth in common to reach review. Pairs at kReviewScore or
// above go to staff for review.
//
// The weights and kReviewScore are tuned on the generated set of tests/eval/people_set.h (dev
// seed) and checked on another seed; README "Duplicate detection" gives the figures.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/json.h"
#include "domain/people/people.h"
#include "search/names.h"

namespace serai::people {

// What duplicate detection knows of a person, made from their identity when it is written.
struct MatchProfile {
  std::vector<search::NameForm> names;  // the name as written and in Latin letters
  std::string birth_date, age_band, sex, nationality;
  std::vector<std::string> phones;     // E.164
  std::vector<std::string> documents;  // "type:NUMBER", letters and digits only, upper case
};

MatchProfile ProfileOf(const Identity& identity);
// Sealed beside the identity, so that a search never transliterates its candidates' names again.
Json MatchProfileJson(const MatchProfile& profile);
MatchProfile MatchProfileFrom(const Json& json);

// The keys a record is indexed under: its phones, documents and date of birth.
std::vector<std::string> IndexKeys(const MatchProfile& profile);
// The keys to look a new record up by: its own, and its date of birth with the day and month
// swapped or the year one off.
std::vector<std::string> LookupKeys(const MatchProfile& profile);

// What agreed and what did not, as the review screen words it: "name", "name_close", "phone",
// "document", "birth_date", "birth_close", "birth_year", "age", and "-" before what disagreed
// ("-name", "-birth_date", "-age", "-sex", "-document", "-nationality").
struct PairScore {
  double score = 0;
  std::vector<std::string> reasons;
};
// `today` (YYYY-MM-DD) places a date of birth in an age band.
PairScore ScorePair(const MatchProfile& a, const MatchProfile& b, std::string_view today);

inline constexpr double kReviewScore = 7.5;
// A key that many records share (a family's phone) says little; only the newest this many are
// looked at.
inline constexpr size_t kPerKey = 200;

struct Candidate {
  std::string person_id;
  PairScore score;
};
// The records at kReviewScore or above, best first: `lookup` gives the ids under a key (at most
// kPerKey), `load` a record's profile (nullopt to pass it over). Used over the database and over
// the generated set alike.
std::vector<Candidate> FindCandidates(
    const MatchProfile& profile, std::string_view today,
    const std::function<std::vector<std::string>(const std::string& key)>& lookup,
    const std::function<std::optional<MatchProfile>(const std::string& person_id)>& load);

}  // namespace serai::people
