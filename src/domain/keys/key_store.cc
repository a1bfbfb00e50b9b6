#include "domain/keys/key_store.h"

#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "common/ids.h"
#include "crypto/crypto.h"

namespace serai::keys {
namespace {

// shredded_scope: the person records whose key was destroyed, so that no new key is ever made
// for them; named by a keyed digest, so that the key database keeps no id of a shredded person.
constexpr std::string_view kSchema =
    "CREATE TABLE IF NOT EXISTS wrapped_key (scope TEXT PRIMARY KEY, parent_scope TEXT NOT NULL, "
    "sealed BLOB NOT NULL, created_at BIGINT NOT NULL); CREATE TABLE IF NOT EXISTS shredded_scope "
    "(digest BLOB PRIMARY KEY, shredded_at BIGINT NOT NULL); CREATE TABLE IF NOT EXISTS "
    "shred_epoch (id INTEGER PRIMARY KEY CHECK (id = 1), epoch BIGINT NOT NULL); INSERT INTO "
    "shred_epoch (id, epoch) VALUES (1, 0) ON CONFLICT DO NOTHING";

Result<std::string> LoadMaster(const std::filesystem::path& dir) {
  if (const char* hex = std::getenv("SERAI_MASTER_KEY"); hex != nullptr && *hex != '\0') {
    std::string key;
    if (!HexDecode(hex, &key) || key.size() != crypto::kKeyBytes) {
      return InvalidArgument("bad_master_key", "SERAI_MASTER_KEY must be 64 hex digits");
    }
    return key;
  }
  auto path = dir / "master.key";
  if (!std::filesystem::exists(path)) {
    std::string hex = HexEncode(crypto::RandomKey());
    std::filesystem::path tmp = path.string() + ".tmp";
    {
      std::ofstream out(tmp, std::ios::trunc);
      out << hex << "\n";
      out.flush();
      if (!out) return Unavailable("key_write_failed", "cannot write the master key file");
    }
    ::chmod(tmp.c_str(), 0600);
    std::filesystem::rename(tmp, path);
  }
  std::ifstream in(path);
  std::string hex;
  in >> hex;
  std::string key;
  if (!HexDecode(hex, &key) || key.size() != crypto::kKeyBytes) {
    return FailedPrecondition("bad_master_key", "the master key file is damaged");
  }
  return key;
}

constexpr size_t kMaxCachedKeys = 200000;
// How long an unwrapped key may be used from memory before the key database is asked whether
// another process (`serai shred`) has destroyed keys since.
constexpr int64_t kShredCheckMillis = 1000;

}  // namespace

KeyStore::KeyStore(std::unique_ptr<store::Db> db, std::string master, Env& env, std::string path)
    : db_(std::move(db)), master_(std::move(master)), env_(env), path_(std::move(path)) {}

Result<std::unique_ptr<KeyStore>> KeyStore::Open(const std::string& dir, Env& env) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  ::chmod(dir.c_str(), 0700);
  ASSIGN_OR_RETURN(std::string master, LoadMaster(dir));
  std::string path = (std::filesystem::path(dir) / "keys.db").string();
  ASSIGN_OR_RETURN(auto db, store::OpenSqlite(path, 1));
  RETURN_IF_ERROR(
      db->Transact(store::Access::kWrite, [](store::Conn& c) { return c.ExecScript(kSchema); }));
  return std::unique_ptr<KeyStore>(new KeyStore(std::move(db), std::move(master), env, path));
}

Result<std::string> KeyStore::GetOrCreate(const std::string& scope, const std::string& parent_scope,
                                          const std::string& parent_key, bool create) {
  RETURN_IF_ERROR(ForgetIfShreddedElsewhere());
  {
    std::lock_guard lock(mu_);
    if (auto it = cache_.find(scope); it != cache_.end()) return it->second;
  }
  std::string key;
  auto find = [&](store::Conn& c) -> Result<bool> {
    ASSIGN_OR_RETURN(store::Rows rows,
                     c.Query("SELECT sealed FROM wrapped_key WHERE scope = ?", {scope}));
    if (rows.empty()) return false;
    ASSIGN_OR_RETURN(key, crypto::Open(parent_key, rows[0].Text(0), scope));
    return true;
  };
  // Most keys exist: look without taking the writer (and without a commit to wait for).
  bool found = false;
  RETURN_IF_ERROR(db_->Transact(store::Access::kRead, [&](store::Conn& c) -> Status {
    ASSIGN_OR_RETURN(found, find(c));
    return Status::Ok();
  }));
  if (!found && !create) return FailedPrecondition("shredded", "this key has been destroyed");
  if (!found)
    RETURN_IF_ERROR(db_->Transact(store::Access::kWrite, [&](store::Conn& c) -> Status {
      ASSIGN_OR_RETURN(bool raced, find(c));  // another thread may have made it meanwhile
      if (raced) return Status::Ok();
      ASSIGN_OR_RETURN(store::Rows shredded,
                       c.Query("SELECT 1 FROM shredded_scope WHERE digest = ?",
                               {store::Blob{ShreddedDigest(scope)}}));
      if (!shredded.empty()) {
        return FailedPrecondition("shredded", "this person's data was destroyed");
      }
      key = crypto::RandomKey();
      return c
          .Exec(
              "INSERT INTO wrapped_key (scope, parent_scope, sealed, created_at) VALUES (?, ?, ?, "
              "?)",
              {scope, parent_scope, store::Blob{crypto::Seal(parent_key, key, scope)},
               env_.NowMillis()})
          .status();
    }));
  std::lock_guard lock(mu_);
  // Unwrapped keys stay in memory for speed; a bound keeps a long-running server's share small.
  if (cache_.size() >= kMaxCachedKeys) cache_.clear();
  cache_[scope] = key;
  return key;
}

Result<std::string> KeyStore::SystemKey() { return GetOrCreate("system", "master", master_, true); }

Result<std::string> KeyStore::CentreKey(const std::string& centre_id) {
  return GetOrCreate("centre:" + centre_id, "master", master_, true);
}

Result<std::string> KeyStore::PersonKey(const std::string& centre_id,
                                        const std::string& person_id) {
  ASSIGN_OR_RETURN(std::string centre_key, CentreKey(centre_id));
  return GetOrCreate("person:" + person_id, "centre:" + centre_id, centre_key, true);
}

Result<std::string> KeyStore::SealPersonField(const std::string& centre_id,
                                              const std::string& person_id,
                                              const std::string& field,
                                              const std::string& plaintext) {
  ASSIGN_OR_RETURN(std::string key, PersonKey(centre_id, person_id));
  return crypto::Seal(key, plaintext, "person:" + person_id + ":" + field);
}

Result<std::string> KeyStore::CentreDigest(const std::string& centre_id, std::string_view role,
                                           std::string_view data) {
  ASSIGN_OR_RETURN(std::string centre_key, CentreKey(centre_id));
  return crypto::HmacSha256(crypto::HmacSha256(centre_key, role), data);
}

Result<std::string> KeyStore::OpenPersonField(const std::string& centre_id,
                                              const std::string& person_id,
                                              const std::string& field, const std::string& sealed) {
  ASSIGN_OR_RETURN(std::string centre_key, CentreKey(centre_id));
  ASSIGN_OR_RETURN(std::string key, GetOrCreate("person:" + person_id, "centre:" + centre_id,
                                                centre_key, /*create=*/false));
  return crypto::Open(key, sealed, "person:" + person_id + ":" + field);
}

std::string KeyStore::ShreddedDigest(const std::string& scope) const {
  return crypto::HmacSha256(crypto::HmacSha256(master_, "shredded"), scope);
}

Status KeyStore::ShredPerson(const std::string& person_id) {
  return Shred("person:" + person_id, /*for_good=*/true);
}

Status KeyStore::ShredContact(const std::string& contact_id) {
  return Shred("person:" + contact_id, /*for_good=*/false);
}

Status KeyStore::ShredCentre(const std::string& centre_id) {
  return Shred("centre:" + centre_id, /*for_good=*/false);
}

Status KeyStore::ForgetIfShreddedElsewhere() {
  int64_t now = env_.NowMillis();
  {
    std::lock_guard lock(mu_);
    if (now - epoch_checked_at_ < kShredCheckMillis && now >= epoch_checked_at_) {
      return Status::Ok();
    }
    epoch_checked_at_ = now;
  }
  ASSIGN_OR_RETURN(store::Rows rows, db_->Read("SELECT epoch FROM shred_epoch WHERE id = 1", {}));
  int64_t epoch = rows.empty() ? 0 : rows[0].Int(0);
  std::lock_guard lock(mu_);
  if (epoch != epoch_) cache_.clear();
  epoch_ = epoch;
  return Status::Ok();
}

// A person's scope has no children, so one statement serves a person and a centre (its people).
// Every shred moves the epoch on, so that other processes drop the keys they hold (above).
Status KeyStore::Shred(const std::string& scope, bool for_good) {
  int64_t epoch = 0;
  RETURN_IF_ERROR(db_->Transact(store::Access::kWrite, [&](store::Conn& c) -> Status {
    RETURN_IF_ERROR(
        c.Exec("DELETE FROM wrapped_key WHERE scope = ? OR parent_scope = ?", {scope, scope})
            .status());
    if (for_good) {
      RETURN_IF_ERROR(c.Exec("INSERT INTO shredded_scope (digest, shredded_at) VALUES (?, ?) ON "
                             "CONFLICT DO NOTHING",
                             {store::Blob{ShreddedDigest(scope)}, env_.NowMillis()})
                          .status());
    }
    ASSIGN_OR_RETURN(
        store::Rows moved,
        c.Query("UPDATE shred_epoch SET epoch = epoch + 1 WHERE id = 1 RETURNING epoch", {}));
    epoch = moved.empty() ? 0 : moved[0].Int(0);
    return Status::Ok();
  }));
  {
    std::lock_guard lock(mu_);
    if (scope.starts_with("centre:")) {
      cache_.clear();  // the centre's key and every key it wrapped
    } else {
      cache_.erase(scope);
    }
    // What this process shredded itself is no news to it: only another's shred clears the cache.
    if (epoch == epoch_ + 1) epoch_ = epoch;
  }
  return Compact();
}

// secure_delete zeroes freed pages; VACUUM rewrites the file and the truncating checkpoint empties
// the WAL, so no old copy of a wrapped key stays on disk. VACUUM cannot run inside a transaction,
// so the script ends the one Transact opened and starts a fresh one for it to commit.
Status KeyStore::Compact() {
  return db_->Transact(store::Access::kWrite, [](store::Conn& c) {
    return c.ExecScript("COMMIT; VACUUM; PRAGMA wal_checkpoint(TRUNCATE); BEGIN IMMEDIATE;");
  });
}

}  // namespace serai::keys
