// The audit log: append-only and hash-chained. Each event's hash covers the previous event's hash
// and every field of the event, so a changed, removed or inserted row breaks the chain from that
// point.
//
// Record() must be called inside the same transaction as the write it describes, so the write and
// its audit record commit or vanish together. Events carry ids and codes, never personal data
// values.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "store/db.h"

namespace serai::audit {

struct Event {
  std::string actor;      // user id, or "system"
  std::string centre_id;  // "" when not about one centre
  std::string action;     // for example "user.create", "user.read"
  std::string resource;   // for example "user/0190..."
  std::string purpose;    // why (see auth::Purpose)
  std::string detail;     // short, non-personal (field names changed, counts)
};

struct StoredEvent {
  int64_t seq;
  int64_t at;
  Event event;
};

// Appends `event` at time `now_millis` within the transaction of `conn`.
Status Record(store::Conn& conn, const Event& event, int64_t now_millis);

// A read of personal data: `read` runs in a read transaction, so it never holds the one writer of
// SQLite, then `event` (which `read` may complete, with counts) is recorded in a write transaction
// of its own. The caller hands out what it read only when this returns OK: nothing is shown that
// the log does not record.
Status AuditedRead(store::Db& db, const std::function<Status(store::Conn&)>& read, Event& event,
                   int64_t now_millis);

struct VerifyReport {
  int64_t events = 0;
  bool ok = true;
  int64_t first_bad_seq = 0;  // when !ok
  std::string problem;        // when !ok: "hash mismatch", "gap in sequence", ...
};

// Walks the whole chain. Reads in pages so memory stays flat. When `anchor_path` names an anchor
// file (see WriteAnchor), the chain must still hold the anchored event unchanged: this finds the
// newest events deleted, which a hash chain alone cannot.
Result<VerifyReport> Verify(store::Db& db, const std::string& anchor_path = "");

struct Head {
  int64_t seq = 0;  // 0 when the log is empty
  std::string hash;
};
Result<Head> ReadHead(store::Db& db);
// Records `head` in `path` (kept apart from the database, beside the keys), atomically and durably.
Status WriteAnchor(const std::string& path, const Head& head);

// Newest first; events of `centre_id` (all centres when "*"); before `before_seq` when > 0.
Result<std::vector<StoredEvent>> List(store::Db& db, const std::string& centre_id,
                                      int64_t before_seq, int limit);

}  // namespace serai::audit
