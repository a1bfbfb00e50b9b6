// Queues by language, who is online, and automatic round-robin assignment.
//
// Every conversation has a language (guessed from its first messages, see search/language_guess.h;
// counsellors can correct it) and waits in its centre's queue for that language. A counsellor or
// manager is online in a centre while their live inbox stream for it is open: the stream touches
// their presence when it opens and at every heartbeat, and "online" means seen within the window.
//
// When a conversation without an assignee receives a message, it goes to the online counsellor of
// the centre who counsels in its language and was assigned automatically least recently (round
// robin). With nobody online who speaks it, it waits, unassigned, in its language's queue for a
// manager or a counsellor to take it; a conversation of unknown language goes to any online
// counsellor. An assigned conversation keeps its counsellor, online or not, for continuity of care.
// Managers supervise and are never assigned automatically. Thread-safe.
#pragma once

#include <string>
#include <vector>

#include "common/env.h"
#include "domain/auth/access.h"
#include "store/db.h"

namespace serai::inbox {

struct LanguageQueue {
  std::string language;    // "" for conversations whose language is unknown
  int64_t active = 0;      // not resolved
  int64_t unassigned = 0;  // not resolved and nobody's
};

struct StaffMember {
  std::string user_id;
  std::string display_name;
  std::vector<std::string> languages;
  bool counsellor = false;  // else a manager
  bool online = false;
  int64_t active = 0;  // unresolved conversations assigned to them
};

struct QueueOverview {
  std::vector<LanguageQueue> languages;  // the centre's languages first, then any others
  int64_t mine = 0;                      // unresolved, assigned to the caller
  int64_t unassigned = 0;                // unresolved, nobody's
  int64_t overdue = 0;  // open, the person's last message unanswered past the response target
  std::vector<StaffMember> staff;  // counsellors and managers of the centre, by name
};

class Routing {
 public:
  Routing(store::Db& db, Env& env, int64_t online_window_ms)
      : db_(db), env_(env), online_window_ms_(online_window_ms) {}

  // Marks `user_id` online in `centre_id` now.
  Status Touch(const std::string& centre_id, const std::string& user_id);

  // Inside a write transaction: gives the conversation to the next online counsellor for its
  // language if it has no assignee. Returns who got it, or "" when it stays in the queue.
  Result<std::string> AssignIfWaiting(store::Conn& conn, const std::string& centre_id,
                                      const std::string& conversation_id, int64_t now);

  // The centre's queues and staff. No personal data of contacts: not audited.
  Result<QueueOverview> Overview(const auth::Principal& actor, const std::string& centre_id);

 private:
  store::Db& db_;
  Env& env_;
  int64_t online_window_ms_;
};

}  // namespace serai::inbox
