#include "domain/channels/sender.h"

#include <algorithm>

#include "common/json.h"

namespace serai::channels {
namespace {

size_t CodePoints(const std::string& s) {
  return static_cast<size_t>(std::count_if(
      s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xc0) != 0x80; }));
}

size_t TextLimit(Platform p) {
  switch (p) {
    case Platform::kInPerson:
      return 8000;
    case Platform::kWhatsApp:
      return 4096;
    case Platform::kTelegram:
      return 4096;
    case Platform::kViber:
      return 7000;
    case Platform::kMessenger:
    case Platform::kInstagram:
      return 1999;
  }
  return 1000;
}

SendOutcome Sent(std::string id) { return {SendOutcome::Kind::kSent, std::move(id), 0, ""}; }
SendOutcome Retry(int64_t after_ms, std::string error) {
  return {SendOutcome::Kind::kRetry, "", after_ms, std::move(error)};
}
SendOutcome Failed(std::string error) {
  return {SendOutcome::Kind::kFailed, "", 0, std::move(error)};
}

int64_t RetryAfterHeader(const HttpReply& r) {
  if (r.retry_after.empty() || r.retry_after.size() > 6 ||
      !std::all_of(r.retry_after.begin(), r.retry_after.end(), ::isdigit)) {
    return 0;
  }
  return std::stoll(r.retry_after) * 1000;
}

// Graph API (WhatsApp, Messenger, Instagram) errors: {"error":{"code":..,"message":..}}.
SendOutcome GraphError(const HttpReply& r, const Json& body) {
  const Json& e = MemberOf(body, "error");
  int64_t code = MemberNumber(e, "code");
  std::string message = MemberText(e, "message");
  std::string error = std::to_string(code) + " " + message.substr(0, 160);
  // Throughput, pair-rate, spam-rate and application rate limits: wait and try again.
  static constexpr int64_t kBackOff[] = {130429, 131056, 131048, 80007, 613, 4, 17, 32};
  if (std::find(std::begin(kBackOff), std::end(kBackOff), code) != std::end(kBackOff) ||
      r.status >= 500 || r.status == 429) {
    return Retry(RetryAfterHeader(r), error);
  }
  return Failed(error);
}

}  // namespace

int64_t ReplyWindowEnd(Platform p, int64_t last_inbound_at_ms) {
  if (last_inbound_at_ms <= 0) return 0;
  switch (p) {
    case Platform::kWhatsApp:
      return last_inbound_at_ms + 24 * kHourMs;
    case Platform::kMessenger:
    case Platform::kInstagram:
      return last_inbound_at_ms + 7 * 24 * kHourMs;
    case Platform::kViber:
    case Platform::kTelegram:
    case Platform::kInPerson:
      break;
  }
  return 0;
}

Status CheckSendable(Platform p, const std::string& text, int64_t since_last_inbound_ms,
                     bool is_template) {
  if (is_template) {
    if (p != Platform::kWhatsApp) {
      return InvalidArgument("not_whatsapp", "message templates are sent on WhatsApp only");
    }
    return Status::Ok();
  }
  if (p == Platform::kInPerson) {
    return FailedPrecondition("no_channel",
                              "this person came in or called: record a visit or a call instead");
  }
  if (text.empty()) return InvalidArgument("empty_text", "write something to send");
  if (CodePoints(text) > TextLimit(p)) {
    return InvalidArgument("too_long", std::string(PlatformName(p)) + " takes at most " +
                                           std::to_string(TextLimit(p)) + " characters");
  }
  if (p == Platform::kWhatsApp && since_last_inbound_ms > 24 * kHourMs) {
    return FailedPrecondition(
        "window_closed",
        "more than 24 hours since the person last wrote: WhatsApp allows only "
        "an approved template now");
  }
  if ((p == Platform::kMessenger || p == Platform::kInstagram) &&
      since_last_inbound_ms > 7 * 24 * kHourMs) {
    return FailedPrecondition("window_closed",
                              "more than 7 days since the person last wrote: the platform does not "
                              "allow a reply any more");
  }
  return Status::Ok();
}

HttpCall BuildSend(const ChannelAccount& a, const ChannelSecrets& s, const OutboundText& out) {
  HttpCall call;
  call.headers.emplace_back("Content-Type", "application/json");
  switch (a.platform) {
    case Platform::kInPerson:  // never queued: CheckSendable refuses
      break;
    case Platform::kWhatsApp: {
      call.url = a.base_url + "/" + kGraphVersion + "/" + a.external_id + "/messages";
      call.headers.emplace_back("Authorization", "Bearer " + s.access_token);
      Json body = {{"messaging_product", "whatsapp"},
                   {"recipient_type", "individual"},
                   {"to", out.handle.starts_with("+") ? out.handle : "+" + out.handle}};
      if (out.template_call) {
        const TemplateCall& t = *out.template_call;
        Json parameters = Json::array();
        for (const std::string& v : t.parameters) {
          parameters.push_back({{"type", "text"}, {"text", v}});
        }
        Json components = Json::array();
        if (!parameters.empty()) {
          components.push_back({{"type", "body"}, {"parameters", parameters}});
        }
        body["type"] = "template";
        body["template"] = {
            {"name", t.name}, {"language", {{"code", t.language}}}, {"components", components}};
      } else {
        body["type"] = "text";
        body["text"] = {{"preview_url", false}, {"body", out.text}};
      }
      call.body = body.dump();
      break;
    }
    case Platform::kMessenger:
    case Platform::kInstagram: {
      call.url = a.base_url + "/" + kGraphVersion + "/" + a.external_id + "/messages";
      call.headers.emplace_back("Authorization", "Bearer " + s.access_token);
      Json body = {{"recipient", {{"id", out.handle}}}, {"message", {{"text", out.text}}}};
      // Inside 24 hours a plain response; after that a person may still answer for 7 days.
      if (out.since_last_inbound_ms <= 24 * kHourMs) {
        body["messaging_type"] = "RESPONSE";
      } else {
        body["messaging_type"] = "MESSAGE_TAG";
        body["tag"] = "HUMAN_AGENT";
      }
      call.body = body.dump();
      break;
    }
    case Platform::kViber:
      call.url = a.base_url + "/pa/send_message";
      call.headers.emplace_back("X-Viber-Auth-Token", s.auth_token);
      call.body = Json{
          {"receiver", out.handle},
          {"min_api_version", 1},
          {"sender", {{"name", a.name.substr(0, 28)}}},
          {"type", "text"},
          {"text",
           out.text}}.dump(-1, ' ', false, Json::error_handler_t::replace);
      break;
    case Platform::kTelegram:
      call.url = a.base_url + "/bot" + s.bot_token + "/sendMessage";
      call.body = Json{{"chat_id", out.handle}, {"text", out.text}}.dump();
      break;
  }
  return call;
}

SendOutcome InterpretReply(Platform p, const std::string& handle, const Result<HttpReply>& reply) {
  if (!reply.ok()) return Retry(0, "no answer: " + reply.status().message());
  const HttpReply& r = *reply;
  Json body = Json::parse(r.body, nullptr, false);
  switch (p) {
    case Platform::kInPerson:
      return Failed("nothing is sent in person");
    case Platform::kWhatsApp:
      if (const Json& sent = MemberArray(body, "messages");
          r.status == 200 && !sent.empty() && !MemberText(sent[0], "id").empty()) {
        return Sent(MemberText(sent[0], "id"));
      }
      return r.status == 200 ? Failed("unexpected answer from WhatsApp") : GraphError(r, body);
    case Platform::kMessenger:
    case Platform::kInstagram:
      if (r.status == 200 && !MemberText(body, "message_id").empty()) {
        return Sent(MemberText(body, "message_id"));
      }
      return r.status == 200 ? Failed("unexpected answer from Meta") : GraphError(r, body);
    case Platform::kViber: {
      if (r.status >= 500 || r.status == 429)
        return Retry(RetryAfterHeader(r), "Viber HTTP " + std::to_string(r.status));
      // Viber reports errors inside HTTP 200.
      int64_t status =
          MemberOf(body, "status").is_number_integer() ? MemberNumber(body, "status") : -1;
      std::string words = MemberText(body, "status_message").substr(0, 120);
      if (r.status == 200 && status == 0 && !MemberText(body, "message_token").empty()) {
        return Sent(MemberText(body, "message_token"));
      }
      if (status == 12) return Retry(RetryAfterHeader(r), "12 " + words);
      return Failed(std::to_string(status) + " " + words);
    }
    case Platform::kTelegram: {
      std::string sent_id = MemberText(MemberOf(body, "result"), "message_id");
      if (r.status == 200 && MemberOf(body, "ok") == true && !sent_id.empty()) {
        return Sent(handle + ":" + sent_id);
      }
      std::string words = MemberText(body, "description").substr(0, 160);
      if (r.status == 429 || r.status >= 500) {
        // The JSON field first, the Retry-After header second.
        int64_t after = MemberNumber(MemberOf(body, "parameters"), "retry_after") * 1000;
        return Retry(after > 0 ? after : RetryAfterHeader(r),
                     std::to_string(r.status) + " " + words);
      }
      return Failed(std::to_string(r.status) + " " + words);
    }
  }
  return Failed("unknown platform");
}

}  // namespace serai::channels
