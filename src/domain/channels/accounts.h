// Channel accounts: one centre's WhatsApp number, Viber bot, Telegram bot, Facebook Page or
// Instagram account. Secrets are sealed under the centre's key; only ids and names are in clear.
#pragma once

#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/env.h"
#include "domain/channels/webhook.h"
#include "domain/keys/key_store.h"
#include "store/db.h"

namespace serai::channels {

struct ChannelAccount {
  std::string id;
  std::string centre_id;
  Platform platform = Platform::kWhatsApp;
  std::string name;
  std::string external_id;  // phone_number_id, Page id, IG account id, bot id or URI
  std::string base_url;     // the platform's API base (a local fake in tests and demos)
  bool enabled = true;
  int64_t created_at = 0;
  // The knowledge base answers people who write here by itself (kb/assistant.h). Off by default.
  bool self_service = false;
};

struct ChannelAccountInput {
  Platform platform = Platform::kWhatsApp;
  std::string name, external_id, base_url;
  ChannelSecrets secrets;
};

// Thread-safe. Accounts and their secrets are cached for the webhook path.
class ChannelAccountService {
 public:
  ChannelAccountService(store::Db& db, keys::KeyStore& keys, Env& env)
      : db_(db), keys_(keys), env_(env) {}

  Result<ChannelAccount> Create(const std::string& actor_id, const std::string& centre_id,
                                const ChannelAccountInput& input);
  Result<std::vector<ChannelAccount>> ListInCentre(const std::string& centre_id);
  // Turns self-service answers on or off (audited). NotFound unless the account is the centre's.
  Result<ChannelAccount> SetSelfService(const std::string& actor_id, const std::string& centre_id,
                                        const std::string& account_id, bool on);
  // NotFound for unknown or disabled accounts.
  Result<std::pair<ChannelAccount, ChannelSecrets>> ForWebhook(const std::string& account_id);

 private:
  store::Db& db_;
  keys::KeyStore& keys_;
  Env& env_;
  std::mutex mu_;
  std::unordered_map<std::string, std::pair<ChannelAccount, ChannelSecrets>> cache_;
};

Status ValidateAccountInput(const ChannelAccountInput& input);

}  // namespace serai::channels
