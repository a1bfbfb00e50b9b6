// /api/v1/centres/{centre}/conversations: the inbox of a centre.
#include "api/route_table.h"
#include "common/ids.h"

namespace serai::api {
namespace {

Json MessageJson(const inbox::MessageView& m) {
  Json media = m.media.empty() ? Json(nullptr) : Json::parse(m.media, nullptr, false);
  return {{"id", m.id},     {"direction", m.direction}, {"kind", m.kind},   {"text", m.text},
          {"media", media}, {"status", m.status},       {"error", m.error}, {"sent_at", m.sent_at}};
}

Json ConversationJson(const inbox::ConversationSummary& v) {
  return {{"id", v.id},
          {"channel_account_id", v.channel_account_id},
          {"platform", v.platform},
          {"contact_id", v.contact_id},
          {"contact_name", v.contact_name},
          {"status", v.status},
          {"assignee_id", v.assignee_id.empty() ? Json(nullptr) : Json(v.assignee_id)},
          {"last_message_at", v.last_message_at}};
}

Json NoteJson(const inbox::Note& n) {
  return {{"id", n.id}, {"author_id", n.author_id}, {"text", n.text}, {"created_at", n.created_at}};
}

Result<inbox::ConversationPatch> DecodeConversationPatch(const Json& body) {
  RETURN_IF_ERROR(OnlyKnownFields(body, {"status", "assignee_id", "snoozed_until"}));
  inbox::ConversationPatch p;
  ASSIGN_OR_RETURN(p.status, OptionalString(body, "status", {1, 20}));
  if (auto it = body.find("assignee_id"); it != body.end()) {
    if (it->is_null()) {
      p.assignee_id = "";
    } else if (it->is_string() && IsValidId(it->get<std::string>())) {
      p.assignee_id = it->get<std::string>();
    } else {
      return InvalidArgument("invalid_assignee", "assignee_id is a user id or null");
    }
  }
  if (auto it = body.find("snoozed_until"); it != body.end()) {
    if (!it->is_number_integer() || it->get<int64_t>() < 0) {
      return InvalidArgument("invalid_snooze", "snoozed_until is a time in milliseconds");
    }
    p.snoozed_until = it->get<int64_t>();
  }
  return p;
}

constexpr char kPatchSchema[] = R"({"type":"object","additionalProperties":false,"properties":{
"status":{"enum":["open","pending","snoozed","resolved"]},"assignee_id":{"type":["string","null"],"format":"uuid"},
"snoozed_until":{"type":"integer","minimum":0}}})";

constexpr char kNoteSchema[] = R"({"type":"object","required":["text"],"additionalProperties":false,
"properties":{"text":{"type":"string","minLength":1,"maxLength":8000}}})";

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
         for (const auto& v : result.items) items.push_back(ConversationJson(v));
         Json body = {{"items", items}};
         body["next_before"] =
             result.next_cursor.empty() ? Json(nullptr) : Json(std::stoll(result.next_cursor));
         return JsonResponse(200, body);
       }});
  routes.push_back(
      {"GET", "/api/v1/centres/{centre}/inbox/events", Action::kInboxRead, Purpose::kCounselling,
       "Live changes to the centre's inbox as server-sent events: `ready` once subscribed, then "
       "`change` {kind, conversation} and `resync` (refresh everything); ids only, never content",
       "", 200, [](Call& c) -> Result<http::Response> {
         http::Response r;
         r.stream = std::make_shared<http::StreamSpec>();
         r.stream->still_allowed = c.still_allowed;
         r.stream->on_open = [&live = c.services.live,
                              centre = c.Param(0)](const std::shared_ptr<http::EventStream>& s) {
           std::weak_ptr<http::EventStream> weak = s;
           s->Attach(live.Subscribe(centre, [weak](const live::Event& e) {
             auto stream = weak.lock();
             if (stream == nullptr) return;
             if (e.kind == "resync") {
               stream->Send("resync", "{}");
             } else {
               stream->Send("change",
                            Json({{"kind", e.kind}, {"conversation", e.conversation_id}}).dump());
             }
           }));
           s->Send("ready", "{}");
         };
         return r;
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
  routes.push_back({"PATCH", "/api/v1/centres/{centre}/conversations/{conversation}",
                    Action::kInboxReply, Purpose::kCounselling,
                    "Set a conversation's status (open, pending, snoozed, resolved) or assignee",
                    kPatchSchema, 200, [](Call& c) -> Result<http::Response> {
                      ASSIGN_OR_RETURN(Json body, c.Body());
                      ASSIGN_OR_RETURN(auto patch, DecodeConversationPatch(body));
                      ASSIGN_OR_RETURN(
                          auto updated,
                          c.services.inbox.Update(c.principal, c.Param(0), c.Param(1), patch));
                      return JsonResponse(200, ConversationJson(updated));
                    }});
  routes.push_back(
      {"GET", "/api/v1/centres/{centre}/conversations/{conversation}/notes", Action::kInboxRead,
       Purpose::kCounselling, "Internal notes of a conversation (never sent to the person)", "",
       200, [](Call& c) -> Result<http::Response> {
         ASSIGN_OR_RETURN(auto notes,
                          c.services.inbox.Notes(c.principal, c.Param(0), c.Param(1), c.purpose));
         Json items = Json::array();
         for (const auto& n : notes) items.push_back(NoteJson(n));
         return JsonResponse(200, PageJson(std::move(items), ""));
       }});
  routes.push_back(
      {"POST", "/api/v1/centres/{centre}/conversations/{conversation}/notes", Action::kInboxReply,
       Purpose::kCounselling, "Add an internal note", kNoteSchema, 201,
       [](Call& c) -> Result<http::Response> {
         ASSIGN_OR_RETURN(Json body, c.Body());
         RETURN_IF_ERROR(OnlyKnownFields(body, {"text"}));
         ASSIGN_OR_RETURN(std::string text, RequiredTextBlock(body, "text", 8000));
         ASSIGN_OR_RETURN(auto note,
                          c.services.inbox.AddNote(c.principal, c.Param(0), c.Param(1), text));
         return JsonResponse(201, NoteJson(note));
       },
       16 * 1024});
}

}  // namespace serai::api
