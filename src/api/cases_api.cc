// /api/v1/centres/{centre}/cases: the follow-up of people's situations (people/cases.h), and each
// counsellor's tasks and reminders. Lists carry no notes or task titles; a case's own read and
// the reading of one's tasks are audited.

#include "api/route_table.h"
#include "common/ids.h"
#include "domain/people/cases.h"

namespace serai::api {
namespace {

constexpr char kOpenSchema[] = R"({"type":"object","required":["person_id","type"],
"additionalProperties":false,"properties":{"person_id":{"type":"string","format":"uuid"},
"type":{"enum":["counselling","labour_grievance","protection_referral","reintegration"]},
"categories":{"type":"array","maxItems":8,"items":{"type":"string","maxLength":40}},
"priority":{"enum":["low","normal","high","urgent"]},
"owner_id":{"type":"string","format":"uuid"},"note":{"type":"string","maxLength":4000},
"conversation_id":{"type":"string","format":"uuid"}}})";

constexpr char kPatchSchema[] = R"({"type":"object","additionalProperties":false,"properties":{
"status":{"enum":["open","in_progress","waiting","closed"]},
"priority":{"enum":["low","normal","high","urgent"]},"owner_id":{"type":"string","format":"uuid"},
"categories":{"type":"array","maxItems":8,"items":{"type":"string","maxLength":40}}}})";

constexpr char kTaskSchema[] = R"({"type":"object","required":["title","due_on"],
"additionalProperties":false,"properties":{"title":{"type":"string","maxLength":200},
"due_on":{"type":"string","format":"date"},"remind_on":{"type":"string","format":"date"},
"assignee_id":{"type":"string","format":"uuid"}}})";

Json SummaryJson(const people::CaseSummary& s) {
  auto optional = [](const std::string& v) { return v.empty() ? Json(nullptr) : Json(v); };
  return {{"id", s.id},
          {"number", s.number},
          {"person_id", s.person_id},
          {"person_code", s.person_code},
          {"type", s.type},
          {"categories", s.categories},
          {"status", s.status},
          {"priority", s.priority},
          {"owner_id", s.owner_id},
          {"opened_at", s.opened_at},
          {"updated_at", s.updated_at},
          {"closed_at", s.closed_at == 0 ? Json(nullptr) : Json(s.closed_at)},
          {"open_tasks", s.open_tasks},
          {"next_due_on", optional(s.next_due_on)}};
}

Json TaskJson(const people::CaseTask& t) {
  return {{"id", t.id},
          {"case_id", t.case_id},
          {"case_number", t.case_number},
          {"title", t.title},
          {"assignee_id", t.assignee_id},
          {"due_on", t.due_on},
          {"remind_on", t.remind_on},
          {"done", t.done_at != 0},
          {"done_by", t.done_by.empty() ? Json(nullptr) : Json(t.done_by)},
          {"done_at", t.done_at == 0 ? Json(nullptr) : Json(t.done_at)},
          {"created_by", t.created_by},
          {"created_at", t.created_at}};
}

Json NoteJson(const people::CaseNote& n) {
  return {{"id", n.id}, {"author_id", n.author_id}, {"text", n.text}, {"created_at", n.created_at}};
}

Json CaseJson(const people::Case& c) {
  Json out = SummaryJson(c.summary);
  Json notes = Json::array(), tasks = Json::array();
  for (const auto& n : c.notes) notes.push_back(NoteJson(n));
  for (const auto& t : c.tasks) tasks.push_back(TaskJson(t));
  out["opened_by"] = c.opened_by;
  out["notes"] = std::move(notes);
  out["tasks"] = std::move(tasks);
  out["conversation_ids"] = c.conversation_ids;
  return out;
}

// An id from the body: absent, or a real id.
Result<std::string> OptionalId(const Json& body, std::string_view name) {
  ASSIGN_OR_RETURN(auto value, OptionalString(body, name, {0, 36}));
  if (value && !value->empty() && !IsValidId(*value)) {
    return InvalidArgument("invalid_" + std::string(name), std::string(name) + " is not an id");
  }
  return value.value_or("");
}

Result<std::string> CaseParam(const Call& c) {
  if (!IsValidId(c.Param(1))) return NotFound("no_such_case", "there is no such case here");
  return c.Param(1);
}

}  // namespace

void AddCaseRoutes(std::vector<ApiRoute>& routes) {
  using auth::Action;
  using auth::Purpose;
  routes.push_back(
      {"GET", "/api/v1/centres/{centre}/cases", Action::kCaseRead, Purpose::kCounselling,
       "Cases of a centre, newest first, without notes. Filters: status (default: all but "
       "closed; \"all\"), type, owner (a user id or \"me\"), person",
       "", 200, [](Call& c) -> Result<http::Response> {
         ASSIGN_OR_RETURN(auto page, c.PageParams());
         people::CaseFilter f;
         f.status = c.request.QueryParam("status").value_or("");
         f.type = c.request.QueryParam("type").value_or("");
         f.owner_id = c.request.QueryParam("owner").value_or("");
         if (f.owner_id == "me") f.owner_id = c.principal.user_id;
         f.person_id = c.request.QueryParam("person").value_or("");
         for (const std::string* id : {&f.owner_id, &f.person_id}) {
           if (!id->empty() && !IsValidId(*id)) {
             return InvalidArgument("invalid_filter", "owner and person must be ids");
           }
         }
         ASSIGN_OR_RETURN(auto result,
                          c.services.cases.List(c.Param(0), f, page.first, page.second));
         Json items = Json::array();
         for (const auto& s : result.items) items.push_back(SummaryJson(s));
         return JsonResponse(200, PageJson(items, result.next_cursor));
       }});
  routes.push_back(
      {"POST", "/api/v1/centres/{centre}/cases", Action::kCaseWrite, Purpose::kCounselling,
       "Open a case for a person (owner: the one opening it unless named); an optional first "
       "note and inbox conversation",
       kOpenSchema, 201, [](Call& c) -> Result<http::Response> {
         ASSIGN_OR_RETURN(Json body, c.Body());
         RETURN_IF_ERROR(OnlyKnownFields(body, {"person_id", "type", "categories", "priority",
                                                "owner_id", "note", "conversation_id"}));
         people::NewCase nc;
         ASSIGN_OR_RETURN(nc.person_id, RequiredString(body, "person_id", {36, 36}));
         if (!IsValidId(nc.person_id)) {
           return InvalidArgument("invalid_person_id", "person_id is not an id");
         }
         ASSIGN_OR_RETURN(nc.type, RequiredString(body, "type", {1, 40}));
         ASSIGN_OR_RETURN(auto categories, OptionalStringArray(body, "categories", 8, {1, 40}));
         nc.categories = categories.value_or(std::vector<std::string>{});
         ASSIGN_OR_RETURN(auto priority, OptionalString(body, "priority", {1, 10}));
         nc.priority = priority.value_or("normal");
         ASSIGN_OR_RETURN(nc.owner_id, OptionalId(body, "owner_id"));
         ASSIGN_OR_RETURN(nc.conversation_id, OptionalId(body, "conversation_id"));
         ASSIGN_OR_RETURN(auto note, OptionalString(body, "note", {0, people::Cases::kMaxNote}));
         nc.note = note.value_or("");
         ASSIGN_OR_RETURN(auto opened,
                          c.services.cases.Open(c.principal, c.Param(0), c.purpose, std::move(nc)));
         return JsonResponse(201, CaseJson(opened));
       }});
  routes.push_back(
      {"GET", "/api/v1/centres/{centre}/cases/{case}", Action::kCaseRead, Purpose::kCounselling,
       "One case with its notes, tasks and conversations (an audited read)", "", 200,
       [](Call& c) -> Result<http::Response> {
         ASSIGN_OR_RETURN(std::string id, CaseParam(c));
         ASSIGN_OR_RETURN(auto found, c.services.cases.Get(c.principal, c.Param(0), c.purpose, id));
         return JsonResponse(200, CaseJson(found));
       }});
  routes.push_back(
      {"PATCH", "/api/v1/centres/{centre}/cases/{case}", Action::kCaseWrite, Purpose::kCounselling,
       "Change a case's status, priority, owner or categories", kPatchSchema, 200,
       [](Call& c) -> Result<http::Response> {
         ASSIGN_OR_RETURN(std::string id, CaseParam(c));
         ASSIGN_OR_RETURN(Json body, c.Body());
         RETURN_IF_ERROR(OnlyKnownFields(body, {"status", "priority", "owner_id", "categories"}));
         people::CasePatch p;
         ASSIGN_OR_RETURN(p.status, OptionalString(body, "status", {1, 20}));
         ASSIGN_OR_RETURN(p.priority, OptionalString(body, "priority", {1, 10}));
         ASSIGN_OR_RETURN(p.categories, OptionalStringArray(body, "categories", 8, {1, 40}));
         if (body.contains("owner_id")) {
           ASSIGN_OR_RETURN(std::string owner, OptionalId(body, "owner_id"));
           if (owner.empty()) return InvalidArgument("invalid_owner_id", "a case has an owner");
           p.owner_id = owner;
         }
         ASSIGN_OR_RETURN(auto saved, c.services.cases.Update(c.principal, c.Param(0), id, p));
         return JsonResponse(200, SummaryJson(saved));
       }});
  routes.push_back({"POST", "/api/v1/centres/{centre}/cases/{case}/notes", Action::kCaseWrite,
                    Purpose::kCounselling, "Add a note (sealed under the person's key)",
                    R"({"type":"object","required":["text"],"additionalProperties":false,
"properties":{"text":{"type":"string","minLength":1,"maxLength":4000}}})",
                    201, [](Call& c) -> Result<http::Response> {
                      ASSIGN_OR_RETURN(std::string id, CaseParam(c));
                      ASSIGN_OR_RETURN(Json body, c.Body());
                      RETURN_IF_ERROR(OnlyKnownFields(body, {"text"}));
                      ASSIGN_OR_RETURN(std::string text,
                                       RequiredString(body, "text", {1, people::Cases::kMaxNote}));
                      ASSIGN_OR_RETURN(auto note,
                                       c.services.cases.AddNote(c.principal, c.Param(0), id, text));
                      return JsonResponse(201, NoteJson(note));
                    }});
  routes.push_back(
      {"POST", "/api/v1/centres/{centre}/cases/{case}/tasks", Action::kCaseWrite,
       Purpose::kCounselling,
       "Add a task with its due day; it reminds its assignee (default: the case's owner) from "
       "remind_on (default: the due day)",
       kTaskSchema, 201, [](Call& c) -> Result<http::Response> {
         ASSIGN_OR_RETURN(std::string id, CaseParam(c));
         ASSIGN_OR_RETURN(Json body, c.Body());
         RETURN_IF_ERROR(OnlyKnownFields(body, {"title", "due_on", "remind_on", "assignee_id"}));
         people::NewTask t;
         ASSIGN_OR_RETURN(t.title, RequiredString(body, "title", {1, people::Cases::kMaxTitle}));
         ASSIGN_OR_RETURN(t.due_on, RequiredString(body, "due_on", {10, 10}));
         ASSIGN_OR_RETURN(auto remind, OptionalString(body, "remind_on", {10, 10}));
         t.remind_on = remind.value_or("");
         ASSIGN_OR_RETURN(t.assignee_id, OptionalId(body, "assignee_id"));
         ASSIGN_OR_RETURN(auto task,
                          c.services.cases.AddTask(c.principal, c.Param(0), id, std::move(t)));
         return JsonResponse(201, TaskJson(task));
       }});
  routes.push_back({"PATCH", "/api/v1/centres/{centre}/cases/{case}/tasks/{task}",
                    Action::kCaseWrite, Purpose::kCounselling, "Mark a task done, or open again",
                    R"({"type":"object","required":["done"],"additionalProperties":false,
"properties":{"done":{"type":"boolean"}}})",
                    200, [](Call& c) -> Result<http::Response> {
                      ASSIGN_OR_RETURN(std::string id, CaseParam(c));
                      if (!IsValidId(c.Param(2))) {
                        return NotFound("no_such_task", "there is no such task in this case");
                      }
                      ASSIGN_OR_RETURN(Json body, c.Body());
                      RETURN_IF_ERROR(OnlyKnownFields(body, {"done"}));
                      ASSIGN_OR_RETURN(bool done, RequiredBool(body, "done"));
                      ASSIGN_OR_RETURN(auto task,
                                       c.services.cases.SetTaskDone(c.principal, c.Param(0), id,
                                                                    c.Param(2), done));
                      return JsonResponse(200, TaskJson(task));
                    }});
  routes.push_back(
      {"POST", "/api/v1/centres/{centre}/cases/{case}/conversations", Action::kCaseWrite,
       Purpose::kCounselling,
       "Attach an inbox conversation to the case (its contact becomes the case's person's)",
       R"({"type":"object","required":["conversation_id"],"additionalProperties":false,
"properties":{"conversation_id":{"type":"string","format":"uuid"}}})",
       204, [](Call& c) -> Result<http::Response> {
         ASSIGN_OR_RETURN(std::string id, CaseParam(c));
         ASSIGN_OR_RETURN(Json body, c.Body());
         RETURN_IF_ERROR(OnlyKnownFields(body, {"conversation_id"}));
         ASSIGN_OR_RETURN(std::string conversation, OptionalId(body, "conversation_id"));
         if (conversation.empty()) {
           return InvalidArgument("invalid_conversation_id", "conversation_id is required");
         }
         RETURN_IF_ERROR(
             c.services.cases.AttachConversation(c.principal, c.Param(0), id, conversation));
         return NoContent();
       }});
  routes.push_back(
      {"GET", "/api/v1/centres/{centre}/my-tasks", Action::kCaseRead, Purpose::kCounselling,
       "The signed-in user's open tasks in the centre, by due day (an audited read). With "
       "today=YYYY-MM-DD, only the reminders: tasks whose reminder day has come",
       "", 200, [](Call& c) -> Result<http::Response> {
         std::string today = c.request.QueryParam("today").value_or("");
         ASSIGN_OR_RETURN(auto tasks,
                          c.services.cases.MyTasks(c.principal, c.Param(0), c.purpose, today));
         Json items = Json::array();
         for (const auto& t : tasks) items.push_back(TaskJson(t));
         return JsonResponse(200, {{"items", items}});
       }});
}

}  // namespace serai::api
