#include "domain/channels/webhook.h"

#include <array>

#include "common/ids.h"
#include "common/name_table.h"
#include "crypto/crypto.h"

namespace serai::channels {
namespace {

constexpr NameTable<Platform, 5> kNames = {{
    {Platform::kWhatsApp, "whatsapp"},
    {Platform::kViber, "viber"},
    {Platform::kTelegram, "telegram"},
    {Platform::kMessenger, "messenger"},
    {Platform::kInstagram, "instagram"},
}};

Status BadSignature() {
  return Unauthenticated("bad_signature", "the request does not carry a valid platform signature");
}

// "sha256=<hex>" (Meta) or "<hex>" (Viber) against HMAC-SHA256(key, raw).
Status CheckHmac(std::string_view key, std::string_view given_hex, std::string_view raw) {
  std::string given;
  if (key.empty() || given_hex.size() != 64 || !HexDecode(given_hex, &given)) return BadSignature();
  return crypto::ConstantTimeEqual(crypto::HmacSha256(key, raw), given) ? Status::Ok()
                                                                        : BadSignature();
}

// A JSON scalar as text: ids may exceed 2^53, so integers keep all their digits.
std::string Text(const Json& obj, std::string_view key) {
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return {};
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number_integer() || it->is_number_unsigned()) return it->dump();
  return {};
}

int64_t Number(const Json& obj, std::string_view key) {
  auto it = obj.find(key);
  if (it == obj.end()) return 0;
  if (it->is_number_integer()) return it->get<int64_t>();
  if (it->is_string()) {
    const std::string& s = it->get_ref<const std::string&>();
    if (!s.empty() && s.size() < 19 && std::all_of(s.begin(), s.end(), ::isdigit))
      return std::stoll(s);
  }
  return 0;
}

const Json& Member(const Json& obj, std::string_view key) {
  static const Json kNull;
  auto it = obj.find(key);
  return it == obj.end() ? kNull : *it;
}

const Json& Array(const Json& obj, std::string_view key) {
  static const Json kEmpty = Json::array();
  auto it = obj.find(key);
  return it != obj.end() && it->is_array() ? *it : kEmpty;
}

std::string MediaJson(std::string ref, std::string mime, std::string file_name, int64_t size) {
  if (ref.empty()) return {};
  Json m = {{"ref", ref}, {"mime", mime}, {"file_name", file_name}, {"size", size}};
  return m.dump();
}

Status NotShape(std::string_view platform) {
  return InvalidArgument("not_a_webhook",
                         "the body is not a " + std::string(platform) + " webhook");
}

// --- WhatsApp Cloud API ---

InboundMessage WhatsAppMessage(const Json& m, const Json& contacts) {
  InboundMessage out;
  out.platform_id = Text(m, "id");
  out.handle = Text(m, "from");
  out.kind = Text(m, "type");
  out.sent_at_ms = Number(m, "timestamp") * 1000;
  for (const Json& c : contacts) {
    if (c.is_object() && Text(c, "wa_id") == out.handle)
      out.name = Text(Member(c, "profile"), "name");
  }
  const Json& body = Member(m, out.kind);
  if (out.kind == "text") {
    out.text = Text(body, "body");
  } else if (body.is_object()) {
    out.text = Text(body, "caption");
    out.media = MediaJson(Text(body, "id"), Text(body, "mime_type"), Text(body, "filename"), 0);
  }
  static const std::array<std::string_view, 9> kKnown = {
      "text", "image", "document", "audio", "video", "sticker", "contacts", "location", "voice"};
  if (std::find(kKnown.begin(), kKnown.end(), out.kind) == kKnown.end()) out.kind = "other";
  return out;
}

std::optional<DeliveryStatus> StatusFromName(std::string_view s) {
  if (s == "sent") return DeliveryStatus::kSent;
  if (s == "delivered") return DeliveryStatus::kDelivered;
  if (s == "read" || s == "played") return DeliveryStatus::kRead;
  if (s == "failed") return DeliveryStatus::kFailed;
  return std::nullopt;
}

Result<ParsedWebhook> ParseWhatsApp(const Json& body) {
  if (Text(body, "object") != "whatsapp_business_account") return NotShape("WhatsApp");
  ParsedWebhook out;
  for (const Json& entry : Array(body, "entry")) {
    if (!entry.is_object()) return NotShape("WhatsApp");
    for (const Json& change : Array(entry, "changes")) {
      const Json& value = Member(change, "value");
      if (!value.is_object()) continue;
      for (const Json& m : Array(value, "messages")) {
        if (!m.is_object() || Text(m, "id").empty()) continue;
        out.messages.push_back(WhatsAppMessage(m, Array(value, "contacts")));
      }
      for (const Json& st : Array(value, "statuses")) {
        auto status = st.is_object() ? StatusFromName(Text(st, "status")) : std::nullopt;
        if (!status || Text(st, "id").empty()) continue;
        Receipt r{Text(st, "id"),
                  Text(st, "recipient_id"),
                  0,
                  *status,
                  "",
                  Number(st, "timestamp") * 1000};
        for (const Json& e : Array(st, "errors")) {
          if (e.is_object()) r.error = Text(e, "code") + " " + Text(e, "title");
        }
        out.receipts.push_back(std::move(r));
      }
    }
  }
  return out;
}

// --- Telegram Bot API ---

Result<ParsedWebhook> ParseTelegram(const Json& body) {
  std::string update_id = Text(body, "update_id");
  if (update_id.empty()) return NotShape("Telegram");
  ParsedWebhook out;
  const Json& m = Member(body, "message");
  if (!m.is_object()) {
    out.others.push_back({"update:" + update_id, "telegram_update"});
    return out;
  }
  InboundMessage msg;
  const Json& chat = Member(m, "chat");
  const Json& from = Member(m, "from");
  msg.handle = Text(chat, "id");
  msg.platform_id = msg.handle + ":" + Text(m, "message_id");
  msg.name = Text(from, "first_name");
  msg.language = Text(from, "language_code");
  msg.sent_at_ms = Number(m, "date") * 1000;
  msg.text = m.contains("text") ? Text(m, "text") : Text(m, "caption");
  msg.kind = m.contains("text") ? "text" : "other";
  if (const Json& photos = Array(m, "photo"); !photos.empty() && photos.back().is_object()) {
    msg.kind = "image";
    msg.media = MediaJson(Text(photos.back(), "file_id"), "image/jpeg", "",
                          Number(photos.back(), "file_size"));
  }
  for (std::string_view kind : {"document", "voice", "audio", "video"}) {
    const Json& f = Member(m, kind);
    if (!f.is_object()) continue;
    msg.kind = kind == "voice" ? "audio" : std::string(kind);
    msg.media = MediaJson(Text(f, "file_id"), Text(f, "mime_type"), Text(f, "file_name"),
                          Number(f, "file_size"));
  }
  if (m.contains("contact")) msg.kind = "contact";
  if (m.contains("location")) msg.kind = "location";
  if (msg.handle.empty()) return NotShape("Telegram");
  out.messages.push_back(std::move(msg));
  return out;
}

// --- Viber REST Bot API ---

Result<ParsedWebhook> ParseViber(const Json& body) {
  std::string event = Text(body, "event");
  std::string token = Text(body, "message_token");
  if (event.empty()) return NotShape("Viber");
  ParsedWebhook out;
  if (event == "webhook") {
    out.registration_ping = true;
    return out;
  }
  int64_t at = Number(body, "timestamp");
  if (event == "message") {
    const Json& sender = Member(body, "sender");
    const Json& m = Member(body, "message");
    if (!m.is_object() || token.empty()) return NotShape("Viber");
    InboundMessage msg{token,
                       Text(sender, "id"),
                       Text(sender, "name"),
                       Text(sender, "language"),
                       Text(m, "type"),
                       Text(m, "text"),
                       "",
                       at};
    if (msg.kind == "picture") msg.kind = "image";
    if (msg.kind == "file") msg.kind = "document";
    std::string media = Text(m, "media");
    if (!media.empty())
      msg.media = MediaJson(media, "", Text(m, "file_name"), Number(m, "file_size"));
    if (msg.handle.empty()) return NotShape("Viber");
    out.messages.push_back(std::move(msg));
  } else if (event == "delivered" || event == "seen" || event == "failed") {
    DeliveryStatus s = event == "delivered" ? DeliveryStatus::kDelivered
                       : event == "seen"    ? DeliveryStatus::kRead
                                            : DeliveryStatus::kFailed;
    out.receipts.push_back(
        {token, Text(body, "user_id"), 0, s, event == "failed" ? Text(body, "desc") : "", at});
  } else {
    out.others.push_back({event + ":" + token, "viber_" + event});
  }
  return out;
}

// --- Messenger and Instagram (Meta Messenger Platform) ---

void MetaMessaging(const Json& ev, ParsedWebhook& out) {
  std::string sender = Text(Member(ev, "sender"), "id");
  int64_t at = Number(ev, "timestamp");
  const Json& m = Member(ev, "message");
  if (m.is_object()) {
    if (Member(m, "is_echo").is_boolean() && Member(m, "is_echo").get<bool>()) {
      out.others.push_back({"echo:" + Text(m, "mid"), "echo"});
      return;
    }
    InboundMessage msg{Text(m, "mid"), sender, "", "", "text", Text(m, "text"), "", at};
    for (const Json& a : Array(m, "attachments")) {
      if (!a.is_object()) continue;
      msg.kind = Text(a, "type") == "file" ? "document" : Text(a, "type");
      msg.media = MediaJson(Text(Member(a, "payload"), "url"), "", "", 0);
    }
    if (!msg.platform_id.empty() && !sender.empty()) out.messages.push_back(std::move(msg));
    return;
  }
  if (const Json& d = Member(ev, "delivery"); d.is_object()) {
    for (const Json& mid : Array(d, "mids")) {
      if (mid.is_string())
        out.receipts.push_back(
            {mid.get<std::string>(), sender, 0, DeliveryStatus::kDelivered, "", at});
    }
    out.receipts.push_back(
        {"", sender, Number(d, "watermark"), DeliveryStatus::kDelivered, "", at});
    return;
  }
  const Json& read = ev.contains("read") ? Member(ev, "read") : Member(ev, "messaging_seen");
  if (read.is_object()) {
    out.receipts.push_back({"", sender, Number(read, "watermark"), DeliveryStatus::kRead, "", at});
    return;
  }
  out.others.push_back({"event:" + sender + ":" + std::to_string(at), "meta_event"});
}

Result<ParsedWebhook> ParseMeta(const Json& body, std::string_view object) {
  if (Text(body, "object") != object) return NotShape(object == "page" ? "Messenger" : "Instagram");
  ParsedWebhook out;
  for (const Json& entry : Array(body, "entry")) {
    if (!entry.is_object()) return NotShape("Meta");
    for (const Json& ev : Array(entry, "messaging")) {
      if (ev.is_object()) MetaMessaging(ev, out);
    }
  }
  return out;
}

}  // namespace

std::string_view PlatformName(Platform p) { return NameIn(kNames, p); }

std::optional<Platform> ParsePlatform(std::string_view name) { return ParseIn(kNames, name); }

const std::vector<Platform>& AllPlatforms() {
  static const std::vector<Platform> kAll = {Platform::kWhatsApp, Platform::kViber,
                                             Platform::kTelegram, Platform::kMessenger,
                                             Platform::kInstagram};
  return kAll;
}

Status VerifySignature(Platform p, const ChannelSecrets& secrets, const HeaderFn& header,
                       std::string_view raw) {
  switch (p) {
    case Platform::kWhatsApp:
    case Platform::kMessenger:
    case Platform::kInstagram: {
      std::string_view sig = header("x-hub-signature-256");
      if (!sig.starts_with("sha256=")) return BadSignature();
      return CheckHmac(secrets.app_secret, sig.substr(7), raw);
    }
    case Platform::kViber:
      return CheckHmac(secrets.auth_token, header("x-viber-content-signature"), raw);
    case Platform::kTelegram: {
      std::string_view given = header("x-telegram-bot-api-secret-token");
      if (secrets.secret_token.empty() || !crypto::ConstantTimeEqual(given, secrets.secret_token)) {
        return BadSignature();
      }
      return Status::Ok();
    }
  }
  return BadSignature();
}

Result<std::string> Handshake(Platform p, const ChannelSecrets& secrets, std::string_view mode,
                              std::string_view verify_token, std::string_view challenge) {
  if (p != Platform::kWhatsApp && p != Platform::kMessenger && p != Platform::kInstagram) {
    return InvalidArgument("no_handshake", "this platform has no verification handshake");
  }
  if (mode != "subscribe" || secrets.verify_token.empty() ||
      !crypto::ConstantTimeEqual(verify_token, secrets.verify_token) || challenge.empty() ||
      challenge.size() > 256 || !IsSingleLine(challenge)) {
    return PermissionDenied("bad_verify_token", "the verify token does not match");
  }
  return std::string(challenge);
}

std::string_view DeliveryStatusName(DeliveryStatus s) {
  switch (s) {
    case DeliveryStatus::kQueued:
      return "queued";
    case DeliveryStatus::kSent:
      return "sent";
    case DeliveryStatus::kFailed:
      return "failed";
    case DeliveryStatus::kDelivered:
      return "delivered";
    case DeliveryStatus::kRead:
      return "read";
  }
  return "queued";
}

int64_t DeliveryRank(DeliveryStatus s) {
  switch (s) {
    case DeliveryStatus::kQueued:
      return 0;
    case DeliveryStatus::kSent:
      return 10;
    case DeliveryStatus::kFailed:
      return 15;
    case DeliveryStatus::kDelivered:
      return 20;
    case DeliveryStatus::kRead:
      return 30;
  }
  return 0;
}

Result<ParsedWebhook> ParseWebhook(Platform p, const Json& body) {
  switch (p) {
    case Platform::kWhatsApp:
      return ParseWhatsApp(body);
    case Platform::kTelegram:
      return ParseTelegram(body);
    case Platform::kViber:
      return ParseViber(body);
    case Platform::kMessenger:
      return ParseMeta(body, "page");
    case Platform::kInstagram:
      return ParseMeta(body, "instagram");
  }
  return NotShape("platform");
}

}  // namespace serai::channels
