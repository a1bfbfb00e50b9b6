#include "search/normalise.h"

#include <unicode/brkiter.h>
#include <unicode/coll.h>
#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>

#include <map>
#include <memory>

namespace serai::search {
namespace {

// One letter for the variants Arabic, Persian, Pashto and Urdu writers mix; 0 drops the mark.
UChar32 Fold(UChar32 c) {
  switch (c) {
    case 0x064A:      // ي Arabic yeh
    case 0x0649:      // ى alef maksura
    case 0x0626:      // ئ yeh with hamza
      return 0x06CC;  // ی Farsi yeh
    case 0x0643:      // ك Arabic kaf
      return 0x06A9;  // ک keheh
    case 0x0629:      // ة teh marbuta
    case 0x06C0:      // ۀ heh with yeh above
      return 0x0647;  // ه
    case 0x0623:      // أ
    case 0x0625:      // إ
    case 0x0622:      // آ
    case 0x0671:      // ٱ alef wasla
      return 0x0627;  // ا
    case 0x0624:      // ؤ
      return 0x0648;  // و
    case 0x0640:      // ـ tatweel
      return 0;
    default:
      break;
  }
  if ((c >= 0x064B && c <= 0x065F) || c == 0x0670 || (c >= 0x06D6 && c <= 0x06ED)) return 0;
  if (u_charType(c) == U_DECIMAL_DIGIT_NUMBER) return '0' + u_charDigitValue(c);
  return c;
}

icu::UnicodeString Normalised(std::string_view utf8) {
  UErrorCode err = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc_cf = icu::Normalizer2::getNFKCCasefoldInstance(err);
  icu::UnicodeString in = icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  icu::UnicodeString folded = U_SUCCESS(err) ? nfkc_cf->normalize(in, err) : in;
  if (U_FAILURE(err)) folded = in;
  icu::UnicodeString out;
  for (int32_t i = 0; i < folded.length();) {
    UChar32 c = folded.char32At(i);
    i += U16_LENGTH(c);
    if (UChar32 f = Fold(c); f != 0) out.append(f);
  }
  return out;
}

}  // namespace

std::string NormaliseForSearch(std::string_view utf8) {
  std::string out;
  Normalised(utf8).toUTF8String(out);
  return out;
}

std::vector<std::string> SearchWords(std::string_view utf8, size_t max) {
  std::vector<std::string> words;
  icu::UnicodeString text = Normalised(utf8);
  // Making a word breaker loads its rules: one per thread, reused (setText starts it afresh).
  thread_local std::unique_ptr<icu::BreakIterator> it = [] {
    UErrorCode err = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> made(
        icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), err));
    return U_FAILURE(err) ? nullptr : std::move(made);
  }();
  if (!it) return words;
  it->setText(text);
  for (int32_t start = it->first(), end = it->next();
       end != icu::BreakIterator::DONE && words.size() < max; start = end, end = it->next()) {
    if (it->getRuleStatus() == UBRK_WORD_NONE) continue;  // spaces and punctuation
    std::string word;
    text.tempSubStringBetween(start, end).toUTF8String(word);
    words.push_back(std::move(word));
  }
  return words;
}

Script ScriptOfCodePoint(int32_t code_point) {
  UErrorCode err = U_ZERO_ERROR;
  switch (uscript_getScript(code_point, &err)) {
    case USCRIPT_ARABIC:
      return Script::kArabic;
    case USCRIPT_BENGALI:
      return Script::kBengali;
    case USCRIPT_CYRILLIC:
      return Script::kCyrillic;
    case USCRIPT_LATIN:
      return Script::kLatin;
    default:
      return Script::kNone;
  }
}

Script ScriptOfWord(std::string_view utf8) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  for (int32_t i = 0; i < u.length();) {
    UChar32 c = u.char32At(i);
    i += U16_LENGTH(c);
    if (Script s = ScriptOfCodePoint(c); s != Script::kNone) return s;
  }
  return Script::kNone;
}

std::vector<std::string> Beginnings(std::string_view word, size_t min_letters) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(word.data(), static_cast<int32_t>(word.size())));
  std::vector<std::string> out;
  for (int32_t n = static_cast<int32_t>(min_letters); n < u.countChar32(); ++n) {
    std::string prefix;
    u.tempSubString(0, u.moveIndex32(0, n)).toUTF8String(prefix);
    out.push_back(std::move(prefix));
  }
  return out;
}

std::string SortKey(std::string_view text, std::string_view language) {
  // One collator per language and thread (a collator is not safe to share while in use).
  thread_local std::map<std::string, std::unique_ptr<icu::Collator>, std::less<>> collators;
  auto it = collators.find(language);
  if (it == collators.end()) {
    std::string locale = language == "prs" ? "fa_AF" : std::string(language);
    UErrorCode err = U_ZERO_ERROR;
    std::unique_ptr<icu::Collator> c(
        icu::Collator::createInstance(icu::Locale(locale.c_str()), err));
    if (U_FAILURE(err)) c.reset();
    it = collators.emplace(std::string(language), std::move(c)).first;
  }
  if (!it->second) return std::string(text);
  icu::UnicodeString u =
      icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), int32_t(text.size())));
  int32_t size = it->second->getSortKey(u, nullptr, 0);
  std::string key(static_cast<size_t>(size), '\0');
  it->second->getSortKey(u, reinterpret_cast<uint8_t*>(key.data()), size);
  return key;
}

std::string ReplaceLetters(std::string_view text,
                           const std::vector<std::pair<std::string, std::string>>& letters) {
  std::string out(text);
  for (const auto& [from, to] : letters) {
    for (size_t at = out.find(from); at != std::string::npos; at = out.find(from, at)) {
      out.replace(at, from.size(), to);
    }
  }
  return out;
}

// Latin letters in ASCII, lower case. ICU's Arabic-Latin knows the Arabic and Persian letters; the
// Urdu and Pashto ones become their Persian counterparts first.
std::string ToLatin(std::string_view word) {
  static const std::vector<std::pair<std::string, std::string>> kLetters = {
      {"ٹ", "ت"}, {"ټ", "ت"}, {"ڈ", "د"}, {"ډ", "د"}, {"ڑ", "ر"}, {"ړ", "ر"},
      {"ں", "ن"}, {"ڼ", "ن"}, {"ے", "ی"}, {"ې", "ی"}, {"ۍ", "ی"}, {"ھ", "ه"},
      {"ۀ", "ه"}, {"ږ", "ژ"}, {"ښ", "ش"}, {"ګ", "گ"}, {"ځ", "ز"}, {"څ", "س"}};
  std::string text = ReplaceLetters(word, kLetters);
  thread_local std::unique_ptr<icu::Transliterator> latin = [] {
    UErrorCode err = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> t(
        icu::Transliterator::createInstance("Any-Latin; Latin-ASCII; Lower", UTRANS_FORWARD, err));
    return U_SUCCESS(err) ? std::move(t) : nullptr;
  }();
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(text);
  if (latin) latin->transliterate(u);
  std::string out;
  u.toUTF8String(out);
  return out;
}

}  // namespace serai::search
