// Sign-in: password (Argon2id) plus TOTP where the user's roles require it, sessions for browsers
// (the cookie carries a random token; the database holds only its SHA-256), API tokens for
// machines, throttling and lock-out after repeated failures, and sign-out everywhere.
//
// Resolving a session is on every request's path, so resolved sessions are cached for a short time
// (Options::cache_millis). A revocation in this process clears the cache at once; other processes
// sharing a PostgreSQL database see it within cache_millis. Thread-safe.
#pragma once

#include <mutex>
#include <string>
#include <unordered_map>

#include "common/env.h"
#include "domain/auth/access.h"
#include "domain/auth/users.h"
#include "store/db.h"

namespace serai::auth {

struct AuthOptions {
  int64_t session_millis = 12 * 3600 * 1000;  // absolute lifetime of a session
  int lockout_threshold = 5;                  // consecutive failures before a lock
  int64_t lockout_millis = 15 * 60 * 1000;
  int64_t cache_millis = 2000;
};

struct NewSession {
  std::string token;  // goes into the cookie; never stored
  std::string csrf_token;
  Principal principal;
};

struct ApiToken {
  std::string id;
  std::string name;
  int64_t created_at = 0;
  int64_t expires_at = 0;
};

class AuthService {
 public:
  AuthService(store::Db& db, UserService& users, Env& env, AuthOptions options = {})
      : db_(db), users_(users), env_(env), options_(options) {}

  // Unauthenticated("invalid_credentials") for a wrong e-mail or password (indistinguishable);
  // Unauthenticated("totp_required") when a code is needed and missing;
  // Unauthenticated("wrong_code"); ResourceExhausted("account_locked") while locked. A user whose
  // roles need TOTP but who has none yet gets a session limited to enrolling it (principal.mfa_ok
  // false).
  Result<NewSession> SignIn(const std::string& email, const std::string& password,
                            const std::string& totp_code);
  Result<Principal> ResolveSession(const std::string& token);
  Result<Principal> ResolveApiToken(const std::string& token);
  Status SignOut(const std::string& token);
  // Ends every session and revokes every API token of `user_id`.
  Status SignOutEverywhere(const std::string& actor_id, const std::string& user_id);
  // After the user confirmed a TOTP enrolment inside this session.
  Status MarkSecondFactorDone(const std::string& token);

  // Returns the secret token once; only its hash is kept.
  Result<std::pair<ApiToken, std::string>> CreateApiToken(const std::string& user_id,
                                                          const std::string& name,
                                                          int64_t lifetime_millis);
  Result<std::vector<ApiToken>> ListApiTokens(const std::string& user_id);
  Status RevokeApiToken(const std::string& user_id, const std::string& token_id);

 private:
  Result<Principal> LoadPrincipal(store::Conn& conn, const std::string& user_id, bool mfa_done);
  Status RecordFailure(const std::string& user_id, int64_t now);
  void Forget(const std::string& user_id);

  store::Db& db_;
  UserService& users_;
  Env& env_;
  AuthOptions options_;

  struct Cached {
    Principal principal;
    int64_t until;
  };
  std::mutex mu_;
  std::unordered_map<std::string, Cached> cache_;  // by token hash
};

}  // namespace serai::auth
