#include "domain/keys/key_store.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace serai::keys {
namespace {

std::string ReadAll(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

class KeyStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("serai-keys-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir_);
    ks_ = std::move(KeyStore::Open(dir_.string(), Env::Default()).value());
  }
  void TearDown() override {
    ks_.reset();
    std::filesystem::remove_all(dir_);
  }
  std::filesystem::path dir_;
  std::unique_ptr<KeyStore> ks_;
};

TEST_F(KeyStoreTest, MasterKeyFileIsPrivate) {
  auto perms = std::filesystem::status(dir_ / "master.key").permissions();
  EXPECT_EQ(perms & std::filesystem::perms::others_all, std::filesystem::perms::none);
  EXPECT_EQ(perms & std::filesystem::perms::group_all, std::filesystem::perms::none);
}

TEST_F(KeyStoreTest, FieldsOpenAfterReopen) {
  std::string sealed = ks_->SealPersonField("c1", "p1", "name", "Fatima Rahimi").value();
  ks_.reset();
  ks_ = std::move(KeyStore::Open(dir_.string(), Env::Default()).value());
  EXPECT_EQ(ks_->OpenPersonField("c1", "p1", "name", sealed).value(), "Fatima Rahimi");
  EXPECT_FALSE(ks_->OpenPersonField("c1", "p1", "phone", sealed).ok());
}

TEST_F(KeyStoreTest, ShreddedPersonIsUnreadableAndKeyBytesAreGone) {
  std::string sealed = ks_->SealPersonField("c1", "p1", "name", "Fatima Rahimi").value();
  std::string other = ks_->SealPersonField("c1", "p2", "name", "Ali Khan").value();
  std::string wrapped_before = ReadAll(dir_ / "keys.db") + ReadAll(dir_ / "keys.db-wal");
  ASSERT_NE(wrapped_before.find("person:p1"), std::string::npos);
  ASSERT_TRUE(ks_->ShredPerson("p1").ok());
  Result<std::string> opened = ks_->OpenPersonField("c1", "p1", "name", sealed);
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.status().reason(), "shredded");
  EXPECT_EQ(ks_->OpenPersonField("c1", "p2", "name", other).value(), "Ali Khan");
  std::string after = ReadAll(dir_ / "keys.db") + ReadAll(dir_ / "keys.db-wal");
  EXPECT_EQ(after.find("person:p1"), std::string::npos);
}

TEST_F(KeyStoreTest, AShreddedPersonNeverGetsANewKeyButAContactDoes) {
  ASSERT_TRUE(ks_->SealPersonField("c1", "person-0193-shredded", "name", "Fatima Rahimi").ok());
  ASSERT_TRUE(ks_->SealPersonField("c1", "contact1", "text", "salam").ok());
  ASSERT_TRUE(ks_->ShredPerson("person-0193-shredded").ok());
  ASSERT_TRUE(ks_->ShredContact("contact1").ok());
  ks_.reset();  // the refusal is kept on disk, not only in this process
  ks_ = std::move(KeyStore::Open(dir_.string(), Env::Default()).value());
  Result<std::string> late =
      ks_->SealPersonField("c1", "person-0193-shredded", "note", "written during the shred");
  ASSERT_FALSE(late.ok());
  EXPECT_EQ(late.status().reason(), "shredded");
  std::string again = ks_->SealPersonField("c1", "contact1", "text", "salam again").value();
  EXPECT_EQ(ks_->OpenPersonField("c1", "contact1", "text", again).value(), "salam again")
      << "a contact who writes again after a shred is not lost";
  std::string bytes = ReadAll(dir_ / "keys.db") + ReadAll(dir_ / "keys.db-wal");
  EXPECT_EQ(bytes.find("person-0193-shredded"), std::string::npos)
      << "no id of a shredded person is kept";
}

// `serve` holds unwrapped keys; `serai shred` runs beside it as another process on the same keys.
TEST_F(KeyStoreTest, AShredInAnotherProcessIsSeenWithinASecond) {
  ManualClockEnv clock(1'700'000'000'000);
  auto serving = std::move(KeyStore::Open(dir_.string(), clock).value());
  std::string sealed = serving->SealPersonField("c1", "p1", "name", "Fatima Rahimi").value();
  std::string centre = serving->SealPersonField("c1", "p2", "name", "Ali Khan").value();
  ASSERT_EQ(serving->OpenPersonField("c1", "p1", "name", sealed).value(), "Fatima Rahimi");
  auto command = std::move(KeyStore::Open(dir_.string(), Env::Default()).value());
  ASSERT_TRUE(command->ShredPerson("p1").ok());
  clock.Advance(1000);
  Result<std::string> opened = serving->OpenPersonField("c1", "p1", "name", sealed);
  ASSERT_FALSE(opened.ok()) << "the running process forgot the key it held";
  EXPECT_EQ(opened.status().reason(), "shredded");
  EXPECT_EQ(serving->OpenPersonField("c1", "p2", "name", centre).value(), "Ali Khan");
  ASSERT_TRUE(command->ShredCentre("c1").ok());
  clock.Advance(1000);
  EXPECT_FALSE(serving->OpenPersonField("c1", "p2", "name", centre).ok());
}

TEST_F(KeyStoreTest, ShreddedCentreTakesItsPeople) {
  std::string sealed = ks_->SealPersonField("c1", "p1", "name", "x").value();
  ASSERT_TRUE(ks_->ShredCentre("c1").ok());
  EXPECT_FALSE(ks_->OpenPersonField("c1", "p1", "name", sealed).ok());
}

}  // namespace
}  // namespace serai::keys
