#include "domain/people/cases.h"

#include <algorithm>

#include "common/dates.h"
#include "common/ids.h"
#include "common/lists.h"
#include "common/text.h"
#include "domain/audit/audit_log.h"
#include "domain/auth/users.h"
#include "domain/people/people.h"

namespace serai::people {
namespace {

constexpr char kNoteField[] = "case_note", kTaskField[] = "case_task";
constexpr int kMaxTasksListed = 500;

Status CheckCategories(const std::string& type, std::vector<std::string>& categories) {
  const auto& allowed = CaseCategories(type);
  for (const std::string& c : categories) {
    if (!IsOneOf(allowed, c)) {
      return InvalidArgument("invalid_category", "not a category of a " + type + " case");
    }
  }
  std::sort(categories.begin(), categories.end());
  categories.erase(std::unique(categories.begin(), categories.end()), categories.end());
  return Status::Ok();
}

Status CheckCaseworker(store::Conn& conn, const std::string& user_id, const std::string& centre_id,
                       const char* reason) {
  ASSIGN_OR_RETURN(bool ok, auth::IsCaseworker(conn, user_id, centre_id));
  if (!ok) return InvalidArgument(reason, "give it to a counsellor or manager of this centre");
  return Status::Ok();
}

// What lists show of a case (SummaryFrom reads them, in this order).
constexpr char kSummarySql[] =
    "SELECT c.id, c.number, c.person_id, p.code, c.type, c.categories, c.status, c.priority, "
    "c.owner_id, c.opened_at, c.updated_at, c.closed_at, (SELECT COUNT(*) FROM case_task t WHERE "
    "t.case_id = c.id AND t.done_at = 0), (SELECT MIN(t.due_on) FROM case_task t WHERE t.case_id "
    "= c.id AND t.done_at = 0), c.opened_by, p.shredded_at FROM case_file c JOIN person p ON p.id "
    "= c.person_id ";

CaseSummary SummaryFrom(const store::Row& r) {
  return {r.Text(0),
          r.Text(1),
          r.Text(2),
          r.Text(3),
          r.Text(4),
          SplitList(r.Text(5)),
          r.Text(6),
          r.Text(7),
          r.Text(8),
          r.Int(9),
          r.Int(10),
          r.Int(11),
          static_cast<int>(r.Int(12)),
          r.IsNull(13) ? "" : r.Text(13)};
}

// The case as it stands, for a change: it must be the centre's, and its person not shredded.
struct Current {
  CaseSummary summary;
  std::string opened_by;
};

Result<Current> LoadForChange(store::Conn& conn, const std::string& centre_id,
                              const std::string& case_id) {
  ASSIGN_OR_RETURN(store::Rows rows,
                   conn.Query(std::string(kSummarySql) + "WHERE c.id = ? AND c.centre_id = ?",
                              {case_id, centre_id}));
  if (rows.empty()) return NotFound("no_such_case", "there is no such case here");
  if (rows[0].Int(15) != 0) {
    return FailedPrecondition("shredded", "this case's person was shredded: it is closed for good");
  }
  return Current{SummaryFrom(rows[0]), rows[0].Text(14)};
}

Status Changed(store::Conn& conn, const std::string& case_id, int64_t now) {
  return conn.Exec("UPDATE case_file SET updated_at = ? WHERE id = ?", {now, case_id}).status();
}

// A task's columns (TaskFrom reads them); its title is opened with the case's person's key.
constexpr char kTaskColumns[] =
    "t.id, t.case_id, c.number, t.title_sealed, t.assignee_id, t.due_on, t.remind_on, t.done_by, "
    "t.done_at, t.created_by, t.created_at, c.person_id";

CaseTask TaskFrom(keys::KeyStore& keys, const std::string& centre_id, const store::Row& t) {
  return {
      t.Text(0), t.Text(1), t.Text(2), OpenSealed(keys, centre_id, t.Text(11), kTaskField, t, 3),
      t.Text(4), t.Text(5), t.Text(6), t.Text(7),
      t.Int(8),  t.Text(9), t.Int(10)};
}

}  // namespace

const std::vector<std::string>& CaseTypes() {
  static const std::vector<std::string> k = {"counselling", "labour_grievance",
                                             "protection_referral", "reintegration"};
  return k;
}
const std::vector<std::string>& CaseStatuses() {
  static const std::vector<std::string> k = {"open", "in_progress", "waiting", "closed"};
  return k;
}
const std::vector<std::string>& CasePriorities() {
  static const std::vector<std::string> k = {"low", "normal", "high", "urgent"};
  return k;
}
const std::vector<std::string>& CaseCategories(const std::string& type) {
  static const std::vector<std::string> kLabour = {
      "passport_confiscated", "no_contract",   "unpaid_wages", "social_insurance",
      "vaccination",          "leave_refused", "other"};
  static const std::vector<std::string> kProtection = {"trafficking", "smuggling", "violence",
                                                       "other"};
  static const std::vector<std::string> kNone;
  if (type == "labour_grievance") return kLabour;
  if (type == "protection_referral") return kProtection;
  return kNone;
}

Status Cases::CheckTask(NewTask& task) {
  if (IsBlank(task.title) || task.title.size() > kMaxTitle) {
    return InvalidArgument("invalid_title", "a task needs a title of at most 200 bytes");
  }
  if (!ParseDate(task.due_on)) {
    return InvalidArgument("invalid_due_on", "due_on must be a real day, YYYY-MM-DD");
  }
  if (task.remind_on.empty()) task.remind_on = task.due_on;
  if (!ParseDate(task.remind_on) || task.remind_on > task.due_on) {
    return InvalidArgument("invalid_remind_on",
                           "remind_on must be a real day, YYYY-MM-DD, not after the due day");
  }
  return Status::Ok();
}

// Records the conversation under the case; with LinkConversation it is the person's too.
Status Cases::Attach(store::Conn& conn, const std::string& centre_id, const std::string& case_id,
                     const std::string& person_id, const std::string& conversation_id,
                     const std::string& actor, int64_t now) {
  RETURN_IF_ERROR(LinkConversation(conn, centre_id, conversation_id, person_id));
  return conn
      .Exec(
          "INSERT INTO case_conversation (case_id, conversation_id, attached_by, attached_at) "
          "VALUES (?, ?, ?, ?) ON CONFLICT (case_id, conversation_id) DO NOTHING",
          {case_id, conversation_id, actor, now})
      .status();
}

Result<Case> Cases::Open(const auth::Principal& actor, const std::string& centre_id,
                         auth::Purpose purpose, NewCase nc) {
  if (!IsOneOf(CaseTypes(), nc.type)) return InvalidArgument("invalid_type", "unknown case type");
  RETURN_IF_ERROR(CheckCategories(nc.type, nc.categories));
  if (!IsOneOf(CasePriorities(), nc.priority)) {
    return InvalidArgument("invalid_priority", "priority: low, normal, high or urgent");
  }
  if (nc.note.size() > kMaxNote) return InvalidArgument("invalid_note", "a note: at most 4000");
  if (nc.owner_id.empty()) nc.owner_id = actor.user_id;
  int64_t now = env_.NowMillis();
  std::string id = NewId(env_);
  // What was stored is answered as it is: no second (audited) read.
  Case out;
  out.summary = {id,     "",          nc.person_id, "",  nc.type, nc.categories,
                 "open", nc.priority, nc.owner_id,  now, now,     0,
                 0,      ""};
  out.summary.number = NewReadableCode(env_, "C");
  out.opened_by = actor.user_id;
  RETURN_IF_ERROR(db_.Transact(store::Access::kWrite, [&](store::Conn& conn) -> Status {
    ASSIGN_OR_RETURN(out.summary.person_code, LivePersonCode(conn, centre_id, nc.person_id));
    RETURN_IF_ERROR(CheckCaseworker(conn, nc.owner_id, centre_id, "invalid_owner"));
    RETURN_IF_ERROR(
        conn.Exec("INSERT INTO case_file (id, centre_id, person_id, number, type, "
                  "categories, status, priority, owner_id, opened_by, opened_at, "
                  "updated_at) VALUES (?, ?, ?, ?, ?, ?, 'open', ?, ?, ?, ?, ?)",
                  {id, centre_id, nc.person_id, out.summary.number, nc.type,
                   JoinList(nc.categories), nc.priority, nc.owner_id, actor.user_id, now, now})
            .status());
    if (!IsBlank(nc.note)) {
      ASSIGN_OR_RETURN(std::string sealed,
                       keys_.SealPersonField(centre_id, nc.person_id, kNoteField, nc.note));
      out.notes = {{NewId(env_), actor.user_id, nc.note, now}};
      RETURN_IF_ERROR(conn.Exec("INSERT INTO case_note (id, case_id, author_id, text_sealed, "
                                "created_at) VALUES (?, ?, ?, ?, ?)",
                                {out.notes[0].id, id, actor.user_id, store::Blob{sealed}, now})
                          .status());
    }
    if (!nc.conversation_id.empty()) {
      RETURN_IF_ERROR(
          Attach(conn, centre_id, id, nc.person_id, nc.conversation_id, actor.user_id, now));
      out.conversation_ids = {nc.conversation_id};
    }
    RETURN_IF_ERROR(TouchPerson(conn, nc.person_id, now));
    return audit::Record(conn,
                         PersonEvent(actor, centre_id, "case.open", nc.person_id, purpose,
                                     "case/" + id + " " + nc.type),
                         now);
  }));
  return out;
}

Result<Case> Cases::Get(const auth::Principal& actor, const std::string& centre_id,
                        auth::Purpose purpose, const std::string& case_id) {
  Case out;
  audit::Event event = PersonEvent(actor, centre_id, "case.read", "", purpose, "case/" + case_id);
  auto read = [&](store::Conn& conn) -> Status {
    out = {};
    ASSIGN_OR_RETURN(store::Rows rows,
                     conn.Query(std::string(kSummarySql) + "WHERE c.id = ? AND c.centre_id = ?",
                                {case_id, centre_id}));
    if (rows.empty()) return NotFound("no_such_case", "there is no such case here");
    out.summary = SummaryFrom(rows[0]);
    out.opened_by = rows[0].Text(14);
    const std::string& person = out.summary.person_id;
    event.resource = "person/" + person;
    ASSIGN_OR_RETURN(store::Rows notes,
                     conn.Query("SELECT id, author_id, text_sealed, created_at FROM case_note "
                                "WHERE case_id = ? ORDER BY created_at, id",
                                {case_id}));
    for (const auto& n : notes) {
      out.notes.push_back(
          {n.Text(0), n.Text(1), OpenSealed(keys_, centre_id, person, kNoteField, n, 2), n.Int(3)});
    }
    ASSIGN_OR_RETURN(store::Rows tasks,
                     conn.Query(std::string("SELECT ") + kTaskColumns +
                                    " FROM case_task t JOIN case_file c ON c.id = t.case_id "
                                    "WHERE t.case_id = ? ORDER BY t.done_at <> 0, t.due_on, t.id",
                                {case_id}));
    for (const auto& t : tasks) out.tasks.push_back(TaskFrom(keys_, centre_id, t));
    ASSIGN_OR_RETURN(store::Rows conversations,
                     conn.Query("SELECT conversation_id FROM case_conversation WHERE case_id = ? "
                                "ORDER BY attached_at, conversation_id",
                                {case_id}));
    for (const auto& r : conversations) out.conversation_ids.push_back(r.Text(0));
    return Status::Ok();
  };
  RETURN_IF_ERROR(audit::AuditedRead(db_, read, event, env_.NowMillis()));
  return out;
}

Result<Page<CaseSummary>> Cases::List(const std::string& centre_id, const CaseFilter& filter,
                                      int limit, const std::string& after_id) {
  std::string sql = std::string(kSummarySql) + "WHERE c.centre_id = ?";
  store::Params params = {centre_id};
  if (filter.status.empty()) {
    sql += " AND c.status <> 'closed'";
  } else if (filter.status != "all") {
    if (!IsOneOf(CaseStatuses(), filter.status)) {
      return InvalidArgument("invalid_status", "status: open, in_progress, waiting, closed, all");
    }
    sql += " AND c.status = ?";
    params.emplace_back(filter.status);
  }
  if (!filter.type.empty()) {
    if (!IsOneOf(CaseTypes(), filter.type)) return InvalidArgument("invalid_type", "unknown type");
    sql += " AND c.type = ?";
    params.emplace_back(filter.type);
  }
  if (!filter.owner_id.empty()) {
    sql += " AND c.owner_id = ?";
    params.emplace_back(filter.owner_id);
  }
  if (!filter.person_id.empty()) {
    // The person's own, and those of the records merged into theirs (duplicates.h).
    sql += " AND c.person_id IN (SELECT id FROM person WHERE id = ? OR merged_into = ?)";
    params.emplace_back(filter.person_id);
    params.emplace_back(filter.person_id);
  }
  if (!after_id.empty()) {
    sql += " AND c.id < ?";
    params.emplace_back(after_id);
  }
  sql += " ORDER BY c.id DESC LIMIT ?";
  params.emplace_back(int64_t{limit} + 1);
  ASSIGN_OR_RETURN(store::Rows rows, db_.Read(sql, params));
  return PageOfRows(rows, limit, SummaryFrom);
}

Result<CaseSummary> Cases::Update(const auth::Principal& actor, const std::string& centre_id,
                                  const std::string& case_id, const CasePatch& patch) {
  if (patch.status && !IsOneOf(CaseStatuses(), *patch.status)) {
    return InvalidArgument("invalid_status", "status: open, in_progress, waiting or closed");
  }
  if (patch.priority && !IsOneOf(CasePriorities(), *patch.priority)) {
    return InvalidArgument("invalid_priority", "priority: low, normal, high or urgent");
  }
  int64_t now = env_.NowMillis();
  CaseSummary out;
  RETURN_IF_ERROR(db_.Transact(store::Access::kWrite, [&](store::Conn& conn) -> Status {
    ASSIGN_OR_RETURN(Current current, LoadForChange(conn, centre_id, case_id));
    CaseSummary& s = current.summary;
    std::string changed;
    if (patch.status && *patch.status != s.status) {
      s.closed_at = *patch.status == "closed" ? now : 0;
      s.status = *patch.status;
      changed += " status=" + s.status;
    }
    if (patch.priority && *patch.priority != s.priority) {
      s.priority = *patch.priority;
      changed += " priority=" + s.priority;
    }
    if (patch.owner_id && *patch.owner_id != s.owner_id) {
      RETURN_IF_ERROR(CheckCaseworker(conn, *patch.owner_id, centre_id, "invalid_owner"));
      s.owner_id = *patch.owner_id;
      changed += " owner=user/" + s.owner_id;
    }
    if (patch.categories) {
      std::vector<std::string> categories = *patch.categories;
      RETURN_IF_ERROR(CheckCategories(s.type, categories));
      if (categories != s.categories) {
        s.categories = std::move(categories);
        changed += " categories=" + JoinList(s.categories);
      }
    }
    if (changed.empty()) {
      out = s;
      return Status::Ok();
    }
    s.updated_at = now;
    RETURN_IF_ERROR(conn.Exec("UPDATE case_file SET status = ?, priority = ?, owner_id = ?, "
                              "categories = ?, closed_at = ?, updated_at = ? WHERE id = ?",
                              {s.status, s.priority, s.owner_id, JoinList(s.categories),
                               s.closed_at, now, case_id})
                        .status());
    out = s;
    return audit::Record(conn,
                         PersonEvent(actor, centre_id, "case.update", s.person_id,
                                     auth::Purpose::kCounselling, "case/" + case_id + changed),
                         now);
  }));
  return out;
}

Result<CaseNote> Cases::AddNote(const auth::Principal& actor, const std::string& centre_id,
                                const std::string& case_id, const std::string& text) {
  if (IsBlank(text) || text.size() > kMaxNote) {
    return InvalidArgument("invalid_text", "a note needs text, at most 4000 bytes");
  }
  int64_t now = env_.NowMillis();
  CaseNote note{NewId(env_), actor.user_id, text, now};
  RETURN_IF_ERROR(db_.Transact(store::Access::kWrite, [&](store::Conn& conn) -> Status {
    ASSIGN_OR_RETURN(Current current, LoadForChange(conn, centre_id, case_id));
    const std::string& person = current.summary.person_id;
    ASSIGN_OR_RETURN(std::string sealed,
                     keys_.SealPersonField(centre_id, person, kNoteField, text));
    RETURN_IF_ERROR(conn.Exec("INSERT INTO case_note (id, case_id, author_id, text_sealed, "
                              "created_at) VALUES (?, ?, ?, ?, ?)",
                              {note.id, case_id, actor.user_id, store::Blob{sealed}, now})
                        .status());
    RETURN_IF_ERROR(Changed(conn, case_id, now));
    return audit::Record(conn,
                         PersonEvent(actor, centre_id, "case.note", person,
                                     auth::Purpose::kCounselling, "case/" + case_id),
                         now);
  }));
  return note;
}

Result<CaseTask> Cases::AddTask(const auth::Principal& actor, const std::string& centre_id,
                                const std::string& case_id, NewTask task) {
  RETURN_IF_ERROR(CheckTask(task));
  int64_t now = env_.NowMillis();
  CaseTask out;
  RETURN_IF_ERROR(db_.Transact(store::Access::kWrite, [&](store::Conn& conn) -> Status {
    ASSIGN_OR_RETURN(Current current, LoadForChange(conn, centre_id, case_id));
    const std::string& person = current.summary.person_id;
    if (task.assignee_id.empty()) task.assignee_id = current.summary.owner_id;
    RETURN_IF_ERROR(CheckCaseworker(conn, task.assignee_id, centre_id, "invalid_assignee"));
    ASSIGN_OR_RETURN(std::string sealed,
                     keys_.SealPersonField(centre_id, person, kTaskField, task.title));
    out = {NewId(env_),
           case_id,
           current.summary.number,
           task.title,
           task.assignee_id,
           task.due_on,
           task.remind_on,
           "",
           0,
           actor.user_id,
           now};
    RETURN_IF_ERROR(conn.Exec("INSERT INTO case_task (id, case_id, title_sealed, assignee_id, "
                              "due_on, remind_on, created_by, created_at) VALUES (?, ?, ?, ?, ?, "
                              "?, ?, ?)",
                              {out.id, case_id, store::Blob{sealed}, task.assignee_id, task.due_on,
                               task.remind_on, actor.user_id, now})
                        .status());
    RETURN_IF_ERROR(Changed(conn, case_id, now));
    return audit::Record(
        conn,
        PersonEvent(actor, centre_id, "case.task", person, auth::Purpose::kCounselling,
                    "case/" + case_id + " task/" + out.id + " due=" + task.due_on),
        now);
  }));
  return out;
}

Result<CaseTask> Cases::SetTaskDone(const auth::Principal& actor, const std::string& centre_id,
                                    const std::string& case_id, const std::string& task_id,
                                    bool done) {
  int64_t now = env_.NowMillis();
  CaseTask out;
  RETURN_IF_ERROR(db_.Transact(store::Access::kWrite, [&](store::Conn& conn) -> Status {
    ASSIGN_OR_RETURN(Current current, LoadForChange(conn, centre_id, case_id));
    const std::string& person = current.summary.person_id;
    ASSIGN_OR_RETURN(store::Rows rows,
                     conn.Query(std::string("SELECT ") + kTaskColumns +
                                    " FROM case_task t JOIN case_file c ON c.id = t.case_id "
                                    "WHERE t.id = ? AND t.case_id = ?",
                                {task_id, case_id}));
    if (rows.empty()) return NotFound("no_such_task", "there is no such task in this case");
    out = TaskFrom(keys_, centre_id, rows[0]);
    if ((out.done_at != 0) == done) return Status::Ok();
    out.done_at = done ? now : 0;
    out.done_by = done ? actor.user_id : "";
    RETURN_IF_ERROR(conn.Exec("UPDATE case_task SET done_at = ?, done_by = ? WHERE id = ?",
                              {out.done_at, out.done_by, task_id})
                        .status());
    RETURN_IF_ERROR(Changed(conn, case_id, now));
    return audit::Record(
        conn,
        PersonEvent(actor, centre_id, done ? "case.task_done" : "case.task_reopen", person,
                    auth::Purpose::kCounselling, "case/" + case_id + " task/" + task_id),
        now);
  }));
  return out;
}

Result<std::vector<CaseTask>> Cases::MyTasks(const auth::Principal& actor,
                                             const std::string& centre_id, auth::Purpose purpose,
                                             const std::string& today) {
  if (!today.empty() && !ParseDate(today)) {
    return InvalidArgument("invalid_today", "today must be a day, YYYY-MM-DD");
  }
  std::vector<CaseTask> out;
  audit::Event event{actor.user_id,
                     centre_id,
                     "case.tasks_read",
                     "user/" + actor.user_id,
                     std::string(auth::PurposeName(purpose)),
                     ""};
  auto read = [&](store::Conn& conn) -> Status {
    out.clear();
    std::string sql = std::string("SELECT ") + kTaskColumns +
                      " FROM case_task t JOIN case_file c ON c.id = t.case_id JOIN person p ON "
                      "p.id = c.person_id WHERE t.assignee_id = ? AND t.done_at = 0 AND "
                      "c.centre_id = ? AND c.status <> 'closed' AND p.shredded_at = 0";
    store::Params params = {actor.user_id, centre_id};
    if (!today.empty()) {
      sql += " AND t.remind_on <= ?";
      params.emplace_back(today);
    }
    sql += " ORDER BY t.due_on, t.id LIMIT " + std::to_string(kMaxTasksListed);
    ASSIGN_OR_RETURN(store::Rows rows, conn.Query(sql, params));
    for (const auto& t : rows) out.push_back(TaskFrom(keys_, centre_id, t));
    event.detail = "tasks=" + std::to_string(out.size());
    return Status::Ok();
  };
  RETURN_IF_ERROR(audit::AuditedRead(db_, read, event, env_.NowMillis()));
  return out;
}

Status Cases::AttachConversation(const auth::Principal& actor, const std::string& centre_id,
                                 const std::string& case_id, const std::string& conversation_id) {
  int64_t now = env_.NowMillis();
  return db_.Transact(store::Access::kWrite, [&](store::Conn& conn) -> Status {
    ASSIGN_OR_RETURN(Current current, LoadForChange(conn, centre_id, case_id));
    const std::string& person = current.summary.person_id;
    RETURN_IF_ERROR(Attach(conn, centre_id, case_id, person, conversation_id, actor.user_id, now));
    RETURN_IF_ERROR(Changed(conn, case_id, now));
    return audit::Record(
        conn,
        PersonEvent(actor, centre_id, "case.attach", person, auth::Purpose::kCounselling,
                    "case/" + case_id + " conversation/" + conversation_id),
        now);
  });
}

}  // namespace serai::people
