// Channel accounts (/api/v1/centres/{centre}/channels) and the platforms' webhooks
// (/webhooks/{platform}/{account}), which authenticate by the platform's signature, not a session.
#include "api/decoders.h"
#include "api/route_table.h"
#include "common/ids.h"
#include "common/log.h"

namespace serai::api {
namespace {

Json AccountJson(const channels::ChannelAccount& a) {
  std::string platform(channels::PlatformName(a.platform));
  return {{"id", a.id},
          {"platform", platform},
          {"name", a.name},
          {"external_id", a.external_id},
          {"base_url", a.base_url},
          {"enabled", a.enabled},
          {"self_service", a.self_service},
          {"webhook_path", "/webhooks/" + platform + "/" + a.id},
          {"created_at", a.created_at}};
}

Status NoSuchChannel() { return NotFound("no_such_channel", "there is no such channel account"); }

// The account named in the path, if it exists and is of the named platform.
Result<std::pair<channels::ChannelAccount, channels::ChannelSecrets>> WebhookAccount(Call& c) {
  auto platform = channels::ParsePlatform(c.Param(0));
  if (!platform || !IsValidId(c.Param(1))) return NoSuchChannel();
  auto found = c.services.channels.ForWebhook(c.Param(1));
  if (!found.ok() || found->first.platform != *platform) return NoSuchChannel();
  return found;
}

Result<http::Response> Handshake(Call& c) {
  ASSIGN_OR_RETURN(auto found, WebhookAccount(c));
  auto q = [&](const char* name) { return c.request.QueryParam(name).value_or(""); };
  ASSIGN_OR_RETURN(std::string challenge,
                   channels::Handshake(found.first.platform, found.second, q("hub.mode"),
                                       q("hub.verify_token"), q("hub.challenge")));
  http::Response r;
  r.content_type = "text/plain; charset=utf-8";
  r.body = challenge;
  return r;
}

// Verify over the raw bytes, parse, store durably, and only then answer 200.
Result<http::Response> Receive(Call& c) {
  ASSIGN_OR_RETURN(auto found, WebhookAccount(c));
  const auto& [account, secrets] = found;
  RETURN_IF_ERROR(channels::VerifySignature(
      account.platform, secrets, [&](std::string_view name) { return c.request.Header(name); },
      c.request.body));
  ASSIGN_OR_RETURN(Json body, c.Body());
  ASSIGN_OR_RETURN(channels::ParsedWebhook parsed, channels::ParseWebhook(account.platform, body));
  if (!parsed.registration_ping) {
    auto stored = c.services.inbox.Receive(account, parsed);
    if (!stored.ok()) {
      // Not stored: ask the platform to deliver again rather than lose the message.
      log::Error("webhook_store_failed",
                 {{"channel", account.id}, {"reason", stored.status().reason()}});
      return Unavailable("not_stored", "the message could not be stored; deliver it again");
    }
  }
  return JsonResponse(200, Json::object());
}

constexpr char kAccountSchema[] =
    R"({"type":"object","required":["platform","name","external_id","base_url","secrets"],
"additionalProperties":false,"properties":{"platform":{"enum":["whatsapp","viber","telegram","messenger","instagram"]},
"name":{"type":"string","maxLength":120},"external_id":{"type":"string"},"base_url":{"type":"string","format":"uri"},
"secrets":{"type":"object","additionalProperties":false,"properties":{"app_secret":{"type":"string"},"verify_token":{"type":"string"},
"access_token":{"type":"string"},"auth_token":{"type":"string"},"bot_token":{"type":"string"},"secret_token":{"type":"string"}}}}})";

}  // namespace

void AddChannelRoutes(std::vector<ApiRoute>& routes) {
  using auth::Action;
  using auth::Purpose;
  routes.push_back({"GET", "/api/v1/centres/{centre}/channels", Action::kChannelRead,
                    Purpose::kAdministration, "Channel accounts of a centre (secrets never shown)",
                    "", 200, [](Call& c) -> Result<http::Response> {
                      ASSIGN_OR_RETURN(auto accounts, c.services.channels.ListInCentre(c.Param(0)));
                      Json items = Json::array();
                      for (const auto& a : accounts) items.push_back(AccountJson(a));
                      return JsonResponse(200, PageJson(std::move(items), ""));
                    }});
  routes.push_back(
      {"POST", "/api/v1/centres/{centre}/channels", Action::kChannelAdmin, Purpose::kAdministration,
       "Add a channel account; its secrets are stored sealed", kAccountSchema, 201,
       [](Call& c) -> Result<http::Response> {
         ASSIGN_OR_RETURN(Json body, c.Body());
         ASSIGN_OR_RETURN(auto input, DecodeChannelAccount(body));
         ASSIGN_OR_RETURN(auto centre, c.services.centres.Get(c.Param(0)));
         ASSIGN_OR_RETURN(auto account,
                          c.services.channels.Create(c.principal.user_id, centre.id, input));
         return JsonResponse(201, AccountJson(account));
       }});
  routes.push_back(
      {"PATCH", "/api/v1/centres/{centre}/channels/{account}", Action::kInboxSetup,
       Purpose::kAdministration,
       "A channel account's counselling settings: self_service (the knowledge base answers "
       "people by itself where it is sure, in their language; off by default)",
       R"({"type":"object","required":["self_service"],"additionalProperties":false,
"properties":{"self_service":{"type":"boolean"}}})",
       200, [](Call& c) -> Result<http::Response> {
         ASSIGN_OR_RETURN(Json body, c.Body());
         RETURN_IF_ERROR(OnlyKnownFields(body, {"self_service"}));
         ASSIGN_OR_RETURN(bool self_service, RequiredBool(body, "self_service"));
         ASSIGN_OR_RETURN(auto account,
                          c.services.channels.SetSelfService(c.principal.user_id, c.Param(0),
                                                             c.Param(1), self_service));
         return JsonResponse(200, AccountJson(account));
       }});
  routes.push_back({"GET", "/webhooks/{platform}/{account}", Action::kPublic, Purpose::kCounselling,
                    "Webhook verification handshake (WhatsApp, Messenger, Instagram)", "", 200,
                    Handshake});
  routes.push_back({"POST", "/webhooks/{platform}/{account}", Action::kPublic,
                    Purpose::kCounselling,
                    "Platform webhook: verified over the raw body, stored before 200", "", 200,
                    Receive, 4 * 1024 * 1024});
}

}  // namespace serai::api
