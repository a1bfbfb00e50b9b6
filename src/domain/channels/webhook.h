// Inbound webhooks of the five platforms: checking that a request really comes from the platform
// (over the raw body bytes, in constant time), and parsing its JSON into one shape the inbox
// stores.
//
// Everything here is a pure function of its inputs: no storage, no clock. Thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/json.h"
#include "common/status.h"

namespace serai::channels {

// The messaging platforms, and kInPerson: the channel of visits and phone calls that counsellors
// record themselves (a hidden account per centre; nothing is received or sent through it).
enum class Platform { kWhatsApp, kViber, kTelegram, kMessenger, kInstagram, kInPerson };

std::string_view PlatformName(Platform p);
// A messaging platform's name ("inperson" is not one: no webhooks, no channel accounts to add).
std::optional<Platform> ParsePlatform(std::string_view name);
// Any stored platform name, "inperson" included.
std::optional<Platform> PlatformFromStored(std::string_view name);
// The messaging platforms.
const std::vector<Platform>& AllPlatforms();

// The secrets of one channel account. Which ones a platform uses:
//   WhatsApp, Messenger, Instagram: app_secret (signatures), verify_token (GET handshake),
//                                   access_token (sending)
//   Viber:    auth_token (signatures and sending)
//   Telegram: bot_token (sending), secret_token (the X-Telegram-Bot-Api-Secret-Token header)
struct ChannelSecrets {
  std::string app_secret, verify_token, access_token, auth_token, bot_token, secret_token;
};

// Header lookup by lower-case name; "" when absent.
using HeaderFn = std::function<std::string_view(std::string_view)>;

// Unauthenticated("bad_signature") unless the request carries the platform's proof for `raw`.
Status VerifySignature(Platform p, const ChannelSecrets& secrets, const HeaderFn& header,
                       std::string_view raw);

// The GET verification handshake of Meta's platforms: the challenge to echo, or PermissionDenied.
Result<std::string> Handshake(Platform p, const ChannelSecrets& secrets, std::string_view mode,
                              std::string_view verify_token, std::string_view challenge);

enum class DeliveryStatus { kQueued, kSent, kFailed, kDelivered, kRead };
std::string_view DeliveryStatusName(DeliveryStatus s);
// Statuses only move forward: queued < sent < failed < delivered < read (a failure reported after
// delivery is stale and ignored).
int64_t DeliveryRank(DeliveryStatus s);

struct InboundMessage {
  std::string platform_id;  // wamid, mid, Viber message_token, Telegram "chat:message_id"
  std::string handle;       // the sender on this channel (phone, PSID, IGSID, Viber id, chat id)
  std::string name;         // as the platform gives it; may be empty
  std::string language;     // as the platform gives it; may be empty
  std::string kind;   // text, image, document, audio, video, sticker, contact, location, other
  std::string text;   // text or caption
  std::string media;  // JSON: {"ref": media id or URL, "mime", "file_name", "size"}; "" if none
  int64_t sent_at_ms = 0;
};

struct Receipt {
  std::string platform_id;   // the outbound message it refers to; "" for watermark receipts
  std::string handle;        // whose chat (for watermark receipts)
  int64_t watermark_ms = 0;  // everything sent up to this time (Messenger, Instagram)
  DeliveryStatus status = DeliveryStatus::kSent;
  std::string error;  // platform error code and title when failed
  int64_t at_ms = 0;
};

// Events the inbox does not act on (yet): kept by dedupe key, so redeliveries stay no-ops.
struct OtherEvent {
  std::string dedupe_key;
  std::string kind;
};

struct ParsedWebhook {
  std::vector<InboundMessage> messages;
  std::vector<Receipt> receipts;
  std::vector<OtherEvent> others;
  // Viber's "webhook" ping at registration: answer 200 and store nothing.
  bool registration_ping = false;
};

// InvalidArgument for bodies that are not the platform's shape. Unknown event types are not errors.
Result<ParsedWebhook> ParseWebhook(Platform p, const Json& body);

}  // namespace serai::channels
