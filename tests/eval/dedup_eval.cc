// Duplicate detection measured on a generated population (people_set.h): each record in turn is
// looked for among the records before it, as when a counsellor records a new person, with the
// blocking keys, scores and threshold of domain/people/matching.h. A pair found at kReviewScore or
// above is right when both records are one individual's.
//
//   dedup_eval [--records N] [--seed S] [--misses K]
//
// Prints precision, recall and the time per record, then "N passed, N failed" for the targets
// (precision >= 0.95, recall >= 0.90); --misses prints K pairs missed and K found wrongly.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <optional>
#include <string>
#include <unordered_map>

#include "domain/people/matching.h"
#include "search/phone.h"
#include "tests/eval/people_set.h"

namespace {

constexpr char kToday[] = "2026-06-30";

std::string Describe(const serai::people::Identity& id) {
  std::string out =
      id.name + " / " + id.name_latin + " / " + id.birth_date + id.age_band + " / " + id.sex + " /";
  for (const std::string& p : id.phones) out += " " + p;
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace serai;
  size_t records = 100000, misses = 0;
  uint64_t seed = 1;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--records")) records = std::stoul(argv[i + 1]);
    if (!std::strcmp(argv[i], "--seed")) seed = std::stoull(argv[i + 1]);
    if (!std::strcmp(argv[i], "--misses")) misses = std::stoul(argv[i + 1]);
  }
  auto started = std::chrono::steady_clock::now();
  std::vector<testdata::GeneratedRecord> set = testdata::GeneratePeople(records, seed, kToday);
  std::vector<people::MatchProfile> profiles;
  profiles.reserve(set.size());
  for (testdata::GeneratedRecord& r : set) {
    for (std::string& phone : r.identity.phones) {
      phone = search::NormalisePhone(phone, r.country).value();  // the generator types valid ones
    }
    profiles.push_back(people::ProfileOf(r.identity));
  }
  auto generated = std::chrono::steady_clock::now();

  std::unordered_map<int64_t, int64_t> per_individual;
  for (const auto& r : set) ++per_individual[r.individual];
  int64_t true_pairs = 0;
  for (const auto& [who, n] : per_individual) true_pairs += n * (n - 1) / 2;

  std::unordered_map<std::string, std::vector<std::string>> index;
  int64_t found = 0, right = 0, candidates_looked_at = 0;
  size_t shown_wrong = 0;
  std::vector<std::pair<size_t, size_t>> found_pairs;
  for (size_t i = 0; i < set.size(); ++i) {
    auto lookup = [&](const std::string& key) {
      std::vector<std::string> ids;
      auto it = index.find(key);
      if (it == index.end()) return ids;
      const auto& all = it->second;
      for (size_t k = all.size(); k > 0 && ids.size() < people::kPerKey; --k) {
        ids.push_back(all[k - 1]);
      }
      return ids;
    };
    auto load = [&](const std::string& id) -> std::optional<people::MatchProfile> {
      ++candidates_looked_at;
      return profiles[std::stoul(id)];
    };
    for (const people::Candidate& c : people::FindCandidates(profiles[i], kToday, lookup, load)) {
      size_t j = std::stoul(c.person_id);
      ++found;
      if (set[i].individual == set[j].individual) {
        ++right;
        found_pairs.emplace_back(std::min(i, j), std::max(i, j));
      } else if (shown_wrong < misses) {
        ++shown_wrong;
        std::printf("wrong %.1f: %s | %s\n", c.score.score, Describe(set[i].identity).c_str(),
                    Describe(set[j].identity).c_str());
      }
    }
    for (const std::string& key : people::IndexKeys(profiles[i])) {
      index[key].push_back(std::to_string(i));
    }
  }
  auto done = std::chrono::steady_clock::now();

  if (misses > 0) {  // pairs of one individual not found
    std::sort(found_pairs.begin(), found_pairs.end());
    std::unordered_map<int64_t, std::vector<size_t>> records_of;
    for (size_t i = 0; i < set.size(); ++i) records_of[set[i].individual].push_back(i);
    size_t shown = 0;
    for (const auto& [who, list] : records_of) {
      for (size_t a = 0; a < list.size() && shown < misses; ++a) {
        for (size_t b = a + 1; b < list.size() && shown < misses; ++b) {
          std::pair<size_t, size_t> p(std::min(list[a], list[b]), std::max(list[a], list[b]));
          if (std::binary_search(found_pairs.begin(), found_pairs.end(), p)) continue;
          ++shown;
          people::PairScore s = people::ScorePair(profiles[p.first], profiles[p.second], kToday);
          std::string why;
          for (const auto& r : s.reasons) why += r + " ";
          std::printf("missed %.1f [%s]: %s | %s\n", s.score, why.c_str(),
                      Describe(set[p.first].identity).c_str(),
                      Describe(set[p.second].identity).c_str());
        }
      }
    }
  }

  double precision = found ? double(right) / double(found) : 0;
  double recall = true_pairs ? double(right) / double(true_pairs) : 0;
  double ms = std::chrono::duration<double, std::milli>(done - generated).count();
  std::printf("records %zu (seed %llu), individuals %zu, true pairs %lld\n", set.size(),
              static_cast<unsigned long long>(seed), per_individual.size(),
              static_cast<long long>(true_pairs));
  std::printf("pairs found %lld, right %lld: precision %.4f, recall %.4f\n",
              static_cast<long long>(found), static_cast<long long>(right), precision, recall);
  std::printf("generated in %.1f s; %.3f ms per record, %.1f candidates scored per record\n",
              std::chrono::duration<double>(generated - started).count(), ms / double(set.size()),
              double(candidates_looked_at) / double(set.size()));
  int passed = 0, failed = 0;
  auto check = [&](bool ok, const char* what) {
    std::printf("%s %s\n", ok ? "ok" : "FAILED", what);
    (ok ? passed : failed)++;
  };
  check(precision >= 0.95, "precision >= 0.95");
  check(recall >= 0.90, "recall >= 0.90");
  std::printf("%d passed, %d failed\n", passed, failed);
  return failed == 0 ? 0 : 1;
}
