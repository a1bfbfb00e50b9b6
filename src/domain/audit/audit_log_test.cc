#include "domain/audit/audit_log.h"

#include <gtest/gtest.h>

#include <filesystem>

namespace serai::audit {
namespace {

class AuditLogTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("serai-audit-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    db_ = std::move(store::OpenSqlite((dir_ / "a.db").string(), 1).value());
    ASSERT_TRUE(store::Migrate(*db_, store::SeraiMigrations()).ok());
    for (int i = 0; i < 5; ++i) {
      ASSERT_TRUE(db_->Transact(store::Access::kWrite,
                                [&](store::Conn& c) {
                                  return Record(c,
                                                {"u1", "kabul", "user.create",
                                                 "user/" + std::to_string(i), "administration", ""},
                                                1000 + i);
                                })
                      .ok());
    }
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  void Tamper(const std::string& sql) {
    ASSERT_TRUE(
        db_->Transact(store::Access::kWrite, [&](store::Conn& c) { return c.ExecScript(sql); })
            .ok());
  }

  std::filesystem::path dir_;
  std::unique_ptr<store::Db> db_;
};

TEST_F(AuditLogTest, IntactChainVerifies) {
  VerifyReport r = Verify(*db_).value();
  EXPECT_TRUE(r.ok);
  EXPECT_EQ(r.events, 5);
}

TEST_F(AuditLogTest, ChangedFieldIsFound) {
  Tamper("UPDATE audit_event SET actor = 'u2' WHERE seq = 3");
  VerifyReport r = Verify(*db_).value();
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.first_bad_seq, 3);
  EXPECT_EQ(r.problem, "hash mismatch");
}

TEST_F(AuditLogTest, RemovedEventIsFound) {
  Tamper("DELETE FROM audit_event WHERE seq = 2");
  VerifyReport r = Verify(*db_).value();
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.first_bad_seq, 3);
  EXPECT_EQ(r.problem, "gap in sequence");
}

TEST_F(AuditLogTest, RecomputedRowStillBreaksTheNextLink) {
  // Someone rewrites event 2 and recomputes its own hash; event 3 no longer points at it.
  Tamper("UPDATE audit_event SET hash = X'00' WHERE seq = 2");
  VerifyReport r = Verify(*db_).value();
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.first_bad_seq, 2);
}

TEST_F(AuditLogTest, AnchorRevealsDeletedNewestEvents) {
  std::string anchor = (dir_ / "anchor").string();
  ASSERT_TRUE(WriteAnchor(anchor, ReadHead(*db_).value()).ok());
  EXPECT_TRUE(Verify(*db_, anchor).value().ok);
  Tamper("DELETE FROM audit_event WHERE seq >= 4");
  EXPECT_TRUE(Verify(*db_).value().ok) << "without the anchor the shortened chain looks whole";
  VerifyReport r = Verify(*db_, anchor).value();
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.first_bad_seq, 5);
  EXPECT_EQ(r.problem, "events up to the anchor are missing");
}

TEST_F(AuditLogTest, ListsNewestFirstPerCentre) {
  auto events = List(*db_, "kabul", 0, 2).value();
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].seq, 5);
  EXPECT_EQ(List(*db_, "dhaka", 0, 10).value().size(), 0u);
  EXPECT_EQ(List(*db_, "kabul", 3, 10).value().size(), 2u);
}

}  // namespace
}  // namespace serai::audit
