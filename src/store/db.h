// Db: the one storage interface, implemented by SQLite (embedded default) and PostgreSQL
// (scale-out).
//
// SQL is written once in the portable subset both engines accept: `?` placeholders,
// BIGINT/TEXT/BLOB columns, INSERT ... ON CONFLICT, RETURNING. The PostgreSQL backend rewrites `?`
// to `$n` and BLOB to BYTEA. Values cross the interface as Value (null, 64-bit integer, text, or
// bytes); a store never sees JSON.
//
// Thread-safety: Db is thread-safe; a Conn belongs to one Transact call and must not escape it.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "common/status.h"

namespace serai::store {

struct Blob {
  std::string bytes;
};

using Value = std::variant<std::monostate, int64_t, std::string, Blob>;
using Params = std::vector<Value>;

class Row {
 public:
  explicit Row(std::vector<Value> cols) : cols_(std::move(cols)) {}
  size_t size() const { return cols_.size(); }
  bool IsNull(size_t i) const { return std::holds_alternative<std::monostate>(cols_.at(i)); }
  // Integer column; 0 for null.
  int64_t Int(size_t i) const;
  // Text or bytes column; empty for null.
  const std::string& Text(size_t i) const;

 private:
  std::vector<Value> cols_;
};

using Rows = std::vector<Row>;

enum class Backend { kSqlite, kPostgres };
enum class Access { kRead, kWrite };

// One connection inside one transaction.
class Conn {
 public:
  virtual ~Conn() = default;
  virtual Result<Rows> Query(std::string_view sql, const Params& params) = 0;
  // Returns the number of rows changed. A unique-constraint violation is AlreadyExists("conflict").
  virtual Result<int64_t> Exec(std::string_view sql, const Params& params) = 0;
  // Several parameterless statements separated by semicolons (migrations).
  virtual Status ExecScript(std::string_view sql) = 0;
  virtual Backend backend() const = 0;
  // Announces `payload` to the Db's listener in this process and, on PostgreSQL, in every process
  // connected to the same database, once this transaction commits; nothing if it rolls back.
  // Payloads pass through the database server: ids only, never personal data; under 4,000 bytes.
  virtual Status Notify(std::string_view payload) = 0;
};

class Db {
 public:
  virtual ~Db() = default;
  virtual Backend backend() const = 0;
  // Runs `fn` inside one transaction and commits when it returns OK; any other outcome rolls back
  // and is returned. Write transactions take the write lock up front (SQLite: BEGIN IMMEDIATE on
  // the one writer connection), so they never fail half-way on a lock upgrade. A committed write
  // survives kill -9 and power loss (SQLite: WAL with synchronous=FULL; PostgreSQL: its own WAL).
  virtual Status Transact(Access access, const std::function<Status(Conn&)>& fn) = 0;
  // An online, transactionally consistent copy of the whole database at `dest_path` (SQLite only;
  // PostgreSQL deployments use pg_dump through `serai backup`).
  virtual Status BackupTo(const std::string& dest_path) = 0;

  // Receives committed Notify() payloads, on a thread that is not the caller's, in commit order
  // per process. An empty payload means some may have been missed (the connection to PostgreSQL
  // was lost and is back), so the listener should treat everything as changed. Set it once,
  // before the Db is shared; it must return quickly.
  using Listener = std::function<void(std::string_view payload)>;
  virtual void Listen(Listener listener) = 0;

  // Convenience: one read statement in its own transaction.
  Result<Rows> Read(std::string_view sql, const Params& params);
};

// Opens (creating if needed) the SQLite database at `path` with one writer and `readers` reader
// connections.
Result<std::unique_ptr<Db>> OpenSqlite(const std::string& path, int readers);
// Connects to PostgreSQL with a libpq connection string or URL, with up to `pool_size` connections.
Result<std::unique_ptr<Db>> OpenPostgres(const std::string& conninfo, int pool_size);

// Brings the schema to the newest version; safe to run from several processes at once.
// `migrations` are applied in order of version, each in its own transaction.
struct Migration {
  int version;
  std::string_view name;
  std::string_view sql;
};
Status Migrate(Db& db, const std::vector<Migration>& migrations);
// Serai's own schema.
const std::vector<Migration>& SeraiMigrations();
Result<int64_t> SchemaVersion(Db& db);

}  // namespace serai::store
