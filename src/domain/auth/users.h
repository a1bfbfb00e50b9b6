// Staff accounts: who works at which centre in which roles, their passwords and second factors.
//
// Staff names and e-mail addresses are personal data: every read through this service is recorded
// in the audit log with its purpose. TOTP secrets are stored encrypted under the system key.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/env.h"
#include "domain/auth/access.h"
#include "domain/keys/key_store.h"
#include "domain/page.h"
#include "store/db.h"

namespace serai::auth {

struct User {
  std::string id;
  std::string email;
  std::string display_name;
  std::string locale;
  std::vector<std::string> languages;  // the languages they counsel in (routing), may be empty
  bool disabled = false;
  bool totp_enabled = false;
  std::vector<Grant> grants;
  int64_t created_at = 0;
};

struct NewUser {
  std::string email;
  std::string display_name;
  std::string password;
  std::string locale = "en";
  std::vector<Grant> grants;
  std::vector<std::string> languages = {};
};

struct UserPatch {
  std::optional<std::string> display_name;
  std::optional<std::string> locale;
  std::optional<std::vector<std::string>> languages;
  std::optional<bool> disabled;
  std::optional<std::vector<Role>> roles;  // replaces the user's roles in the centre at hand
};

struct TotpEnrolment {
  std::string secret_base32;
  std::string uri;
};

// The languages the interface speaks.
bool IsSupportedLocale(const std::string& locale);
// Lower-cases and checks the shape of an e-mail address.
Result<std::string> NormaliseEmail(const std::string& email);
Status ValidatePassword(const std::string& password);

class UserService {
 public:
  UserService(store::Db& db, keys::KeyStore& keys, Env& env) : db_(db), keys_(keys), env_(env) {}

  // `actor_id` is "system" for the command line.
  Result<User> Create(const std::string& actor_id, const NewUser& input);
  Result<Page<User>> ListInCentre(const Principal& actor, const std::string& centre_id,
                                  Purpose purpose, const std::string& cursor, int limit);
  // NotFound unless the user holds a role in `centre_id`.
  Result<User> GetInCentre(const Principal& actor, const std::string& centre_id,
                           const std::string& user_id, Purpose purpose);
  Result<User> UpdateInCentre(const Principal& actor, const std::string& centre_id,
                              const std::string& user_id, const UserPatch& patch);
  Result<User> FindByEmail(const std::string& email);
  Status ChangePassword(const std::string& user_id, const std::string& current,
                        const std::string& replacement);
  Status SetPassword(const std::string& actor_id, const std::string& user_id,
                     const std::string& password);

  // Second factor: Begin stores a pending secret; Confirm with a valid code makes it active.
  Result<TotpEnrolment> BeginTotp(const std::string& user_id);
  Status ConfirmTotp(const std::string& user_id, const std::string& code);
  // Sets an active secret directly (command line and demo). Returns the enrolment to show.
  Result<TotpEnrolment> ResetTotp(const std::string& actor_id, const std::string& user_id);

  // The active TOTP secret, or empty when none.
  Result<std::string> TotpSecret(store::Conn& conn, const std::string& user_id);

 private:
  Result<User> Load(store::Conn& conn, const std::string& user_id);

  store::Db& db_;
  keys::KeyStore& keys_;
  Env& env_;
};

// Reads a user's grants.
Result<std::vector<Grant>> LoadGrants(store::Conn& conn, const std::string& user_id);

// True when `user_id` is an enabled counsellor or manager of `centre_id`: someone conversations,
// cases and tasks can be given to.
Result<bool> IsCaseworker(store::Conn& conn, const std::string& user_id,
                          const std::string& centre_id);

}  // namespace serai::auth
