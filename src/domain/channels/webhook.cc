#include "domain/channels/webhook.h"

#include <array>

#include "common/ids.h"
#include "common/name_table.h"
#include "crypto/crypto.h"

namespace serai::channels {
namespace {

constexpr NameTable<Platform, 6> kNames = {{
    {Platform::kWhatsApp, "whatsapp"},
    {Platform::kViber, "viber"},
    {Platform::kTelegram, "telegram"},
    {Platform::kMessenger, "messenger"},
    {Platform::kInstagram, "instagram"},
    {Platform::kInPerson, "inperson"},
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
  out.platform_id = MemberText(m, "id");
  out.handle = MemberText(m, "from");
  out.kind = MemberText(m, "type");
  out.sent_at_ms = MemberNumber(m, "timestamp") * 1000;
  for (const Json& c : contacts) {
    if (c.is_object() && MemberText(c, "wa_id") == out.handle)
      out.name = MemberText(MemberOf(c, "profile"), "name");
  }
  const Json& body = MemberOf(m, out.kind);
  if (out.kind == "text") {
    out.text = MemberText(body, "body");
  } else if (body.is_object()) {
    out.text = MemberText(body, "caption");
    out.media = MediaJson(MemberText(body, "id"), MemberText(body, "mime_type"),
                          MemberText(body, "filename"), 0);
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
  if (MemberText(body, "object") != "whatsapp_business_account") return NotShape("WhatsApp");
  ParsedWebhook out;
  for (const Json& entry : MemberArray(body, "entry")) {
    if (!entry.is_object()) return NotShape("WhatsApp");
    for (const Json& change : MemberArray(entry, "changes")) {
      const Json& value = MemberOf(change, "value");
      if (!value.is_object()) continue;
      for (const Json& m : MemberArray(value, "messages")) {
        if (!m.is_object() || MemberText(m, "id").empty()) continue;
        out.messages.push_back(WhatsAppMessage(m, MemberArray(value, "contacts")));
      }
      for (const Json& st : MemberArray(value, "statuses")) {
        auto status = st.is_object() ? StatusFromName(MemberText(st, "status")) : std::nullopt;
        if (!status || MemberText(st, "id").empty()) continue;
        Receipt r{MemberText(st, "id"),
                  MemberText(st, "recipient_id"),
                  0,
                  *status,
                  "",
                  MemberNumber(st, "timestamp") * 1000};
        for (const Json& e : MemberArray(st, "errors")) {
          if (e.is_object()) r.error = MemberText(e, "code") + " " + MemberText(e, "title");
        }
        out.receipts.push_back(std::move(r));
      }
    }
  }
  return out;
}

// --- Telegram Bot API ---

Result<ParsedWebhook> ParseTelegram(const Json& body) {
  std::string update_id = MemberText(body, "update_id");
  if (update_id.empty()) return NotShape("Telegram");
  ParsedWebhook out;
  const Json& m = MemberOf(body, "message");
  if (!m.is_object()) {
    out.others.push_back({"update:" + update_id, "telegram_update"});
    return out;
  }
  InboundMessage msg;
  const Json& chat = MemberOf(m, "chat");
  const Json& from = MemberOf(m, "from");
  msg.handle = MemberText(chat, "id");
  msg.platform_id = msg.handle + ":" + MemberText(m, "message_id");
  msg.name = MemberText(from, "first_name");
  msg.language = MemberText(from, "language_code");
  msg.sent_at_ms = MemberNumber(m, "date") * 1000;
  msg.text = m.contains("text") ? MemberText(m, "text") : MemberText(m, "caption");
  msg.kind = m.contains("text") ? "text" : "other";
  if (const Json& photos = MemberArray(m, "photo"); !photos.empty() && photos.back().is_object()) {
    msg.kind = "image";
    msg.media = MediaJson(MemberText(photos.back(), "file_id"), "image/jpeg", "",
                          MemberNumber(photos.back(), "file_size"));
  }
  for (std::string_view kind : {"document", "voice", "audio", "video"}) {
    const Json& f = MemberOf(m, kind);
    if (!f.is_object()) continue;
    msg.kind = kind == "voice" ? "audio" : std::string(kind);
    msg.media = MediaJson(MemberText(f, "file_id"), MemberText(f, "mime_type"),
                          MemberText(f, "file_name"), MemberNumber(f, "file_size"));
  }
  if (m.contains("contact")) msg.kind = "contact";
  if (m.contains("location")) msg.kind = "location";
  if (msg.handle.empty()) return NotShape("Telegram");
  out.messages.push_back(std::move(msg));
  return out;
}

// --- Viber REST Bot API ---

Result<ParsedWebhook> ParseViber(const Json& body) {
  std::string event = MemberText(body, "event");
  std::string token = MemberText(body, "message_token");
  if (event.empty()) return NotShape("Viber");
  ParsedWebhook out;
  if (event == "webhook") {
    out.registration_ping = true;
    return out;
  }
  int64_t at = MemberNumber(body, "timestamp");
  if (event == "message") {
    const Json& sender = MemberOf(body, "sender");
    const Json& m = MemberOf(body, "message");
    if (!m.is_object() || token.empty()) return NotShape("Viber");
    InboundMessage msg{token,
                       MemberText(sender, "id"),
                       MemberText(sender, "name"),
                       MemberText(sender, "language"),
                       MemberText(m, "type"),
                       MemberText(m, "text"),
                       "",
                       at};
    if (msg.kind == "picture") msg.kind = "image";
    if (msg.kind == "file") msg.kind = "document";
    std::string media = MemberText(m, "media");
    if (!media.empty())
      msg.media = MediaJson(media, "", MemberText(m, "file_name"), MemberNumber(m, "file_size"));
    if (msg.handle.empty()) return NotShape("Viber");
    out.messages.push_back(std::move(msg));
  } else if (event == "delivered" || event == "seen" || event == "failed") {
    DeliveryStatus s = event == "delivered" ? DeliveryStatus::kDelivered
                       : event == "seen"    ? DeliveryStatus::kRead
                                            : DeliveryStatus::kFailed;
    out.receipts.push_back({token, MemberText(body, "user_id"), 0, s,
                            event == "failed" ? MemberText(body, "desc") : "", at});
  } else {
    out.others.push_back({event + ":" + token, "viber_" + event});
  }
  return out;
}

// --- Messenger and Instagram (Meta Messenger Platform) ---

void MetaMessaging(const Json& ev, ParsedWebhook& out) {
  std::string sender = MemberText(MemberOf(ev, "sender"), "id");
  int64_t at = MemberNumber(ev, "timestamp");
  const Json& m = MemberOf(ev, "message");
  if (m.is_object()) {
    if (MemberOf(m, "is_echo").is_boolean() && MemberOf(m, "is_echo").get<bool>()) {
      out.others.push_back({"echo:" + MemberText(m, "mid"), "echo"});
      return;
    }
    InboundMessage msg{MemberText(m, "mid"), sender, "", "", "text", MemberText(m, "text"), "", at};
    for (const Json& a : MemberArray(m, "attachments")) {
      if (!a.is_object()) continue;
      msg.kind = MemberText(a, "type") == "file" ? "document" : MemberText(a, "type");
      msg.media = MediaJson(MemberText(MemberOf(a, "payload"), "url"), "", "", 0);
    }
    if (!msg.platform_id.empty() && !sender.empty()) out.messages.push_back(std::move(msg));
    return;
  }
  if (const Json& d = MemberOf(ev, "delivery"); d.is_object()) {
    for (const Json& mid : MemberArray(d, "mids")) {
      if (mid.is_string())
        out.receipts.push_back(
            {mid.get<std::string>(), sender, 0, DeliveryStatus::kDelivered, "", at});
    }
    out.receipts.push_back(
        {"", sender, MemberNumber(d, "watermark"), DeliveryStatus::kDelivered, "", at});
    return;
  }
  const Json& read = ev.contains("read") ? MemberOf(ev, "read") : MemberOf(ev, "messaging_seen");
  if (read.is_object()) {
    out.receipts.push_back(
        {"", sender, MemberNumber(read, "watermark"), DeliveryStatus::kRead, "", at});
    return;
  }
  out.others.push_back({"event:" + sender + ":" + std::to_string(at), "meta_event"});
}

Result<ParsedWebhook> ParseMeta(const Json& body, std::string_view object) {
  if (MemberText(body, "object") != object)
    return NotShape(object == "page" ? "Messenger" : "Instagram");
  ParsedWebhook out;
  for (const Json& entry : MemberArray(body, "entry")) {
    if (!entry.is_object()) return NotShape("Meta");
    for (const Json& ev : MemberArray(entry, "messaging")) {
      if (ev.is_object()) MetaMessaging(ev, out);
    }
  }
  return out;
}

}  // namespace

std::string_view PlatformName(Platform p) { return NameIn(kNames, p); }

std::optional<Platform> ParsePlatform(std::string_view name) {
  auto p = ParseIn(kNames, name);
  if (p == Platform::kInPerson) return std::nullopt;
  return p;
}

std::optional<Platform> PlatformFromStored(std::string_view name) { return ParseIn(kNames, name); }

const std::vector<Platform>& AllPlatforms() {
  static const std::vector<Platform> kAll = {Platform::kWhatsApp, Platform::kViber,
                                             Platform::kTelegram, Platform::kMessenger,
                                             Platform::kInstagram};
  return kAll;
}

Status VerifySignature(Platform p, const ChannelSecrets& secrets, const HeaderFn& header,
                       std::string_view raw) {
  switch (p) {
    case Platform::kInPerson:
      return BadSignature();
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
    case Platform::kInPerson:
      return NotShape("platform");
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
