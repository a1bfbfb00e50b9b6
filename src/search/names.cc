#include "search/names.h"

#include <algorithm>
#include <utility>

#include "search/normalise.h"

namespace serai::search {
namespace {

constexpr size_t kMaxWords = 6;

// Letters ToLatin does not know, or knows by their Arabic sound where names carry the Persian one:
// the Tajik Cyrillic letters; ث ذ ض ظ as Persian, Dari and Urdu say them (s, z); ة as ه; ع as the
// vowel it is heard as (Ali, علی; Omar, عمر); Cyrillic ю я ё with their y (Юсуф, Yusuf).
const std::vector<std::pair<std::string, std::string>>& NameLetters() {
  static const std::vector<std::pair<std::string, std::string>> k = {
      {"ҳ", "h"},  {"Ҳ", "h"},  {"ҷ", "j"},  {"Ҷ", "j"},  {"қ", "q"}, {"Қ", "q"}, {"ғ", "gh"},
      {"Ғ", "gh"}, {"ӣ", "i"},  {"Ӣ", "i"},  {"ӯ", "u"},  {"Ӯ", "u"}, {"ث", "س"}, {"ذ", "ز"},
      {"ض", "ز"},  {"ظ", "ز"},  {"ة", "ه"},  {"ہ", "ه"},  {"ۃ", "ه"}, {"ع", "ا"}, {"Ю", "Yu"},
      {"ю", "yu"}, {"Я", "Ya"}, {"я", "ya"}, {"Ё", "Yo"}, {"ё", "yo"}};
  return k;
}

std::string LatinLetters(std::string_view word) {
  std::string out;
  for (char c : ToLatin(ReplaceLetters(word, NameLetters()))) {
    if (c >= 'a' && c <= 'z') out += c;  // marks such as ʿ ʾ ' go
  }
  return out;
}

// Words that belong to the next one ("Abdul Rahman" is "Abdulrahman", "عبد الله" is "عبدالله",
// "Al-Jubouri" is "الجبوري") or to the one before ("Zabih Ullah", "ذبیح الله").
bool JoinsNext(const std::string& latin) {
  static const std::vector<std::string> k = {"abd",   "abdul", "abdel",  "abdal",  "abdol",
                                             "abdur", "abdus", "abdula", "abdura", "abdusa",
                                             "bd",    "al",    "el",     "ul",     "ol"};
  return std::find(k.begin(), k.end(), latin) != k.end();
}
bool JoinsPrevious(const std::string& latin) {
  static const std::vector<std::string> k = {"allh", "allah", "ullah", "ulla",
                                             "ullh", "ollah", "ullaha"};
  return std::find(k.begin(), k.end(), latin) != k.end();
}

}  // namespace

std::string NameSound(std::string_view s) {
  std::string out;
  auto emit = [&](char k) {
    if (out.empty() || out.back() != k) out += k;
  };
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i], next = i + 1 < s.size() ? s[i + 1] : '\0';
    if (next == 'h' && std::string_view("kgsczdtp").find(c) != std::string_view::npos) {
      // kh gh sh ch zh dh th ph; kh is h as Cyrillic х is (Хуршед, Khurshed)
      static constexpr std::string_view kFrom = "kgsczdtp", kTo = "hgsjjzsf";
      emit(kTo[kFrom.find(c)]);
      ++i;
      continue;
    }
    switch (c) {
      case 'a':
      case 'e':
      case 'i':
      case 'o':
      case 'u':
        if (i == 0) emit('a');  // Ahmad is not Hamid, nor Omar Mir
        continue;
      case 'y':
        continue;
      case 'w':
      case 'v':
        if (i == 0) emit('v');  // Wali, Vahid; in "Yousuf" and یوسف it writes a vowel
        continue;
      case 'h':
        if (i + 1 == s.size()) continue;  // Fatemeh, فاطمه
        emit('h');
        continue;
      case 'q':
      case 'k':
        emit('k');
        continue;
      case 'c':  // alone it is Bengali চ (ch): "caudhuri" for চৌধুরী, Chowdhury
        emit('j');
        continue;
      case 'x':
        emit('h');
        continue;
      default:
        emit(c);
    }
  }
  return out;
}

NameForm ReadName(std::string_view name) {
  NameForm form;
  form.script = ScriptOfWord(name);
  std::string pending;
  for (const std::string& w : SearchWords(name, 16)) {
    std::string latin = LatinLetters(w);
    if (latin.empty()) continue;
    if (JoinsNext(latin)) {
      pending += latin;
      continue;
    }
    latin = pending + latin;
    pending.clear();
    if (JoinsPrevious(latin) && !form.words.empty()) {
      NameWord& before = form.words.back();
      before.latin += latin;
      before.sound = NameSound(before.latin);
      continue;
    }
    if (form.words.size() == kMaxWords) break;
    form.words.push_back({latin, NameSound(latin)});
  }
  if (!pending.empty() && form.words.size() < kMaxWords) {
    form.words.push_back({pending, NameSound(pending)});
  }
  return form;
}

int EditDistance(std::string_view a, std::string_view b) {
  // Optimal string alignment: a letter dropped, added, changed, or two swapped, each one edit.
  const size_t n = a.size(), m = b.size();
  std::vector<int> before(m + 1), row(m + 1), next(m + 1);
  for (size_t j = 0; j <= m; ++j) row[j] = static_cast<int>(j);
  for (size_t i = 1; i <= n; ++i) {
    next[0] = static_cast<int>(i);
    for (size_t j = 1; j <= m; ++j) {
      int cost = a[i - 1] == b[j - 1] ? 0 : 1;
      next[j] = std::min({row[j] + 1, next[j - 1] + 1, row[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        next[j] = std::min(next[j], before[j - 2] + 1);
      }
    }
    std::swap(before, row);
    std::swap(row, next);
  }
  return row[m];
}

namespace {
// 1 less the share of letters that differ.
double Closeness(std::string_view a, std::string_view b) {
  size_t longest = std::max(a.size(), b.size());
  if (longest == 0) return 1.0;
  return std::max(0.0, 1.0 - EditDistance(a, b) / static_cast<double>(longest));
}
}  // namespace

double WordSimilarity(const NameWord& a, const NameWord& b, Scripts scripts) {
  double by_letters = Closeness(a.latin, b.latin);
  // Within Arabic, Bengali or Cyrillic script the letters themselves say it: محمود is not محمد.
  if (scripts == Scripts::kSameNonLatin) return by_letters;
  double by_sound = 0;
  if (!a.sound.empty() && a.sound == b.sound) {
    by_sound = a.sound.size() >= 2 ? 1.0 : 0.85;  // one consonant says little
  } else if (!a.sound.empty() && !b.sound.empty()) {
    by_sound = 0.9 * Closeness(a.sound, b.sound);
  }
  // Across scripts only the sound can be compared; in Latin letters a typo shows in the letters.
  return scripts == Scripts::kOther ? by_sound : std::max(by_sound, by_letters);
}

NameMatch CompareNames(const NameForm& a, const NameForm& b) {
  if (a.words.empty() || b.words.empty()) return {};
  const NameForm& shorter = a.words.size() <= b.words.size() ? a : b;
  const NameForm& longer = &shorter == &a ? b : a;
  Scripts scripts = a.script != b.script         ? Scripts::kOther
                    : a.script == Script::kLatin ? Scripts::kBothLatin
                                                 : Scripts::kSameNonLatin;
  // Few words: try the shorter name's words against every partner, best first, each used once.
  std::vector<char> taken(longer.words.size(), 0);
  NameMatch m{1.0, 0.0, static_cast<int>(longer.words.size() - shorter.words.size())};
  struct Pairing {
    double similarity;
    size_t s, l;
  };
  std::vector<Pairing> pairings;
  for (size_t s = 0; s < shorter.words.size(); ++s) {
    for (size_t l = 0; l < longer.words.size(); ++l) {
      pairings.push_back({WordSimilarity(shorter.words[s], longer.words[l], scripts), s, l});
    }
  }
  std::sort(pairings.begin(), pairings.end(),
            [](const Pairing& x, const Pairing& y) { return x.similarity > y.similarity; });
  std::vector<char> paired(shorter.words.size(), 0);
  for (const Pairing& p : pairings) {
    if (paired[p.s] || taken[p.l]) continue;
    paired[p.s] = taken[p.l] = 1;
    m.weakest = std::min(m.weakest, p.similarity);
    m.mean += p.similarity;
  }
  m.mean /= static_cast<double>(shorter.words.size());
  return m;
}

}  // namespace serai::search
