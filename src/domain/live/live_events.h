// Live updates: what changed, announced to everyone watching a centre.
//
// A write that changes what counsellors see (a message in, a receipt, a reply, a status or an
// assignment) calls Announce() inside its transaction. After the commit, the store delivers the
// event to this process's LiveEvents and, on PostgreSQL, to every serai process on the same
// database (LISTEN/NOTIFY), which hand it to their subscribers (the inbox's server-sent events
// streams). Events carry ids and a kind only, never personal data: a client re-reads what it shows
// through the access-checked, audited API. Thread-safe.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "common/status.h"
#include "store/db.h"

namespace serai::live {

struct Event {
  std::string centre_id;        // "" in a resync event: it concerns every centre
  std::string kind;             // message, receipt, conversation, resync
  std::string conversation_id;  // may be ""
};

// Announces `event` when the transaction of `conn` commits.
Status Announce(store::Conn& conn, const Event& event);

class LiveEvents {
 public:
  // Becomes `db`'s listener.
  explicit LiveEvents(store::Db& db);
  LiveEvents(const LiveEvents&) = delete;
  LiveEvents& operator=(const LiveEvents&) = delete;

  // Calls `fn` with each event of `centre_id` (and each resync) until the returned handle is
  // destroyed. `fn` runs on the store's delivery thread and must not block.
  using Handler = std::function<void(const Event&)>;
  [[nodiscard]] std::shared_ptr<void> Subscribe(const std::string& centre_id, Handler fn);

  size_t subscribers() const;

 private:
  // Shared with the store's listener and the subscription handles, which may outlive this object.
  struct Registry;
  std::shared_ptr<Registry> registry_;
};

}  // namespace serai::live
