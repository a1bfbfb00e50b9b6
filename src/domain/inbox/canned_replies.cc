#include "domain/inbox/canned_replies.h"

#include "common/ids.h"
#include "common/language_codes.h"
#include "domain/audit/audit_log.h"

namespace serai::inbox {
namespace {

Status Validate(const CannedReplyInput& in) {
  RETURN_IF_ERROR(CheckLanguageCodes({in.language}, 1));
  if (in.title.empty() || in.title.size() > 120) {
    return InvalidArgument("invalid_title", "a title is 1 to 120 bytes");
  }
  if (in.body.empty() || in.body.size() > 4000) {
    return InvalidArgument("invalid_body", "a canned reply is 1 to 4000 bytes");
  }
  return Status::Ok();
}

}  // namespace

Result<std::vector<CannedReply>> CannedReplies::List(const std::string& centre_id,
                                                     const std::optional<std::string>& language) {
  std::string sql =
      "SELECT id, language, title, body, updated_at FROM canned_reply WHERE centre_id = ?";
  store::Params params = {centre_id};
  if (language) {
    sql += " AND language = ?";
    params.emplace_back(*language);
  }
  sql += " ORDER BY language, title, id LIMIT 500";
  ASSIGN_OR_RETURN(store::Rows rows, db_.Read(sql, params));
  std::vector<CannedReply> out;
  for (const auto& r : rows) out.push_back({r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Int(4)});
  return out;
}

Result<CannedReply> CannedReplies::Create(const auth::Principal& actor,
                                          const std::string& centre_id,
                                          const CannedReplyInput& in) {
  RETURN_IF_ERROR(Validate(in));
  CannedReply c{NewId(env_), in.language, in.title, in.body, env_.NowMillis()};
  RETURN_IF_ERROR(db_.Transact(store::Access::kWrite, [&](store::Conn& conn) -> Status {
    RETURN_IF_ERROR(
        conn.Exec("INSERT INTO canned_reply (id, centre_id, language, title, body, "
                  "updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                  {c.id, centre_id, c.language, c.title, c.body, actor.user_id, c.updated_at})
            .status());
    return audit::Record(conn,
                         {actor.user_id, centre_id, "canned_reply.create", "canned_reply/" + c.id,
                          "administration", "language=" + c.language},
                         c.updated_at);
  }));
  return c;
}

Result<CannedReply> CannedReplies::Update(const auth::Principal& actor,
                                          const std::string& centre_id, const std::string& id,
                                          const CannedReplyInput& in) {
  RETURN_IF_ERROR(Validate(in));
  CannedReply c{id, in.language, in.title, in.body, env_.NowMillis()};
  RETURN_IF_ERROR(db_.Transact(store::Access::kWrite, [&](store::Conn& conn) -> Status {
    ASSIGN_OR_RETURN(
        int64_t changed,
        conn.Exec("UPDATE canned_reply SET language = ?, title = ?, body = ?, "
                  "updated_by = ?, updated_at = ? WHERE id = ? AND centre_id = ?",
                  {c.language, c.title, c.body, actor.user_id, c.updated_at, id, centre_id}));
    if (changed == 0) return NotFound("no_such_canned_reply", "there is no such canned reply here");
    return audit::Record(conn,
                         {actor.user_id, centre_id, "canned_reply.update", "canned_reply/" + id,
                          "administration", "language=" + c.language},
                         c.updated_at);
  }));
  return c;
}

Status CannedReplies::Delete(const auth::Principal& actor, const std::string& centre_id,
                             const std::string& id) {
  int64_t now = env_.NowMillis();
  return db_.Transact(store::Access::kWrite, [&](store::Conn& conn) -> Status {
    ASSIGN_OR_RETURN(
        int64_t changed,
        conn.Exec("DELETE FROM canned_reply WHERE id = ? AND centre_id = ?", {id, centre_id}));
    if (changed == 0) return NotFound("no_such_canned_reply", "there is no such canned reply here");
    return audit::Record(conn,
                         {actor.user_id, centre_id, "canned_reply.delete", "canned_reply/" + id,
                          "administration", ""},
                         now);
  });
}

}  // namespace serai::inbox
