// Runs against SQLite always, and against PostgreSQL too when SERAI_TEST_PG_URL is set.
#include "store/db.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <thread>

namespace serai::store {
namespace {

class DbTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    if (GetParam() == Backend::kPostgres) {
      const char* url = std::getenv("SERAI_TEST_PG_URL");
      if (url == nullptr) GTEST_SKIP() << "SERAI_TEST_PG_URL not set";
      // ctest runs tests in parallel against one database: each test gets its own schema.
      schema_ = "t_" + std::to_string(::getpid()) + "_" +
                ::testing::UnitTest::GetInstance()->current_test_info()->name();
      for (char& ch : schema_) ch = std::isalnum(static_cast<unsigned char>(ch)) ? ch : '_';
      std::string conninfo(url);
      conninfo += (conninfo.find('?') == std::string::npos ? "?" : "&");
      conninfo += "options=-csearch_path%3D" + schema_;
      auto opened = OpenPostgres(conninfo, 4);
      ASSERT_TRUE(opened.ok()) << opened.status().ToString();
      db_ = std::move(opened).value();
      ASSERT_TRUE(db_->Transact(Access::kWrite,
                                [&](Conn& c) {
                                  return c.ExecScript("DROP SCHEMA IF EXISTS " + schema_ +
                                                      " CASCADE; CREATE SCHEMA " + schema_);
                                })
                      .ok());
    } else {
      dir_ = std::filesystem::temp_directory_path() /
             ("serai-db-test-" + std::to_string(::getpid()) + "-" +
              ::testing::UnitTest::GetInstance()->current_test_info()->name());
      std::filesystem::remove_all(dir_);
      std::filesystem::create_directories(dir_);
      db_ = std::move(OpenSqlite((dir_ / "t.db").string(), 2).value());
    }
    ASSERT_TRUE(
        db_->Transact(Access::kWrite,
                      [](Conn& c) {
                        return c.ExecScript(
                            "CREATE TABLE t_probe (id BIGINT PRIMARY KEY, name TEXT, data BLOB)");
                      })
            .ok());
  }
  void TearDown() override {
    if (db_ != nullptr && !schema_.empty()) {
      (void)db_->Transact(Access::kWrite, [&](Conn& c) {
        return c.ExecScript("DROP SCHEMA " + schema_ + " CASCADE");
      });
    }
    db_.reset();
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }

  std::filesystem::path dir_;
  std::string schema_;
  std::unique_ptr<Db> db_;
};

TEST_P(DbTest, RoundTripsEveryValueType) {
  std::string bytes("\x00\x01\xff", 3);
  ASSERT_TRUE(db_->Transact(Access::kWrite,
                            [&](Conn& c) {
                              return c
                                  .Exec("INSERT INTO t_probe (id, name, data) VALUES (?, ?, ?)",
                                        {int64_t{1}, std::string("کابل"), Blob{bytes}})
                                  .status();
                            })
                  .ok());
  Rows rows = db_->Read("SELECT id, name, data FROM t_probe WHERE id = ?", {int64_t{1}}).value();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].Int(0), 1);
  EXPECT_EQ(rows[0].Text(1), "کابل");
  EXPECT_EQ(rows[0].Text(2), bytes);
}

TEST_P(DbTest, FailedTransactionRollsBack) {
  Status s = db_->Transact(Access::kWrite, [](Conn& c) -> Status {
    RETURN_IF_ERROR(
        c.Exec("INSERT INTO t_probe (id, name) VALUES (?, ?)", {int64_t{2}, std::string("x")})
            .status());
    return InvalidArgument("stop", "stop here");
  });
  EXPECT_EQ(s.reason(), "stop");
  EXPECT_TRUE(db_->Read("SELECT id FROM t_probe", {}).value().empty());
}

TEST_P(DbTest, DuplicateKeyIsAlreadyExists) {
  auto insert = [&] {
    return db_->Transact(Access::kWrite, [](Conn& c) {
      return c.Exec("INSERT INTO t_probe (id, name) VALUES (?, ?)", {int64_t{3}, std::string("x")})
          .status();
    });
  };
  ASSERT_TRUE(insert().ok());
  Status s = insert();
  EXPECT_EQ(s.code(), StatusCode::kAlreadyExists);
  EXPECT_EQ(s.reason(), "conflict");
}

TEST_P(DbTest, ConcurrentWritersAllCommit) {
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 50; ++i) {
        Status s = db_->Transact(Access::kWrite, [&](Conn& c) {
          return c
              .Exec("INSERT INTO t_probe (id, name) VALUES (?, ?)",
                    {int64_t{100 + t * 1000 + i}, std::string("w")})
              .status();
        });
        EXPECT_TRUE(s.ok()) << s.ToString();
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(db_->Read("SELECT COUNT(*) FROM t_probe", {}).value()[0].Int(0), 200);
}

TEST_P(DbTest, BadSqlIsInternalNotCrash) {
  auto r = db_->Read("SELECT nope FROM nowhere", {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInternal);
}

// The payloads a Db's listener was given, in order.
class Heard {
 public:
  void Add(std::string_view payload) {
    std::lock_guard lock(mu_);
    payloads_.emplace_back(payload);
    cv_.notify_all();
  }
  bool WaitFor(const std::string& payload, std::chrono::milliseconds limit) {
    std::unique_lock lock(mu_);
    return cv_.wait_for(lock, limit, [&] { return Has(payload); });
  }
  bool Contains(const std::string& payload) {
    std::lock_guard lock(mu_);
    return Has(payload);
  }

 private:
  bool Has(const std::string& payload) const {
    return std::find(payloads_.begin(), payloads_.end(), payload) != payloads_.end();
  }
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::string> payloads_;
};

TEST_P(DbTest, NotifyIsHeardAfterCommitAndNeverAfterRollback) {
  auto heard = std::make_shared<Heard>();
  db_->Listen([heard](std::string_view payload) { heard->Add(payload); });
  // Other tests may notify on the same PostgreSQL database: payloads carry this test's schema.
  std::string tag = schema_.empty() ? "sqlite" : schema_;
  int64_t id = 0;
  auto write = [&](const std::string& payload, bool commit) {
    return db_->Transact(Access::kWrite, [&](Conn& c) -> Status {
      RETURN_IF_ERROR(c.Notify(tag + ":" + payload));
      RETURN_IF_ERROR(
          c.Exec("INSERT INTO t_probe (id, name) VALUES (?, ?)", {++id, payload}).status());
      return commit ? Status::Ok() : InvalidArgument("stop", "roll back");
    });
  };
  // PostgreSQL's listening connection starts in the background: wait until it hears.
  bool listening = false;
  for (int i = 0; i < 100 && !listening; ++i) {
    ASSERT_TRUE(write("probe", true).ok());
    listening = heard->WaitFor(tag + ":probe", std::chrono::milliseconds(100));
  }
  ASSERT_TRUE(listening);
  EXPECT_EQ(write("rolled-back", false).reason(), "stop");
  ASSERT_TRUE(write("committed", true).ok());
  EXPECT_TRUE(heard->WaitFor(tag + ":committed", std::chrono::seconds(5)));
  // Payloads arrive in commit order, so a rolled-back one would have come before this.
  EXPECT_FALSE(heard->Contains(tag + ":rolled-back"));
}

INSTANTIATE_TEST_SUITE_P(Backends, DbTest, ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const auto& param_info) {
                           return param_info.param == Backend::kSqlite ? "Sqlite" : "Postgres";
                         });

TEST(SqliteBackupTest, BackupIsConsistentCopy) {
  auto dir =
      std::filesystem::temp_directory_path() / ("serai-backup-test-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  auto db = std::move(OpenSqlite((dir / "a.db").string(), 1).value());
  ASSERT_TRUE(Migrate(*db, SeraiMigrations()).ok());
  ASSERT_TRUE(Migrate(*db, SeraiMigrations()).ok());  // idempotent
  const int64_t newest = SeraiMigrations().back().version;
  EXPECT_EQ(SchemaVersion(*db).value(), newest);
  ASSERT_TRUE(db->BackupTo((dir / "b.db").string()).ok());
  auto copy = std::move(OpenSqlite((dir / "b.db").string(), 1).value());
  EXPECT_EQ(SchemaVersion(*copy).value(), newest);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace serai::store
