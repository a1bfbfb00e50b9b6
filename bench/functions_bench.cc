// The functions on every request's path, and the expensive ones that set limits.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "api/decoders.h"
#include "common/ids.h"
#include "common/json.h"
#include "crypto/crypto.h"
#include "domain/audit/audit_log.h"
#include "domain/auth/access.h"
#include "domain/auth/users.h"
#include "domain/centres/centres.h"
#include "domain/keys/key_store.h"
#include "domain/people/cases.h"
#include "domain/people/duplicates.h"
#include "domain/people/people.h"
#include "domain/people/referrals.h"
#include "domain/people/reintegration.h"
#include "search/kb_index.h"
#include "search/language_guess.h"
#include "search/normalise.h"
#include "search/phone.h"
#include "store/db.h"
#include "tests/eval/people_set.h"

namespace serai {
namespace {

void BM_AccessCheck(benchmark::State& state) {
  auth::Principal p;
  p.user_id = "u";
  p.mfa_ok = true;
  p.grants = {
      {"a", auth::Role::kCounsellor}, {"b", auth::Role::kManager}, {"c", auth::Role::kAuditor}};
  for (auto _ : state) {
    benchmark::DoNotOptimize(
        auth::CheckAccess(p, auth::Action::kUserRead, "b", auth::Purpose::kSupervision).ok());
  }
}
BENCHMARK(BM_AccessCheck);

void BM_DecodeNewUser(benchmark::State& state) {
  std::string body =
      R"({"email":"a@example.org","display_name":"زهرا نوری","password":"a long password","locale":"prs","roles":["counsellor","editor"]})";
  for (auto _ : state) {
    auto json = ParseJsonObject(body);
    benchmark::DoNotOptimize(api::DecodeNewUser(*json, "c").ok());
  }
}
BENCHMARK(BM_DecodeNewUser);

void BM_SealOpenField(benchmark::State& state) {
  std::string key = crypto::RandomKey();
  for (auto _ : state) {
    std::string sealed = crypto::Seal(key, "Mohammad Karimi", "person:1:name");
    benchmark::DoNotOptimize(crypto::Open(key, sealed, "person:1:name").ok());
  }
}
BENCHMARK(BM_SealOpenField);

void BM_PasswordHash(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(crypto::HashPassword("a long password").ok());
}
BENCHMARK(BM_PasswordHash)->Unit(benchmark::kMillisecond)->Iterations(10);

// One audited write: the row and its hash-chained audit event in one durable SQLite transaction.
void BM_AuditedWriteSqlite(benchmark::State& state) {
  auto dir = std::filesystem::temp_directory_path() / ("serai-bench-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  auto db = std::move(store::OpenSqlite((dir / "b.db").string(), 1).value());
  (void)store::Migrate(*db, store::SeraiMigrations());
  int64_t n = 0;
  for (auto _ : state) {
    Status s = db->Transact(store::Access::kWrite, [&](store::Conn& c) -> Status {
      std::string id = NewId(Env::Default());
      RETURN_IF_ERROR(
          c.Exec("INSERT INTO centre (id, name, country, city, languages, time_zone, "
                 "created_at, updated_at) VALUES (?, 'x', 'AF', 'y', 'en', 'UTC', 0, 0)",
                 {id})
              .status());
      return audit::Record(c, {"u", id, "centre.create", "centre/" + id, "administration", ""},
                           ++n);
    });
    benchmark::DoNotOptimize(s.ok());
  }
  db.reset();
  std::filesystem::remove_all(dir);
}
BENCHMARK(BM_AuditedWriteSqlite)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace serai

// What every received message costs search and routing: its words (ICU normalisation and word
// boundaries) and its language.
constexpr char kMessage[] =
    "سلام، پاسپورتم را در کارگاه گرفته‌اند. چه کنم؟ The "
    "employer "
    "in "
    "Dubai "
    "says "
    "wait.";

void BM_SearchWords(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(serai::search::SearchWords(kMessage));
}
BENCHMARK(BM_SearchWords)->Unit(benchmark::kMicrosecond);

void BM_ChooseLanguage(benchmark::State& state) {
  for (auto _ : state) {
    benchmark::DoNotOptimize(serai::search::ChooseLanguage(kMessage, "", {"prs", "ps", "en"}));
  }
}
BENCHMARK(BM_ChooseLanguage)->Unit(benchmark::kMicrosecond);

// The knowledge base at 10,000 articles: the sample knowledge base's translations repeated under
// new slugs with a distinguishing word each (data/sample-kb), indexed once, then asked.
std::vector<serai::search::KbDocument> TenThousandArticles() {
  std::vector<serai::search::KbDocument> base;
  std::ifstream in(std::string(SERAI_SOURCE_DIR) + "/data/sample-kb/articles.jsonl");
  for (std::string line; std::getline(in, line);) {
    auto j = serai::Json::parse(line, nullptr, false);
    if (j.is_object()) {
      base.push_back(
          {j.value("slug", ""), j.value("lang", ""), j.value("title", ""), j.value("body", "")});
    }
  }
  std::vector<serai::search::KbDocument> docs;
  for (size_t i = 0; !base.empty() && docs.size() < 10'000; ++i) {
    serai::search::KbDocument d = base[i % base.size()];
    d.slug += "-" + std::to_string(i / base.size());
    d.body += " reference" + std::to_string(i);
    docs.push_back(std::move(d));
  }
  return docs;
}

const std::string& KbBenchDir() {
  static const std::string dir =
      (std::filesystem::temp_directory_path() / "serai-kb-bench").string();
  return dir;
}

void BM_KbRebuild10k(benchmark::State& state) {
  auto docs = TenThousandArticles();
  for (auto _ : state) {
    if (!serai::search::KbIndex::Build(KbBenchDir(), docs).ok()) state.SkipWithError("build");
  }
}
BENCHMARK(BM_KbRebuild10k)->Unit(benchmark::kMillisecond)->Iterations(1);

void BM_KbAsk10k(benchmark::State& state) {
  auto index = serai::search::KbIndex::Open(KbBenchDir());
  if (!index.ok()) {
    state.SkipWithError("no index: run BM_KbRebuild10k first");
    return;
  }
  const std::vector<std::string> questions = {"my employer took my passport",
                                              "mera passport agent ne rakh liya hai",
                                              "آیا رفتن از راه قاچاق به اروپا خطر دارد",
                                              "как получить патент на работу в россии",
                                              "বিদেশ যাওয়ার আগে প্রশিক্ষণ",
                                              "how do I bake bread"};
  size_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize((*index)->Ask(questions[i++ % questions.size()]));
}
BENCHMARK(BM_KbAsk10k)->Unit(benchmark::kMicrosecond);

// One question per repetition, going through the whole evaluation set (tests/eval), so that the
// p99 statistic is over single searches of real questions in every language.
void BM_KbAskEach10k(benchmark::State& state) {
  static auto index = serai::search::KbIndex::Open(KbBenchDir());
  static const std::vector<std::string> questions = [] {
    std::vector<std::string> out;
    std::ifstream in(std::string(SERAI_SOURCE_DIR) + "/tests/eval/questions.jsonl");
    for (std::string line; std::getline(in, line);) {
      auto j = serai::Json::parse(line, nullptr, false);
      if (j.is_object()) out.push_back(j.value("q", ""));
    }
    return out;
  }();
  static size_t next = 0;
  if (!index.ok() || questions.empty()) {
    state.SkipWithError("no index or no questions: run BM_KbRebuild10k first");
    return;
  }
  for (auto _ : state)
    benchmark::DoNotOptimize((*index)->Ask(questions[next++ % questions.size()]));
}
double Percentile99(const std::vector<double>& v) {
  std::vector<double> sorted = v;
  std::sort(sorted.begin(), sorted.end());
  return sorted.empty() ? 0 : sorted[std::min(sorted.size() - 1, sorted.size() * 99 / 100)];
}
BENCHMARK(BM_KbAskEach10k)
    ->Unit(benchmark::kMicrosecond)
    ->Iterations(1)
    ->Repetitions(3000)
    ->ComputeStatistics("p99", Percentile99)
    ->ReportAggregatesOnly(true);

BENCHMARK_MAIN();

// People: recording a person (identity sealed under a new key of their own, the row and its audit
// event, fsync'd) and opening one (an audited read: the row, the key, the identity, its event).
namespace serai {
namespace {

struct PeopleBench {
  PeopleBench() {
    dir = std::filesystem::temp_directory_path() /
          ("serai-bench-people-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    db = std::move(store::OpenSqlite((dir / "p.db").string(), 2).value());
    (void)store::Migrate(*db, store::SeraiMigrations());
    keys = std::move(keys::KeyStore::Open((dir / "keys").string(), Env::Default()).value());
    actor.user_id = "bench";
    centre = centres::CentreService(*db, Env::Default())
                 .Create(actor, {"MRC Kabul", "AF", "Kabul", "Asia/Kabul", {"prs"}})
                 .value()
                 .id;
    people = std::make_unique<people::People>(*db, *keys, Env::Default());
    cases = std::make_unique<people::Cases>(*db, *keys, Env::Default());
    identity.name = "محمد کریمی";
    identity.name_latin = "Mohammad Karimi";
    identity.birth_date = "1994-06-01";
    identity.phones = {"0799 123 456"};
    identity.documents = {{"passport", "P01234567"}};
  }
  ~PeopleBench() {
    cases.reset();
    people.reset();
    keys.reset();
    db.reset();
    std::filesystem::remove_all(dir);
  }
  std::filesystem::path dir;
  std::unique_ptr<store::Db> db;
  std::unique_ptr<keys::KeyStore> keys;
  std::unique_ptr<people::People> people;
  std::unique_ptr<people::Cases> cases;
  auth::Principal actor;
  std::string centre;
  people::Identity identity;

  // Cases need an owner who is a caseworker of the centre: `actor` becomes one.
  void BeCounsellor() {
    actor.user_id = auth::UserService(*db, *keys, Env::Default())
                        .Create("system", {"bench@example.org",
                                           "Bench",
                                           "a long enough password 1",
                                           "en",
                                           {{centre, auth::Role::kCounsellor}}})
                        .value()
                        .id;
  }
  std::string NewPerson() {
    return people->Create(actor, centre, auth::Purpose::kCounselling, identity, "")
        .value()
        .summary.id;
  }
  std::string NewCase(const std::string& person) {
    people::NewCase c;
    c.person_id = person;
    c.type = "labour_grievance";
    c.categories = {"unpaid_wages"};
    c.note = "Wages unpaid for three months; the employer keeps the passport.";
    return cases->Open(actor, centre, auth::Purpose::kCounselling, c).value().summary.id;
  }
};

// A new person each time: their own phone, document and date of birth (the same identity every
// time would make each record a duplicate of all those before it: BM_PersonCreateSamePhone).
void BM_PersonCreate(benchmark::State& state) {
  PeopleBench b;
  int64_t n = 0;
  for (auto _ : state) {
    people::Identity identity = b.identity;
    std::string digits = std::to_string(100000 + n++ % 900000);
    identity.phones = {"0799 " + digits};
    identity.documents = {{"passport", "P" + digits}};
    char born[11];
    std::snprintf(born, sizeof born, "%04d-%02d-%02d", static_cast<int>(1960 + n % 45),
                  static_cast<int>(n / 45 % 12 + 1), static_cast<int>(n / 540 % 28 + 1));
    identity.birth_date = born;
    if (!b.people->Create(b.actor, b.centre, auth::Purpose::kCounselling, identity, "").ok()) {
      state.SkipWithError("a generated person was refused");
      break;
    }
  }
}
BENCHMARK(BM_PersonCreate)->Unit(benchmark::kMicrosecond);

// One family's phone, name and date of birth on every record: each new one is scored against the
// newest people::kPerKey records that share them, and up to 20 pairs are recorded.
void BM_PersonCreateSamePhone(benchmark::State& state) {
  PeopleBench b;
  for (auto _ : state) {
    benchmark::DoNotOptimize(
        b.people->Create(b.actor, b.centre, auth::Purpose::kCounselling, b.identity, "").ok());
  }
}
BENCHMARK(BM_PersonCreateSamePhone)->Unit(benchmark::kMicrosecond);

void BM_PersonRead(benchmark::State& state) {
  PeopleBench b;
  std::string id = b.people->Create(b.actor, b.centre, auth::Purpose::kCounselling, b.identity, "")
                       .value()
                       .summary.id;
  for (auto _ : state) {
    benchmark::DoNotOptimize(
        b.people->Get(b.actor, b.centre, auth::Purpose::kCounselling, id).ok());
  }
}
BENCHMARK(BM_PersonRead)->Unit(benchmark::kMicrosecond);

// Cases: opening one with its first note (sealed under the person's key, audited, fsync'd);
// reading one with 10 notes and 5 tasks (an audited read that opens 15 sealed texts); the working
// list of a centre with 1,000 cases (50 per page); a counsellor's reminders among 200 open tasks.
void BM_CaseOpen(benchmark::State& state) {
  PeopleBench b;
  b.BeCounsellor();
  std::string person = b.NewPerson();
  for (auto _ : state) benchmark::DoNotOptimize(b.NewCase(person));
}
BENCHMARK(BM_CaseOpen)->Unit(benchmark::kMicrosecond);

void BM_CaseRead(benchmark::State& state) {
  PeopleBench b;
  b.BeCounsellor();
  std::string id = b.NewCase(b.NewPerson());
  for (int i = 0; i < 9; ++i) (void)b.cases->AddNote(b.actor, b.centre, id, "Called the embassy.");
  for (int i = 0; i < 5; ++i) {
    (void)b.cases->AddTask(b.actor, b.centre, id,
                           {"Call the employer", "2026-12-0" + std::to_string(i + 1), "", ""});
  }
  for (auto _ : state) {
    benchmark::DoNotOptimize(b.cases->Get(b.actor, b.centre, auth::Purpose::kCounselling, id).ok());
  }
}
BENCHMARK(BM_CaseRead)->Unit(benchmark::kMicrosecond);

void BM_CaseList(benchmark::State& state) {
  PeopleBench b;
  b.BeCounsellor();
  std::vector<std::string> people;
  for (int i = 0; i < 100; ++i) people.push_back(b.NewPerson());
  for (int i = 0; i < 1000; ++i) b.NewCase(people[static_cast<size_t>(i) % people.size()]);
  for (auto _ : state) {
    benchmark::DoNotOptimize(b.cases->List(b.centre, {}, 50, "").value().items.size());
  }
}
BENCHMARK(BM_CaseList)->Unit(benchmark::kMicrosecond);

void BM_MyReminders(benchmark::State& state) {
  PeopleBench b;
  b.BeCounsellor();
  for (int i = 0; i < 50; ++i) {
    std::string id = b.NewCase(b.NewPerson());
    for (int j = 0; j < 4; ++j) {
      (void)b.cases->AddTask(b.actor, b.centre, id,
                             {"Follow up", "2026-12-" + std::to_string(10 + j * 5), "", ""});
    }
  }
  for (auto _ : state) {
    benchmark::DoNotOptimize(
        b.cases->MyTasks(b.actor, b.centre, auth::Purpose::kCounselling, "2026-12-15")
            .value()
            .size());
  }
}
BENCHMARK(BM_MyReminders)->Unit(benchmark::kMicrosecond);

// Referrals: sending one (consent checked, note sealed, audited, fsync'd); a partner's list among
// 1,000 referrals of which 100 are addressed to them; a partner opening one with the shared name
// and phones (an audited read).
struct ReferralBench {
  ReferralBench() : referrals(*b.db, *b.keys, Env::Default()) {
    b.BeCounsellor();
    person = b.NewPerson();
    (void)b.people->GiveConsent(b.actor, b.centre, person, "referral", "consent", "verbal");
    partner.user_id = auth::UserService(*b.db, *b.keys, Env::Default())
                          .Create("system", {"partner@example.org",
                                             "Partner",
                                             "a long enough password 1",
                                             "en",
                                             {{b.centre, auth::Role::kPartner}}})
                          .value()
                          .id;
    partner.grants = {{b.centre, auth::Role::kPartner}};
    for (int i = 0; i < 10; ++i) {
      std::string org =
          referrals.AddOrg(b.actor, b.centre, {"Partner " + std::to_string(i), "", ""}).value().id;
      services.push_back(
          referrals.AddService(b.actor, b.centre, {"", org, "legal", "", {"prs"}, "", "", true})
              .value()
              .id);
      if (i == 0) (void)referrals.SetMembers(b.actor, b.centre, org, {partner.user_id});
    }
  }
  std::string Send(size_t service) {
    return referrals
        .Refer(
            b.actor, b.centre, auth::Purpose::kReferral,
            {person, services[service % services.size()], "", "Employer keeps the passport", true})
        .value()
        .summary.id;
  }
  PeopleBench b;
  people::Referrals referrals;
  auth::Principal partner;
  std::string person;
  std::vector<std::string> services;
};

void BM_ReferralSend(benchmark::State& state) {
  ReferralBench r;
  for (auto _ : state) benchmark::DoNotOptimize(r.Send(0));
}
BENCHMARK(BM_ReferralSend)->Unit(benchmark::kMicrosecond);

void BM_ReferralPartnerList(benchmark::State& state) {
  ReferralBench r;
  for (size_t i = 0; i < 1000; ++i) r.Send(i);
  for (auto _ : state) {
    benchmark::DoNotOptimize(
        r.referrals.List(r.partner, r.b.centre, "", "", 50, "").value().items.size());
  }
}
BENCHMARK(BM_ReferralPartnerList)->Unit(benchmark::kMicrosecond);

void BM_ReferralPartnerRead(benchmark::State& state) {
  ReferralBench r;
  std::string id = r.Send(0);
  for (auto _ : state) {
    benchmark::DoNotOptimize(
        r.referrals.Get(r.partner, r.b.centre, auth::Purpose::kReferral, id).ok());
  }
}
BENCHMARK(BM_ReferralPartnerRead)->Unit(benchmark::kMicrosecond);

// Reintegration: recording an assessment (the previous one compared, flags raised in the same
// commit); the periodic look for missed follow-ups and overdue milestones over 1,000 monitored
// cases (4 follow-ups and 2 milestones each) with nothing new to flag; the supervisors' queue of
// 200 open set-backs.
struct MonitoringBench {
  explicit MonitoringBench(int cases) : r(*b.db, *b.keys, Env::Default()) {
    b.BeCounsellor();
    std::string person = b.NewPerson();
    for (int i = 0; i < cases; ++i) {
      people::NewCase c;
      c.person_id = person;
      c.type = "reintegration";
      ids.push_back(
          b.cases->Open(b.actor, b.centre, auth::Purpose::kCounselling, c).value().summary.id);
      (void)r.Start(b.actor, b.centre, ids.back(), "2099-01-01");
      for (int m = 0; m < 2; ++m)
        (void)r.AddMilestone(b.actor, b.centre, ids.back(), "Open the shop", "2099-06-01");
    }
  }
  people::Assessment Scores(int psychosocial, bool distress = false) {
    people::Assessment a;
    a.economic = 3;
    a.social = 3;
    a.psychosocial = psychosocial;
    a.distress = distress;
    return a;
  }
  PeopleBench b;
  people::Reintegration r;
  std::vector<std::string> ids;
};

void BM_ReintegrationAssess(benchmark::State& state) {
  MonitoringBench m(1);
  int i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(
        m.r.Assess(m.b.actor, m.b.centre, m.ids[0], m.Scores(++i % 2 ? 5 : 2)).ok());
  }
}
BENCHMARK(BM_ReintegrationAssess)->Unit(benchmark::kMicrosecond);

void BM_SetbackDetectDue(benchmark::State& state) {
  MonitoringBench m(1000);
  for (auto _ : state) benchmark::DoNotOptimize(m.r.DetectDue().value());
}
BENCHMARK(BM_SetbackDetectDue)->Unit(benchmark::kMicrosecond);

void BM_SetbackQueue(benchmark::State& state) {
  MonitoringBench m(1);
  for (int i = 0; i < 200; ++i)
    (void)m.r.Assess(m.b.actor, m.b.centre, m.ids[0], m.Scores(3, true));
  for (auto _ : state) {
    benchmark::DoNotOptimize(
        m.r.Queue(m.b.actor, m.b.centre, auth::Purpose::kSupervision, false).value().size());
  }
}
BENCHMARK(BM_SetbackQueue)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace serai

// Duplicate detection: finding the candidates for one new person (Duplicates::Check: the keys'
// digests, the index, the candidates' sealed match profiles opened and scored) in a centre that
// holds 100,000 generated people (tests/eval/people_set.h), recorded through People::Create.
// Setting up takes minutes; SERAI_BENCH_PEOPLE=N makes it smaller.
namespace serai {
namespace {

void BM_DuplicateCandidates(benchmark::State& state) {
  PeopleBench b;
  const char* size = std::getenv("SERAI_BENCH_PEOPLE");
  size_t n = size ? std::stoul(size) : 100000;
  auto set = testdata::GeneratePeople(n + 1000, 7, "2025-01-01");
  for (auto& r : set) {  // the bench centre is in Afghanistan: numbers of the others in E.164
    for (std::string& phone : r.identity.phones) phone = *search::NormalisePhone(phone, r.country);
  }
  b.BeCounsellor();
  for (size_t i = 0; i < n; ++i) {
    // A few generated dates of birth lie a year ahead of the clock (a typo): those are refused.
    (void)b.people->Create(b.actor, b.centre, auth::Purpose::kCounselling, set[i].identity, "");
  }
  people::Duplicates duplicates(*b.db, *b.keys, Env::Default());
  size_t next = n, found = 0;
  for (auto _ : state) {
    auto candidates = duplicates.Check(b.centre, set[next].identity);
    found += candidates.ok() ? candidates->size() : 0;
    if (++next == set.size()) next = n;
  }
  state.counters["people"] = static_cast<double>(n);
  state.counters["found_per_check"] =
      benchmark::Counter(static_cast<double>(found), benchmark::Counter::kAvgIterations);
}
BENCHMARK(BM_DuplicateCandidates)->Unit(benchmark::kMillisecond)->Iterations(1000);

}  // namespace
}  // namespace serai
