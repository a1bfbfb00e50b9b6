#include "domain/people/matching.h"

#include <algorithm>
#include <cctype>
#include <set>
#include <unordered_set>

#include "common/dates.h"
#include "common/lists.h"

namespace serai::people {
namespace {

// Evidence weights (see matching.h).
constexpr double kSameName = 5.0, kCloseName = 3.5, kLooseName = 1.5, kUnsureName = -1.0,
                 kOtherName = -4.0, kUnlikeName = -6.0, kExtraWord = -1.5;
constexpr double kSamePhone = 4.0, kOtherPhones = -1.0;
constexpr double kSameDocument = 6.0, kOtherDocument = -4.0;
constexpr double kSameBirthDate = 4.5, kCloseBirthDate = 2.0, kSameBirthYear = -1.0,
                 kOtherBirthDate = -5.0;
constexpr double kAgeFits = 0.5, kAgeDiffers = -3.0;
constexpr double kSameSex = 0.5, kOtherSex = -6.0, kOtherNationality = -1.5;

std::string DocumentKey(const Document& d) {
  std::string number;
  for (char c : d.number) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      number += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
  }
  return number.empty() ? "" : d.type + ":" + number;
}

// The years an age band spans.
std::pair<int, int> BandYears(std::string_view band) {
  if (band == "0-17") return {0, 17};
  if (band == "18-24") return {18, 24};
  if (band == "25-34") return {25, 34};
  if (band == "35-49") return {35, 49};
  if (band == "50-64") return {50, 64};
  if (band == "65+") return {65, 150};
  return {-1, -1};
}

// Age in whole years on `today`, or -1.
int AgeOn(std::string_view birth_date, std::string_view today) {
  auto born = ParseDate(birth_date), now = ParseDate(today);
  if (!born || !now) return -1;
  int age = static_cast<int>(now->year()) - static_cast<int>(born->year());
  if (std::pair(unsigned(now->month()), unsigned(now->day())) <
      std::pair(unsigned(born->month()), unsigned(born->day()))) {
    --age;
  }
  return age;
}

// Two ages or bands that may be the same person's (a year's slack at the edges of a band).
bool AgesFit(const MatchProfile& a, const MatchProfile& b, std::string_view today) {
  auto span = [&](const MatchProfile& p) -> std::pair<int, int> {
    if (!p.birth_date.empty()) {
      int age = AgeOn(p.birth_date, today);
      return {age, age};
    }
    return BandYears(p.age_band);
  };
  auto [alo, ahi] = span(a);
  auto [blo, bhi] = span(b);
  return alo <= bhi + 1 && blo <= ahi + 1;
}

void Add(PairScore& s, double weight, const char* reason) {
  s.score += weight;
  s.reasons.emplace_back(reason);
}

void ScoreNames(const MatchProfile& a, const MatchProfile& b, PairScore& s) {
  if (a.names.empty() || b.names.empty()) return;
  search::NameMatch best{-1, -1, 0};
  for (const search::NameForm& x : a.names) {
    for (const search::NameForm& y : b.names) {
      search::NameMatch m = search::CompareNames(x, y);
      if (std::tie(m.weakest, m.mean) > std::tie(best.weakest, best.mean)) best = m;
    }
  }
  if (best.weakest >= 0.92) {
    Add(s, kSameName, "name");
  } else if (best.weakest >= 0.82) {
    Add(s, kCloseName, "name_close");
  } else if (best.weakest >= 0.7) {
    Add(s, kLooseName, "name_close");
  } else if (best.weakest >= 0.55) {
    Add(s, kUnsureName, "-name");  // a typo across scripts, or another name that sounds alike
  } else {
    Add(s, best.mean < 0.5 ? kUnlikeName : kOtherName, "-name");
  }
  s.score += kExtraWord * best.extra;
}

void ScoreBirth(const MatchProfile& a, const MatchProfile& b, std::string_view today,
                PairScore& s) {
  if (!a.birth_date.empty() && !b.birth_date.empty()) {
    if (a.birth_date == b.birth_date) return Add(s, kSameBirthDate, "birth_date");
    auto x = ParseDate(a.birth_date), y = ParseDate(b.birth_date);
    if (!x || !y) return;
    bool same_year = x->year() == y->year();
    bool swapped = same_year && unsigned(x->day()) == unsigned(y->month()) &&
                   unsigned(x->month()) == unsigned(y->day());
    bool year_off = x->month() == y->month() && x->day() == y->day() &&
                    std::abs(int(x->year()) - int(y->year())) == 1;
    if (swapped || year_off) return Add(s, kCloseBirthDate, "birth_close");
    if (same_year) return Add(s, kSameBirthYear, "birth_year");
    return Add(s, kOtherBirthDate, "-birth_date");
  }
  bool a_known = !a.birth_date.empty() || !a.age_band.empty();
  bool b_known = !b.birth_date.empty() || !b.age_band.empty();
  if (!a_known || !b_known) return;
  if (AgesFit(a, b, today)) return Add(s, kAgeFits, "age");
  Add(s, kAgeDiffers, "-age");
}

bool Shares(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  return std::any_of(a.begin(), a.end(), [&](const std::string& x) { return IsOneOf(b, x); });
}

constexpr std::pair<search::Script, std::string_view> kScriptNames[] = {
    {search::Script::kLatin, "latin"},
    {search::Script::kArabic, "arabic"},
    {search::Script::kBengali, "bengali"},
    {search::Script::kCyrillic, "cyrillic"}};

std::string_view ScriptName(search::Script script) {
  for (const auto& [s, name] : kScriptNames) {
    if (s == script) return name;
  }
  return "other";
}

search::Script ScriptNamed(std::string_view text) {
  for (const auto& [s, name] : kScriptNames) {
    if (name == text) return s;
  }
  return search::Script::kNone;
}

}  // namespace

MatchProfile ProfileOf(const Identity& id) {
  MatchProfile p;
  for (const std::string* name : {&id.name, &id.name_latin}) {
    search::NameForm form = search::ReadName(*name);
    if (!form.words.empty()) p.names.push_back(std::move(form));
  }
  p.birth_date = id.birth_date;
  p.age_band = id.age_band;
  p.sex = id.sex;
  p.nationality = id.nationality;
  p.phones = id.phones;
  for (const Document& d : id.documents) {
    std::string key = DocumentKey(d);
    if (!key.empty()) p.documents.push_back(std::move(key));
  }
  return p;
}

Json MatchProfileJson(const MatchProfile& p) {
  Json names = Json::array();
  for (const search::NameForm& f : p.names) {
    Json words = Json::array();
    for (const search::NameWord& w : f.words) words.push_back(Json::array({w.latin, w.sound}));
    names.push_back({{"script", ScriptName(f.script)}, {"words", std::move(words)}});
  }
  return {{"names", std::move(names)},    {"birth_date", p.birth_date},
          {"age_band", p.age_band},       {"sex", p.sex},
          {"nationality", p.nationality}, {"phones", p.phones},
          {"documents", p.documents}};
}

MatchProfile MatchProfileFrom(const Json& j) {
  MatchProfile p;
  for (const Json& f : MemberArray(j, "names")) {
    search::NameForm form;
    form.script = ScriptNamed(MemberText(f, "script"));
    for (const Json& w : MemberArray(f, "words")) {
      if (w.is_array() && w.size() == 2 && w[0].is_string() && w[1].is_string()) {
        form.words.push_back({w[0].get<std::string>(), w[1].get<std::string>()});
      }
    }
    p.names.push_back(std::move(form));
  }
  p.birth_date = MemberText(j, "birth_date");
  p.age_band = MemberText(j, "age_band");
  p.sex = MemberText(j, "sex");
  p.nationality = MemberText(j, "nationality");
  for (const Json& x : MemberArray(j, "phones")) {
    if (x.is_string()) p.phones.push_back(x.get<std::string>());
  }
  for (const Json& x : MemberArray(j, "documents")) {
    if (x.is_string()) p.documents.push_back(x.get<std::string>());
  }
  return p;
}

std::vector<std::string> IndexKeys(const MatchProfile& p) {
  std::set<std::string> keys;
  for (const std::string& phone : p.phones) keys.insert("p" + phone);
  for (const std::string& d : p.documents) keys.insert("d" + d);
  if (!p.birth_date.empty()) keys.insert("b" + p.birth_date);
  return {keys.begin(), keys.end()};
}

std::vector<std::string> LookupKeys(const MatchProfile& p) {
  std::set<std::string> keys;
  for (const std::string& phone : p.phones) keys.insert("p" + phone);
  for (const std::string& d : p.documents) keys.insert("d" + d);
  if (auto born = ParseDate(p.birth_date)) {
    keys.insert("b" + p.birth_date);
    using std::chrono::day, std::chrono::month, std::chrono::year_month_day, std::chrono::years;
    for (year_month_day near :
         {year_month_day{born->year(), month(unsigned(born->day())), day(unsigned(born->month()))},
          year_month_day{born->year() + years(1), born->month(), born->day()},
          year_month_day{born->year() - years(1), born->month(), born->day()}}) {
      if (near.ok()) keys.insert("b" + DateText(near));
    }
  }
  return {keys.begin(), keys.end()};
}

PairScore ScorePair(const MatchProfile& a, const MatchProfile& b, std::string_view today) {
  PairScore s;
  ScoreNames(a, b, s);
  if (Shares(a.phones, b.phones)) {
    Add(s, kSamePhone, "phone");
  } else if (!a.phones.empty() && !b.phones.empty()) {
    s.score += kOtherPhones;
  }
  if (Shares(a.documents, b.documents)) {
    Add(s, kSameDocument, "document");
  } else {
    for (const std::string& x : a.documents) {
      std::string type = x.substr(0, x.find(':') + 1);
      bool other = std::any_of(b.documents.begin(), b.documents.end(), [&](const std::string& y) {
        return y.compare(0, type.size(), type) == 0;
      });
      if (other) {
        Add(s, kOtherDocument, "-document");
        break;
      }
    }
  }
  ScoreBirth(a, b, today, s);
  if (!a.sex.empty() && !b.sex.empty()) {
    if (a.sex == b.sex) {
      s.score += kSameSex;
    } else {
      Add(s, kOtherSex, "-sex");
    }
  }
  if (!a.nationality.empty() && !b.nationality.empty() && a.nationality != b.nationality) {
    Add(s, kOtherNationality, "-nationality");
  }
  return s;
}

std::vector<Candidate> FindCandidates(
    const MatchProfile& profile, std::string_view today,
    const std::function<std::vector<std::string>(const std::string& key)>& lookup,
    const std::function<std::optional<MatchProfile>(const std::string& person_id)>& load) {
  std::unordered_set<std::string> seen;
  std::vector<Candidate> out;
  for (const std::string& key : LookupKeys(profile)) {
    for (std::string& id : lookup(key)) {
      if (!seen.insert(id).second) continue;
      std::optional<MatchProfile> other = load(id);
      if (!other) continue;
      PairScore s = ScorePair(profile, *other, today);
      if (s.score >= kReviewScore) out.push_back({std::move(id), std::move(s)});
    }
  }
  std::sort(out.begin(), out.end(), [](const Candidate& x, const Candidate& y) {
    return std::tie(y.score.score, x.person_id) < std::tie(x.score.score, y.person_id);
  });
  return out;
}

}  // namespace serai::people
