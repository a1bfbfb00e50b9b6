// For the people tests: a fresh SQLite store, key store and centre in a folder of this test
// process, on a clock the test moves, with staff accounts made on demand.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <string>

#include "domain/auth/users.h"
#include "domain/centres/centres.h"
#include "domain/keys/key_store.h"
#include "domain/people/people.h"
#include "store/db.h"

namespace serai::people {

class PeopleWorld : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("serai-people-world-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    db_ = std::move(store::OpenSqlite((dir_ / "a.db").string(), 2).value());
    ASSERT_TRUE(store::Migrate(*db_, store::SeraiMigrations()).ok());
    keys_ = std::move(keys::KeyStore::Open((dir_ / "keys").string(), env_).value());
    system_.user_id = "system";
    centre_ = NewCentre("MRC Dhaka");
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string NewCentre(const std::string& name) {
    return centres::CentreService(*db_, env_)
        .Create(system_, {name, "BD", "Dhaka", "Asia/Dhaka", {"bn"}})
        .value()
        .id;
  }
  // A staff account with `role` in the centre, signed in as a principal.
  auth::Principal NewUser(const std::string& email, auth::Role role) {
    auth::Principal p;
    p.user_id =
        auth::UserService(*db_, *keys_, env_)
            .Create("system", {email, email, "a long enough password 1", "en", {{centre_, role}}})
            .value()
            .id;
    p.grants = {{centre_, role}};
    return p;
  }

  // A person of the centre named `name`, recorded by `by`.
  std::string NewPerson(const auth::Principal& by, const std::string& name) {
    Identity identity;
    identity.name = name;
    return People(*db_, *keys_, env_)
        .Create(by, centre_, auth::Purpose::kCounselling, identity, "")
        .value()
        .summary.id;
  }

  ManualClockEnv env_{1'700'000'000'000};  // 2023-11-14
  std::filesystem::path dir_;
  std::unique_ptr<store::Db> db_;
  std::unique_ptr<keys::KeyStore> keys_;
  auth::Principal system_;
  std::string centre_;
};

}  // namespace serai::people
