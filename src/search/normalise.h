// Text as search sees it, so that the many ways people write one word meet (ICU):
//   NFKC and full case folding (which also drops zero-width joiners and other invisible marks);
//   Arabic-script letter variants made one: ي ى ئ → ی, ك → ک, ة → ه, أ إ آ ٱ → ا, ؤ → و, ۀ → ه;
//   Arabic diacritics (harakat, superscript alef, Quranic marks) and tatweel removed;
//   digits of every script (Persian ۱۲۳, Arabic-Indic ١٢٣, Bengali ১২৩) made ASCII.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace serai::search {

std::string NormaliseForSearch(std::string_view utf8);

// The words of `utf8` after normalising, by ICU's word boundaries; punctuation and spaces are not
// words. At most `max` of them.
std::vector<std::string> SearchWords(std::string_view utf8, size_t max = 200);

// The scripts of the languages an MRC serves (ICU's script property); kNone for any other, and for
// digits and punctuation.
enum class Script { kNone, kArabic, kBengali, kCyrillic, kLatin };
Script ScriptOfCodePoint(int32_t code_point);
// The script of the first letter of `utf8` that has one of those scripts.
Script ScriptOfWord(std::string_view utf8);

// The beginnings of `word` of at least `min_letters` code points, shorter than the word itself,
// shortest first ("moh", "moha", ... of "mohammad" with 3).
std::vector<std::string> Beginnings(std::string_view word, size_t min_letters);

// `text` with each `from` of `letters` (in order) made its `to`.
std::string ReplaceLetters(std::string_view text,
                           const std::vector<std::pair<std::string, std::string>>& letters);

// `word` in Latin letters, ASCII, lower case (ICU's Any-Latin; Latin-ASCII; Lower, with the Urdu
// and Pashto letters made their Persian counterparts first): "محمد" → "mhmd", "Мухаммад" →
// "muhammad". Marks such as ʿ may remain.
std::string ToLatin(std::string_view word);

// A key that sorts `text` as readers of `language` expect (ICU collation: Persian and Urdu letter
// order, Bengali, Cyrillic); compare keys bytewise.
std::string SortKey(std::string_view text, std::string_view language);

}  // namespace serai::search
