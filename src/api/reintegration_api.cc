// Reintegration monitoring of a case (people/reintegration.h) under
// /api/v1/centres/{centre}/cases/{case}/reintegration, the centre's rules, and the supervisors'
// queue of set-backs (/api/v1/centres/{centre}/setbacks).

#include "api/route_table.h"
#include "common/ids.h"
#include "domain/people/reintegration.h"

namespace serai::api {
namespace {

constexpr char kRulesSchema[] = R"({"type":"object","additionalProperties":false,"properties":{
"follow_up_months":{"type":"array","minItems":1,"maxItems":12,"items":{"type":"integer",
"minimum":1,"maximum":60}},"missed_grace_days":{"type":"integer","minimum":0,"maximum":90},
"score_drop":{"type":"integer","minimum":1,"maximum":4},
"milestone_grace_days":{"type":"integer","minimum":0,"maximum":90}}})";

constexpr char kAssessSchema[] = R"({"type":"object","required":["economic","social",
"psychosocial"],"additionalProperties":false,"properties":{
"economic":{"type":"integer","minimum":1,"maximum":5},"social":{"type":"integer","minimum":1,
"maximum":5},"psychosocial":{"type":"integer","minimum":1,"maximum":5},
"distress":{"type":"boolean"},"note":{"type":"string","maxLength":2000},
"follow_up_id":{"type":"string","format":"uuid"}}})";

Json RulesJson(const people::ReintegrationRules& r) {
  return {{"follow_up_months", r.follow_up_months},
          {"missed_grace_days", r.missed_grace_days},
          {"score_drop", r.score_drop},
          {"milestone_grace_days", r.milestone_grace_days}};
}

Json SetbackJson(const people::Setback& s) {
  Json detail = Json::parse(s.detail_json, nullptr, false);
  return {{"id", s.id},
          {"case_id", s.case_id},
          {"case_number", s.case_number},
          {"person_code", s.person_code},
          {"owner_id", s.owner_id},
          {"rule", s.rule},
          {"detail", detail.is_discarded() ? Json::object() : detail},
          {"raised_at", s.raised_at},
          {"resolved_by", s.resolved_by.empty() ? Json(nullptr) : Json(s.resolved_by)},
          {"resolved_at", s.resolved_at == 0 ? Json(nullptr) : Json(s.resolved_at)},
          {"resolution", s.resolution}};
}

Json MonitoringJson(const people::Monitoring& m) {
  Json assessments = Json::array(), milestones = Json::array(), follow_ups = Json::array(),
       setbacks = Json::array();
  for (const auto& a : m.assessments) {
    assessments.push_back(
        {{"id", a.id},
         {"follow_up_id", a.follow_up_id.empty() ? Json(nullptr) : Json(a.follow_up_id)},
         {"economic", a.economic},
         {"social", a.social},
         {"psychosocial", a.psychosocial},
         {"distress", a.distress},
         {"note", a.note},
         {"assessed_by", a.assessed_by},
         {"assessed_at", a.assessed_at}});
  }
  for (const auto& x : m.milestones) {
    milestones.push_back(
        {{"id", x.id}, {"title", x.title}, {"due_on", x.due_on}, {"done", x.done_at != 0}});
  }
  for (const auto& f : m.follow_ups) {
    follow_ups.push_back(
        {{"id", f.id}, {"months", f.months}, {"due_on", f.due_on}, {"done", f.done_at != 0}});
  }
  for (const auto& s : m.setbacks) setbacks.push_back(SetbackJson(s));
  return {{"started", !m.start_on.empty()},
          {"start_on", m.start_on.empty() ? Json(nullptr) : Json(m.start_on)},
          {"assessments", assessments},
          {"milestones", milestones},
          {"follow_ups", follow_ups},
          {"setbacks", setbacks}};
}

Result<std::string> CaseParam(const Call& c) {
  if (!IsValidId(c.Param(1))) return NotFound("no_such_case", "there is no such case here");
  return c.Param(1);
}

Result<int> OptionalInt(const Json& body, std::string_view name, int lo, int hi, int fallback) {
  ASSIGN_OR_RETURN(auto v, OptionalInteger(body, name, lo, hi));
  return v ? static_cast<int>(*v) : fallback;
}

}  // namespace

void AddReintegrationRoutes(std::vector<ApiRoute>& routes) {
  using auth::Action;
  using auth::Purpose;
  routes.push_back({"GET", "/api/v1/centres/{centre}/reintegration-rules", Action::kCaseRead,
                    Purpose::kFollowUp,
                    "The centre's follow-up intervals (months) and set-back rules", "", 200,
                    [](Call& c) -> Result<http::Response> {
                      ASSIGN_OR_RETURN(auto rules, c.services.reintegration.Rules(c.Param(0)));
                      return JsonResponse(200, RulesJson(rules));
                    }});
  routes.push_back(
      {"PUT", "/api/v1/centres/{centre}/reintegration-rules", Action::kReintegrationSetup,
       Purpose::kAdministration,
       "Set the follow-up intervals and set-back rules (fields left out keep the defaults: "
       "1, 3, 6, 12 months; 7 days' grace; a drop of 2 points)",
       kRulesSchema, 200, [](Call& c) -> Result<http::Response> {
         ASSIGN_OR_RETURN(Json body, c.Body());
         RETURN_IF_ERROR(OnlyKnownFields(body, {"follow_up_months", "missed_grace_days",
                                                "score_drop", "milestone_grace_days"}));
         people::ReintegrationRules rules;
         const Json& months = MemberOf(body, "follow_up_months");
         if (!months.is_null()) {
           if (!months.is_array() || months.size() > 12) {
             return InvalidArgument("invalid_follow_up_months", "an array of months");
           }
           rules.follow_up_months.clear();
           for (const Json& m : months) {
             if (!m.is_number_integer()) {
               return InvalidArgument("invalid_follow_up_months", "months are whole numbers");
             }
             int64_t v = m.get<int64_t>();
             if (v < 1 || v > 60) {
               return InvalidArgument("invalid_follow_up_months", "1 to 60 months");
             }
             rules.follow_up_months.push_back(static_cast<int>(v));
           }
         }
         ASSIGN_OR_RETURN(rules.missed_grace_days,
                          OptionalInt(body, "missed_grace_days", 0, 90, rules.missed_grace_days));
         ASSIGN_OR_RETURN(rules.score_drop,
                          OptionalInt(body, "score_drop", 1, 4, rules.score_drop));
         ASSIGN_OR_RETURN(rules.milestone_grace_days, OptionalInt(body, "milestone_grace_days", 0,
                                                                  90, rules.milestone_grace_days));
         RETURN_IF_ERROR(c.services.reintegration.SetRules(c.principal, c.Param(0), rules));
         ASSIGN_OR_RETURN(auto saved, c.services.reintegration.Rules(c.Param(0)));
         return JsonResponse(200, RulesJson(saved));
       }});
  routes.push_back(
      {"POST", "/api/v1/centres/{centre}/cases/{case}/reintegration", Action::kCaseWrite,
       Purpose::kFollowUp,
       "Start monitoring a reintegration case on start_on; schedules its follow-ups",
       R"({"type":"object","required":["start_on"],"additionalProperties":false,
"properties":{"start_on":{"type":"string","format":"date"}}})",
       204, [](Call& c) -> Result<http::Response> {
         ASSIGN_OR_RETURN(std::string id, CaseParam(c));
         ASSIGN_OR_RETURN(Json body, c.Body());
         RETURN_IF_ERROR(OnlyKnownFields(body, {"start_on"}));
         ASSIGN_OR_RETURN(std::string start, RequiredString(body, "start_on", {10, 10}));
         RETURN_IF_ERROR(c.services.reintegration.Start(c.principal, c.Param(0), id, start));
         return NoContent();
       }});
  routes.push_back({"GET", "/api/v1/centres/{centre}/cases/{case}/reintegration", Action::kCaseRead,
                    Purpose::kFollowUp,
                    "Assessments, milestones, follow-ups and set-backs of a case (an audited read)",
                    "", 200, [](Call& c) -> Result<http::Response> {
                      ASSIGN_OR_RETURN(std::string id, CaseParam(c));
                      ASSIGN_OR_RETURN(auto m, c.services.reintegration.Get(c.principal, c.Param(0),
                                                                            c.purpose, id));
                      return JsonResponse(200, MonitoringJson(m));
                    }});
  routes.push_back(
      {"POST", "/api/v1/centres/{centre}/cases/{case}/reintegration/assessments",
       Action::kCaseWrite, Purpose::kFollowUp,
       "Record a needs assessment (scores 1-5); with follow_up_id it completes that follow-up. A "
       "score drop or reported distress raises a set-back",
       kAssessSchema, 201, [](Call& c) -> Result<http::Response> {
         ASSIGN_OR_RETURN(std::string id, CaseParam(c));
         ASSIGN_OR_RETURN(Json body, c.Body());
         RETURN_IF_ERROR(OnlyKnownFields(
             body, {"economic", "social", "psychosocial", "distress", "note", "follow_up_id"}));
         people::Assessment a;
         ASSIGN_OR_RETURN(a.economic, OptionalInt(body, "economic", 1, 5, 0));
         ASSIGN_OR_RETURN(a.social, OptionalInt(body, "social", 1, 5, 0));
         ASSIGN_OR_RETURN(a.psychosocial, OptionalInt(body, "psychosocial", 1, 5, 0));
         ASSIGN_OR_RETURN(auto distress, OptionalBool(body, "distress"));
         ASSIGN_OR_RETURN(auto note, OptionalString(body, "note", {0, 2000}));
         ASSIGN_OR_RETURN(auto follow_up, OptionalString(body, "follow_up_id", {36, 36}));
         a.distress = distress.value_or(false);
         a.note = note.value_or("");
         a.follow_up_id = follow_up.value_or("");
         if (!a.follow_up_id.empty() && !IsValidId(a.follow_up_id)) {
           return InvalidArgument("invalid_follow_up_id", "follow_up_id is not an id");
         }
         ASSIGN_OR_RETURN(auto saved, c.services.reintegration.Assess(c.principal, c.Param(0), id,
                                                                      std::move(a)));
         return JsonResponse(201, {{"id", saved.id}, {"assessed_at", saved.assessed_at}});
       }});
  routes.push_back(
      {"POST", "/api/v1/centres/{centre}/cases/{case}/reintegration/milestones", Action::kCaseWrite,
       Purpose::kFollowUp, "Add a milestone of the plan, with its due day",
       R"({"type":"object","required":["title","due_on"],"additionalProperties":false,
"properties":{"title":{"type":"string","maxLength":200},"due_on":{"type":"string","format":"date"}}})",
       201, [](Call& c) -> Result<http::Response> {
         ASSIGN_OR_RETURN(std::string id, CaseParam(c));
         ASSIGN_OR_RETURN(Json body, c.Body());
         RETURN_IF_ERROR(OnlyKnownFields(body, {"title", "due_on"}));
         ASSIGN_OR_RETURN(std::string title, RequiredString(body, "title", {1, 200}));
         ASSIGN_OR_RETURN(std::string due, RequiredString(body, "due_on", {10, 10}));
         ASSIGN_OR_RETURN(auto m, c.services.reintegration.AddMilestone(c.principal, c.Param(0), id,
                                                                        title, due));
         return JsonResponse(201, {{"id", m.id}, {"title", m.title}, {"due_on", m.due_on}});
       }});
  routes.push_back({"PATCH",
                    "/api/v1/centres/{centre}/cases/{case}/reintegration/milestones/{milestone}",
                    Action::kCaseWrite, Purpose::kFollowUp, "Mark a milestone done, or not",
                    R"({"type":"object","required":["done"],"additionalProperties":false,
"properties":{"done":{"type":"boolean"}}})",
                    204, [](Call& c) -> Result<http::Response> {
                      ASSIGN_OR_RETURN(std::string id, CaseParam(c));
                      if (!IsValidId(c.Param(2))) {
                        return NotFound("no_such_milestone", "there is no such milestone here");
                      }
                      ASSIGN_OR_RETURN(Json body, c.Body());
                      RETURN_IF_ERROR(OnlyKnownFields(body, {"done"}));
                      ASSIGN_OR_RETURN(bool done, RequiredBool(body, "done"));
                      RETURN_IF_ERROR(c.services.reintegration.SetMilestoneDone(
                          c.principal, c.Param(0), id, c.Param(2), done));
                      return NoContent();
                    }});
  routes.push_back(
      {"GET", "/api/v1/centres/{centre}/setbacks", Action::kSetbackQueue, Purpose::kSupervision,
       "The supervisors' queue: open set-backs, oldest first (all=1: resolved ones too, newest "
       "first), each with its rule and numbers",
       "", 200, [](Call& c) -> Result<http::Response> {
         bool all = c.request.QueryParam("all").value_or("") == "1";
         ASSIGN_OR_RETURN(auto queue,
                          c.services.reintegration.Queue(c.principal, c.Param(0), c.purpose, all));
         Json items = Json::array();
         for (const auto& s : queue) items.push_back(SetbackJson(s));
         return JsonResponse(200, {{"items", items}});
       }});
  routes.push_back({"POST", "/api/v1/centres/{centre}/setbacks/{setback}/resolve",
                    Action::kSetbackQueue, Purpose::kSupervision,
                    "Resolve a set-back, saying how it was addressed",
                    R"({"type":"object","required":["note"],"additionalProperties":false,
"properties":{"note":{"type":"string","minLength":1,"maxLength":2000}}})",
                    204, [](Call& c) -> Result<http::Response> {
                      if (!IsValidId(c.Param(1))) {
                        return NotFound("no_such_setback", "there is no such set-back here");
                      }
                      ASSIGN_OR_RETURN(Json body, c.Body());
                      RETURN_IF_ERROR(OnlyKnownFields(body, {"note"}));
                      ASSIGN_OR_RETURN(std::string note, RequiredString(body, "note", {1, 2000}));
                      RETURN_IF_ERROR(c.services.reintegration.Resolve(c.principal, c.Param(0),
                                                                       c.Param(1), note));
                      return NoContent();
                    }});
}

}  // namespace serai::api
