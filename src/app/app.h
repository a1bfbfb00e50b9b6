// Wiring: configuration, the data directory, and the services built on them.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "common/http_client.h"
#include "domain/auth/sessions.h"
#include "domain/auth/users.h"
#include "domain/centres/centres.h"
#include "domain/channels/accounts.h"
#include "domain/inbox/canned_replies.h"
#include "domain/inbox/inbox.h"
#include "domain/inbox/media.h"
#include "domain/inbox/outbox.h"
#include "domain/inbox/templates.h"
#include "domain/kb/articles.h"
#include "domain/kb/assistant.h"
#include "domain/keys/key_store.h"
#include "domain/people/cases.h"
#include "domain/people/duplicates.h"
#include "domain/people/people.h"
#include "domain/people/referrals.h"
#include "domain/people/reintegration.h"
#include "http/metrics.h"
#include "store/db.h"

namespace serai::app {

// Settings come from DATA/serai.toml, then the environment (SERAI_DB_URL), then command-line flags.
struct Config {
  std::string data_dir = "./serai-data";
  std::string listen = "127.0.0.1";
  int port = 8080;
  int workers = 4;
  int io_threads = 1;
  std::string db_url;   // "" = embedded SQLite in the data directory
  std::string web_dir;  // "" = found next to the binary
  int sign_in_per_minute = 20;
  int stream_heartbeat_seconds = 15;  // 1 to 25: under the 30 s a silent response may last
  int media_max_mb = 25;              // 1 to 100: the largest file kept from a person's message
};

// Command-line flags as --name value pairs plus positional words.
struct Args {
  std::vector<std::string> words;
  std::map<std::string, std::string> flags;
  std::string Flag(const std::string& name, const std::string& fallback = "") const;
  bool Has(const std::string& name) const { return flags.count(name) > 0; }
};

Result<Args> ParseArgs(int argc, char** argv, int first);
Result<Config> LoadConfig(const Args& args);

// An opened data directory: database (migrated), key store and services.
struct App {
  Config config;
  std::unique_ptr<store::Db> db;
  std::unique_ptr<keys::KeyStore> keys;
  std::unique_ptr<auth::UserService> users;
  std::unique_ptr<auth::AuthService> auth;
  std::unique_ptr<centres::CentreService> centres;
  std::unique_ptr<channels::ChannelAccountService> channels;
  std::unique_ptr<inbox::Routing> routing;
  std::unique_ptr<inbox::Inbox> inbox;
  std::unique_ptr<inbox::CannedReplies> canned;
  std::unique_ptr<HttpClient> http_client;
  std::unique_ptr<inbox::Outbox> outbox;
  std::unique_ptr<inbox::MediaFetcher> media;
  std::unique_ptr<inbox::MessageTemplates> templates;
  std::unique_ptr<kb::Articles> articles;
  std::unique_ptr<people::People> people;
  std::unique_ptr<people::Cases> cases;
  std::unique_ptr<people::Referrals> referrals;
  std::unique_ptr<people::Reintegration> reintegration;
  std::unique_ptr<people::Duplicates> duplicates;
  std::unique_ptr<kb::Assistant> assistant;
  http::Metrics metrics;
};

Result<std::unique_ptr<App>> OpenApp(const Config& config);

// A file shipped with serai: `in_tree` under the source tree the binary was built in (a development
// build), or `installed`; "" when neither exists.
std::string FindBesideBinary(const std::string& in_tree, const std::string& installed);

// Where the audit log's head is anchored: beside the keys, apart from the database.
std::string AuditAnchorPath(const Config& config);

// Subcommands; each returns the process exit code.
int Serve(const Config& config);
int Demo(const Config& config);
int UserCommand(const Config& config, const Args& args);
int Backup(const Config& config, const Args& args);
int Restore(const Config& config, const Args& args);
int Shred(const Config& config, const Args& args);
int KbCommand(const Config& config, const Args& args);
int AuditVerify(const Config& config);
int MigrateCommand(const Config& config);

}  // namespace serai::app
