// Replies: queued durably (the message and its job in one transaction), then sent by a worker
// through the platform's API. Transient failures (no answer, rate limits, the platform's own retry
// signals) are retried with exponential backoff that honours retry-after; permanent ones mark the
// message failed with the platform's reason. Thread-safe; several workers (and processes on
// PostgreSQL, via SKIP LOCKED) may run at once.
#pragma once

#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <unordered_map>

#include "common/env.h"
#include "common/http_client.h"
#include "common/token_buckets.h"
#include "domain/channels/accounts.h"
#include "domain/channels/sender.h"
#include "domain/inbox/conversation_terms.h"
#include "domain/inbox/inbox.h"

namespace serai::inbox {

inline constexpr int kMaxSendAttempts = 8;

struct OutboundReply {
  std::string text;
  std::string template_id = {};  // instead of text
  std::vector<std::string> template_values = {};
  // Sent by the knowledge base's assistant (kb/assistant.h), not a counsellor: the conversation
  // keeps its status and assignee.
  bool automatic = false;
  // More to write in the same transaction as the queued reply (the assistant's record of why).
  std::function<Status(store::Conn&)> also = {};
};

class Outbox {
 public:
  Outbox(store::Db& db, keys::KeyStore& keys, channels::ChannelAccountService& accounts,
         HttpClient& http, Env& env)
      : db_(db), keys_(keys), accounts_(accounts), http_(http), env_(env) {}

  // Queues a reply in the conversation: a text, or a WhatsApp template with its values
  // (templates.h), which WhatsApp delivers outside its 24-hour window too. InvalidArgument /
  // FailedPrecondition when the platform would refuse it (length, messaging window). Audited.
  Result<MessageView> Reply(const auth::Principal& actor, const std::string& centre_id,
                            const std::string& conversation_id, const OutboundReply& reply);

  // Sends the next due job, if any; true when there was one.
  Result<bool> RunOnce();
  // Waits until a reply is queued in this process or `millis` pass.
  void WaitForWork(int64_t millis);

 private:
  struct Job {
    std::string id, message_id, account_id, conversation_id, contact_id, centre_id;
    std::string body_sealed, handle_sealed, template_sealed;
    int64_t attempts = 0, last_inbound_at = 0;
  };
  Result<std::optional<Job>> Claim(int64_t now);
  Status Finish(const Job& job, const channels::SendOutcome& outcome, int64_t now);
  // Keeps within the platform's rate overall and per chat; returns how long to wait, 0 to go now.
  int64_t RateWait(const channels::ChannelAccount& account, const std::string& conversation_id,
                   int64_t now);

  store::Db& db_;
  keys::KeyStore& keys_;
  channels::ChannelAccountService& accounts_;
  HttpClient& http_;
  Env& env_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool work_queued_ = false;
  TokenBuckets send_rate_;  // by channel account
  TokenBuckets chat_rate_;  // by conversation
};

}  // namespace serai::inbox
