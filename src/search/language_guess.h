// Which language a person writes in, for routing their conversation to a counsellor who reads it.
//
// Short chat messages defeat statistical language identification, but the languages an MRC serves
// are told apart well by their letters: the script (ICU's Unicode script property), then letters
// that only some languages of a script use (Pashto ټ ډ ړ ږ ښ ګ ڼ; Urdu ٹ ڈ ڑ ں ے ھ; Persian پ چ ژ گ
// ک ی; Tajik ғ ӣ қ ӯ ҳ ҷ). Latin-script text (English, but also Roman Urdu, Finglish, Arabizi) says
// nothing certain, so the platform's hint and the centre's languages decide there.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace serai::search {

struct LanguageGuess {
  std::string language;  // "prs", "ps", "ur", "bn", "ar", "tg", "ru", "en", or "" when unknown
  bool certain = false;  // letters only that language uses (among those served) were seen
};

// From the letters of `utf8` (ill-formed bytes are skipped).
LanguageGuess GuessFromText(std::string_view utf8);

// A platform's language hint (Telegram's language_code, Viber's sender.language: BCP 47 or ISO
// 639-1, usually the language of the person's phone, not of what they write) as one of the codes
// above, or "".
std::string LanguageFromHint(std::string_view hint);

// The conversation's language: a certain guess from the text; otherwise, among the hint and the
// centre's languages (in the centre's order), the first written in the same script as the text;
// otherwise the uncertain guess. Latin letters and no letters at all leave it to the hint.
std::string ChooseLanguage(std::string_view text, std::string_view hint,
                           const std::vector<std::string>& centre_languages);

}  // namespace serai::search
