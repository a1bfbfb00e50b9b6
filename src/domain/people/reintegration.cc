#include "domain/people/reintegration.h"

#include <algorithm>
#include <map>

#include "common/dates.h"
#include "common/ids.h"
#include "common/json.h"
#include "common/lists.h"
#include "common/text.h"
#include "domain/audit/audit_log.h"
#include "domain/people/people.h"

namespace serai::people {
namespace {

constexpr char kNoteField[] = "assessment_note", kMilestoneField[] = "milestone",
               kResolutionField[] = "setback_resolution";
constexpr int kMaxFlagsPerRun = 500;

// The case must be the centre's, of type reintegration, and its person not shredded.
struct CaseRef {
  std::string person_id, status;
};

Result<CaseRef> LoadCase(store::Conn& conn, const std::string& centre_id,
                         const std::string& case_id) {
  ASSIGN_OR_RETURN(store::Rows rows,
                   conn.Query("SELECT c.person_id, c.type, c.status, p.shredded_at FROM "
                              "case_file c JOIN person p ON p.id = c.person_id WHERE c.id = ? AND "
                              "c.centre_id = ?",
                              {case_id, centre_id}));
  if (rows.empty()) return NotFound("no_such_case", "there is no such case here");
  if (rows[0].Text(1) != "reintegration") {
    return FailedPrecondition("not_reintegration", "only reintegration cases are monitored");
  }
  if (rows[0].Int(3) != 0) {
    return FailedPrecondition("shredded", "this case's person was shredded");
  }
  return CaseRef{rows[0].Text(0), rows[0].Text(2)};
}

Status RequireStarted(store::Conn& conn, const std::string& case_id) {
  ASSIGN_OR_RETURN(store::Rows rows,
                   conn.Query("SELECT 1 FROM reintegration WHERE case_id = ?", {case_id}));
  if (rows.empty()) return FailedPrecondition("not_started", "start monitoring this case first");
  return Status::Ok();
}

// Raises a flag unless this rule already flagged this subject; true when raised now.
Result<bool> Raise(store::Conn& conn, const std::string& centre_id, const std::string& case_id,
                   const std::string& rule, const std::string& subject, const Json& detail,
                   const std::string& id, int64_t now) {
  ASSIGN_OR_RETURN(int64_t changed,
                   conn.Exec("INSERT INTO setback (id, centre_id, case_id, rule, subject, detail, "
                             "raised_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (case_id, rule, "
                             "subject) DO NOTHING",
                             {id, centre_id, case_id, rule, subject, detail.dump(), now}));
  return changed > 0;
}

ReintegrationRules RulesFrom(const store::Rows& rows) {
  ReintegrationRules rules;
  if (rows.empty()) return rules;
  rules.follow_up_months.clear();
  for (const std::string& m : SplitList(rows[0].Text(0)))
    rules.follow_up_months.push_back(std::stoi(m));
  rules.missed_grace_days = static_cast<int>(rows[0].Int(1));
  rules.score_drop = static_cast<int>(rows[0].Int(2));
  rules.milestone_grace_days = static_cast<int>(rows[0].Int(3));
  return rules;
}

constexpr char kRulesSql[] =
    "SELECT follow_up_months, missed_grace_days, score_drop, milestone_grace_days FROM "
    "reintegration_rule WHERE centre_id = ?";

constexpr char kSetbackSql[] =
    "SELECT s.id, s.case_id, c.number, p.code, c.owner_id, s.rule, s.detail, s.raised_at, "
    "s.resolved_by, s.resolution_sealed, s.resolved_at, c.person_id FROM setback s JOIN case_file "
    "c ON c.id = s.case_id JOIN person p ON p.id = c.person_id ";

Setback SetbackFrom(keys::KeyStore& keys, const std::string& centre_id, const store::Row& r) {
  return {r.Text(0), r.Text(1),
          r.Text(2), r.Text(3),
          r.Text(4), r.Text(5),
          r.Text(6), r.Int(7),
          r.Text(8), OpenSealed(keys, centre_id, r.Text(11), kResolutionField, r, 9),
          r.Int(10)};
}

}  // namespace

Result<ReintegrationRules> Reintegration::Rules(const std::string& centre_id) {
  ASSIGN_OR_RETURN(store::Rows rows, db_.Read(kRulesSql, {centre_id}));
  return RulesFrom(rows);
}

Status Reintegration::SetRules(const auth::Principal& actor, const std::string& centre_id,
                               ReintegrationRules rules) {
  std::sort(rules.follow_up_months.begin(), rules.follow_up_months.end());
  rules.follow_up_months.erase(
      std::unique(rules.follow_up_months.begin(), rules.follow_up_months.end()),
      rules.follow_up_months.end());
  if (rules.follow_up_months.empty() || rules.follow_up_months.size() > 12 ||
      rules.follow_up_months.front() < 1 || rules.follow_up_months.back() > 60) {
    return InvalidArgument("invalid_follow_up_months", "1 to 12 intervals of 1 to 60 months");
  }
  if (rules.missed_grace_days < 0 || rules.missed_grace_days > 90 ||
      rules.milestone_grace_days < 0 || rules.milestone_grace_days > 90) {
    return InvalidArgument("invalid_grace_days", "grace days: 0 to 90");
  }
  if (rules.score_drop < 1 || rules.score_drop > 4) {
    return InvalidArgument("invalid_score_drop", "score_drop: 1 to 4 points");
  }
  std::vector<std::string> months;
  for (int m : rules.follow_up_months) months.push_back(std::to_string(m));
  int64_t now = env_.NowMillis();
  return db_.Transact(store::Access::kWrite, [&](store::Conn& conn) -> Status {
    RETURN_IF_ERROR(
        conn.Exec("INSERT INTO reintegration_rule (centre_id, follow_up_months, "
                  "missed_grace_days, score_drop, milestone_grace_days, updated_by, updated_at) "
                  "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (centre_id) DO UPDATE SET "
                  "follow_up_months = excluded.follow_up_months, missed_grace_days = "
                  "excluded.missed_grace_days, score_drop = excluded.score_drop, "
                  "milestone_grace_days = excluded.milestone_grace_days, updated_by = "
                  "excluded.updated_by, updated_at = excluded.updated_at",
                  {centre_id, JoinList(months), int64_t{rules.missed_grace_days},
                   int64_t{rules.score_drop}, int64_t{rules.milestone_grace_days}, actor.user_id,
                   now})
            .status());
    return audit::Record(conn,
                         {actor.user_id, centre_id, "reintegration.rules", "centre/" + centre_id,
                          "administration", "months=" + JoinList(months)},
                         now);
  });
}

Status Reintegration::Start(const auth::Principal& actor, const std::string& centre_id,
                            const std::string& case_id, const std::string& start_on) {
  auto start = ParseDate(start_on);
  if (!start) return InvalidArgument("invalid_start_on", "start_on must be a real day, YYYY-MM-DD");
  ASSIGN_OR_RETURN(ReintegrationRules rules, Rules(centre_id));
  int64_t now = env_.NowMillis();
  return db_.Transact(store::Access::kWrite, [&](store::Conn& conn) -> Status {
    ASSIGN_OR_RETURN(CaseRef c, LoadCase(conn, centre_id, case_id));
    ASSIGN_OR_RETURN(store::Rows started,
                     conn.Query("SELECT 1 FROM reintegration WHERE case_id = ?", {case_id}));
    if (!started.empty()) return AlreadyExists("started", "monitoring has already started");
    RETURN_IF_ERROR(conn.Exec("INSERT INTO reintegration (case_id, start_on, started_by, "
                              "started_at) VALUES (?, ?, ?, ?)",
                              {case_id, start_on, actor.user_id, now})
                        .status());
    for (int months : rules.follow_up_months) {
      RETURN_IF_ERROR(
          conn.Exec("INSERT INTO follow_up (id, case_id, months, due_on) VALUES (?, "
                    "?, ?, ?)",
                    {NewId(env_), case_id, int64_t{months}, DateText(PlusMonths(*start, months))})
              .status());
    }
    return audit::Record(conn,
                         PersonEvent(actor, centre_id, "reintegration.start", c.person_id,
                                     auth::Purpose::kFollowUp, "case/" + case_id),
                         now);
  });
}

Result<Monitoring> Reintegration::Get(const auth::Principal& actor, const std::string& centre_id,
                                      auth::Purpose purpose, const std::string& case_id) {
  Monitoring out;
  audit::Event event =
      PersonEvent(actor, centre_id, "reintegration.read", "", purpose, "case/" + case_id);
  auto read = [&](store::Conn& conn) -> Status {
    out = {};
    ASSIGN_OR_RETURN(store::Rows c,
                     conn.Query("SELECT person_id, type FROM case_file WHERE id = ? AND "
                                "centre_id = ?",
                                {case_id, centre_id}));
    if (c.empty()) return NotFound("no_such_case", "there is no such case here");
    std::string person = c[0].Text(0);
    event.resource = "person/" + person;
    ASSIGN_OR_RETURN(store::Rows started,
                     conn.Query("SELECT start_on FROM reintegration WHERE case_id = ?", {case_id}));
    if (!started.empty()) out.start_on = started[0].Text(0);
    ASSIGN_OR_RETURN(store::Rows a,
                     conn.Query("SELECT id, follow_up_id, economic, social, psychosocial, "
                                "distress, note_sealed, assessed_by, assessed_at FROM assessment "
                                "WHERE case_id = ? ORDER BY assessed_at, id",
                                {case_id}));
    for (const auto& r : a) {
      out.assessments.push_back(
          {r.Text(0), r.Text(1), static_cast<int>(r.Int(2)), static_cast<int>(r.Int(3)),
           static_cast<int>(r.Int(4)), r.Int(5) != 0,
           OpenSealed(keys_, centre_id, person, kNoteField, r, 6), r.Text(7), r.Int(8)});
    }
    ASSIGN_OR_RETURN(store::Rows m,
                     conn.Query("SELECT id, title_sealed, due_on, done_by, done_at FROM "
                                "milestone WHERE case_id = ? ORDER BY due_on, id",
                                {case_id}));
    for (const auto& r : m) {
      out.milestones.push_back({r.Text(0),
                                OpenSealed(keys_, centre_id, person, kMilestoneField, r, 1),
                                r.Text(2), r.Text(3), r.Int(4)});
    }
    ASSIGN_OR_RETURN(store::Rows f,
                     conn.Query("SELECT id, months, due_on, done_by, done_at FROM follow_up "
                                "WHERE case_id = ? ORDER BY due_on, id",
                                {case_id}));
    for (const auto& r : f) {
      out.follow_ups.push_back(
          {r.Text(0), static_cast<int>(r.Int(1)), r.Text(2), r.Text(3), r.Int(4)});
    }
    ASSIGN_OR_RETURN(store::Rows s, conn.Query(std::string(kSetbackSql) +
                                                   "WHERE s.case_id = ? ORDER BY s.raised_at "
                                                   "DESC, s.id DESC",
                                               {case_id}));
    for (const auto& r : s) out.setbacks.push_back(SetbackFrom(keys_, centre_id, r));
    return Status::Ok();
  };
  RETURN_IF_ERROR(audit::AuditedRead(db_, read, event, env_.NowMillis()));
  return out;
}

Result<Assessment> Reintegration::Assess(const auth::Principal& actor, const std::string& centre_id,
                                         const std::string& case_id, Assessment a) {
  for (int score : {a.economic, a.social, a.psychosocial}) {
    if (score < 1 || score > 5) return InvalidArgument("invalid_score", "scores are 1 to 5");
  }
  if (a.note.size() > kMaxText) return InvalidArgument("invalid_note", "a note: at most 2000");
  ASSIGN_OR_RETURN(ReintegrationRules rules, Rules(centre_id));
  int64_t now = env_.NowMillis();
  a.id = NewId(env_);
  a.assessed_by = actor.user_id;
  a.assessed_at = now;
  RETURN_IF_ERROR(db_.Transact(store::Access::kWrite, [&](store::Conn& conn) -> Status {
    ASSIGN_OR_RETURN(CaseRef c, LoadCase(conn, centre_id, case_id));
    RETURN_IF_ERROR(RequireStarted(conn, case_id));
    if (!a.follow_up_id.empty()) {
      ASSIGN_OR_RETURN(int64_t done,
                       conn.Exec("UPDATE follow_up SET done_by = ?, done_at = ? WHERE id = ? AND "
                                 "case_id = ? AND done_at = 0",
                                 {actor.user_id, now, a.follow_up_id, case_id}));
      if (done == 0) {
        return NotFound("no_such_follow_up", "there is no such follow-up still to do here");
      }
    }
    ASSIGN_OR_RETURN(store::Rows before,
                     conn.Query("SELECT economic, social, psychosocial FROM assessment WHERE "
                                "case_id = ? ORDER BY assessed_at DESC, id DESC LIMIT 1",
                                {case_id}));
    store::Value note;
    if (!IsBlank(a.note)) {
      ASSIGN_OR_RETURN(std::string sealed,
                       keys_.SealPersonField(centre_id, c.person_id, kNoteField, a.note));
      note = store::Blob{sealed};
    }
    RETURN_IF_ERROR(
        conn.Exec("INSERT INTO assessment (id, case_id, follow_up_id, economic, "
                  "social, psychosocial, distress, note_sealed, assessed_by, "
                  "assessed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                  {a.id, case_id, a.follow_up_id, int64_t{a.economic}, int64_t{a.social},
                   int64_t{a.psychosocial}, int64_t{a.distress ? 1 : 0}, note, actor.user_id, now})
            .status());
    // Set-backs seen in this assessment.
    if (!before.empty()) {
      const std::pair<const char*, int> dimensions[] = {
          {"economic", a.economic}, {"social", a.social}, {"psychosocial", a.psychosocial}};
      for (size_t i = 0; i < 3; ++i) {
        int from = static_cast<int>(before[0].Int(i));
        if (from - dimensions[i].second < rules.score_drop) continue;
        Json detail = {
            {"dimension", dimensions[i].first}, {"from", from}, {"to", dimensions[i].second}};
        RETURN_IF_ERROR(Raise(conn, centre_id, case_id, "score_drop",
                              a.id + ":" + dimensions[i].first, detail, NewId(env_), now)
                            .status());
      }
    }
    if (a.distress) {
      RETURN_IF_ERROR(
          Raise(conn, centre_id, case_id, "distress", a.id, Json::object(), NewId(env_), now)
              .status());
    }
    return audit::Record(conn,
                         PersonEvent(actor, centre_id, "reintegration.assess", c.person_id,
                                     auth::Purpose::kFollowUp, "case/" + case_id),
                         now);
  }));
  return a;
}

Result<Milestone> Reintegration::AddMilestone(const auth::Principal& actor,
                                              const std::string& centre_id,
                                              const std::string& case_id, const std::string& title,
                                              const std::string& due_on) {
  if (IsBlank(title) || title.size() > 200) {
    return InvalidArgument("invalid_title", "a milestone needs a title of at most 200 bytes");
  }
  if (!ParseDate(due_on)) return InvalidArgument("invalid_due_on", "due_on: YYYY-MM-DD");
  int64_t now = env_.NowMillis();
  Milestone m{NewId(env_), title, due_on, "", 0};
  RETURN_IF_ERROR(db_.Transact(store::Access::kWrite, [&](store::Conn& conn) -> Status {
    ASSIGN_OR_RETURN(CaseRef c, LoadCase(conn, centre_id, case_id));
    RETURN_IF_ERROR(RequireStarted(conn, case_id));
    ASSIGN_OR_RETURN(std::string sealed,
                     keys_.SealPersonField(centre_id, c.person_id, kMilestoneField, title));
    RETURN_IF_ERROR(conn.Exec("INSERT INTO milestone (id, case_id, title_sealed, due_on, "
                              "created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                              {m.id, case_id, store::Blob{sealed}, due_on, actor.user_id, now})
                        .status());
    return audit::Record(conn,
                         PersonEvent(actor, centre_id, "reintegration.milestone", c.person_id,
                                     auth::Purpose::kFollowUp, "case/" + case_id),
                         now);
  }));
  return m;
}

Status Reintegration::SetMilestoneDone(const auth::Principal& actor, const std::string& centre_id,
                                       const std::string& case_id, const std::string& milestone_id,
                                       bool done) {
  int64_t now = env_.NowMillis();
  return db_.Transact(store::Access::kWrite, [&](store::Conn& conn) -> Status {
    ASSIGN_OR_RETURN(CaseRef c, LoadCase(conn, centre_id, case_id));
    ASSIGN_OR_RETURN(int64_t changed,
                     conn.Exec("UPDATE milestone SET done_by = ?, done_at = ? WHERE id = ? AND "
                               "case_id = ?",
                               {done ? actor.user_id : std::string(), done ? now : int64_t{0},
                                milestone_id, case_id}));
    if (changed == 0) return NotFound("no_such_milestone", "there is no such milestone here");
    return audit::Record(
        conn,
        PersonEvent(actor, centre_id,
                    done ? "reintegration.milestone_done" : "reintegration.milestone_reopen",
                    c.person_id, auth::Purpose::kFollowUp, "case/" + case_id),
        now);
  });
}

Result<int> Reintegration::DetectDue() {
  // The rules that watch dates: what they look at, and the centre's grace for it.
  struct DueRule {
    const char* table;
    const char* rule;
    int ReintegrationRules::*grace;
    bool has_months;
  };
  static constexpr DueRule kDueRules[] = {
      {"follow_up", "missed_follow_up", &ReintegrationRules::missed_grace_days, true},
      {"milestone", "milestone_overdue", &ReintegrationRules::milestone_grace_days, false}};
  int64_t now = env_.NowMillis();
  std::string today = DateText(DayOf(now));
  std::map<std::string, ReintegrationRules> rules;  // per centre, read once
  struct Flag {
    std::string centre, case_id, rule, subject;
    Json detail;
  };
  std::vector<Flag> flags;
  for (const DueRule& due : kDueRules) {
    // Candidates: past due, not done, not flagged yet, in open cases of people not shredded. The
    // centre's grace decides which of them are late enough.
    ASSIGN_OR_RETURN(
        store::Rows rows,
        db_.Read(std::string("SELECT x.id, x.case_id, c.centre_id, x.due_on") +
                     (due.has_months ? ", x.months" : "") + " FROM " + due.table +
                     " x JOIN case_file c ON c.id = x.case_id JOIN person p ON p.id = "
                     "c.person_id WHERE x.done_at = 0 AND x.due_on < ? AND c.status <> 'closed' "
                     "AND p.shredded_at = 0 AND NOT EXISTS (SELECT 1 FROM setback s WHERE "
                     "s.case_id = x.case_id AND s.rule = ? AND s.subject = x.id) ORDER BY "
                     "x.due_on LIMIT " +
                     std::to_string(kMaxFlagsPerRun),
                 {today, std::string(due.rule)}));
    for (const auto& r : rows) {
      const std::string& centre = r.Text(2);
      if (!rules.contains(centre)) {
        ASSIGN_OR_RETURN(rules[centre], Rules(centre));
      }
      auto due_on = ParseDate(r.Text(3));
      if (!due_on || DateText(PlusDays(*due_on, rules[centre].*due.grace)) >= today) continue;
      Json detail = {{"due_on", r.Text(3)}};
      if (due.has_months) detail["months"] = r.Int(4);
      flags.push_back({centre, r.Text(1), due.rule, r.Text(0), std::move(detail)});
    }
  }
  if (flags.empty()) return 0;
  int raised = 0;
  RETURN_IF_ERROR(db_.Transact(store::Access::kWrite, [&](store::Conn& conn) -> Status {
    raised = 0;
    for (const Flag& f : flags) {
      ASSIGN_OR_RETURN(bool now_raised, Raise(conn, f.centre, f.case_id, f.rule, f.subject,
                                              f.detail, NewId(env_), now));
      raised += now_raised ? 1 : 0;
    }
    return Status::Ok();
  }));
  return raised;
}

Result<std::vector<Setback>> Reintegration::Queue(const auth::Principal& actor,
                                                  const std::string& centre_id,
                                                  auth::Purpose purpose, bool all) {
  std::vector<Setback> out;
  audit::Event event{actor.user_id,
                     centre_id,
                     "setback.queue",
                     "centre/" + centre_id,
                     std::string(auth::PurposeName(purpose)),
                     ""};
  auto read = [&](store::Conn& conn) -> Status {
    out.clear();
    ASSIGN_OR_RETURN(store::Rows rows,
                     conn.Query(std::string(kSetbackSql) + "WHERE s.centre_id = ?" +
                                    (all ? " ORDER BY s.raised_at DESC, s.id DESC LIMIT 500"
                                         : " AND s.resolved_at = 0 ORDER BY s.raised_at, s.id "
                                           "LIMIT 500"),
                                {centre_id}));
    for (const auto& r : rows) out.push_back(SetbackFrom(keys_, centre_id, r));
    event.detail = "setbacks=" + std::to_string(out.size());
    return Status::Ok();
  };
  RETURN_IF_ERROR(audit::AuditedRead(db_, read, event, env_.NowMillis()));
  return out;
}

Status Reintegration::Resolve(const auth::Principal& actor, const std::string& centre_id,
                              const std::string& setback_id, const std::string& note) {
  if (IsBlank(note) || note.size() > kMaxText) {
    return InvalidArgument("invalid_note", "say how it was addressed, at most 2000 bytes");
  }
  int64_t now = env_.NowMillis();
  return db_.Transact(store::Access::kWrite, [&](store::Conn& conn) -> Status {
    ASSIGN_OR_RETURN(store::Rows rows,
                     conn.Query("SELECT c.person_id, s.resolved_at, s.case_id FROM setback s "
                                "JOIN case_file c ON c.id = s.case_id WHERE s.id = ? AND "
                                "s.centre_id = ?",
                                {setback_id, centre_id}));
    if (rows.empty()) return NotFound("no_such_setback", "there is no such set-back here");
    if (rows[0].Int(1) != 0) return FailedPrecondition("resolved", "already resolved");
    ASSIGN_OR_RETURN(std::string sealed,
                     keys_.SealPersonField(centre_id, rows[0].Text(0), kResolutionField, note));
    RETURN_IF_ERROR(conn.Exec("UPDATE setback SET resolved_by = ?, resolved_at = ?, "
                              "resolution_sealed = ? WHERE id = ?",
                              {actor.user_id, now, store::Blob{sealed}, setback_id})
                        .status());
    return audit::Record(conn,
                         PersonEvent(actor, centre_id, "setback.resolve", rows[0].Text(0),
                                     auth::Purpose::kSupervision,
                                     "case/" + rows[0].Text(2) + " setback/" + setback_id),
                         now);
  });
}

}  // namespace serai::people
