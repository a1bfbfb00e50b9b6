#include "domain/auth/sessions.h"

#include "common/ids.h"
#include "crypto/crypto.h"
#include "domain/audit/audit_log.h"

namespace serai::auth {
namespace {

// Verifying against this when the e-mail is unknown keeps both answers equally slow.
const std::string& DummyHash() {
  static const std::string kHash = crypto::HashPassword("serai-dummy-password").value();
  return kHash;
}

std::string TokenHash(const std::string& token) { return crypto::Sha256("serai-token:" + token); }

Status BadCredentials() {
  return Unauthenticated("invalid_credentials", "the e-mail address or password is not right");
}

}  // namespace

Result<Principal> AuthService::LoadPrincipal(store::Conn& conn, const std::string& user_id,
                                             bool mfa_done) {
  ASSIGN_OR_RETURN(
      store::Rows rows,
      conn.Query("SELECT display_name, locale, disabled FROM app_user WHERE id = ?", {user_id}));
  if (rows.empty() || rows[0].Int(2) != 0) {
    return Unauthenticated("sign_in_required", "sign in first");
  }
  Principal p;
  p.user_id = user_id;
  p.display_name = rows[0].Text(0);
  p.locale = rows[0].Text(1);
  ASSIGN_OR_RETURN(p.grants, LoadGrants(conn, user_id));
  p.mfa_ok = mfa_done || !p.RequiresMfa();
  return p;
}

Status AuthService::RecordFailure(const std::string& user_id, int64_t now) {
  return db_.Transact(store::Access::kWrite, [&](store::Conn& conn) -> Status {
    ASSIGN_OR_RETURN(store::Rows rows,
                     conn.Query("SELECT failed_logins FROM app_user WHERE id = ?", {user_id}));
    int64_t failures = rows.empty() ? 1 : rows[0].Int(0) + 1;
    int64_t locked_until =
        failures >= options_.lockout_threshold ? now + options_.lockout_millis : 0;
    RETURN_IF_ERROR(
        conn.Exec("UPDATE app_user SET failed_logins = ?, locked_until = ? WHERE id = ?",
                  {failures, locked_until, user_id})
            .status());
    return audit::Record(conn,
                         {user_id, "", "session.sign_in_failed", "user/" + user_id, "self_service",
                          "failures=" + std::to_string(failures)},
                         now);
  });
}

Result<NewSession> AuthService::SignIn(const std::string& email, const std::string& password,
                                       const std::string& totp_code) {
  auto normal = NormaliseEmail(email);
  store::Rows rows;
  if (normal.ok()) {
    ASSIGN_OR_RETURN(rows, db_.Read("SELECT id, password_hash, locked_until, disabled, "
                                    "totp_secret IS NOT NULL, totp_last_step FROM app_user "
                                    "WHERE email = ?",
                                    {*normal}));
  }
  if (rows.empty()) {
    (void)crypto::VerifyPassword(DummyHash(), password);
    return BadCredentials();
  }
  const store::Row& row = rows[0];
  std::string user_id = row.Text(0);
  int64_t now = env_.NowMillis();
  if (row.Int(2) > now) {
    return ResourceExhausted("account_locked",
                             "too many failed attempts; try again later or ask an administrator");
  }
  if (!crypto::VerifyPassword(row.Text(1), password) || row.Int(3) != 0) {
    RETURN_IF_ERROR(RecordFailure(user_id, now));
    return BadCredentials();
  }
  bool has_totp = row.Int(4) != 0;
  int64_t step = 0;
  if (has_totp) {
    if (totp_code.empty()) return Unauthenticated("totp_required", "enter the code from your app");
    Result<std::string> secret = [&]() -> Result<std::string> {
      std::string s;
      RETURN_IF_ERROR(db_.Transact(store::Access::kRead, [&](store::Conn& c) -> Status {
        ASSIGN_OR_RETURN(s, users_.TotpSecret(c, user_id));
        return Status::Ok();
      }));
      return s;
    }();
    if (!secret.ok()) return secret.status();
    step = crypto::TotpMatch(*secret, totp_code, now / 1000);
    if (step < 0 || step <= row.Int(5)) {  // a used code is not accepted twice
      RETURN_IF_ERROR(RecordFailure(user_id, now));
      return Unauthenticated("wrong_code", "the code is not right or was already used");
    }
  }
  NewSession out;
  out.token = Base64UrlEncode(env_.RandomBytes(32));
  out.csrf_token = Base64UrlEncode(env_.RandomBytes(18));
  RETURN_IF_ERROR(db_.Transact(store::Access::kWrite, [&](store::Conn& conn) -> Status {
    ASSIGN_OR_RETURN(out.principal, LoadPrincipal(conn, user_id, has_totp));
    out.principal.csrf_token = out.csrf_token;
    RETURN_IF_ERROR(conn.Exec("UPDATE app_user SET failed_logins = 0, locked_until = 0, "
                              "totp_last_step = CASE WHEN ? > 0 THEN ? ELSE totp_last_step END "
                              "WHERE id = ?",
                              {step, step, user_id})
                        .status());
    RETURN_IF_ERROR(
        conn.Exec("INSERT INTO session (token_hash, user_id, csrf_token, mfa_ok, "
                  "created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)",
                  {store::Blob{TokenHash(out.token)}, user_id, out.csrf_token,
                   int64_t{out.principal.mfa_ok ? 1 : 0}, now, now + options_.session_millis})
            .status());
    return audit::Record(conn,
                         {user_id, "", "session.sign_in", "user/" + user_id, "self_service",
                          has_totp ? "totp" : "password"},
                         now);
  }));
  return out;
}

Result<Principal> AuthService::ResolveSession(const std::string& token) {
  if (token.empty() || token.size() > 128)
    return Unauthenticated("sign_in_required", "sign in first");
  std::string hash = TokenHash(token);
  int64_t now = env_.NowMillis();
  {
    std::lock_guard lock(mu_);
    if (auto it = cache_.find(hash); it != cache_.end() && it->second.until > now) {
      return it->second.principal;
    }
  }
  Principal p;
  RETURN_IF_ERROR(db_.Transact(store::Access::kRead, [&](store::Conn& conn) -> Status {
    ASSIGN_OR_RETURN(store::Rows rows,
                     conn.Query("SELECT user_id, csrf_token, mfa_ok FROM session WHERE token_hash "
                                "= ? AND expires_at > ?",
                                {store::Blob{hash}, now}));
    if (rows.empty())
      return Unauthenticated("session_expired", "your session has ended; sign in again");
    ASSIGN_OR_RETURN(p, LoadPrincipal(conn, rows[0].Text(0), rows[0].Int(2) != 0));
    p.csrf_token = rows[0].Text(1);
    return Status::Ok();
  }));
  std::lock_guard lock(mu_);
  if (cache_.size() > 50000) cache_.clear();
  cache_[hash] = {p, now + options_.cache_millis};
  return p;
}

Result<Principal> AuthService::ResolveApiToken(const std::string& token) {
  if (token.empty() || token.size() > 128)
    return Unauthenticated("bad_token", "the API token is not valid");
  Principal p;
  int64_t now = env_.NowMillis();
  RETURN_IF_ERROR(db_.Transact(store::Access::kRead, [&](store::Conn& conn) -> Status {
    ASSIGN_OR_RETURN(
        store::Rows rows,
        conn.Query("SELECT user_id FROM api_token WHERE token_hash = ? AND revoked = 0 "
                   "AND expires_at > ?",
                   {store::Blob{TokenHash(token)}, now}));
    if (rows.empty()) return Unauthenticated("bad_token", "the API token is not valid");
    // A token was created by a signed-in user who had passed the second factor.
    ASSIGN_OR_RETURN(p, LoadPrincipal(conn, rows[0].Text(0), true));
    p.via_token = true;
    return Status::Ok();
  }));
  return p;
}

Status AuthService::SignOut(const std::string& token) {
  std::string hash = TokenHash(token);
  {
    std::lock_guard lock(mu_);
    cache_.erase(hash);
  }
  return db_.Transact(store::Access::kWrite, [&](store::Conn& conn) {
    return conn.Exec("DELETE FROM session WHERE token_hash = ?", {store::Blob{hash}}).status();
  });
}

void AuthService::Forget(const std::string& user_id) {
  std::lock_guard lock(mu_);
  std::erase_if(cache_, [&](const auto& kv) { return kv.second.principal.user_id == user_id; });
}

Status AuthService::SignOutEverywhere(const std::string& actor_id, const std::string& user_id) {
  RETURN_IF_ERROR(db_.Transact(store::Access::kWrite, [&](store::Conn& conn) -> Status {
    RETURN_IF_ERROR(conn.Exec("DELETE FROM session WHERE user_id = ?", {user_id}).status());
    RETURN_IF_ERROR(
        conn.Exec("UPDATE api_token SET revoked = 1 WHERE user_id = ?", {user_id}).status());
    return audit::Record(conn,
                         {actor_id, "", "session.revoke_all", "user/" + user_id,
                          actor_id == user_id ? "self_service" : "administration", ""},
                         env_.NowMillis());
  }));
  Forget(user_id);
  return Status::Ok();
}

Status AuthService::MarkSecondFactorDone(const std::string& token) {
  std::string hash = TokenHash(token);
  {
    std::lock_guard lock(mu_);
    cache_.erase(hash);
  }
  return db_.Transact(store::Access::kWrite, [&](store::Conn& conn) {
    return conn.Exec("UPDATE session SET mfa_ok = 1 WHERE token_hash = ?", {store::Blob{hash}})
        .status();
  });
}

Result<std::pair<ApiToken, std::string>> AuthService::CreateApiToken(const std::string& user_id,
                                                                     const std::string& name,
                                                                     int64_t lifetime_millis) {
  if (name.empty() || name.size() > 80)
    return InvalidArgument("invalid_name", "a token name is 1 to 80 bytes");
  int64_t now = env_.NowMillis();
  ApiToken t{NewId(env_), name, now, now + lifetime_millis};
  std::string secret = "srt_" + Base64UrlEncode(env_.RandomBytes(32));
  RETURN_IF_ERROR(db_.Transact(store::Access::kWrite, [&](store::Conn& conn) -> Status {
    RETURN_IF_ERROR(
        conn.Exec("INSERT INTO api_token (id, token_hash, user_id, name, created_at, "
                  "expires_at) VALUES (?, ?, ?, ?, ?, ?)",
                  {t.id, store::Blob{TokenHash(secret)}, user_id, name, now, t.expires_at})
            .status());
    return audit::Record(
        conn, {user_id, "", "api_token.create", "api_token/" + t.id, "self_service", ""}, now);
  }));
  return std::make_pair(t, secret);
}

Result<std::vector<ApiToken>> AuthService::ListApiTokens(const std::string& user_id) {
  ASSIGN_OR_RETURN(
      store::Rows rows,
      db_.Read("SELECT id, name, created_at, expires_at FROM api_token WHERE user_id = ? "
               "AND revoked = 0 ORDER BY id",
               {user_id}));
  std::vector<ApiToken> out;
  for (const auto& r : rows) out.push_back({r.Text(0), r.Text(1), r.Int(2), r.Int(3)});
  return out;
}

Status AuthService::RevokeApiToken(const std::string& user_id, const std::string& token_id) {
  return db_.Transact(store::Access::kWrite, [&](store::Conn& conn) -> Status {
    ASSIGN_OR_RETURN(int64_t n,
                     conn.Exec("UPDATE api_token SET revoked = 1 WHERE id = ? AND user_id = ? "
                               "AND revoked = 0",
                               {token_id, user_id}));
    if (n == 0) return NotFound("no_such_token", "there is no such token");
    return audit::Record(
        conn, {user_id, "", "api_token.revoke", "api_token/" + token_id, "self_service", ""},
        env_.NowMillis());
  });
}

}  // namespace serai::auth
