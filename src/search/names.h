// People's names compared across scripts, for finding the same person recorded twice: محمد,
// Muhammad, Mohammed, Мухаммад and মোহাম্মদ should meet; Mohammad and Ahmad should not.
//
// Each word of a name is brought to Latin letters (ICU transliteration, normalise.h) and to its
// sound: the consonants as every script writes them. Arabic script leaves short vowels unwritten,
// so vowels (and y, and w/v after the first letter, which write long vowels there) are dropped,
// but a word that begins with a vowel keeps one "a" for it (Ahmad "ahmd", Hamid "hmd");
// letters that stand for one sound in one script and several in another are made one (kh/x/h → h,
// sh/th/s → s, q/k → k, ch/c → j, z/dh/ض/ظ → z, ph/f → f, gh/g → g); doubled letters and a final h
// (the Persian "-eh") go. "Fatemeh", "Fatima", "فاطمه" and "ফাতেমা" all sound "ftm".
//
// Words written in Latin letters on both sides are compared by their letters and by their sounds
// (a typo shows in the letters, another spelling in the sounds); words written in one other script
// by their letters (محمود is not محمد); words in two scripts by their sounds (edit distances).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "search/normalise.h"

namespace serai::search {

struct NameWord {
  std::string latin;  // a-z only: "mohammad"; "mhmd" for محمد
  std::string sound;  // "mhmd"; may be empty ("Ali" → "l" is not: vowels only, e.g. "Aya", is)
};

// One way a name was written: its words, and the script it was written in.
struct NameForm {
  std::vector<NameWord> words;  // at most 6; "Abdul Rahman" is one word, like "عبدالرحمن"
  Script script = Script::kNone;
};

NameForm ReadName(std::string_view name);

// The sound of one word as ReadName makes it (for the blocking keys of the duplicates index).
std::string NameSound(std::string_view latin);

// 0 (nothing alike) to 1 (the same), for two words of names written in these scripts.
enum class Scripts { kBothLatin, kSameNonLatin, kOther };
double WordSimilarity(const NameWord& a, const NameWord& b, Scripts scripts);

// How two names match, word by word (in any order): each word of the shorter name meets its best
// partner in the other. `weakest` is the worst of those pairings, `mean` their average; `extra`
// counts the longer name's words left over (a middle name given once and not the other time).
struct NameMatch {
  double weakest = 0, mean = 0;
  int extra = 0;
};
NameMatch CompareNames(const NameForm& a, const NameForm& b);

// Edits between two ASCII strings: letters dropped, added, changed, or two neighbours swapped.
int EditDistance(std::string_view a, std::string_view b);

}  // namespace serai::search
