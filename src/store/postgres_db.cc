// PostgreSQL backend over libpq: a pool of connections, statements prepared once per connection,
// parameters sent as text (bytes as binary), results read as text and typed by column OID.
#include <libpq-fe.h>
#include <poll.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <thread>
#include <unordered_map>

#include "common/ids.h"
#include "store/conn_pool.h"
#include "store/db.h"

namespace serai::store {
namespace {

constexpr Oid kBoolOid = 16;
constexpr Oid kByteaOid = 17;
constexpr Oid kInt8Oid = 20;
constexpr Oid kInt2Oid = 21;
constexpr Oid kInt4Oid = 23;

// `?` placeholders to `$n`; BLOB to BYTEA; SQLite's WITHOUT ROWID dropped. Our SQL never holds
// `?` inside string literals.
std::string ToPostgres(std::string_view sql) {
  std::string out;
  out.reserve(sql.size() + 16);
  int n = 0;
  for (size_t i = 0; i < sql.size(); ++i) {
    if (sql[i] == '?') {
      out += "$" + std::to_string(++n);
    } else if (sql.compare(i, 4, "BLOB") == 0) {
      out += "BYTEA";
      i += 3;
    } else if (sql.compare(i, 14, " WITHOUT ROWID") == 0) {
      i += 13;
    } else {
      out += sql[i];
    }
  }
  return out;
}

Status PgError(PGresult* res, PGconn* conn, std::string_view what) {
  const char* state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr;
  std::string sqlstate = state ? state : "";
  if (sqlstate == "23505")
    return AlreadyExists("conflict", "a record with the same key already exists");
  if (sqlstate == "40001" || sqlstate == "40P01") {
    return Unavailable("database_busy", "the database is busy; try again");
  }
  if (PQstatus(conn) != CONNECTION_OK) {
    return Unavailable("database_unavailable", "the database connection was lost");
  }
  return Internal("postgres_error", std::string(what) + ": " + PQerrorMessage(conn));
}

struct ResultDeleter {
  void operator()(PGresult* r) const { PQclear(r); }
};
using PgResult = std::unique_ptr<PGresult, ResultDeleter>;

class PgConn : public Conn {
 public:
  explicit PgConn(PGconn* conn) : conn_(conn) {}
  ~PgConn() override { PQfinish(conn_); }
  PgConn(const PgConn&) = delete;
  PgConn& operator=(const PgConn&) = delete;

  Backend backend() const override { return Backend::kPostgres; }

  Result<Rows> Query(std::string_view sql, const Params& params) override {
    ASSIGN_OR_RETURN(PgResult res, Run(sql, params));
    Rows rows;
    int nrows = PQntuples(res.get());
    int ncols = PQnfields(res.get());
    rows.reserve(static_cast<size_t>(nrows));
    for (int r = 0; r < nrows; ++r) {
      std::vector<Value> cols;
      cols.reserve(static_cast<size_t>(ncols));
      for (int c = 0; c < ncols; ++c) cols.push_back(Cell(res.get(), r, c));
      rows.emplace_back(std::move(cols));
    }
    return rows;
  }

  Result<int64_t> Exec(std::string_view sql, const Params& params) override {
    ASSIGN_OR_RETURN(PgResult res, Run(sql, params));
    const char* n = PQcmdTuples(res.get());
    return static_cast<int64_t>(n && *n ? std::stoll(n) : 0);
  }

  Status ExecScript(std::string_view sql) override {
    PgResult res(PQexec(conn_, ToPostgres(sql).c_str()));
    ExecStatusType st = PQresultStatus(res.get());
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) return PgError(res.get(), conn_, "script");
    return Status::Ok();
  }

  Status Notify(std::string_view payload) override {
    return Query("SELECT pg_notify('serai_live', ?)", {std::string(payload)}).status();
  }

  bool Healthy() {
    if (PQstatus(conn_) == CONNECTION_OK) return true;
    PQreset(conn_);
    prepared_.clear();
    return PQstatus(conn_) == CONNECTION_OK;
  }

 private:
  Result<PgResult> Run(std::string_view sql, const Params& params) {
    auto it = prepared_.find(std::string(sql));
    if (it == prepared_.end()) {
      std::string name = "s" + std::to_string(prepared_.size());
      PgResult prep(PQprepare(conn_, name.c_str(), ToPostgres(sql).c_str(), 0, nullptr));
      if (PQresultStatus(prep.get()) != PGRES_COMMAND_OK)
        return PgError(prep.get(), conn_, "prepare");
      it = prepared_.emplace(std::string(sql), name).first;
    }
    std::vector<std::string> text(params.size());
    std::vector<const char*> values(params.size());
    std::vector<int> lengths(params.size());
    std::vector<int> formats(params.size());
    for (size_t i = 0; i < params.size(); ++i) {
      const Value& v = params[i];
      if (const auto* n = std::get_if<int64_t>(&v)) {
        text[i] = std::to_string(*n);
        values[i] = text[i].c_str();
      } else if (const auto* s = std::get_if<std::string>(&v)) {
        values[i] = s->c_str();
      } else if (const auto* b = std::get_if<Blob>(&v)) {
        values[i] = b->bytes.data();
        lengths[i] = static_cast<int>(b->bytes.size());
        formats[i] = 1;
      } else {
        values[i] = nullptr;
      }
    }
    PgResult res(PQexecPrepared(conn_, it->second.c_str(), static_cast<int>(params.size()),
                                values.data(), lengths.data(), formats.data(), 0));
    ExecStatusType st = PQresultStatus(res.get());
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) return PgError(res.get(), conn_, "query");
    return res;
  }

  static Value Cell(PGresult* res, int r, int c) {
    if (PQgetisnull(res, r, c)) return std::monostate{};
    const char* v = PQgetvalue(res, r, c);
    switch (PQftype(res, c)) {
      case kInt8Oid:
      case kInt4Oid:
      case kInt2Oid:
        return static_cast<int64_t>(std::stoll(v));
      case kBoolOid:
        return static_cast<int64_t>(v[0] == 't' ? 1 : 0);
      case kByteaOid: {
        std::string bytes;
        std::string_view hex(v);
        if (hex.starts_with("\\x")) HexDecode(hex.substr(2), &bytes);
        return Blob{std::move(bytes)};
      }
      default:
        return std::string(v, static_cast<size_t>(PQgetlength(res, r, c)));
    }
  }

  PGconn* conn_;
  std::unordered_map<std::string, std::string> prepared_;
};

class PostgresDb : public Db {
 public:
  PostgresDb(std::string conninfo, int pool_size)
      : conninfo_(std::move(conninfo)),
        pool_(static_cast<size_t>(pool_size), [this] { return NewConn(); }) {}

  Status Connect() {
    ASSIGN_OR_RETURN(auto conn, NewConn());
    pool_.Add(std::move(conn));
    return Status::Ok();
  }

  Backend backend() const override { return Backend::kPostgres; }

  Status Transact(Access access, const std::function<Status(Conn&)>& fn) override {
    ASSIGN_OR_RETURN(auto conn, pool_.Acquire());
    if (!conn->Healthy()) {
      return Unavailable("database_unavailable", "the database connection was lost");
    }
    Status s = conn->ExecScript(access == Access::kWrite ? "BEGIN" : "BEGIN READ ONLY");
    if (s.ok()) s = fn(*conn);
    if (s.ok()) s = conn->ExecScript("COMMIT");
    if (!s.ok()) (void)conn->ExecScript("ROLLBACK");
    return s;
  }

  Status BackupTo(const std::string&) override {
    return FailedPrecondition("not_supported", "PostgreSQL backups are taken with pg_dump");
  }

  ~PostgresDb() override {
    stop_listening_ = true;
    if (listen_thread_.joinable()) listen_thread_.join();
  }

  void Listen(Listener listener) override {
    listener_ = std::move(listener);
    listen_thread_ = std::thread([this] { ListenLoop(); });
  }

 private:
  Result<std::unique_ptr<PgConn>> NewConn() {
    PGconn* raw = PQconnectdb(conninfo_.c_str());
    auto conn = std::make_unique<PgConn>(raw);
    if (PQstatus(raw) != CONNECTION_OK) {
      return Unavailable("database_unavailable", "cannot connect to PostgreSQL");
    }
    PgResult res(PQexec(raw, "SET client_min_messages = warning"));
    return conn;
  }

  // One connection of its own LISTENs; notifications of every process arrive on it. When it is
  // lost, it reconnects (after 1 s, then up to 10 s apart) and tells the listener it may have
  // missed some.
  void ListenLoop() {
    bool first = true;
    int backoff_ms = 1000;
    while (!stop_listening_) {
      PGconn* conn = PQconnectdb(conninfo_.c_str());
      PgResult res(PQstatus(conn) == CONNECTION_OK ? PQexec(conn, "LISTEN serai_live") : nullptr);
      if (res == nullptr || PQresultStatus(res.get()) != PGRES_COMMAND_OK) {
        PQfinish(conn);
        for (int waited = 0; waited < backoff_ms && !stop_listening_; waited += 100) {
          std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        backoff_ms = std::min(backoff_ms * 2, 10000);
        continue;
      }
      backoff_ms = 1000;
      if (!first) listener_("");
      first = false;
      while (!stop_listening_ && PQstatus(conn) == CONNECTION_OK) {
        pollfd pfd{PQsocket(conn), POLLIN, 0};
        if (::poll(&pfd, 1, 200) < 0 && errno != EINTR) break;
        if (PQconsumeInput(conn) == 0) break;
        while (PGnotify* n = PQnotifies(conn)) {
          listener_(n->extra);
          PQfreemem(n);
        }
      }
      PQfinish(conn);
    }
  }

  std::string conninfo_;
  ConnPool<PgConn> pool_;
  Listener listener_;
  std::atomic<bool> stop_listening_{false};
  std::thread listen_thread_;
};

}  // namespace

Result<std::unique_ptr<Db>> OpenPostgres(const std::string& conninfo, int pool_size) {
  auto db = std::make_unique<PostgresDb>(conninfo, std::max(1, pool_size));
  RETURN_IF_ERROR(db->Connect());
  return std::unique_ptr<Db>(std::move(db));
}

}  // namespace serai::store
