// /api/v1/centres/{centre}/conversations: the inbox of a centre.

#include "api/route_table.h"
#include "common/file_type.h"
#include "common/ids.h"
#include "common/language_codes.h"
#include "domain/inbox/topics.h"

namespace serai::api {
namespace {

Json MessageJson(const inbox::MessageView& m) {
  Json media = m.media.empty() ? Json(nullptr) : Json::parse(m.media, nullptr, false);
  Json out = {{"id", m.id},       {"direction", m.direction}, {"kind", m.kind},
              {"text", m.text},   {"media", media},           {"status", m.status},
              {"error", m.error}, {"sent_at", m.sent_at}};
  if (!m.conversation_id.empty()) out["conversation_id"] = m.conversation_id;
  if (!m.platform.empty()) out["platform"] = m.platform;
  out["attachment"] = nullptr;
  if (m.attachment) {
    const inbox::Attachment& a = *m.attachment;
    out["attachment"] = {{"state", a.state},
                         {"reason", a.reason},
                         {"mime", a.mime},
                         {"size", a.size},
                         {"file_name", a.file_name}};
  }
  return out;
}

constexpr char kEncounterSchema[] =
    R"({"type":"object","required":["kind","summary"],"additionalProperties":false,"properties":{
"kind":{"enum":["visit","call"]},"conversation_id":{"type":"string","format":"uuid"},
"name":{"type":"string","maxLength":200},"phone":{"type":"string","maxLength":64},
"language":{"type":"string","pattern":"^[a-z]{2,3}$"},"happened_at":{"type":"integer","minimum":0},
"duration_minutes":{"type":"integer","minimum":0,"maximum":600},
"summary":{"type":"string","minLength":1,"maxLength":8000},
"topics":{"type":"array","maxItems":10,"items":{"type":"string"}}}})";

Result<inbox::EncounterInput> DecodeEncounter(const Json& body) {
  RETURN_IF_ERROR(OnlyKnownFields(body, {"kind", "conversation_id", "name", "phone", "language",
                                         "happened_at", "duration_minutes", "summary", "topics"}));
  inbox::EncounterInput in;
  ASSIGN_OR_RETURN(in.kind, RequiredString(body, "kind", {1, 10}));
  ASSIGN_OR_RETURN(auto conversation, OptionalString(body, "conversation_id", {1, 40}));
  if (conversation && !IsValidId(*conversation)) {
    return InvalidArgument("invalid_conversation", "conversation_id is a conversation's id");
  }
  in.conversation_id = conversation.value_or("");
  ASSIGN_OR_RETURN(auto name, OptionalString(body, "name", {0, 200}));
  in.name = name.value_or("");
  ASSIGN_OR_RETURN(auto phone, OptionalString(body, "phone", {0, 64}));
  in.phone = phone.value_or("");
  ASSIGN_OR_RETURN(auto language, OptionalString(body, "language", {0, 3}));
  in.language = language.value_or("");
  ASSIGN_OR_RETURN(auto at, OptionalInteger(body, "happened_at", 0, INT64_MAX / 2));
  in.happened_at = at.value_or(0);
  ASSIGN_OR_RETURN(auto duration, OptionalInteger(body, "duration_minutes", 0, 600));
  in.duration_minutes = duration.value_or(0);
  ASSIGN_OR_RETURN(in.summary, RequiredTextBlock(body, "summary", 8000));
  ASSIGN_OR_RETURN(auto topics, OptionalStringArray(body, "topics", 10, {1, 40}));
  in.topics = topics.value_or(std::vector<std::string>{});
  if (!in.conversation_id.empty() && (!in.name.empty() || !in.phone.empty())) {
    return InvalidArgument("invalid_encounter",
                           "give a conversation_id, or a new person's name and phone, not both");
  }
  return in;
}

constexpr char kLinkSchema[] = R"({"type":"object","required":["conversation_id"],
"additionalProperties":false,"properties":{"conversation_id":{"type":"string","format":"uuid"}}})";

Json ConversationJson(const inbox::ConversationSummary& v) {
  return {{"id", v.id},
          {"channel_account_id", v.channel_account_id},
          {"platform", v.platform},
          {"contact_id", v.contact_id},
          {"contact_name", v.contact_name},
          {"status", v.status},
          {"assignee_id", v.assignee_id.empty() ? Json(nullptr) : Json(v.assignee_id)},
          {"language", v.language},
          {"tags", v.tags},
          {"awaiting_since", v.awaiting_since == 0 ? Json(nullptr) : Json(v.awaiting_since)},
          {"priority", v.priority},
          {"reply_due_at", v.reply_due_at == 0 ? Json(nullptr) : Json(v.reply_due_at)},
          {"reply_window_ends_at",
           v.reply_window_ends_at == 0 ? Json(nullptr) : Json(v.reply_window_ends_at)},
          {"last_message_at", v.last_message_at}};
}

Json OverviewJson(const inbox::QueueOverview& o) {
  Json languages = Json::array();
  for (const auto& q : o.languages) {
    languages.push_back(
        {{"language", q.language}, {"active", q.active}, {"unassigned", q.unassigned}});
  }
  Json staff = Json::array();
  for (const auto& m : o.staff) {
    staff.push_back({{"id", m.user_id},
                     {"display_name", m.display_name},
                     {"languages", m.languages},
                     {"role", m.counsellor ? "counsellor" : "manager"},
                     {"online", m.online},
                     {"active", m.active}});
  }
  return {{"languages", languages},
          {"mine", o.mine},
          {"unassigned", o.unassigned},
          {"overdue", o.overdue},
          {"staff", staff}};
}

// A language code, or "" for an unknown language.
bool IsLanguageParam(const std::string& s) { return s.empty() || CheckLanguageCodes({s}, 1).ok(); }

// ?queue=all|mine|unassigned|overdue&language=CODE&tag=TOPIC&q=WORDS (an empty language:
// conversations of unknown language).
Result<inbox::ConversationFilter> DecodeFilter(const http::Request& request) {
  inbox::ConversationFilter f;
  if (auto queue = request.QueryParam("queue")) {
    using Queue = inbox::ConversationFilter::Queue;
    if (*queue == "all") {
      f.queue = Queue::kAll;
    } else if (*queue == "mine") {
      f.queue = Queue::kMine;
    } else if (*queue == "unassigned") {
      f.queue = Queue::kUnassigned;
    } else if (*queue == "overdue") {
      f.queue = Queue::kOverdue;
    } else {
      return InvalidArgument("invalid_queue", "queue is all, mine, unassigned or overdue");
    }
  }
  if (auto tag = request.QueryParam("tag")) {
    if (!inbox::IsTopic(*tag)) return InvalidArgument("invalid_tag", "not a topic of the taxonomy");
    f.tag = *tag;
  }
  if (auto language = request.QueryParam("language")) {
    if (!IsLanguageParam(*language)) {
      return InvalidArgument("invalid_language", "language is a 2 or 3 letter code, or empty");
    }
    f.language = *language;
  }
  if (auto search = request.QueryParam("q")) f.search = *search;  // checked by the inbox
  return f;
}

Json NoteJson(const inbox::Note& n) {
  return {{"id", n.id}, {"author_id", n.author_id}, {"text", n.text}, {"created_at", n.created_at}};
}

Result<inbox::ConversationPatch> DecodeConversationPatch(const Json& body) {
  RETURN_IF_ERROR(OnlyKnownFields(
      body, {"status", "assignee_id", "snoozed_until", "language", "tags", "priority"}));
  inbox::ConversationPatch p;
  ASSIGN_OR_RETURN(p.status, OptionalString(body, "status", {1, 20}));
  ASSIGN_OR_RETURN(p.priority, OptionalString(body, "priority", {1, 10}));
  if (p.priority && *p.priority != "normal" && *p.priority != "urgent") {
    return InvalidArgument("invalid_priority", "priority is normal or urgent");
  }
  ASSIGN_OR_RETURN(p.tags, OptionalStringArray(body, "tags", 10, {1, 40}));
  ASSIGN_OR_RETURN(p.language, OptionalString(body, "language", {0, 3}));
  if (p.language && !IsLanguageParam(*p.language)) {
    return InvalidArgument("invalid_language", "language is a 2 or 3 letter code, or empty");
  }
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
"snoozed_until":{"type":"integer","minimum":0},"language":{"type":"string","pattern":"^([a-z]{2,3})?$"},
"tags":{"type":"array","maxItems":10,"items":{"type":"string"}},"priority":{"enum":["normal","urgent"]}}})";

constexpr char kCannedReplySchema[] =
    R"({"type":"object","required":["language","title","body"],"additionalProperties":false,
"properties":{"language":{"type":"string","pattern":"^[a-z]{2,3}$"},"title":{"type":"string","maxLength":120},
"body":{"type":"string","minLength":1,"maxLength":4000}}})";

Result<inbox::CannedReplyInput> DecodeCannedReply(const Json& body) {
  RETURN_IF_ERROR(OnlyKnownFields(body, {"language", "title", "body"}));
  inbox::CannedReplyInput in;
  ASSIGN_OR_RETURN(in.language, RequiredString(body, "language", {2, 3}));
  ASSIGN_OR_RETURN(in.title, RequiredString(body, "title", {1, 120}));
  ASSIGN_OR_RETURN(in.body, RequiredTextBlock(body, "body", 4000));
  return in;
}

Json CannedReplyJson(const inbox::CannedReply& c) {
  return {{"id", c.id},
          {"language", c.language},
          {"title", c.title},
          {"body", c.body},
          {"updated_at", c.updated_at}};
}

constexpr char kNoteSchema[] = R"({"type":"object","required":["text"],"additionalProperties":false,
"properties":{"text":{"type":"string","minLength":1,"maxLength":8000}}})";

constexpr char kReplySchema[] = R"({"type":"object","additionalProperties":false,
"oneOf":[{"required":["text"]},{"required":["template_id"]}],
"properties":{"text":{"type":"string","minLength":1,"maxLength":7000},
"template_id":{"type":"string","format":"uuid"},
"template_values":{"type":"array","maxItems":20,"items":{"type":"string","minLength":1,"maxLength":1024}}}})";

// A text, or a WhatsApp template with the values of its placeholders.
Result<inbox::OutboundReply> DecodeReply(const Json& body) {
  RETURN_IF_ERROR(OnlyKnownFields(body, {"text", "template_id", "template_values"}));
  inbox::OutboundReply reply;
  ASSIGN_OR_RETURN(auto id, OptionalString(body, "template_id", {1, 40}));
  if (!id) {
    ASSIGN_OR_RETURN(reply.text, RequiredTextBlock(body, "text", 7000));
    return reply;
  }
  if (body.contains("text")) {
    return InvalidArgument("invalid_reply", "send a text or a template, not both");
  }
  if (!IsValidId(*id)) return InvalidArgument("invalid_template", "template_id is a template's id");
  reply.template_id = *id;
  ASSIGN_OR_RETURN(auto values, OptionalStringArray(body, "template_values", 20, {1, 1024}));
  reply.template_values = values.value_or(std::vector<std::string>{});
  return reply;
}

constexpr char kTemplateSchema[] = R"({"type":"object",
"required":["channel_account_id","name","language","body"],"additionalProperties":false,
"properties":{"channel_account_id":{"type":"string","format":"uuid"},
"name":{"type":"string","pattern":"^[a-z0-9_]{1,512}$"},
"language":{"type":"string","pattern":"^[a-z]{2,3}(_[A-Z]{2})?$"},
"body":{"type":"string","minLength":1,"maxLength":1024}}})";

Result<inbox::MessageTemplateInput> DecodeTemplate(const Json& body) {
  RETURN_IF_ERROR(OnlyKnownFields(body, {"channel_account_id", "name", "language", "body"}));
  inbox::MessageTemplateInput in;
  ASSIGN_OR_RETURN(in.channel_account_id, RequiredString(body, "channel_account_id", {1, 40}));
  ASSIGN_OR_RETURN(in.name, RequiredString(body, "name", {1, 512}));
  ASSIGN_OR_RETURN(in.language, RequiredString(body, "language", {2, 6}));
  ASSIGN_OR_RETURN(in.body, RequiredTextBlock(body, "body", 1024));
  return in;
}

Json TemplateJson(const inbox::MessageTemplate& t) {
  return {{"id", t.id},
          {"channel_account_id", t.channel_account_id},
          {"name", t.name},
          {"language", t.language},
          {"body", t.body},
          {"parameters", t.parameters},
          {"updated_at", t.updated_at}};
}

}  // namespace

void AddInboxRoutes(std::vector<ApiRoute>& routes) {
  using auth::Action;
  using auth::Purpose;
  routes.push_back(
      {"GET", "/api/v1/centres/{centre}/conversations", Action::kInboxRead, Purpose::kCounselling,
       "Conversations of a centre, newest first (?before=MILLIS; ?queue=all|mine|unassigned; "
       "?language=CODE, empty for unknown)",
       "", 200, [](Call& c) -> Result<http::Response> {
         ASSIGN_OR_RETURN(auto page, c.PageParams());
         ASSIGN_OR_RETURN(int64_t before, c.NumberParam("before"));
         ASSIGN_OR_RETURN(auto filter, DecodeFilter(c.request));
         ASSIGN_OR_RETURN(auto result,
                          c.services.inbox.ListConversations(c.principal, c.Param(0), filter,
                                                             c.purpose, before, page.first));
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
         // An open stream is what makes its user online for automatic assignment (routing.h).
         inbox::Routing& routing = c.services.routing;
         std::string centre_id = c.Param(0), user_id = c.principal.user_id;
         RETURN_IF_ERROR(routing.Touch(centre_id, user_id));
         http::Response r;
         r.stream = std::make_shared<http::StreamSpec>();
         r.stream->still_allowed = [allowed = c.still_allowed, &routing, centre_id, user_id] {
           if (!allowed()) return false;
           (void)routing.Touch(centre_id, user_id);  // a missed touch only delays presence
           return true;
         };
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
  routes.push_back({"GET", "/api/v1/topics", Action::kSelf, Purpose::kSelfService,
                    "The topic taxonomy conversations are tagged with, and which are protection "
                    "topics",
                    "", 200, [](Call&) -> Result<http::Response> {
                      Json items = Json::array();
                      for (std::string_view t : inbox::Topics()) {
                        items.push_back({{"code", t}, {"protection", inbox::IsProtectionTopic(t)}});
                      }
                      return JsonResponse(200, {{"items", items}});
                    }});
  routes.push_back({"GET", "/api/v1/centres/{centre}/canned-replies", Action::kCannedRead,
                    Purpose::kCounselling, "The centre's canned replies (?language=CODE)", "", 200,
                    [](Call& c) -> Result<http::Response> {
                      std::optional<std::string> language;
                      if (auto l = c.request.QueryParam("language")) {
                        if (!IsLanguageParam(*l) || l->empty()) {
                          return InvalidArgument("invalid_language",
                                                 "language is a 2 or 3 letter code");
                        }
                        language = *l;
                      }
                      ASSIGN_OR_RETURN(auto list, c.services.canned.List(c.Param(0), language));
                      Json items = Json::array();
                      for (const auto& r : list) items.push_back(CannedReplyJson(r));
                      return JsonResponse(200, PageJson(std::move(items), ""));
                    }});
  routes.push_back({"POST", "/api/v1/centres/{centre}/canned-replies", Action::kInboxSetup,
                    Purpose::kAdministration, "Add a canned reply", kCannedReplySchema, 201,
                    [](Call& c) -> Result<http::Response> {
                      ASSIGN_OR_RETURN(Json body, c.Body());
                      ASSIGN_OR_RETURN(auto in, DecodeCannedReply(body));
                      ASSIGN_OR_RETURN(auto made,
                                       c.services.canned.Create(c.principal, c.Param(0), in));
                      return JsonResponse(201, CannedReplyJson(made));
                    }});
  routes.push_back({"PUT", "/api/v1/centres/{centre}/canned-replies/{reply}", Action::kInboxSetup,
                    Purpose::kAdministration, "Replace a canned reply", kCannedReplySchema, 200,
                    [](Call& c) -> Result<http::Response> {
                      ASSIGN_OR_RETURN(Json body, c.Body());
                      ASSIGN_OR_RETURN(auto in, DecodeCannedReply(body));
                      ASSIGN_OR_RETURN(auto changed, c.services.canned.Update(
                                                         c.principal, c.Param(0), c.Param(1), in));
                      return JsonResponse(200, CannedReplyJson(changed));
                    }});
  routes.push_back({"GET", "/api/v1/centres/{centre}/templates", Action::kCannedRead,
                    Purpose::kCounselling,
                    "The WhatsApp message templates the centre's accounts have registered", "", 200,
                    [](Call& c) -> Result<http::Response> {
                      ASSIGN_OR_RETURN(auto list, c.services.templates.List(c.Param(0)));
                      Json items = Json::array();
                      for (const auto& t : list) items.push_back(TemplateJson(t));
                      return JsonResponse(200, PageJson(std::move(items), ""));
                    }});
  routes.push_back(
      {"POST", "/api/v1/centres/{centre}/templates", Action::kInboxSetup, Purpose::kAdministration,
       "Record a template approved by Meta for one of the centre's WhatsApp "
       "accounts (name, language and body as registered)",
       kTemplateSchema, 201, [](Call& c) -> Result<http::Response> {
         ASSIGN_OR_RETURN(Json body, c.Body());
         ASSIGN_OR_RETURN(auto in, DecodeTemplate(body));
         ASSIGN_OR_RETURN(auto made, c.services.templates.Create(c.principal, c.Param(0), in));
         return JsonResponse(201, TemplateJson(made));
       }});
  routes.push_back({"DELETE", "/api/v1/centres/{centre}/templates/{template}", Action::kInboxSetup,
                    Purpose::kAdministration, "Remove a template", "", 204,
                    [](Call& c) -> Result<http::Response> {
                      RETURN_IF_ERROR(
                          c.services.templates.Delete(c.principal, c.Param(0), c.Param(1)));
                      return NoContent();
                    }});
  routes.push_back({"DELETE", "/api/v1/centres/{centre}/canned-replies/{reply}",
                    Action::kInboxSetup, Purpose::kAdministration, "Remove a canned reply", "", 204,
                    [](Call& c) -> Result<http::Response> {
                      RETURN_IF_ERROR(
                          c.services.canned.Delete(c.principal, c.Param(0), c.Param(1)));
                      return NoContent();
                    }});
  routes.push_back(
      {"POST", "/api/v1/centres/{centre}/encounters", Action::kInboxReply, Purpose::kCounselling,
       "Record a visit or a phone call in a person's history: in an existing "
       "conversation, or a new in-person one (name, phone)",
       kEncounterSchema, 201,
       [](Call& c) -> Result<http::Response> {
         ASSIGN_OR_RETURN(Json body, c.Body());
         ASSIGN_OR_RETURN(auto in, DecodeEncounter(body));
         ASSIGN_OR_RETURN(auto made, c.services.inbox.RecordEncounter(c.principal, c.Param(0), in));
         return JsonResponse(
             201, {{"conversation_id", made.first}, {"entry", MessageJson(made.second)}});
       },
       32 * 1024});
  routes.push_back(
      {"GET", "/api/v1/centres/{centre}/conversations/{conversation}/links", Action::kInboxRead,
       Purpose::kCounselling,
       "The same person's conversations on other channels: linked, and suggested (same phone)", "",
       200, [](Call& c) -> Result<http::Response> {
         ASSIGN_OR_RETURN(auto links,
                          c.services.inbox.LinksOf(c.principal, c.Param(0), c.Param(1), c.purpose));
         Json linked = Json::array(), suggested = Json::array();
         for (const auto& v : links.linked) linked.push_back(ConversationJson(v));
         for (const auto& v : links.suggested) suggested.push_back(ConversationJson(v));
         return JsonResponse(200, {{"linked", linked}, {"suggested", suggested}});
       }});
  routes.push_back(
      {"POST", "/api/v1/centres/{centre}/conversations/{conversation}/links", Action::kInboxReply,
       Purpose::kCounselling, "Link another conversation of the centre as the same person",
       kLinkSchema, 204, [](Call& c) -> Result<http::Response> {
         ASSIGN_OR_RETURN(Json body, c.Body());
         RETURN_IF_ERROR(OnlyKnownFields(body, {"conversation_id"}));
         ASSIGN_OR_RETURN(std::string other, RequiredString(body, "conversation_id", {1, 40}));
         if (!IsValidId(other)) {
           return InvalidArgument("invalid_conversation", "conversation_id is a conversation's id");
         }
         RETURN_IF_ERROR(c.services.inbox.Link(c.principal, c.Param(0), c.Param(1), other));
         return NoContent();
       }});
  routes.push_back({"DELETE", "/api/v1/centres/{centre}/conversations/{conversation}/links",
                    Action::kInboxReply, Purpose::kCounselling,
                    "Take this conversation out of its person's links", "", 204,
                    [](Call& c) -> Result<http::Response> {
                      RETURN_IF_ERROR(c.services.inbox.Unlink(c.principal, c.Param(0), c.Param(1)));
                      return NoContent();
                    }});
  routes.push_back(
      {"GET", "/api/v1/centres/{centre}/inbox/queues", Action::kInboxRead, Purpose::kCounselling,
       "Queues by language (active and unassigned conversations), the caller's own count, and the "
       "centre's counsellors and managers with their languages and whether they are online",
       "", 200, [](Call& c) -> Result<http::Response> {
         ASSIGN_OR_RETURN(auto overview, c.services.routing.Overview(c.principal, c.Param(0)));
         return JsonResponse(200, OverviewJson(overview));
       }});
  routes.push_back(
      {"GET", "/api/v1/centres/{centre}/conversations/{conversation}/messages", Action::kInboxRead,
       Purpose::kCounselling,
       "Messages of a conversation, oldest first (?linked=true: across the person's linked "
       "conversations, each with its conversation_id and platform)",
       "", 200, [](Call& c) -> Result<http::Response> {
         std::string linked = c.request.QueryParam("linked").value_or("false");
         if (linked != "true" && linked != "false") {
           return InvalidArgument("invalid_linked", "linked is true or false");
         }
         ASSIGN_OR_RETURN(auto messages,
                          c.services.inbox.Messages(c.principal, c.Param(0), c.Param(1), c.purpose,
                                                    linked == "true"));
         Json items = Json::array();
         for (const auto& m : messages) items.push_back(MessageJson(m));
         return JsonResponse(200, PageJson(std::move(items), ""));
       }});
  routes.push_back(
      {"GET", "/api/v1/centres/{centre}/conversations/{conversation}/messages/{message}/media",
       Action::kInboxRead, Purpose::kCounselling,
       "The file a person sent with a message (its attachment's state is stored), as the type it "
       "really is. Audited",
       "", 200, [](Call& c) -> Result<http::Response> {
         ASSIGN_OR_RETURN(auto file, c.services.media.Read(c.principal, c.Param(0), c.Param(1),
                                                           c.Param(2), c.purpose));
         return FileResponse(std::move(file.bytes), file.mime, file.file_name, "private, no-store");
       }});
  routes.push_back(
      {"GET", "/api/v1/centres/{centre}/conversations/{conversation}/suggestions",
       Action::kInboxRead, Purpose::kCounselling,
       "The knowledge base's three best articles for the person's newest message, each in the "
       "conversation's language where translated, with its short answer for the reply box; "
       "`answer` says whether the first is good enough to answer with",
       "", 200, [](Call& c) -> Result<http::Response> {
         // One audited read gives the question and the conversation's language.
         ASSIGN_OR_RETURN(auto question, c.services.inbox.LatestQuestion(c.principal, c.Param(0),
                                                                         c.Param(1), c.purpose));
         ASSIGN_OR_RETURN(auto found,
                          c.services.articles.Suggest(question.text, question.language));
         return JsonResponse(200, SuggestionsJson(found));
       }});
  routes.push_back(
      {"POST", "/api/v1/centres/{centre}/conversations/{conversation}/messages",
       Action::kInboxReply, Purpose::kCounselling,
       "Reply: a text, or a WhatsApp template with its values (the only reply WhatsApp "
       "takes 24 hours after the person last wrote); queued durably, then sent",
       kReplySchema, 201,
       [](Call& c) -> Result<http::Response> {
         ASSIGN_OR_RETURN(Json body, c.Body());
         ASSIGN_OR_RETURN(auto reply, DecodeReply(body));
         ASSIGN_OR_RETURN(auto sent,
                          c.services.outbox.Reply(c.principal, c.Param(0), c.Param(1), reply));
         return JsonResponse(201, MessageJson(sent));
       },
       32 * 1024});
  routes.push_back(
      {"GET", "/api/v1/centres/{centre}/conversations/{conversation}", Action::kInboxRead,
       Purpose::kCounselling, "One conversation: status, assignee, language, contact's name", "",
       200, [](Call& c) -> Result<http::Response> {
         ASSIGN_OR_RETURN(auto conversation,
                          c.services.inbox.Get(c.principal, c.Param(0), c.Param(1), c.purpose));
         return JsonResponse(200, ConversationJson(conversation));
       }});
  routes.push_back(
      {"PATCH", "/api/v1/centres/{centre}/conversations/{conversation}", Action::kInboxReply,
       Purpose::kCounselling,
       "Set a conversation's status (open, pending, snoozed, resolved), assignee, language, "
       "topics or priority (normal, urgent)",
       kPatchSchema, 200, [](Call& c) -> Result<http::Response> {
         ASSIGN_OR_RETURN(Json body, c.Body());
         ASSIGN_OR_RETURN(auto patch, DecodeConversationPatch(body));
         ASSIGN_OR_RETURN(auto updated,
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
