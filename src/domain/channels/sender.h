// Sending a text to a contact on each platform: the request the platform expects, and what its
// answer means (sent with the platform's id, retry later, or failed for good). Pure functions; the
// outbox (domain/inbox) does the storing and the waiting.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/http_client.h"
#include "domain/channels/accounts.h"

namespace serai::channels {

inline constexpr char kGraphVersion[] = "v21.0";
inline constexpr int64_t kHourMs = 3600 * 1000;

// A WhatsApp message template approved by Meta for the account, with the values of its body's
// {{1}}, {{2}}, ... placeholders: the only message WhatsApp delivers outside the 24-hour window.
struct TemplateCall {
  std::string name;      // as registered with Meta: lower case, digits and underscores
  std::string language;  // as registered: "en", "fa", "ps_AF", ...
  std::vector<std::string> parameters;
};

struct OutboundText {
  std::string handle;                 // the recipient on this channel
  std::string text;                   // with a template: the body as the person will read it
  int64_t since_last_inbound_ms = 0;  // for the platforms' messaging windows
  std::optional<TemplateCall> template_call = std::nullopt;
};

// InvalidArgument("too_long") past the platform's text limit; FailedPrecondition("window_closed")
// when the platform's window for free-form replies has closed (WhatsApp: 24 hours, after which only
// templates may be sent; Messenger and Instagram: 7 days with the HUMAN_AGENT tag).
// With `is_template` (WhatsApp only), the window does not apply.
Status CheckSendable(Platform p, const std::string& text, int64_t since_last_inbound_ms,
                     bool is_template = false);

// Until when a free reply is allowed (the last inbound message's time plus the platform's window:
// WhatsApp 24 hours, Messenger and Instagram 7 days with the human-agent tag); 0 when the platform
// has no window.
int64_t ReplyWindowEnd(Platform p, int64_t last_inbound_at_ms);

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
