#include "domain/auth/users.h"

#include <algorithm>
#include <array>

#include "common/ids.h"
#include "common/language_codes.h"
#include "common/lists.h"
#include "crypto/crypto.h"
#include "domain/audit/audit_log.h"

namespace serai::auth {
namespace {

constexpr std::array<std::string_view, 8> kLocales = {"en", "prs", "ps", "ur",
                                                      "bn", "ar",  "tg", "ru"};
constexpr char kColumns[] =
    "id, email, display_name, locale, disabled, totp_secret IS NOT NULL, created_at, languages";

User FromRow(const store::Row& r) {
  User u;
  u.id = r.Text(0);
  u.email = r.Text(1);
  u.display_name = r.Text(2);
  u.locale = r.Text(3);
  u.disabled = r.Int(4) != 0;
  u.totp_enabled = r.Int(5) != 0;
  u.created_at = r.Int(6);
  u.languages = SplitList(r.Text(7));
  return u;
}

Status ValidateDisplayName(const std::string& name) {
  if (name.empty() || name.size() > 120) {
    return InvalidArgument("invalid_display_name", "a display name is 1 to 120 bytes");
  }
  return Status::Ok();
}

std::string TotpContext(const std::string& user_id) { return "user:" + user_id + ":totp"; }

}  // namespace

bool IsSupportedLocale(const std::string& locale) {
  return std::find(kLocales.begin(), kLocales.end(), locale) != kLocales.end();
}

Result<std::string> NormaliseEmail(const std::string& email) {
  std::string out;
  for (char c : email) out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  size_t at = out.find('@');
  if (out.size() > 254 || at == std::string::npos || at == 0 || at + 1 >= out.size() ||
      out.find('@', at + 1) != std::string::npos || out.find(' ') != std::string::npos) {
    return InvalidArgument("invalid_email", "give a valid e-mail address");
  }
  return out;
}

Status ValidatePassword(const std::string& password) {
  if (password.size() < 10)
    return InvalidArgument("weak_password", "a password has at least 10 characters");
  if (password.size() > 256) return InvalidArgument("too_long", "a password has at most 256 bytes");
  return Status::Ok();
}

Result<bool> IsCaseworker(store::Conn& conn, const std::string& user_id,
                          const std::string& centre_id) {
  ASSIGN_OR_RETURN(store::Rows staff,
                   conn.Query("SELECT 1 FROM user_role r JOIN app_user u ON u.id = r.user_id WHERE "
                              "r.user_id = ? AND r.centre_id = ? AND r.role IN ('counsellor', "
                              "'manager') AND u.disabled = 0",
                              {user_id, centre_id}));
  return !staff.empty();
}

Result<std::vector<Grant>> LoadGrants(store::Conn& conn, const std::string& user_id) {
  ASSIGN_OR_RETURN(store::Rows rows,
                   conn.Query("SELECT centre_id, role FROM user_role WHERE user_id = ? ORDER BY "
                              "centre_id, role",
                              {user_id}));
  std::vector<Grant> grants;
  for (const auto& r : rows) {
    if (auto role = ParseRole(r.Text(1))) grants.push_back({r.Text(0), *role});
  }
  return grants;
}

Result<User> UserService::Load(store::Conn& conn, const std::string& user_id) {
  ASSIGN_OR_RETURN(
      store::Rows rows,
      conn.Query(std::string("SELECT ") + kColumns + " FROM app_user WHERE id = ?", {user_id}));
  if (rows.empty()) return NotFound("no_such_user", "there is no such user");
  User u = FromRow(rows[0]);
  ASSIGN_OR_RETURN(u.grants, LoadGrants(conn, user_id));
  return u;
}

Result<User> UserService::Create(const std::string& actor_id, const NewUser& in) {
  ASSIGN_OR_RETURN(std::string email, NormaliseEmail(in.email));
  RETURN_IF_ERROR(ValidateDisplayName(in.display_name));
  RETURN_IF_ERROR(ValidatePassword(in.password));
  if (!IsSupportedLocale(in.locale))
    return InvalidArgument("invalid_locale", "unsupported language");
  RETURN_IF_ERROR(CheckLanguageCodes(in.languages, 0));
  ASSIGN_OR_RETURN(std::string hash, crypto::HashPassword(in.password));
  int64_t now = env_.NowMillis();
  std::string id = NewId(env_);
  User created;
  RETURN_IF_ERROR(db_.Transact(store::Access::kWrite, [&](store::Conn& conn) -> Status {
    Status ins =
        conn.Exec(
                "INSERT INTO app_user (id, email, display_name, password_hash, locale, "
                "languages, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                {id, email, in.display_name, hash, in.locale, JoinList(in.languages), now, now})
            .status();
    if (ins.code() == StatusCode::kAlreadyExists) {
      return AlreadyExists("email_taken", "an account with this e-mail address exists");
    }
    RETURN_IF_ERROR(ins);
    for (const Grant& g : in.grants) {
      RETURN_IF_ERROR(conn.Exec("INSERT INTO user_role (user_id, centre_id, role) VALUES (?, ?, ?) "
                                "ON CONFLICT DO NOTHING",
                                {id, g.centre_id, std::string(RoleName(g.role))})
                          .status());
    }
    std::string centre = in.grants.empty() ? "" : in.grants.front().centre_id;
    RETURN_IF_ERROR(audit::Record(
        conn, {actor_id, centre, "user.create", "user/" + id, "administration", ""}, now));
    ASSIGN_OR_RETURN(created, Load(conn, id));
    return Status::Ok();
  }));
  return created;
}

Result<Page<User>> UserService::ListInCentre(const Principal& actor, const std::string& centre_id,
                                             Purpose purpose, const std::string& cursor,
                                             int limit) {
  Page<User> page;
  RETURN_IF_ERROR(db_.Transact(store::Access::kWrite, [&](store::Conn& conn) -> Status {
    ASSIGN_OR_RETURN(
        store::Rows rows,
        conn.Query(std::string("SELECT ") + kColumns +
                       " FROM app_user WHERE id > ? AND id IN (SELECT user_id FROM user_role WHERE "
                       "centre_id = ?) ORDER BY id LIMIT ?",
                   {cursor, centre_id, int64_t{limit + 1}}));
    for (const auto& r : rows) {
      if (static_cast<int>(page.items.size()) == limit) {
        page.next_cursor = page.items.back().id;
        break;
      }
      User u = FromRow(r);
      ASSIGN_OR_RETURN(u.grants, LoadGrants(conn, u.id));
      page.items.push_back(std::move(u));
    }
    return audit::Record(
        conn,
        {actor.user_id, centre_id, "user.list", "centre/" + centre_id + "/users",
         std::string(PurposeName(purpose)), "count=" + std::to_string(page.items.size())},
        env_.NowMillis());
  }));
  return page;
}

Result<User> UserService::GetInCentre(const Principal& actor, const std::string& centre_id,
                                      const std::string& user_id, Purpose purpose) {
  User u;
  RETURN_IF_ERROR(db_.Transact(store::Access::kWrite, [&](store::Conn& conn) -> Status {
    ASSIGN_OR_RETURN(u, Load(conn, user_id));
    bool in_centre = std::any_of(u.grants.begin(), u.grants.end(),
                                 [&](const Grant& g) { return g.centre_id == centre_id; });
    if (!in_centre) return NotFound("no_such_user", "there is no such user in this centre");
    return audit::Record(conn,
                         {actor.user_id, centre_id, "user.read", "user/" + user_id,
                          std::string(PurposeName(purpose)), ""},
                         env_.NowMillis());
  }));
  return u;
}

Result<User> UserService::UpdateInCentre(const Principal& actor, const std::string& centre_id,
                                         const std::string& user_id, const UserPatch& patch) {
  if (patch.display_name) RETURN_IF_ERROR(ValidateDisplayName(*patch.display_name));
  if (patch.locale && !IsSupportedLocale(*patch.locale)) {
    return InvalidArgument("invalid_locale", "unsupported language");
  }
  if (patch.languages) RETURN_IF_ERROR(CheckLanguageCodes(*patch.languages, 0));
  if (patch.disabled && *patch.disabled && user_id == actor.user_id) {
    return FailedPrecondition("cannot_disable_self", "you cannot disable your own account");
  }
  User u;
  RETURN_IF_ERROR(db_.Transact(store::Access::kWrite, [&](store::Conn& conn) -> Status {
    ASSIGN_OR_RETURN(u, Load(conn, user_id));
    if (std::none_of(u.grants.begin(), u.grants.end(),
                     [&](const Grant& g) { return g.centre_id == centre_id; })) {
      return NotFound("no_such_user", "there is no such user in this centre");
    }
    std::string changed;
    auto note = [&](const char* f) { changed += (changed.empty() ? "" : ",") + std::string(f); };
    int64_t now = env_.NowMillis();
    if (patch.display_name) note("display_name");
    if (patch.locale) note("locale");
    if (patch.languages) note("languages");
    if (patch.disabled) note("disabled");
    RETURN_IF_ERROR(
        conn.Exec("UPDATE app_user SET display_name = ?, locale = ?, languages = ?, disabled = ?, "
                  "updated_at = ? WHERE id = ?",
                  {patch.display_name.value_or(u.display_name), patch.locale.value_or(u.locale),
                   JoinList(patch.languages.value_or(u.languages)),
                   int64_t{patch.disabled.value_or(u.disabled) ? 1 : 0}, now, user_id})
            .status());
    if (patch.disabled.value_or(false)) {
      RETURN_IF_ERROR(conn.Exec("DELETE FROM session WHERE user_id = ?", {user_id}).status());
    }
    if (patch.roles) {
      note("roles");
      RETURN_IF_ERROR(conn.Exec("DELETE FROM user_role WHERE user_id = ? AND centre_id = ?",
                                {user_id, centre_id})
                          .status());
      for (Role r : *patch.roles) {
        RETURN_IF_ERROR(
            conn.Exec("INSERT INTO user_role (user_id, centre_id, role) VALUES (?, ?, ?) "
                      "ON CONFLICT DO NOTHING",
                      {user_id, centre_id, std::string(RoleName(r))})
                .status());
      }
    }
    RETURN_IF_ERROR(audit::Record(
        conn,
        {actor.user_id, centre_id, "user.update", "user/" + user_id, "administration", changed},
        now));
    ASSIGN_OR_RETURN(u, Load(conn, user_id));
    return Status::Ok();
  }));
  return u;
}

Result<User> UserService::FindByEmail(const std::string& email) {
  ASSIGN_OR_RETURN(std::string normal, NormaliseEmail(email));
  User u;
  RETURN_IF_ERROR(db_.Transact(store::Access::kRead, [&](store::Conn& conn) -> Status {
    ASSIGN_OR_RETURN(store::Rows rows,
                     conn.Query("SELECT id FROM app_user WHERE email = ?", {normal}));
    if (rows.empty()) return NotFound("no_such_user", "there is no such user");
    ASSIGN_OR_RETURN(u, Load(conn, rows[0].Text(0)));
    return Status::Ok();
  }));
  return u;
}

Status UserService::SetPassword(const std::string& actor_id, const std::string& user_id,
                                const std::string& password) {
  RETURN_IF_ERROR(ValidatePassword(password));
  ASSIGN_OR_RETURN(std::string hash, crypto::HashPassword(password));
  return db_.Transact(store::Access::kWrite, [&](store::Conn& conn) -> Status {
    int64_t now = env_.NowMillis();
    ASSIGN_OR_RETURN(int64_t n,
                     conn.Exec("UPDATE app_user SET password_hash = ?, failed_logins = 0, "
                               "locked_until = 0, updated_at = ? WHERE id = ?",
                               {hash, now, user_id}));
    if (n == 0) return NotFound("no_such_user", "there is no such user");
    // A new password ends every session, so a stolen session does not outlive the change.
    RETURN_IF_ERROR(conn.Exec("DELETE FROM session WHERE user_id = ?", {user_id}).status());
    return audit::Record(
        conn, {actor_id, "", "user.password", "user/" + user_id, "self_service", ""}, now);
  });
}

Status UserService::ChangePassword(const std::string& user_id, const std::string& current,
                                   const std::string& replacement) {
  ASSIGN_OR_RETURN(store::Rows rows,
                   db_.Read("SELECT password_hash FROM app_user WHERE id = ?", {user_id}));
  if (rows.empty() || !crypto::VerifyPassword(rows[0].Text(0), current)) {
    return PermissionDenied("wrong_password", "the current password is not right");
  }
  return SetPassword(user_id, user_id, replacement);
}

Result<std::string> UserService::TotpSecret(store::Conn& conn, const std::string& user_id) {
  ASSIGN_OR_RETURN(store::Rows rows,
                   conn.Query("SELECT totp_secret FROM app_user WHERE id = ?", {user_id}));
  if (rows.empty() || rows[0].IsNull(0)) return std::string();
  ASSIGN_OR_RETURN(std::string key, keys_.SystemKey());
  return crypto::Open(key, rows[0].Text(0), TotpContext(user_id));
}

Result<TotpEnrolment> UserService::BeginTotp(const std::string& user_id) {
  ASSIGN_OR_RETURN(std::string key, keys_.SystemKey());
  std::string secret = env_.RandomBytes(20);
  std::string email;
  RETURN_IF_ERROR(db_.Transact(store::Access::kWrite, [&](store::Conn& conn) -> Status {
    ASSIGN_OR_RETURN(store::Rows rows,
                     conn.Query("SELECT email FROM app_user WHERE id = ?", {user_id}));
    if (rows.empty()) return NotFound("no_such_user", "there is no such user");
    email = rows[0].Text(0);
    return conn
        .Exec("UPDATE app_user SET totp_pending = ? WHERE id = ?",
              {store::Blob{crypto::Seal(key, secret, TotpContext(user_id))}, user_id})
        .status();
  }));
  return TotpEnrolment{crypto::Base32Encode(secret), crypto::TotpUri(secret, email, "Serai")};
}

Status UserService::ConfirmTotp(const std::string& user_id, const std::string& code) {
  ASSIGN_OR_RETURN(std::string key, keys_.SystemKey());
  return db_.Transact(store::Access::kWrite, [&](store::Conn& conn) -> Status {
    ASSIGN_OR_RETURN(store::Rows rows,
                     conn.Query("SELECT totp_pending FROM app_user WHERE id = ?", {user_id}));
    if (rows.empty() || rows[0].IsNull(0)) {
      return FailedPrecondition("no_enrolment", "start setting up the second factor first");
    }
    ASSIGN_OR_RETURN(std::string secret, crypto::Open(key, rows[0].Text(0), TotpContext(user_id)));
    int64_t now = env_.NowMillis();
    int64_t step = crypto::TotpMatch(secret, code, now / 1000);
    if (step < 0) return InvalidArgument("wrong_code", "the code is not right; check the clock");
    RETURN_IF_ERROR(
        conn.Exec("UPDATE app_user SET totp_secret = totp_pending, totp_pending = NULL, "
                  "totp_last_step = ? WHERE id = ?",
                  {step, user_id})
            .status());
    return audit::Record(
        conn, {user_id, "", "user.totp_enable", "user/" + user_id, "self_service", ""}, now);
  });
}

Result<TotpEnrolment> UserService::ResetTotp(const std::string& actor_id,
                                             const std::string& user_id) {
  ASSIGN_OR_RETURN(TotpEnrolment e, BeginTotp(user_id));
  RETURN_IF_ERROR(db_.Transact(store::Access::kWrite, [&](store::Conn& conn) -> Status {
    RETURN_IF_ERROR(
        conn.Exec("UPDATE app_user SET totp_secret = totp_pending, totp_pending = NULL, "
                  "totp_last_step = 0 WHERE id = ?",
                  {user_id})
            .status());
    return audit::Record(conn,
                         {actor_id, "", "user.totp_reset", "user/" + user_id, "administration", ""},
                         env_.NowMillis());
  }));
  return e;
}

}  // namespace serai::auth
