// /api/v1/centres/{centre}/conversations: the inbox of a centre.
#include "api/route_table.h"

namespace serai::api {
namespace {

Json MessageJson(const inbox::MessageView& m) {
  Json media = m.media.empty() ? Json(nullptr) : Json::parse(m.media, nullptr, false);
  return {{"id", m.id},     {"direction", m.direction}, {"kind", m.kind},   {"text", m.text},
          {"media", media}, {"status", m.status},       {"error", m.error}, {"sent_at", m.sent_at}};
}

constexpr char kReplySchema[] =
    R"({"type":"object","required":["text"],"additionalProperties":false,
"properties":{"text":{"type":"string","minLength":1,"maxLength":7000}}})";

}  // namespace

void AddInboxRoutes(std::vector<ApiRoute>& routes) {
  using auth::Action;
  using auth::Purpose;
  routes.push_back(
      {"GET", "/api/v1/centres/{centre}/conversations", Action::kInboxRead, Purpose::kCounselling,
       "Conversations of a centre, newest first (?before=MILLIS)", "", 200,
       [](Call& c) -> Result<http::Response> {
         ASSIGN_OR_RETURN(auto page, c.PageParams());
         ASSIGN_OR_RETURN(int64_t before, c.NumberParam("before"));
         ASSIGN_OR_RETURN(auto result, c.services.inbox.ListConversations(
                                           c.principal, c.Param(0), c.purpose, before, page.first));
         Json items = Json::array();
         for (const auto& v : result.items) {
           items.push_back({{"id", v.id},
                            {"channel_account_id", v.channel_account_id},
                            {"platform", v.platform},
                            {"contact_id", v.contact_id},
                            {"contact_name", v.contact_name},
                            {"status", v.status},
                            {"last_message_at", v.last_message_at}});
         }
         Json body = {{"items", items}};
         body["next_before"] =
             result.next_cursor.empty() ? Json(nullptr) : Json(std::stoll(result.next_cursor));
         return JsonResponse(200, body);
       }});
  routes.push_back(
      {"GET", "/api/v1/centres/{centre}/conversations/{conversation}/messages", Action::kInboxRead,
       Purpose::kCounselling, "Messages of a conversation, oldest first", "", 200,
       [](Call& c) -> Result<http::Response> {
         ASSIGN_OR_RETURN(auto messages, c.services.inbox.Messages(c.principal, c.Param(0),
                                                                   c.Param(1), c.purpose));
         Json items = Json::array();
         for (const auto& m : messages) items.push_back(MessageJson(m));
         return JsonResponse(200, PageJson(std::move(items), ""));
       }});
  routes.push_back({"POST", "/api/v1/centres/{centre}/conversations/{conversation}/messages",
                    Action::kInboxReply, Purpose::kCounselling,
                    "Reply: queued durably, then sent through the platform", kReplySchema, 201,
                    [](Call& c) -> Result<http::Response> {
                      ASSIGN_OR_RETURN(Json body, c.Body());
                      RETURN_IF_ERROR(OnlyKnownFields(body, {"text"}));
                      ASSIGN_OR_RETURN(std::string text, RequiredTextBlock(body, "text"));
                      ASSIGN_OR_RETURN(auto sent, c.services.outbox.Reply(c.principal, c.Param(0),
                                                                          c.Param(1), text));
                      return JsonResponse(201, MessageJson(sent));
                    },
                    32 * 1024});
}

}  // namespace serai::api
