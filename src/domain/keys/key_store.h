// The key hierarchy: a master key wraps one key per centre, which wraps one data key per person.
//
// Wrapped keys live in their own database (by default DATA/keys/keys.db beside the master key
// file), never inside the main database, so a data backup holds ciphertext only. Shredding a person
// or a centre deletes their wrapped keys and compacts the key database so the bytes are gone from
// disk; every copy of their data, backups included, is then unreadable.
//
// Unwrapped keys are cached in memory. A shred in another process on the same key directory
// (`serai shred` beside a running `serve`) is seen within a second: every shred moves an epoch in
// the key database on, and a process that finds it moved forgets every key it held. Thread-safe.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "common/env.h"
#include "store/db.h"

namespace serai::keys {

class KeyStore {
 public:
  // Opens the key database in `dir` (created if needed). The master key comes from the environment
  // variable SERAI_MASTER_KEY (64 hex digits) when set, otherwise from DIR/master.key, which is
  // created with mode 0600 on first use.
  static Result<std::unique_ptr<KeyStore>> Open(const std::string& dir, Env& env);

  // The key for installation-wide secrets (for example staff TOTP secrets).
  Result<std::string> SystemKey();
  // Created on first use.
  Result<std::string> CentreKey(const std::string& centre_id);
  Result<std::string> PersonKey(const std::string& centre_id, const std::string& person_id);
  // A keyed digest of `data` for finding things without storing them in clear (a handle, a phone
  // number, a search word): HMAC-SHA256 under a subkey of the centre's key named by `role`, so the
  // centre key itself never meets attacker-chosen input and each role's digests are unrelated.
  Result<std::string> CentreDigest(const std::string& centre_id, std::string_view role,
                                   std::string_view data);

  // Encrypts one identifying field of a person under that person's data key. `field` names the
  // field and is bound to the ciphertext.
  Result<std::string> SealPersonField(const std::string& centre_id, const std::string& person_id,
                                      const std::string& field, const std::string& plaintext);
  // FailedPrecondition("shredded") once the person's key is destroyed.
  Result<std::string> OpenPersonField(const std::string& centre_id, const std::string& person_id,
                                      const std::string& field, const std::string& sealed);

  // Destroys a person record's key for good: a later seal for them (a note written in the instant
  // of the shred) is refused with FailedPrecondition("shredded") instead of making a new key.
  Status ShredPerson(const std::string& person_id);
  // Destroys an inbox contact's key (contacts share the person keys' scope); a later message from
  // the same contact is sealed under a new key, so that it is not lost.
  Status ShredContact(const std::string& contact_id);
  Status ShredCentre(const std::string& centre_id);

 private:
  KeyStore(std::unique_ptr<store::Db> db, std::string master, Env& env, std::string path);
  Result<std::string> GetOrCreate(const std::string& scope, const std::string& parent_scope,
                                  const std::string& parent_key, bool create);
  // Deletes the wrapped key of `scope` and those it wraps, keeps a digest of the scope `for_good`
  // (no key is made for it again), moves the shred epoch on and forgets the keys here.
  Status Shred(const std::string& scope, bool for_good);
  // Clears the cache when another process has shredded since the last look (at most once a second).
  Status ForgetIfShreddedElsewhere();
  std::string ShreddedDigest(const std::string& scope) const;
  Status Compact();

  std::unique_ptr<store::Db> db_;
  std::string master_;
  Env& env_;
  std::string path_;
  std::mutex mu_;
  std::unordered_map<std::string, std::string> cache_;
  int64_t epoch_ = -1;            // the shred epoch the cache belongs to
  int64_t epoch_checked_at_ = 0;  // when it was last read (env_ clock)
};

}  // namespace serai::keys
