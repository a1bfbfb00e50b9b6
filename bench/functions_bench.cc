// The functions on every request's path, and the expensive ones that set limits.
#include <benchmark/benchmark.h>

#include <filesystem>

#include "api/decoders.h"
#include "common/ids.h"
#include "crypto/crypto.h"
#include "domain/audit/audit_log.h"
#include "domain/auth/access.h"
#include "search/language_guess.h"
#include "search/normalise.h"
#include "store/db.h"

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
    "سلام، پاسپورتم را در کارگاه گرفته‌اند. چه کنم؟ The employer in Dubai says "
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

BENCHMARK_MAIN();
