// serai: the one binary. `serai help` lists the subcommands.
#include <iostream>

#include "app/app.h"
#include "common/log.h"
#include "crypto/crypto.h"

namespace {

constexpr char kUsage[] = R"(usage: serai COMMAND [--data DIR] [options]

  serve          run the server (--port N, --listen ADDR, --db URL, --web DIR,
                 --media-max-mb N: largest file kept from a message, default 25)
  demo           create a demo data directory: six centres, a user for each role
  migrate        bring the database schema up to date
  user add       --email E --role R --centre ID|* [--name N] [--password P]
  user passwd    --email E [--password P]     (ends the user's sessions)
  user totp      --email E                    (new second-factor secret)
  backup         --out FILE   online, consistent copy of the database (keys excluded)
  restore        --from FILE  (serve must be stopped)
  shred          --person ID | --centre ID    destroy their keys: data unreadable everywhere
  audit verify   check the audit log's hash chain
  kb import FILE load articles (JSON lines: slug, lang, title, body, topics, countries, audience)
  kb ask         questions as JSON lines {"id", "q"} on stdin; answers as JSON lines on stdout

Every command takes --data DIR (default ./serai-data). DATA/serai.toml holds settings;
SERAI_DB_URL selects PostgreSQL.
)";

int Run(int argc, char** argv) {
  if (argc < 2 || std::string(argv[1]) == "help" || std::string(argv[1]) == "--help") {
    std::cout << kUsage;
    return argc < 2 ? 2 : 0;
  }
  if (!serai::crypto::Init()) {
    std::cerr << "serai: no secure random source\n";
    return 1;
  }
  auto args = serai::app::ParseArgs(argc, argv, 1);
  auto config = serai::app::LoadConfig(*args);
  if (!config.ok()) {
    std::cerr << "serai: " << config.status().message() << "\n";
    return 2;
  }
  const std::string& cmd = args->words.at(0);
  if (cmd == "serve") return serai::app::Serve(*config);
  if (cmd == "demo") return serai::app::Demo(*config);
  if (cmd == "migrate") return serai::app::MigrateCommand(*config);
  if (cmd == "user") return serai::app::UserCommand(*config, *args);
  if (cmd == "backup") return serai::app::Backup(*config, *args);
  if (cmd == "restore") return serai::app::Restore(*config, *args);
  if (cmd == "shred") return serai::app::Shred(*config, *args);
  if (cmd == "kb") return serai::app::KbCommand(*config, *args);
  if (cmd == "audit" && args->words.size() > 1 && args->words[1] == "verify") {
    return serai::app::AuditVerify(*config);
  }
  std::cerr << kUsage;
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return Run(argc, argv);
  } catch (const std::exception& e) {
    serai::log::Error("fatal", {{"what", std::string(e.what())}});
    return 1;
  }
}
