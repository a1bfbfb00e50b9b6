#include "domain/inbox/routing.h"

#include <algorithm>
#include <map>

#include "common/language_codes.h"
#include "common/lists.h"
#include "domain/audit/audit_log.h"

namespace serai::inbox {

// Statuses a conversation is still being worked in.
constexpr char kUnresolved[] = "v.status IN ('open', 'pending', 'snoozed')";

Status Routing::Touch(const std::string& centre_id, const std::string& user_id) {
  int64_t now = env_.NowMillis();
  return db_.Transact(store::Access::kWrite, [&](store::Conn& conn) {
    return conn
        .Exec(
            "INSERT INTO presence (centre_id, user_id, last_seen, last_assigned_at) VALUES (?, "
            "?, ?, 0) ON CONFLICT (centre_id, user_id) DO UPDATE SET last_seen = "
            "excluded.last_seen",
            {centre_id, user_id, now})
        .status();
  });
}

Result<std::string> Routing::AssignIfWaiting(store::Conn& conn, const std::string& centre_id,
                                             const std::string& conversation_id, int64_t now) {
  ASSIGN_OR_RETURN(store::Rows conv,
                   conn.Query("SELECT language FROM conversation WHERE id = ? AND centre_id = ? "
                              "AND assignee_id IS NULL",
                              {conversation_id, centre_id}));
  if (conv.empty()) return std::string();
  const std::string& language = conv[0].Text(0);
  ASSIGN_OR_RETURN(
      store::Rows next,
      conn.Query(
          "SELECT p.user_id FROM presence p JOIN app_user u ON u.id = p.user_id WHERE "
          "p.centre_id = ? AND p.last_seen >= ? AND u.disabled = 0 AND EXISTS (SELECT 1 "
          "FROM user_role r WHERE r.user_id = p.user_id AND r.centre_id IN (?, '*') AND "
          "r.role = 'counsellor') AND (? = '' OR (',' || u.languages || ',') LIKE ?) "
          "ORDER BY p.last_assigned_at, p.user_id LIMIT 1",
          {centre_id, now - online_window_ms_, centre_id, language, "%," + language + ",%"}));
  if (next.empty()) return std::string();
  std::string assignee = next[0].Text(0);
  RETURN_IF_ERROR(conn.Exec("UPDATE conversation SET assignee_id = ? WHERE id = ? AND "
                            "assignee_id IS NULL",
                            {assignee, conversation_id})
                      .status());
  RETURN_IF_ERROR(conn.Exec("UPDATE presence SET last_assigned_at = ? WHERE centre_id = ? AND "
                            "user_id = ?",
                            {now, centre_id, assignee})
                      .status());
  RETURN_IF_ERROR(audit::Record(
      conn,
      {"system", centre_id, "conversation.assign", "conversation/" + conversation_id, "counselling",
       "assignee=" + assignee + " language=" + language + " round-robin"},
      now));
  return assignee;
}

Result<QueueOverview> Routing::Overview(const auth::Principal& actor,
                                        const std::string& centre_id) {
  QueueOverview out;
  int64_t now = env_.NowMillis();
  RETURN_IF_ERROR(db_.Transact(store::Access::kRead, [&](store::Conn& conn) -> Status {
    ASSIGN_OR_RETURN(store::Rows centre,
                     conn.Query("SELECT languages, response_target_minutes FROM centre WHERE "
                                "id = ?",
                                {centre_id}));
    if (centre.empty()) return NotFound("no_such_centre", "there is no such centre");
    std::map<std::string, LanguageQueue> queues;
    std::vector<std::string> order = SplitList(centre[0].Text(0));
    for (const auto& l : order) queues[l].language = l;
    ASSIGN_OR_RETURN(
        store::Rows counts,
        conn.Query(std::string("SELECT v.language, COUNT(*), SUM(CASE WHEN v.assignee_id IS NULL "
                               "THEN 1 ELSE 0 END), SUM(CASE WHEN v.assignee_id = ? THEN 1 ELSE "
                               "0 END) FROM conversation v WHERE v.centre_id = ? AND ") +
                       kUnresolved + " GROUP BY v.language",
                   {actor.user_id, centre_id}));
    for (const auto& r : counts) {
      LanguageQueue& q = queues[r.Text(0)];
      if (q.language.empty() && !r.Text(0).empty()) q.language = r.Text(0);
      if (std::find(order.begin(), order.end(), r.Text(0)) == order.end()) {
        order.push_back(r.Text(0));
      }
      q.active = r.Int(1);
      q.unassigned = r.Int(2);
      out.unassigned += r.Int(2);
      out.mine += r.Int(3);
    }
    ASSIGN_OR_RETURN(store::Rows overdue,
                     conn.Query("SELECT COUNT(*) FROM conversation v WHERE v.centre_id = ? AND "
                                "v.status = 'open' AND v.last_inbound_at > 0 AND "
                                "v.last_inbound_at < ? AND v.last_inbound_at >= v.last_message_at",
                                {centre_id, now - centre[0].Int(1) * 60 * 1000}));
    out.overdue = overdue[0].Int(0);
    for (const auto& l : order) out.languages.push_back(queues[l]);
    ASSIGN_OR_RETURN(
        store::Rows staff,
        conn.Query(std::string("SELECT u.id, u.display_name, u.languages, MAX(CASE WHEN r.role = "
                               "'counsellor' THEN 1 ELSE 0 END), COALESCE(MAX(p.last_seen), 0), "
                               "(SELECT COUNT(*) FROM conversation v WHERE v.centre_id = ? AND "
                               "v.assignee_id = u.id AND ") +
                       kUnresolved +
                       ") FROM app_user u JOIN user_role r ON r.user_id = u.id LEFT JOIN "
                       "presence p ON p.user_id = u.id AND p.centre_id = ? WHERE r.centre_id IN "
                       "(?, '*') AND r.role IN ('counsellor', 'manager') AND u.disabled = 0 "
                       "GROUP BY u.id, u.display_name, u.languages ORDER BY u.display_name",
                   {centre_id, centre_id, centre_id}));
    for (const auto& r : staff) {
      out.staff.push_back({r.Text(0), r.Text(1), SplitList(r.Text(2)), r.Int(3) != 0,
                           r.Int(4) >= now - online_window_ms_, r.Int(5)});
    }
    return Status::Ok();
  }));
  return out;
}

}  // namespace serai::inbox
