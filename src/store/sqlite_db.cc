// SQLite backend: one writer connection (writes are serialised, as SQLite requires) and a pool of
// read-only connections that read concurrently under WAL.
#include <sqlite3.h>

#include <algorithm>
#include <condition_variable>
#include <mutex>
#include <unordered_map>
#include <utility>

#include "store/conn_pool.h"
#include "store/db.h"

namespace serai::store {
namespace {

Status SqliteError(sqlite3* db, int rc, std::string_view what) {
  int ext = sqlite3_extended_errcode(db);
  if (ext == SQLITE_CONSTRAINT_UNIQUE || ext == SQLITE_CONSTRAINT_PRIMARYKEY) {
    return AlreadyExists("conflict", "a record with the same key already exists");
  }
  if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
    return Unavailable("database_busy", "the database is busy; try again");
  }
  if (rc == SQLITE_FULL) return ResourceExhausted("disk_full", "the disk is full");
  return Internal("sqlite_error", std::string(what) + ": " + sqlite3_errmsg(db));
}

class SqliteConn : public Conn {
 public:
  explicit SqliteConn(sqlite3* db) : db_(db) {}
  ~SqliteConn() override {
    for (auto& [sql, stmt] : cache_) sqlite3_finalize(stmt);
    sqlite3_close_v2(db_);
  }
  SqliteConn(const SqliteConn&) = delete;
  SqliteConn& operator=(const SqliteConn&) = delete;

  Backend backend() const override { return Backend::kSqlite; }

  Result<Rows> Query(std::string_view sql, const Params& params) override {
    ASSIGN_OR_RETURN(sqlite3_stmt * stmt, Prepare(sql, params));
    Rows rows;
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) rows.push_back(ReadRow(stmt));
    sqlite3_reset(stmt);
    if (rc != SQLITE_DONE) return SqliteError(db_, rc, "query");
    return rows;
  }

  Result<int64_t> Exec(std::string_view sql, const Params& params) override {
    ASSIGN_OR_RETURN(sqlite3_stmt * stmt, Prepare(sql, params));
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
    }
    sqlite3_reset(stmt);
    if (rc != SQLITE_DONE) return SqliteError(db_, rc, "exec");
    return static_cast<int64_t>(sqlite3_changes64(db_));
  }

  Status ExecScript(std::string_view sql) override {
    std::string text(sql);
    char* err = nullptr;
    int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
      std::string msg = err ? err : "unknown";
      sqlite3_free(err);
      return Internal("sqlite_error", "script: " + msg);
    }
    return Status::Ok();
  }

  sqlite3* raw() { return db_; }

 private:
  Result<sqlite3_stmt*> Prepare(std::string_view sql, const Params& params) {
    sqlite3_stmt*& stmt = cache_[std::string(sql)];
    if (stmt == nullptr) {
      int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                  SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
      if (rc != SQLITE_OK) {
        cache_.erase(std::string(sql));
        return SqliteError(db_, rc, "prepare");
      }
    }
    sqlite3_clear_bindings(stmt);
    for (size_t i = 0; i < params.size(); ++i) {
      int idx = static_cast<int>(i) + 1;
      const Value& v = params[i];
      if (const auto* n = std::get_if<int64_t>(&v)) {
        sqlite3_bind_int64(stmt, idx, *n);
      } else if (const auto* s = std::get_if<std::string>(&v)) {
        sqlite3_bind_text64(stmt, idx, s->data(), s->size(), SQLITE_STATIC, SQLITE_UTF8);
      } else if (const auto* b = std::get_if<Blob>(&v)) {
        sqlite3_bind_blob64(stmt, idx, b->bytes.data(), b->bytes.size(), SQLITE_STATIC);
      } else {
        sqlite3_bind_null(stmt, idx);
      }
    }
    return stmt;
  }

  static Row ReadRow(sqlite3_stmt* stmt) {
    int n = sqlite3_column_count(stmt);
    std::vector<Value> cols;
    cols.reserve(static_cast<size_t>(n));
    for (int i = 0; i < n; ++i) {
      switch (sqlite3_column_type(stmt, i)) {
        case SQLITE_INTEGER:
          cols.emplace_back(static_cast<int64_t>(sqlite3_column_int64(stmt, i)));
          break;
        case SQLITE_TEXT:
          cols.emplace_back(std::string(reinterpret_cast<const char*>(sqlite3_column_text(stmt, i)),
                                        static_cast<size_t>(sqlite3_column_bytes(stmt, i))));
          break;
        case SQLITE_BLOB: {
          const char* p = static_cast<const char*>(sqlite3_column_blob(stmt, i));
          cols.emplace_back(
              Blob{std::string(p ? p : "", static_cast<size_t>(sqlite3_column_bytes(stmt, i)))});
          break;
        }
        case SQLITE_FLOAT:
          cols.emplace_back(static_cast<int64_t>(sqlite3_column_double(stmt, i)));
          break;
        default:
          cols.emplace_back(std::monostate{});
      }
    }
    return Row(std::move(cols));
  }

  sqlite3* db_;
  std::unordered_map<std::string, sqlite3_stmt*> cache_;

 public:
  // Notify() payloads of the open transaction, delivered by SqliteDb after it commits.
  Status Notify(std::string_view payload) override {
    notes_.emplace_back(payload);
    return Status::Ok();
  }
  size_t NoteCount() const { return notes_.size(); }
  void DropNotesFrom(size_t mark) { notes_.resize(std::min(mark, notes_.size())); }
  std::vector<std::string> TakeNotes() { return std::exchange(notes_, {}); }

 private:
  std::vector<std::string> notes_;
};

Result<std::unique_ptr<SqliteConn>> OpenConn(const std::string& path, bool read_only) {
  sqlite3* raw = nullptr;
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  auto conn = std::make_unique<SqliteConn>(raw);
  if (rc != SQLITE_OK) return Unavailable("open_failed", "cannot open the database file");
  sqlite3_extended_result_codes(raw, 1);
  sqlite3_busy_timeout(raw, 5000);
  RETURN_IF_ERROR(
      conn->ExecScript("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; "
                       "PRAGMA secure_delete=ON;"));
  if (read_only) RETURN_IF_ERROR(conn->ExecScript("PRAGMA query_only=1;"));
  return conn;
}

class SqliteDb : public Db {
 public:
  SqliteDb(std::unique_ptr<SqliteConn> writer, std::vector<std::unique_ptr<SqliteConn>> readers)
      : writer_(std::move(writer)), readers_(readers.size(), nullptr) {
    for (auto& r : readers) readers_.Add(std::move(r));
  }

  Backend backend() const override { return Backend::kSqlite; }

  Status Transact(Access access, const std::function<Status(Conn&)>& fn) override {
    if (access == Access::kWrite) return GroupWrite(fn);
    ASSIGN_OR_RETURN(auto reader, readers_.Acquire());
    return RunTx(*reader, "BEGIN", fn);
  }

  Status BackupTo(const std::string& dest_path) override {
    ASSIGN_OR_RETURN(auto reader, readers_.Acquire());
    return CopyTo(reader->raw(), dest_path);
  }

  void Listen(Listener listener) override { listener_ = std::move(listener); }

 private:
  Status RunTx(SqliteConn& conn, const char* begin, const std::function<Status(Conn&)>& fn) {
    RETURN_IF_ERROR(conn.ExecScript(begin));
    Status s = fn(conn);
    if (s.ok()) s = conn.ExecScript("COMMIT");
    if (!s.ok()) (void)conn.ExecScript("ROLLBACK");
    Deliver(conn, s.ok());
    return s;
  }

  // One process owns a SQLite database, so notifications go straight to the listener.
  void Deliver(SqliteConn& conn, bool committed) {
    std::vector<std::string> notes = conn.TakeNotes();
    if (!committed || !listener_) return;
    for (const std::string& note : notes) listener_(note);
  }

  // Group commit: writers that arrive while a commit is under way queue up; the next one to find
  // the writer free becomes the leader and runs the whole queue in one transaction, each function
  // in its own savepoint (a failing one rolls back alone), so one fsync serves them all. Every
  // caller returns only after the commit that holds its writes, so acknowledged writes are durable.
  struct PendingWrite {
    const std::function<Status(Conn&)>* fn;
    Status result;
    bool done = false;
  };

  Status GroupWrite(const std::function<Status(Conn&)>& fn) {
    PendingWrite me{&fn, Status::Ok()};
    std::unique_lock lock(write_mu_);
    queue_.push_back(&me);
    while (!me.done) {
      if (leader_active_) {
        write_cv_.wait(lock);
        continue;
      }
      leader_active_ = true;
      size_t n = std::min(queue_.size(), kMaxBatch);
      std::vector<PendingWrite*> batch(queue_.begin(), queue_.begin() + static_cast<long>(n));
      queue_.erase(queue_.begin(), queue_.begin() + static_cast<long>(n));
      lock.unlock();
      RunBatch(batch);
      lock.lock();
      for (PendingWrite* p : batch) p->done = true;
      leader_active_ = false;
      write_cv_.notify_all();
    }
    return me.result;
  }

  void RunBatch(const std::vector<PendingWrite*>& batch) {
    if (batch.size() == 1) {
      batch[0]->result = RunTx(*writer_, "BEGIN IMMEDIATE", *batch[0]->fn);
      return;
    }
    Status begin = writer_->ExecScript("BEGIN IMMEDIATE");
    if (!begin.ok()) {
      for (PendingWrite* p : batch) p->result = begin;
      return;
    }
    for (PendingWrite* p : batch) {
      size_t notes_before = writer_->NoteCount();
      p->result = writer_->ExecScript("SAVEPOINT w");
      if (p->result.ok()) p->result = (*p->fn)(*writer_);
      Status end = writer_->ExecScript(p->result.ok() ? "RELEASE w" : "ROLLBACK TO w; RELEASE w");
      if (p->result.ok()) p->result = end;
      if (!p->result.ok()) writer_->DropNotesFrom(notes_before);
    }
    Status commit = writer_->ExecScript("COMMIT");
    if (!commit.ok()) {
      (void)writer_->ExecScript("ROLLBACK");
      for (PendingWrite* p : batch) {
        if (p->result.ok()) p->result = commit;
      }
    }
    Deliver(*writer_, commit.ok());
  }

  static Status CopyTo(sqlite3* src, const std::string& dest_path) {
    sqlite3* dest = nullptr;
    if (sqlite3_open(dest_path.c_str(), &dest) != SQLITE_OK) {
      sqlite3_close(dest);
      return Unavailable("open_failed", "cannot create the backup file");
    }
    sqlite3_backup* backup = sqlite3_backup_init(dest, "main", src, "main");
    int rc = backup ? sqlite3_backup_step(backup, -1) : SQLITE_ERROR;
    if (backup) sqlite3_backup_finish(backup);
    Status s = rc == SQLITE_DONE ? Status::Ok() : SqliteError(dest, rc, "backup");
    sqlite3_close(dest);
    return s;
  }

  static constexpr size_t kMaxBatch = 256;
  Listener listener_;
  std::mutex write_mu_;
  std::condition_variable write_cv_;
  std::vector<PendingWrite*> queue_;
  bool leader_active_ = false;
  std::unique_ptr<SqliteConn> writer_;
  ConnPool<SqliteConn> readers_;
};

}  // namespace

Result<std::unique_ptr<Db>> OpenSqlite(const std::string& path, int readers) {
  ASSIGN_OR_RETURN(auto writer, OpenConn(path, false));
  std::vector<std::unique_ptr<SqliteConn>> pool;
  for (int i = 0; i < std::max(1, readers); ++i) {
    ASSIGN_OR_RETURN(auto r, OpenConn(path, true));
    pool.push_back(std::move(r));
  }
  return std::unique_ptr<Db>(std::make_unique<SqliteDb>(std::move(writer), std::move(pool)));
}

}  // namespace serai::store
