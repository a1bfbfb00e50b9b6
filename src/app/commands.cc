// The administrative subcommands: migrate, user, backup, restore, shred, audit verify.
#include <fcntl.h>
#include <sys/file.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <iostream>

#include "app/app.h"
#include "common/ids.h"
#include "common/json.h"
#include "domain/audit/audit_log.h"
#include "domain/inbox/conversation_terms.h"

namespace serai::app {
namespace {

int Fail(const std::string& what, const Status& s) {
  std::cerr << "serai " << what << ": " << s.message() << " (" << s.reason() << ")\n";
  return 1;
}

// Runs a program with arguments (no shell), returning its exit status.
int RunProgram(const std::vector<std::string>& argv) {
  pid_t pid = ::fork();
  if (pid == 0) {
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    ::execvp(args[0], args.data());
    _exit(127);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}

}  // namespace

int MigrateCommand(const Config& config) {
  auto app = OpenApp(config);  // migrates on open
  if (!app.ok()) return Fail("migrate", app.status());
  auto version = store::SchemaVersion(*(*app)->db);
  if (!version.ok()) return Fail("migrate", version.status());
  std::cout << "schema version " << *version << "\n";
  return 0;
}

int UserCommand(const Config& config, const Args& args) {
  std::string verb = args.words.size() > 1 ? args.words[1] : "";
  auto opened = OpenApp(config);
  if (!opened.ok()) return Fail("user", opened.status());
  App& app = **opened;
  if (verb == "add") {
    auto role = auth::ParseRole(args.Flag("role"));
    if (!role)
      return Fail("user add", InvalidArgument("invalid_role", "--role names no known role"));
    std::string centre = args.Flag("centre");
    if (centre != "*" && !IsValidId(centre)) {
      return Fail("user add", InvalidArgument("invalid_centre", "--centre is a centre id or *"));
    }
    std::string password = args.Flag("password", Base64UrlEncode(Env::Default().RandomBytes(15)));
    auto u = app.users->Create("system", {args.Flag("email"),
                                          args.Flag("name", args.Flag("email")),
                                          password,
                                          args.Flag("locale", "en"),
                                          {{centre, *role}}});
    if (!u.ok()) return Fail("user add", u.status());
    std::cout << "created " << u->id << " " << u->email << " password " << password << "\n";
    return 0;
  }
  auto user = app.users->FindByEmail(args.Flag("email"));
  if (!user.ok()) return Fail("user", user.status());
  if (verb == "passwd") {
    std::string password = args.Flag("password", Base64UrlEncode(Env::Default().RandomBytes(15)));
    if (Status s = app.users->SetPassword("system", user->id, password); !s.ok())
      return Fail("user passwd", s);
    std::cout << "new password " << password << "\n";
    return 0;
  }
  if (verb == "totp") {
    auto e = app.users->ResetTotp("system", user->id);
    if (!e.ok()) return Fail("user totp", e.status());
    std::cout << e->uri << "\n";
    return 0;
  }
  std::cerr << "usage: serai user add|passwd|totp --data DIR --email E [--role R --centre ID|*]\n";
  return 2;
}

int Backup(const Config& config, const Args& args) {
  std::string out = args.Flag("out");
  if (out.empty()) return Fail("backup", InvalidArgument("missing_out", "give --out FILE"));
  if (!config.db_url.empty()) {
    return RunProgram({"pg_dump", "--format=custom", "--file=" + out, config.db_url}) == 0
               ? 0
               : Fail("backup", Unavailable("pg_dump_failed", "pg_dump did not succeed"));
  }
  auto app = OpenApp(config);
  if (!app.ok()) return Fail("backup", app.status());
  std::filesystem::remove(out);
  if (Status s = (*app)->db->BackupTo(out); !s.ok()) return Fail("backup", s);
  std::cout << "backup written to " << out
            << " (keys are not included: keep DATA/keys safe separately)\n";
  return 0;
}

// A restore rewinds the audit log on purpose: anchor its restored head and record the restore.
int AfterRestore(const Config& config, const std::string& from) {
  auto app = OpenApp(config);
  if (!app.ok()) return Fail("restore", app.status());
  Status s = (*app)->db->Transact(store::Access::kWrite, [&](store::Conn& conn) {
    return audit::Record(conn,
                         {"system", "", "database.restore", "backup", "administration",
                          std::filesystem::path(from).filename().string().substr(0, 80)},
                         Env::Default().NowMillis());
  });
  if (!s.ok()) return Fail("restore", s);
  auto head = audit::ReadHead(*(*app)->db);
  if (!head.ok()) return Fail("restore", head.status());
  if (Status w = audit::WriteAnchor(AuditAnchorPath(config), *head); !w.ok())
    return Fail("restore", w);
  std::cout << "restored from " << from << "\n";
  return 0;
}

int Restore(const Config& config, const Args& args) {
  std::string from = args.Flag("from");
  if (from.empty() || !std::filesystem::exists(from)) {
    return Fail("restore", InvalidArgument("missing_from", "give --from FILE"));
  }
  if (!config.db_url.empty()) {
    if (RunProgram({"pg_restore", "--clean", "--if-exists", "--dbname=" + config.db_url, from}) !=
        0) {
      return Fail("restore", Unavailable("pg_restore_failed", "pg_restore did not succeed"));
    }
    return AfterRestore(config, from);
  }
  int fd = ::open((config.data_dir + "/serai.lock").c_str(), O_CREAT | O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0 || ::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    return Fail("restore", FailedPrecondition("server_running", "stop serai serve first"));
  }
  {
    auto check = store::OpenSqlite(from, 1);
    if (!check.ok() || !store::SchemaVersion(**check).ok()) {
      return Fail("restore", InvalidArgument("not_a_backup", "the file is not a Serai backup"));
    }
  }
  std::string db = config.data_dir + "/serai.db";
  std::filesystem::copy_file(from, db + ".restoring",
                             std::filesystem::copy_options::overwrite_existing);
  std::filesystem::remove(db + "-wal");
  std::filesystem::remove(db + "-shm");
  std::filesystem::rename(db + ".restoring", db);
  return AfterRestore(config, from);
}

int Shred(const Config& config, const Args& args) {
  auto opened = OpenApp(config);
  if (!opened.ok()) return Fail("shred", opened.status());
  App& app = **opened;
  std::string person = args.Flag("person"), centre = args.Flag("centre");
  if (!IsValidId(person) && !IsValidId(centre)) {
    return Fail("shred", InvalidArgument("missing_target", "give --person ID or --centre ID"));
  }
  bool is_person = IsValidId(person);
  // A person's record goes the one way every shred of a person goes (their contacts with them);
  // otherwise the id is an inbox contact's, or a centre's.
  std::string record_centre;
  if (is_person) {
    auto found = app.people->CentreOf(person);
    if (!found.ok()) return Fail("shred", found.status());
    record_centre = *found;
  }
  Status s;
  if (!record_centre.empty()) {
    auth::Principal system;
    system.user_id = "system";
    s = app.people->Shred(system, record_centre, person, "command");
  } else {
    s = is_person ? app.keys->ShredContact(person) : app.keys->ShredCentre(centre);
    if (!s.ok()) return Fail("shred", s);
    s = app.db->Transact(store::Access::kWrite, [&](store::Conn& conn) -> Status {
      // What could still confirm a guess goes too: their words' search terms, their platform ids.
      if (is_person) RETURN_IF_ERROR(inbox::Inbox::ForgetContact(conn, person));
      return audit::Record(
          conn,
          {"system", is_person ? "" : centre, is_person ? "person.shred" : "centre.shred",
           is_person ? "person/" + person : "centre/" + centre, "administration", ""},
          Env::Default().NowMillis());
    });
  }
  if (!s.ok()) return Fail("shred", s);
  std::cout << "shredded " << (is_person ? "person " + person : "centre " + centre)
            << ": their encrypted data is unreadable everywhere, backups included\n";
  return 0;
}

int AuditVerify(const Config& config) {
  auto opened = OpenApp(config);
  if (!opened.ok()) return Fail("audit verify", opened.status());
  auto report = audit::Verify(*(*opened)->db, AuditAnchorPath(config));
  if (!report.ok()) return Fail("audit verify", report.status());
  Json out = {{"ok", report->ok}, {"events", report->events}};
  if (!report->ok) {
    out["first_bad_seq"] = report->first_bad_seq;
    out["problem"] = report->problem;
  }
  std::cout << out.dump() << "\n";
  return report->ok ? 0 : 1;
}

}  // namespace serai::app
