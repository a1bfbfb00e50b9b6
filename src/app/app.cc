#include "app/app.h"

#include <toml++/toml.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>

namespace serai::app {

std::string Args::Flag(const std::string& name, const std::string& fallback) const {
  auto it = flags.find(name);
  return it == flags.end() ? fallback : it->second;
}

Result<Args> ParseArgs(int argc, char** argv, int first) {
  Args args;
  for (int i = first; i < argc; ++i) {
    std::string a = argv[i];
    if (a.starts_with("--")) {
      std::string name = a.substr(2);
      if (size_t eq = name.find('='); eq != std::string::npos) {
        args.flags[name.substr(0, eq)] = name.substr(eq + 1);
      } else if (i + 1 < argc && !std::string(argv[i + 1]).starts_with("--")) {
        args.flags[name] = argv[++i];
      } else {
        args.flags[name] = "true";
      }
    } else {
      args.words.push_back(a);
    }
  }
  return args;
}

namespace {

// A whole number from `min` to `max` given on the command line, or a clear error naming `flag`.
Result<int> ParseNumberFlag(const std::string& flag, const std::string& text, int min, int max) {
  if (text.empty() || text.size() > 9 || !std::all_of(text.begin(), text.end(), ::isdigit) ||
      std::stoi(text) < min || std::stoi(text) > max) {
    return InvalidArgument("invalid_" + flag, "--" + flag + " is a whole number from " +
                                                  std::to_string(min) + " to " +
                                                  std::to_string(max));
  }
  return std::stoi(text);
}

Status ApplyToml(Config& c, const std::filesystem::path& file) {
  // Debian's toml++ is built to report parse errors by exception; turn it into a Status here.
  toml::table t;
  try {
    t = toml::parse_file(file.string());
  } catch (const toml::parse_error& e) {
    return InvalidArgument("invalid_config", std::string(e.description()) + " in " + file.string());
  }
  c.listen = t["server"]["listen"].value_or(c.listen);
  c.port = static_cast<int>(t["server"]["port"].value_or(int64_t{c.port}));
  c.workers = static_cast<int>(t["server"]["workers"].value_or(int64_t{c.workers}));
  c.io_threads = static_cast<int>(t["server"]["io_threads"].value_or(int64_t{c.io_threads}));
  c.db_url = t["database"]["url"].value_or(c.db_url);
  c.web_dir = t["web"]["dir"].value_or(c.web_dir);
  c.sign_in_per_minute =
      static_cast<int>(t["limits"]["sign_in_per_minute"].value_or(int64_t{c.sign_in_per_minute}));
  c.stream_heartbeat_seconds = static_cast<int>(
      t["limits"]["stream_heartbeat_seconds"].value_or(int64_t{c.stream_heartbeat_seconds}));
  c.media_max_mb = static_cast<int>(t["limits"]["media_max_mb"].value_or(int64_t{c.media_max_mb}));
  return Status::Ok();
}

}  // namespace

Result<Config> LoadConfig(const Args& args) {
  Config c;
  c.data_dir = args.Flag("data", c.data_dir);
  auto toml_file = std::filesystem::path(c.data_dir) / "serai.toml";
  if (std::filesystem::exists(toml_file)) RETURN_IF_ERROR(ApplyToml(c, toml_file));
  if (const char* url = std::getenv("SERAI_DB_URL"); url && *url) c.db_url = url;
  if (args.Has("db")) c.db_url = args.Flag("db");
  if (args.Has("listen")) c.listen = args.Flag("listen");
  if (args.Has("port")) {
    ASSIGN_OR_RETURN(c.port, ParseNumberFlag("port", args.Flag("port"), 0, 65535));
  }
  if (args.Has("web")) c.web_dir = args.Flag("web");
  if (c.web_dir.empty()) {
    std::string index = FindBesideBinary("web/dist/index.html", "/usr/share/serai/web/index.html");
    if (!index.empty()) c.web_dir = std::filesystem::path(index).parent_path().string();
  }
  if (args.Has("sign-in-per-minute")) {
    ASSIGN_OR_RETURN(
        c.sign_in_per_minute,
        ParseNumberFlag("sign-in-per-minute", args.Flag("sign-in-per-minute"), 1, 1'000'000));
  }
  if (args.Has("stream-heartbeat")) {
    ASSIGN_OR_RETURN(c.stream_heartbeat_seconds,
                     ParseNumberFlag("stream-heartbeat", args.Flag("stream-heartbeat"), 1, 25));
  }
  if (args.Has("media-max-mb")) {
    ASSIGN_OR_RETURN(c.media_max_mb,
                     ParseNumberFlag("media-max-mb", args.Flag("media-max-mb"), 1, 100));
  }
  if (c.media_max_mb < 1 || c.media_max_mb > 100)
    return InvalidArgument("invalid_config", "media_max_mb is 1 to 100");
  if (c.stream_heartbeat_seconds < 1 || c.stream_heartbeat_seconds > 25)
    return InvalidArgument("invalid_config", "stream_heartbeat_seconds is 1 to 25");
  if (c.workers < 1 || c.workers > 256)
    return InvalidArgument("invalid_config", "workers is 1 to 256");
  return c;
}

std::string FindBesideBinary(const std::string& in_tree, const std::string& installed) {
  std::error_code ec;
  std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  for (auto p = exe.parent_path(); !ec && p.has_relative_path(); p = p.parent_path()) {
    if (std::filesystem::exists(p / in_tree)) return (p / in_tree).string();
  }
  return std::filesystem::exists(installed) ? installed : "";
}

std::string AuditAnchorPath(const Config& config) { return config.data_dir + "/keys/audit-anchor"; }

Result<std::unique_ptr<App>> OpenApp(const Config& config) {
  auto app = std::make_unique<App>();
  app->config = config;
  std::error_code ec;
  std::filesystem::create_directories(config.data_dir, ec);
  if (ec) return Unavailable("data_dir", "cannot create the data directory " + config.data_dir);
  std::filesystem::permissions(config.data_dir, std::filesystem::perms::owner_all,
                               std::filesystem::perm_options::replace, ec);
  if (config.db_url.empty()) {
    ASSIGN_OR_RETURN(app->db, store::OpenSqlite(config.data_dir + "/serai.db", config.workers));
  } else {
    ASSIGN_OR_RETURN(app->db, store::OpenPostgres(config.db_url, config.workers + 2));
  }
  RETURN_IF_ERROR(store::Migrate(*app->db, store::SeraiMigrations()));
  ASSIGN_OR_RETURN(app->keys, keys::KeyStore::Open(config.data_dir + "/keys", Env::Default()));
  app->users = std::make_unique<auth::UserService>(*app->db, *app->keys, Env::Default());
  app->auth = std::make_unique<auth::AuthService>(*app->db, *app->users, Env::Default());
  app->centres = std::make_unique<centres::CentreService>(*app->db, Env::Default());
  app->channels =
      std::make_unique<channels::ChannelAccountService>(*app->db, *app->keys, Env::Default());
  // Online means seen by a live inbox stream within three heartbeats.
  app->routing = std::make_unique<inbox::Routing>(*app->db, Env::Default(),
                                                  3000 * int64_t{config.stream_heartbeat_seconds});
  app->inbox = std::make_unique<inbox::Inbox>(*app->db, *app->keys, *app->routing, Env::Default());
  app->canned = std::make_unique<inbox::CannedReplies>(*app->db, Env::Default());
  app->templates = std::make_unique<inbox::MessageTemplates>(*app->db, Env::Default());
  app->articles =
      std::make_unique<kb::Articles>(*app->db, Env::Default(), config.data_dir + "/kb/index");
  app->people = std::make_unique<people::People>(*app->db, *app->keys, Env::Default());
  // Routes an older version wrote in the clear are sealed (a no-op once done).
  RETURN_IF_ERROR(app->people->SealClearRoutes().status());
  app->cases = std::make_unique<people::Cases>(*app->db, *app->keys, Env::Default());
  app->referrals = std::make_unique<people::Referrals>(*app->db, *app->keys, Env::Default());
  app->reintegration =
      std::make_unique<people::Reintegration>(*app->db, *app->keys, Env::Default());
  app->duplicates = std::make_unique<people::Duplicates>(*app->db, *app->keys, Env::Default());
  app->http_client = NewCurlClient();
  app->outbox = std::make_unique<inbox::Outbox>(*app->db, *app->keys, *app->channels,
                                                *app->http_client, Env::Default());
  app->media = std::make_unique<inbox::MediaFetcher>(
      *app->db, *app->keys, *app->channels, *app->http_client, Env::Default(),
      config.data_dir + "/media", int64_t{config.media_max_mb} * 1024 * 1024);
  app->assistant = std::make_unique<kb::Assistant>(*app->db, *app->keys, *app->articles,
                                                   *app->outbox, Env::Default());
  return app;
}

}  // namespace serai::app
