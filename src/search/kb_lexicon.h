// Concepts of migration counselling and the words that name them in the languages an MRC serves,
// so that a question in one language finds an article written in another. Words are matched after
// normalisation (normalise.h); a word also matches when it begins with a listed word of four
// letters or more (Persian and Urdu attach endings: پاسپورتم, ویزه‌ها).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace serai::search {

// The concepts `word` (normalised) names, as short codes ("passport", "visa", ...).
std::vector<std::string_view> ConceptsOf(std::string_view word);

// Changes whenever a word or concept is added or removed (indexes made with other words are
// rebuilt).
std::string LexiconFingerprint();

}  // namespace serai::search
