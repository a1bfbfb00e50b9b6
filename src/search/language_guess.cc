#include "search/language_guess.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <initializer_list>

#include "search/normalise.h"

namespace serai::search {
namespace {

Script ScriptOfLanguage(std::string_view language) {
  if (language == "prs" || language == "ps" || language == "ur" || language == "ar") {
    return Script::kArabic;
  }
  if (language == "bn") return Script::kBengali;
  if (language == "tg" || language == "ru") return Script::kCyrillic;
  if (language == "en") return Script::kLatin;
  return Script::kNone;
}

bool OneOf(UChar32 c, std::initializer_list<UChar32> set) {
  return std::find(set.begin(), set.end(), c) != set.end();
}

// Letters the other Arabic-script languages served do not use.
bool PashtoLetter(UChar32 c) {
  return OneOf(c, {0x067C, 0x0681, 0x0685, 0x0689, 0x0693, 0x0696, 0x069A, 0x06AB, 0x06BC, 0x06CD,
                   0x06D0});  // ټ ځ څ ډ ړ ږ ښ ګ ڼ ۍ ې
}
bool UrduLetter(UChar32 c) {
  return OneOf(c, {0x0679, 0x0688, 0x0691, 0x06BA, 0x06BE, 0x06C1, 0x06D2});  // ٹ ڈ ڑ ں ھ ہ ے
}
bool PersianLetter(UChar32 c) {  // also written in Pashto and Urdu, never in Arabic
  return OneOf(c, {0x067E, 0x0686, 0x0698, 0x06AF, 0x06A9, 0x06CC});  // پ چ ژ گ ک ی
}
bool TajikLetter(UChar32 c) {
  return OneOf(c, {0x0492, 0x0493, 0x04E2, 0x04E3, 0x049A, 0x049B, 0x04EE, 0x04EF, 0x04B2, 0x04B3,
                   0x04B6, 0x04B7});  // Ғ ғ Ӣ ӣ Қ қ Ӯ ӯ Ҳ ҳ Ҷ ҷ
}

struct Letters {
  std::array<int, 5> by_script{};
  int pashto = 0, urdu = 0, persian = 0, tajik = 0;

  Script Main() const {
    size_t best = 0;
    for (size_t i = 1; i < by_script.size(); ++i) {
      if (by_script[i] > by_script[best]) best = i;
    }
    return by_script[best] > 0 ? static_cast<Script>(best) : Script::kNone;
  }
};

Letters Count(std::string_view utf8) {
  Letters n;
  const auto* s = reinterpret_cast<const uint8_t*>(utf8.data());
  int32_t length = static_cast<int32_t>(std::min<size_t>(utf8.size(), INT32_MAX));
  for (int32_t i = 0; i < length;) {
    UChar32 c = 0;
    U8_NEXT(s, i, length, c);
    if (c < 0 || !u_isalpha(c)) continue;
    Script script = ScriptOfCodePoint(c);
    if (script == Script::kNone) continue;
    ++n.by_script[static_cast<size_t>(script)];
    n.pashto += PashtoLetter(c);
    n.urdu += UrduLetter(c);
    n.persian += PersianLetter(c);
    n.tajik += TajikLetter(c);
  }
  return n;
}

}  // namespace

LanguageGuess GuessFromText(std::string_view utf8) {
  Letters n = Count(utf8);
  switch (n.Main()) {
    case Script::kArabic:
      if (n.pashto > 0) return {"ps", true};
      if (n.urdu > 0) return {"ur", true};
      if (n.persian > 0) return {"prs", true};
      return {"ar", false};  // letters common to all four: Arabic, or a short Dari phrase
    case Script::kBengali:
      return {"bn", true};
    case Script::kCyrillic:
      if (n.tajik > 0) return {"tg", true};
      return {"ru", false};
    case Script::kLatin:
      return {"en", false};
    case Script::kNone:
      break;
  }
  return {"", false};
}

std::string LanguageFromHint(std::string_view hint) {
  std::string base;
  for (char c : hint.substr(0, 16)) {
    if (c == '-' || c == '_') break;
    base += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  }
  if (base == "fa" || base == "fas" || base == "per" || base == "prs") return "prs";
  if (base == "ps" || base == "pus" || base == "pbt") return "ps";
  if (base == "ur" || base == "urd") return "ur";
  if (base == "bn" || base == "ben") return "bn";
  if (base == "ar" || base == "ara") return "ar";
  if (base == "tg" || base == "tgk") return "tg";
  if (base == "ru" || base == "rus") return "ru";
  if (base == "en" || base == "eng") return "en";
  return "";
}

std::string ChooseLanguage(std::string_view text, std::string_view hint,
                           const std::vector<std::string>& centre_languages) {
  LanguageGuess guess = GuessFromText(text);
  std::string hinted = LanguageFromHint(hint);
  if (guess.certain) return guess.language;
  if (guess.language.empty()) return hinted;
  // Latin letters are written for every language (Roman Urdu, Finglish, Arabizi): the phone's
  // language says more.
  if (guess.language == "en" && !hinted.empty()) return hinted;
  Script script = ScriptOfLanguage(guess.language);
  if (!hinted.empty() && ScriptOfLanguage(hinted) == script) return hinted;
  for (const std::string& l : centre_languages) {
    if (ScriptOfLanguage(l) == script) return l;
  }
  return guess.language;
}

}  // namespace serai::search
