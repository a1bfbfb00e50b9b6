// Reintegration monitoring, on a case of type reintegration.
//
//  - A needs assessment scores three dimensions, economic, social and psychosocial, from 1 (severe
//    need) to 5 (doing well), and may record reported distress and a note; assessments are kept
//    over time (the first is the baseline, later ones are usually made at follow-ups).
//  - A plan of milestones, each with a due day, done or not.
//  - Follow-ups scheduled from the day monitoring starts, at the centre's intervals (by default
//    1, 3, 6 and 12 months); an assessment made for a follow-up completes it.
//  - Set-back rules, per centre: a follow-up missed by more than `missed_grace_days`, a dimension
//    that fell by `score_drop` points or more since the previous assessment, distress reported, a
//    milestone overdue by more than `milestone_grace_days`. Each raises a flag with its reason (a
//    rule and its numbers, which the web app words in the reader's language) into the
//    supervisors' queue, once per thing it is about, until someone resolves it with a note.
//
// Score drops and distress are flagged as the assessment is recorded; missed follow-ups and
// overdue milestones by `DetectDue` (the server runs it every ten minutes). Days are UTC days.
// Milestone titles, assessment notes and resolutions are sealed under the person's key.
//
// Thread-safe: all state is in the database and the key store.
#pragma once

#include <string>
#include <vector>

#include "common/env.h"
#include "common/status.h"
#include "domain/auth/access.h"
#include "domain/keys/key_store.h"
#include "store/db.h"

namespace serai::people {

struct ReintegrationRules {
  std::vector<int> follow_up_months = {1, 3, 6, 12};
  int missed_grace_days = 7;
  int score_drop = 2;
  int milestone_grace_days = 7;
};

struct Assessment {
  std::string id, follow_up_id;
  int economic = 0, social = 0, psychosocial = 0;  // 1..5
  bool distress = false;
  std::string note, assessed_by;
  int64_t assessed_at = 0;
};

struct Milestone {
  std::string id, title, due_on, done_by;
  int64_t done_at = 0;
};

struct FollowUp {
  std::string id;
  int months = 0;
  std::string due_on, done_by;
  int64_t done_at = 0;
};

// A raised set-back. `rule` is missed_follow_up, score_drop, distress or milestone_overdue;
// `detail` its numbers: {"months", "due_on"}, {"dimension", "from", "to"}, {}, {"due_on"}.
struct Setback {
  std::string id, case_id, case_number, person_code, owner_id, rule, detail_json;
  int64_t raised_at = 0;
  std::string resolved_by, resolution;
  int64_t resolved_at = 0;
};

struct Monitoring {
  std::string start_on;                 // "" until started
  std::vector<Assessment> assessments;  // oldest first
  std::vector<Milestone> milestones;    // by due day
  std::vector<FollowUp> follow_ups;     // by due day
  std::vector<Setback> setbacks;        // newest first, open and resolved
};

class Reintegration {
 public:
  static constexpr size_t kMaxText = 2000;

  Reintegration(store::Db& db, keys::KeyStore& keys, Env& env) : db_(db), keys_(keys), env_(env) {}

  Result<ReintegrationRules> Rules(const std::string& centre_id);
  Status SetRules(const auth::Principal& actor, const std::string& centre_id,
                  ReintegrationRules rules);

  // Starts monitoring a reintegration case on `start_on` and schedules its follow-ups.
  Status Start(const auth::Principal& actor, const std::string& centre_id,
               const std::string& case_id, const std::string& start_on);
  // An audited read: milestone titles and notes are opened.
  Result<Monitoring> Get(const auth::Principal& actor, const std::string& centre_id,
                         auth::Purpose purpose, const std::string& case_id);
  Result<Assessment> Assess(const auth::Principal& actor, const std::string& centre_id,
                            const std::string& case_id, Assessment a);
  Result<Milestone> AddMilestone(const auth::Principal& actor, const std::string& centre_id,
                                 const std::string& case_id, const std::string& title,
                                 const std::string& due_on);
  Status SetMilestoneDone(const auth::Principal& actor, const std::string& centre_id,
                          const std::string& case_id, const std::string& milestone_id, bool done);

  // Raises the flags of missed follow-ups and overdue milestones, in every centre; how many.
  Result<int> DetectDue();

  // The supervisors' queue: open set-backs of the centre, oldest first (or every one with `all`).
  Result<std::vector<Setback>> Queue(const auth::Principal& actor, const std::string& centre_id,
                                     auth::Purpose purpose, bool all);
  Status Resolve(const auth::Principal& actor, const std::string& centre_id,
                 const std::string& setback_id, const std::string& note);

 private:
  store::Db& db_;
  keys::KeyStore& keys_;
  Env& env_;
};

}  // namespace serai::people
