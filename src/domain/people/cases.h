// Cases: the follow-up of one person's situation, of four types.
//
//  - counselling: deciding about migration, a route, a job offer;
//  - labour_grievance: passport confiscated, no contract, unpaid wages, social insurance and
//    retirement benefits, vaccination, leave refused (a grievance may have several);
//  - protection_referral: trafficking, smuggling, violence;
//  - reintegration: a returnee rebuilding a life.
//
// A case has a status (open, in_progress, waiting, closed), an owner (a counsellor or manager of
// the centre), a priority, notes, tasks with due dates and reminders, and the inbox conversations
// attached to it (attaching one also makes its contact the person's).
//
// What people said and what staff wrote about them is personal: notes and task titles are sealed
// under the person's own data key, so shredding the person makes them unreadable too. Lists show
// numbers, types, statuses and dates only; reading a case's notes, or one's tasks, is audited with
// its purpose.
//
// Reminders: a task may name the day from which it reminds its assignee (by default its due day).
// From that day on it is among the assignee's reminders (`Tasks` with `reminders_only`); the web
// app counts them in its menu. Days are calendar days, compared by the client in its own zone.
//
// Thread-safe: all state is in the database and the key store.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/env.h"
#include "common/status.h"
#include "domain/auth/access.h"
#include "domain/keys/key_store.h"
#include "domain/page.h"
#include "store/db.h"

namespace serai::people {

const std::vector<std::string>& CaseTypes();       // counselling, labour_grievance, ...
const std::vector<std::string>& CaseStatuses();    // open, in_progress, waiting, closed
const std::vector<std::string>& CasePriorities();  // low, normal, high, urgent
// The categories a case of `type` may have (none for counselling and reintegration).
const std::vector<std::string>& CaseCategories(const std::string& type);

struct CaseSummary {
  std::string id, number, person_id, person_code, type;
  std::vector<std::string> categories;
  std::string status, priority, owner_id;
  int64_t opened_at = 0, updated_at = 0, closed_at = 0;
  int open_tasks = 0;
  std::string next_due_on;  // the earliest due day of its open tasks, or ""
};

struct CaseNote {
  std::string id, author_id, text;
  int64_t created_at = 0;
};

struct CaseTask {
  std::string id, case_id, case_number, title, assignee_id;
  std::string due_on, remind_on;  // YYYY-MM-DD; remind_on <= due_on
  std::string done_by;
  int64_t done_at = 0;  // 0 while open
  std::string created_by;
  int64_t created_at = 0;
};

struct Case {
  CaseSummary summary;
  std::vector<CaseNote> notes;  // oldest first
  std::vector<CaseTask> tasks;  // open first, by due day
  std::vector<std::string> conversation_ids;
  std::string opened_by;
};

struct NewCase {
  std::string person_id, type;
  std::vector<std::string> categories;
  std::string priority = "normal";
  std::string owner_id;         // "" for the one opening it
  std::string note;             // an optional first note
  std::string conversation_id;  // an optional conversation to attach
};

struct CasePatch {
  std::optional<std::string> status, priority, owner_id;
  std::optional<std::vector<std::string>> categories;
};

struct NewTask {
  std::string title, due_on, remind_on;  // remind_on "" for the due day
  std::string assignee_id;               // "" for the case's owner
};

struct CaseFilter {
  std::string status;     // "" for every status but closed; "all" for every one
  std::string owner_id;   // "" for anyone's
  std::string person_id;  // "" for anyone's
  std::string type;       // "" for every type
};

class Cases {
 public:
  static constexpr size_t kMaxNote = 4000, kMaxTitle = 200;

  Cases(store::Db& db, keys::KeyStore& keys, Env& env) : db_(db), keys_(keys), env_(env) {}

  Result<Case> Open(const auth::Principal& actor, const std::string& centre_id,
                    auth::Purpose purpose, NewCase c);
  // One case with its notes and tasks opened (an audited read).
  Result<Case> Get(const auth::Principal& actor, const std::string& centre_id,
                   auth::Purpose purpose, const std::string& case_id);
  // Most recently changed first; no notes, no task titles.
  Result<Page<CaseSummary>> List(const std::string& centre_id, const CaseFilter& filter, int limit,
                                 const std::string& after_id);
  Result<CaseSummary> Update(const auth::Principal& actor, const std::string& centre_id,
                             const std::string& case_id, const CasePatch& patch);

  Result<CaseNote> AddNote(const auth::Principal& actor, const std::string& centre_id,
                           const std::string& case_id, const std::string& text);
  Result<CaseTask> AddTask(const auth::Principal& actor, const std::string& centre_id,
                           const std::string& case_id, NewTask task);
  // Marks a task done (done = true) or open again.
  Result<CaseTask> SetTaskDone(const auth::Principal& actor, const std::string& centre_id,
                               const std::string& case_id, const std::string& task_id, bool done);
  // The open tasks assigned to `actor` in the centre, by due day (an audited read: titles are
  // opened). With `today` (YYYY-MM-DD), only those whose reminder day has come.
  Result<std::vector<CaseTask>> MyTasks(const auth::Principal& actor, const std::string& centre_id,
                                        auth::Purpose purpose, const std::string& today);

  // Attaches an inbox conversation of the centre to the case; its contact becomes the person's
  // (refused when it is already someone else's).
  Status AttachConversation(const auth::Principal& actor, const std::string& centre_id,
                            const std::string& case_id, const std::string& conversation_id);

 private:
  Status CheckTask(NewTask& task);
  Status Attach(store::Conn& conn, const std::string& centre_id, const std::string& case_id,
                const std::string& person_id, const std::string& conversation_id,
                const std::string& actor, int64_t now);

  store::Db& db_;
  keys::KeyStore& keys_;
  Env& env_;
};

}  // namespace serai::people
