#include <gtest/gtest.h>

#include <filesystem>

#include "crypto/crypto.h"
#include "domain/audit/audit_log.h"
#include "domain/auth/sessions.h"
#include "domain/auth/users.h"

namespace serai::auth {
namespace {

class AuthTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("serai-auth-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    db_ = std::move(store::OpenSqlite((dir_ / "a.db").string(), 2).value());
    ASSERT_TRUE(store::Migrate(*db_, store::SeraiMigrations()).ok());
    keys_ = std::move(keys::KeyStore::Open((dir_ / "keys").string(), env_).value());
    users_ = std::make_unique<UserService>(*db_, *keys_, env_);
    auth_ = std::make_unique<AuthService>(*db_, *users_, env_, AuthOptions{.cache_millis = 0});
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  User Make(const std::string& email, Role role) {
    return users_
        ->Create("system", {email, "Test User", "a long password", "en", {{"kabul", role}}})
        .value();
  }

  ManualClockEnv env_{1'800'000'000'000};
  std::filesystem::path dir_;
  std::unique_ptr<store::Db> db_;
  std::unique_ptr<keys::KeyStore> keys_;
  std::unique_ptr<UserService> users_;
  std::unique_ptr<AuthService> auth_;
};

TEST_F(AuthTest, WrongPasswordAndUnknownEmailLookAlike) {
  Make("c@example.org", Role::kCounsellor);
  EXPECT_EQ(auth_->SignIn("c@example.org", "wrong password!", "").status().reason(),
            "invalid_credentials");
  EXPECT_EQ(auth_->SignIn("nobody@example.org", "wrong password!", "").status().reason(),
            "invalid_credentials");
  EXPECT_TRUE(auth_->SignIn("C@Example.org", "a long password", "").ok());
}

TEST_F(AuthTest, LocksAfterRepeatedFailuresAndUnlocksLater) {
  Make("c@example.org", Role::kCounsellor);
  for (int i = 0; i < 5; ++i) (void)auth_->SignIn("c@example.org", "wrong password!", "");
  EXPECT_EQ(auth_->SignIn("c@example.org", "a long password", "").status().reason(),
            "account_locked");
  env_.Advance(15 * 60 * 1000 + 1);
  EXPECT_TRUE(auth_->SignIn("c@example.org", "a long password", "").ok());
}

TEST_F(AuthTest, ManagerWithoutTotpGetsEnrolmentOnlySession) {
  User m = Make("m@example.org", Role::kManager);
  NewSession s = auth_->SignIn("m@example.org", "a long password", "").value();
  EXPECT_FALSE(s.principal.mfa_ok);
  EXPECT_EQ(CheckAccess(s.principal, Action::kCentreRead, "kabul", Purpose::kSupervision).reason(),
            "totp_required");
  TotpEnrolment e = users_->BeginTotp(m.id).value();
  EXPECT_TRUE(e.uri.starts_with("otpauth://totp/Serai:m@example.org?secret="));
  EXPECT_EQ(users_->ConfirmTotp(m.id, "000000").reason(), "wrong_code");
}

TEST_F(AuthTest, TotpIsRequiredAndNotReplayable) {
  User a = Make("a@example.org", Role::kAdmin);
  ASSERT_TRUE(users_->ResetTotp("system", a.id).ok());
  std::string secret;
  ASSERT_TRUE(db_->Transact(store::Access::kRead,
                            [&](store::Conn& c) -> Status {
                              ASSIGN_OR_RETURN(secret, users_->TotpSecret(c, a.id));
                              return Status::Ok();
                            })
                  .ok());
  EXPECT_EQ(auth_->SignIn("a@example.org", "a long password", "").status().reason(),
            "totp_required");
  std::string code = crypto::TotpCode(secret, env_.NowMillis() / 1000);
  NewSession s = auth_->SignIn("a@example.org", "a long password", code).value();
  EXPECT_TRUE(s.principal.mfa_ok);
  EXPECT_EQ(auth_->SignIn("a@example.org", "a long password", code).status().reason(),
            "wrong_code");
}

TEST_F(AuthTest, SessionsResolveUntilSignedOut) {
  User c = Make("c@example.org", Role::kCounsellor);
  NewSession s1 = auth_->SignIn("c@example.org", "a long password", "").value();
  NewSession s2 = auth_->SignIn("c@example.org", "a long password", "").value();
  EXPECT_EQ(auth_->ResolveSession(s1.token).value().user_id, c.id);
  ASSERT_TRUE(auth_->SignOut(s1.token).ok());
  EXPECT_FALSE(auth_->ResolveSession(s1.token).ok());
  EXPECT_TRUE(auth_->ResolveSession(s2.token).ok());
  ASSERT_TRUE(auth_->SignOutEverywhere(c.id, c.id).ok());
  EXPECT_FALSE(auth_->ResolveSession(s2.token).ok());
  env_.Advance(13LL * 3600 * 1000);
  EXPECT_FALSE(auth_->ResolveSession(s1.token).ok());
}

TEST_F(AuthTest, ApiTokensResolveUntilRevoked) {
  User c = Make("c@example.org", Role::kCounsellor);
  auto [token, secret] = auth_->CreateApiToken(c.id, "exporter", 3600 * 1000).value();
  Principal p = auth_->ResolveApiToken(secret).value();
  EXPECT_TRUE(p.via_token);
  EXPECT_EQ(auth_->ListApiTokens(c.id).value().size(), 1u);
  ASSERT_TRUE(auth_->RevokeApiToken(c.id, token.id).ok());
  EXPECT_FALSE(auth_->ResolveApiToken(secret).ok());
}

TEST_F(AuthTest, EveryWriteIsAudited) {
  Make("c@example.org", Role::kCounsellor);
  (void)auth_->SignIn("c@example.org", "wrong password!", "");
  (void)auth_->SignIn("c@example.org", "a long password", "");
  audit::VerifyReport r = audit::Verify(*db_).value();
  EXPECT_TRUE(r.ok);
  EXPECT_EQ(r.events, 3);  // user.create, sign_in_failed, sign_in
}

TEST_F(AuthTest, CreateRejectsBadInput) {
  EXPECT_EQ(users_->Create("system", {"not-an-email", "X", "a long password", "en", {}})
                .status()
                .reason(),
            "invalid_email");
  EXPECT_EQ(users_->Create("system", {"x@example.org", "X", "short", "en", {}}).status().reason(),
            "weak_password");
  EXPECT_EQ(users_->Create("system", {"x@example.org", "X", "a long password", "xx", {}})
                .status()
                .reason(),
            "invalid_locale");
  Make("dup@example.org", Role::kCounsellor);
  EXPECT_EQ(users_->Create("system", {"DUP@example.org", "X", "a long password", "en", {}})
                .status()
                .reason(),
            "email_taken");
}

}  // namespace
}  // namespace serai::auth
