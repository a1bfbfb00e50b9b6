#include "domain/audit/audit_log.h"

#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "common/files.h"
#include "common/ids.h"
#include "crypto/crypto.h"

namespace serai::audit {
namespace {

// Length-prefixed so that no two different events serialise alike.
std::string Canonical(int64_t seq, int64_t at, const Event& e) {
  std::string out;
  auto add = [&](const std::string& field) {
    out += std::to_string(field.size());
    out += ':';
    out += field;
  };
  add(std::to_string(seq));
  add(std::to_string(at));
  add(e.actor);
  add(e.centre_id);
  add(e.action);
  add(e.resource);
  add(e.purpose);
  add(e.detail);
  return out;
}

std::string ChainHash(const std::string& prev, int64_t seq, int64_t at, const Event& e) {
  return crypto::Sha256(prev + Canonical(seq, at, e));
}

constexpr char kColumns[] =
    "seq, at, actor, centre_id, action, resource, purpose, detail, prev_hash, hash";

StoredEvent FromRow(const store::Row& r) {
  return {r.Int(0), r.Int(1),
          Event{r.Text(2), r.Text(3), r.Text(4), r.Text(5), r.Text(6), r.Text(7)}};
}

}  // namespace

Status Record(store::Conn& conn, const Event& event, int64_t now_millis) {
  if (conn.backend() == store::Backend::kPostgres) {
    // Serialises appenders across processes; released at commit.
    RETURN_IF_ERROR(conn.ExecScript("SELECT pg_advisory_xact_lock(727302)"));
  }
  ASSIGN_OR_RETURN(store::Rows last,
                   conn.Query("SELECT seq, hash FROM audit_event ORDER BY seq DESC LIMIT 1", {}));
  int64_t seq = last.empty() ? 1 : last[0].Int(0) + 1;
  std::string prev = last.empty() ? std::string(32, '\0') : last[0].Text(1);
  std::string hash = ChainHash(prev, seq, now_millis, event);
  return conn
      .Exec(
          "INSERT INTO audit_event (seq, at, actor, centre_id, action, resource, purpose, detail, "
          "prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          {seq, now_millis, event.actor, event.centre_id, event.action, event.resource,
           event.purpose, event.detail, store::Blob{prev}, store::Blob{hash}})
      .status();
}

Result<Head> ReadHead(store::Db& db) {
  ASSIGN_OR_RETURN(store::Rows rows,
                   db.Read("SELECT seq, hash FROM audit_event ORDER BY seq DESC LIMIT 1", {}));
  if (rows.empty()) return Head{};
  return Head{rows[0].Int(0), rows[0].Text(1)};
}

Status WriteAnchor(const std::string& path, const Head& head) {
  std::string line = std::to_string(head.seq) + " " + HexEncode(head.hash) + "\n";
  if (!WriteFileDurably(path, line).ok()) {
    return Unavailable("anchor_write_failed", "cannot write the audit anchor");
  }
  return Status::Ok();
}

namespace {

// The anchored event must still be there with the same hash.
Status CheckAnchor(store::Db& db, const std::string& anchor_path, VerifyReport& report) {
  std::ifstream in(anchor_path);
  int64_t seq = 0;
  std::string hex, hash;
  if (!(in >> seq >> hex) || !HexDecode(hex, &hash)) return Status::Ok();  // no anchor yet
  ASSIGN_OR_RETURN(store::Rows rows, db.Read("SELECT hash FROM audit_event WHERE seq = ?", {seq}));
  if (seq > 0 && (rows.empty() || rows[0].Text(0) != hash)) {
    report.ok = false;
    report.first_bad_seq = seq;
    report.problem =
        rows.empty() ? "events up to the anchor are missing" : "anchored event changed";
  }
  return Status::Ok();
}

}  // namespace

Result<VerifyReport> Verify(store::Db& db, const std::string& anchor_path) {
  VerifyReport report;
  if (!anchor_path.empty()) {
    RETURN_IF_ERROR(CheckAnchor(db, anchor_path, report));
    if (!report.ok) return report;
  }
  std::string prev(32, '\0');
  int64_t expected_seq = 1;
  constexpr int64_t kPage = 2000;
  for (;;) {
    ASSIGN_OR_RETURN(store::Rows rows,
                     db.Read(std::string("SELECT ") + kColumns +
                                 " FROM audit_event WHERE seq >= ? ORDER BY seq LIMIT ?",
                             {expected_seq, kPage}));
    for (const store::Row& r : rows) {
      StoredEvent e = FromRow(r);
      auto fail = [&](const char* problem) {
        report.ok = false;
        report.first_bad_seq = e.seq;
        report.problem = problem;
        return report;
      };
      if (e.seq != expected_seq) return fail("gap in sequence");
      if (r.Text(8) != prev) return fail("previous hash does not match");
      if (ChainHash(prev, e.seq, e.at, e.event) != r.Text(9)) return fail("hash mismatch");
      prev = r.Text(9);
      ++expected_seq;
      ++report.events;
    }
    if (static_cast<int64_t>(rows.size()) < kPage) break;
  }
  return report;
}

Result<std::vector<StoredEvent>> List(store::Db& db, const std::string& centre_id,
                                      int64_t before_seq, int limit) {
  std::string sql = std::string("SELECT ") + kColumns + " FROM audit_event WHERE seq < ?";
  store::Params params = {before_seq > 0 ? before_seq : INT64_MAX};
  if (centre_id != "*") {
    sql += " AND centre_id = ?";
    params.emplace_back(centre_id);
  }
  sql += " ORDER BY seq DESC LIMIT ?";
  params.emplace_back(int64_t{limit});
  ASSIGN_OR_RETURN(store::Rows rows, db.Read(sql, params));
  std::vector<StoredEvent> out;
  out.reserve(rows.size());
  for (const auto& r : rows) out.push_back(FromRow(r));
  return out;
}

Status AuditedRead(store::Db& db, const std::function<Status(store::Conn&)>& read, Event& event,
                   int64_t now_millis) {
  RETURN_IF_ERROR(db.Transact(store::Access::kRead, read));
  return db.Transact(store::Access::kWrite,
                     [&](store::Conn& conn) { return Record(conn, event, now_millis); });
}

}  // namespace serai::audit
