#include "domain/channels/accounts.h"

#include "common/ids.h"
#include "crypto/crypto.h"
#include "domain/audit/audit_log.h"

namespace serai::channels {
namespace {

constexpr char kColumns[] =
    "id, centre_id, platform, name, external_id, base_url, enabled, created_at, secrets, "
    "self_service";

std::string SecretsContext(const std::string& id) { return "channel:" + id + ":secrets"; }

Json SecretsJson(const ChannelSecrets& s) {
  return {{"app_secret", s.app_secret},     {"verify_token", s.verify_token},
          {"access_token", s.access_token}, {"auth_token", s.auth_token},
          {"bot_token", s.bot_token},       {"secret_token", s.secret_token}};
}

ChannelSecrets SecretsFrom(const Json& j) {
  auto get = [&](const char* k) {
    return j.contains(k) && j[k].is_string() ? j[k].get<std::string>() : "";
  };
  return {get("app_secret"), get("verify_token"), get("access_token"),
          get("auth_token"), get("bot_token"),    get("secret_token")};
}

ChannelAccount FromRow(const store::Row& r) {
  return {r.Text(0),     r.Text(1), PlatformFromStored(r.Text(2)).value_or(Platform::kInPerson),
          r.Text(3),     r.Text(4), r.Text(5),
          r.Int(6) != 0, r.Int(7),  r.Int(9) != 0};
}

}  // namespace

Status ValidateAccountInput(const ChannelAccountInput& in) {
  if (in.name.empty() || in.name.size() > 120)
    return InvalidArgument("invalid_name", "a name is 1 to 120 bytes");
  if (in.external_id.empty() || in.external_id.size() > 128) {
    return InvalidArgument("invalid_external_id",
                           "external_id is the platform's id for the account");
  }
  if (!(in.base_url.starts_with("https://") || in.base_url.starts_with("http://")) ||
      in.base_url.size() > 256) {
    return InvalidArgument("invalid_base_url", "base_url is an http(s) URL");
  }
  const ChannelSecrets& s = in.secrets;
  bool meta = in.platform == Platform::kWhatsApp || in.platform == Platform::kMessenger ||
              in.platform == Platform::kInstagram;
  if (meta && (s.app_secret.empty() || s.verify_token.empty() || s.access_token.empty())) {
    return InvalidArgument("missing_secret",
                           "app_secret, verify_token and access_token are required");
  }
  if (in.platform == Platform::kViber && s.auth_token.empty()) {
    return InvalidArgument("missing_secret", "auth_token is required");
  }
  if (in.platform == Platform::kTelegram && (s.bot_token.empty() || s.secret_token.empty())) {
    return InvalidArgument("missing_secret", "bot_token and secret_token are required");
  }
  return Status::Ok();
}

Result<ChannelAccount> ChannelAccountService::Create(const std::string& actor_id,
                                                     const std::string& centre_id,
                                                     const ChannelAccountInput& in) {
  RETURN_IF_ERROR(ValidateAccountInput(in));
  ASSIGN_OR_RETURN(std::string key, keys_.CentreKey(centre_id));
  int64_t now = env_.NowMillis();
  ChannelAccount a{NewId(env_),    centre_id,   in.platform, in.name,
                   in.external_id, in.base_url, true,        now};
  std::string sealed = crypto::Seal(key, SecretsJson(in.secrets).dump(), SecretsContext(a.id));
  RETURN_IF_ERROR(db_.Transact(store::Access::kWrite, [&](store::Conn& conn) -> Status {
    RETURN_IF_ERROR(
        conn.Exec("INSERT INTO channel_account (id, centre_id, platform, name, external_id, "
                  "base_url, secrets, enabled, created_at, updated_at) VALUES (?, ?, ?, ?, "
                  "?, ?, ?, 1, ?, ?)",
                  {a.id, centre_id, std::string(PlatformName(a.platform)), a.name, a.external_id,
                   a.base_url, store::Blob{sealed}, now, now})
            .status());
    return audit::Record(conn,
                         {actor_id, centre_id, "channel.create", "channel/" + a.id,
                          "administration", std::string(PlatformName(a.platform))},
                         now);
  }));
  return a;
}

Result<std::vector<ChannelAccount>> ChannelAccountService::ListInCentre(
    const std::string& centre_id) {
  ASSIGN_OR_RETURN(store::Rows rows,
                   db_.Read(std::string("SELECT ") + kColumns +
                                " FROM channel_account WHERE centre_id = ? AND platform <> "
                                "'inperson' ORDER BY id",
                            {centre_id}));
  std::vector<ChannelAccount> out;
  for (const auto& r : rows) out.push_back(FromRow(r));
  return out;
}

Result<ChannelAccount> ChannelAccountService::SetSelfService(const std::string& actor_id,
                                                             const std::string& centre_id,
                                                             const std::string& account_id,
                                                             bool on) {
  store::Rows rows;
  RETURN_IF_ERROR(db_.Transact(store::Access::kWrite, [&](store::Conn& conn) -> Status {
    ASSIGN_OR_RETURN(int64_t changed,
                     conn.Exec("UPDATE channel_account SET self_service = ? WHERE id = ? AND "
                               "centre_id = ? AND platform <> 'inperson'",
                               {int64_t{on}, account_id, centre_id}));
    if (changed == 0) return NotFound("no_such_channel", "there is no such channel account");
    ASSIGN_OR_RETURN(
        rows, conn.Query(std::string("SELECT ") + kColumns + " FROM channel_account WHERE id = ?",
                         {account_id}));
    return audit::Record(conn,
                         {actor_id, centre_id, "channel.self_service", "channel/" + account_id,
                          "administration", on ? "on" : "off"},
                         env_.NowMillis());
  }));
  std::lock_guard lock(mu_);
  cache_.erase(account_id);
  return FromRow(rows.at(0));
}

Result<std::pair<ChannelAccount, ChannelSecrets>> ChannelAccountService::ForWebhook(
    const std::string& account_id) {
  {
    std::lock_guard lock(mu_);
    if (auto it = cache_.find(account_id); it != cache_.end()) return it->second;
  }
  ASSIGN_OR_RETURN(store::Rows rows,
                   db_.Read(std::string("SELECT ") + kColumns +
                                " FROM channel_account WHERE id = ? AND enabled = 1",
                            {account_id}));
  if (rows.empty()) return NotFound("no_such_channel", "there is no such channel account");
  ChannelAccount a = FromRow(rows[0]);
  ASSIGN_OR_RETURN(std::string key, keys_.CentreKey(a.centre_id));
  ASSIGN_OR_RETURN(std::string plain, crypto::Open(key, rows[0].Text(8), SecretsContext(a.id)));
  Json j = Json::parse(plain, nullptr, false);
  auto entry = std::make_pair(a, SecretsFrom(j));
  std::lock_guard lock(mu_);
  cache_[account_id] = entry;
  return entry;
}

}  // namespace serai::channels
