// Sending a text to a contact on each platform: the request the platform expects, and what its
// answer means (sent with the platform's id, retry later, or failed for good). Pure functions; the
// outbox (domain/inbox) does the storing and the waiting.
#pragma once

#include <string>

#include "common/http_client.h"
#include "domain/channels/accounts.h"

namespace serai::channels {

inline constexpr char kGraphVersion[] = "v21.0";
inline constexpr int64_t kHourMs = 3600 * 1000;

struct OutboundText {
  std::string handle;  // the recipient on this channel
  std::string text;
  int64_t since_last_inbound_ms = 0;  // for the platforms' messaging windows
};

// InvalidArgument("too_long") past the platform's text limit; FailedPrecondition("window_closed")
// when the platform's window for free-form replies has closed (WhatsApp: 24 hours, after which only
// templates may be sent; Messenger and Instagram: 7 days with the HUMAN_AGENT tag).
Status CheckSendable(Platform p, const std::string& text, int64_t since_last_inbound_ms);

HttpCall BuildSend(const ChannelAccount& account, const ChannelSecrets& secrets,
                   const OutboundText& out);

struct SendOutcome {
  enum class Kind { kSent, kRetry, kFailed };
  Kind kind = Kind::kFailed;
  std::string platform_id;     // when sent
  int64_t retry_after_ms = 0;  // when the platform said how long to wait
  std::string error;           // the platform's code and words, for people
};

SendOutcome InterpretReply(Platform p, const std::string& handle, const Result<HttpReply>& reply);

}  // namespace serai::channels
