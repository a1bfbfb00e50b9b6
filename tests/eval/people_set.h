// A generated population of person records, for measuring duplicate detection (dedup_eval.cc) and
// its speed (bench/). Deterministic for a seed.
//
// How it is made (README "Duplicate detection"):
//  - Individuals come from the five countries MRCs serve, in families: Afghanistan (Dari and Pashto
//    in Persian script; Pashto letters in some spellings), Pakistan (Urdu), Bangladesh (Bengali),
//    Iraq (Arabic) and Tajikistan (Cyrillic; surnames in -ov/-ova). Given and family names are
//    drawn with a skewed frequency from lists of common names, so that Mohammad, Fatima, Khan and
//    Ahmadi are as common as in real registers: many different people share a name.
//  - A family shares its family name and, for most members, one phone (children always); members
//    differ in given name, sex and age (parents and children; some twins).
//  - Each individual has one record; 12 % have a second and 3 % a third, made at another visit:
//    the name written in the other script or in another common Latin spelling, sometimes with a
//    typo (a letter dropped, doubled, swapped or mistyped), words in another order, a middle name
//    left out, upper case; the date of birth given again, or only an age band, or nothing, with a
//    day and month swapped or the year off by one now and then; the same phone, a new one or none,
//    typed in another format; a document number sometimes. A phone is asked at every visit (it is
//    how the centre follows up, and most people first write on a messaging app): 97 % of records
//    have one; a later visit gives the same number 90 % of the time, a new one 7 %. The date of
//    birth is known 70 % of the time, an age band 20 %.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "domain/people/people.h"

namespace serai::testdata {

struct GeneratedRecord {
  people::Identity identity;  // phones as people type them: national or international formats
  std::string country;        // the centre's country, for reading national phone numbers
  int64_t individual = 0;     // records of the same individual share it
};

// `today` (YYYY-MM-DD) dates the ages.
std::vector<GeneratedRecord> GeneratePeople(size_t records, uint64_t seed, std::string_view today);

}  // namespace serai::testdata
