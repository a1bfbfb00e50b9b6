// /api/v1/centres/{centre}/partners and /referrals: the service directory, and referrals of people
// to partners' services (people/referrals.h). Partners see and answer only the referrals addressed
// to the organisations they answer for.

#include "api/route_table.h"
#include "common/ids.h"
#include "domain/people/referrals.h"

namespace serai::api {
namespace {

constexpr char kOrgSchema[] = R"({"type":"object","required":["name"],
"additionalProperties":false,"properties":{"name":{"type":"string","minLength":1,"maxLength":200},
"place":{"type":"string","maxLength":200},"contact":{"type":"string","maxLength":200}}})";

constexpr char kServiceSchema[] = R"({"type":"object","required":["type"],
"additionalProperties":false,"properties":{"type":{"enum":["legal","shelter","health",
"psychosocial","livelihood","education","documentation","financial","family_tracing","other"]},
"place":{"type":"string","maxLength":200},"contact":{"type":"string","maxLength":200},
"eligibility":{"type":"string","maxLength":2000},"active":{"type":"boolean"},
"languages":{"type":"array","maxItems":20,"items":{"type":"string","maxLength":3}}}})";

constexpr char kReferSchema[] = R"({"type":"object","required":["person_id","service_id"],
"additionalProperties":false,"properties":{"person_id":{"type":"string","format":"uuid"},
"service_id":{"type":"string","format":"uuid"},"case_id":{"type":"string","format":"uuid"},
"note":{"type":"string","maxLength":2000},"share_identity":{"type":"boolean"}}})";

constexpr char kAnswerSchema[] = R"({"type":"object","required":["status"],
"additionalProperties":false,"properties":{"status":{"enum":["accepted","declined","completed"]},
"feedback":{"type":"string","maxLength":2000}}})";

Json ServiceJson(const people::Service& s) {
  return {{"id", s.id},           {"partner_id", s.org_id},   {"type", s.type},
          {"place", s.place},     {"languages", s.languages}, {"eligibility", s.eligibility},
          {"contact", s.contact}, {"active", s.active}};
}

Json OrgJson(const people::PartnerOrg& o) {
  Json services = Json::array();
  for (const auto& s : o.services) services.push_back(ServiceJson(s));
  return {{"id", o.id},           {"name", o.name},       {"place", o.place},
          {"contact", o.contact}, {"services", services}, {"member_ids", o.member_ids}};
}

Json SummaryJson(const people::ReferralSummary& r) {
  return {{"id", r.id},
          {"person_id", r.person_id},
          {"person_code", r.person_code},
          {"case_id", r.case_id.empty() ? Json(nullptr) : Json(r.case_id)},
          {"partner_id", r.org_id},
          {"partner_name", r.org_name},
          {"service_id", r.service_id},
          {"service_type", r.service_type},
          {"status", r.status},
          {"share_identity", r.share_identity},
          {"created_by", r.created_by},
          {"created_at", r.created_at},
          {"updated_by", r.updated_by},
          {"updated_at", r.updated_at}};
}

Json ReferralJson(const people::Referral& r) {
  Json out = SummaryJson(r.summary);
  out["note"] = r.note;
  out["feedback"] = r.feedback;
  out["person"] = r.summary.share_identity
                      ? Json{{"name", r.person_name}, {"phones", r.person_phones}}
                      : Json(nullptr);
  return out;
}

Result<people::OrgInput> DecodeOrg(const Json& body) {
  RETURN_IF_ERROR(OnlyKnownFields(body, {"name", "place", "contact"}));
  people::OrgInput in;
  ASSIGN_OR_RETURN(in.name, RequiredString(body, "name", {1, people::Referrals::kMaxName}));
  ASSIGN_OR_RETURN(auto place, OptionalString(body, "place", {0, people::Referrals::kMaxName}));
  ASSIGN_OR_RETURN(auto contact, OptionalString(body, "contact", {0, people::Referrals::kMaxName}));
  in.place = place.value_or("");
  in.contact = contact.value_or("");
  return in;
}

Result<people::Service> DecodeService(const Json& body) {
  RETURN_IF_ERROR(
      OnlyKnownFields(body, {"type", "place", "contact", "eligibility", "active", "languages"}));
  people::Service s;
  ASSIGN_OR_RETURN(s.type, RequiredString(body, "type", {1, 40}));
  ASSIGN_OR_RETURN(auto place, OptionalString(body, "place", {0, people::Referrals::kMaxName}));
  ASSIGN_OR_RETURN(auto contact, OptionalString(body, "contact", {0, people::Referrals::kMaxName}));
  ASSIGN_OR_RETURN(auto eligibility,
                   OptionalString(body, "eligibility", {0, people::Referrals::kMaxText}));
  ASSIGN_OR_RETURN(auto languages, OptionalStringArray(body, "languages", 20, {2, 3}));
  ASSIGN_OR_RETURN(auto active, OptionalBool(body, "active"));
  s.place = place.value_or("");
  s.contact = contact.value_or("");
  s.eligibility = eligibility.value_or("");
  s.languages = languages.value_or(std::vector<std::string>{});
  s.active = active.value_or(true);
  return s;
}

// A path parameter that must be an id; `missing` otherwise (there is no such thing).
Result<std::string> IdParam(const Call& c, size_t index, const char* reason, const char* what) {
  if (!IsValidId(c.Param(index))) return NotFound(reason, std::string("there is no such ") + what);
  return c.Param(index);
}

}  // namespace

void AddReferralRoutes(std::vector<ApiRoute>& routes) {
  using auth::Action;
  using auth::Purpose;
  routes.push_back({"GET", "/api/v1/centres/{centre}/partners", Action::kDirectoryRead,
                    Purpose::kReferral,
                    "The service directory: partner organisations by name, with their services "
                    "and the partner users who answer for them",
                    "", 200, [](Call& c) -> Result<http::Response> {
                      ASSIGN_OR_RETURN(auto orgs, c.services.referrals.Directory(c.Param(0)));
                      Json items = Json::array();
                      for (const auto& o : orgs) items.push_back(OrgJson(o));
                      return JsonResponse(200, {{"items", items}});
                    }});
  routes.push_back({"POST", "/api/v1/centres/{centre}/partners", Action::kDirectoryEdit,
                    Purpose::kAdministration, "Add a partner organisation to the directory",
                    kOrgSchema, 201, [](Call& c) -> Result<http::Response> {
                      ASSIGN_OR_RETURN(Json body, c.Body());
                      ASSIGN_OR_RETURN(auto in, DecodeOrg(body));
                      ASSIGN_OR_RETURN(auto org,
                                       c.services.referrals.AddOrg(c.principal, c.Param(0), in));
                      return JsonResponse(201, OrgJson(org));
                    }});
  routes.push_back(
      {"PUT", "/api/v1/centres/{centre}/partners/{partner}", Action::kDirectoryEdit,
       Purpose::kAdministration, "Change a partner's name, place or contact", kOrgSchema, 204,
       [](Call& c) -> Result<http::Response> {
         ASSIGN_OR_RETURN(std::string id, IdParam(c, 1, "no_such_partner", "partner here"));
         ASSIGN_OR_RETURN(Json body, c.Body());
         ASSIGN_OR_RETURN(auto in, DecodeOrg(body));
         RETURN_IF_ERROR(c.services.referrals.UpdateOrg(c.principal, c.Param(0), id, in));
         return NoContent();
       }});
  routes.push_back(
      {"POST", "/api/v1/centres/{centre}/partners/{partner}/services", Action::kDirectoryEdit,
       Purpose::kAdministration, "Add a service: type, place, languages, eligibility, contact",
       kServiceSchema, 201, [](Call& c) -> Result<http::Response> {
         ASSIGN_OR_RETURN(std::string id, IdParam(c, 1, "no_such_partner", "partner here"));
         ASSIGN_OR_RETURN(Json body, c.Body());
         ASSIGN_OR_RETURN(auto s, DecodeService(body));
         s.org_id = id;
         ASSIGN_OR_RETURN(auto saved,
                          c.services.referrals.AddService(c.principal, c.Param(0), std::move(s)));
         return JsonResponse(201, ServiceJson(saved));
       }});
  routes.push_back(
      {"PUT", "/api/v1/centres/{centre}/partners/{partner}/services/{service}",
       Action::kDirectoryEdit, Purpose::kAdministration,
       "Change a service; active false stops new referrals to it", kServiceSchema, 204,
       [](Call& c) -> Result<http::Response> {
         ASSIGN_OR_RETURN(std::string id, IdParam(c, 1, "no_such_partner", "partner here"));
         ASSIGN_OR_RETURN(std::string service, IdParam(c, 2, "no_such_service", "service here"));
         ASSIGN_OR_RETURN(Json body, c.Body());
         ASSIGN_OR_RETURN(auto s, DecodeService(body));
         s.org_id = id;
         s.id = service;
         RETURN_IF_ERROR(c.services.referrals.UpdateService(c.principal, c.Param(0), std::move(s)));
         return NoContent();
       }});
  routes.push_back(
      {"PUT", "/api/v1/centres/{centre}/partners/{partner}/members", Action::kDirectoryEdit,
       Purpose::kAdministration,
       "Who answers for the partner: partner users of the centre (replaces the list)",
       R"({"type":"object","required":["user_ids"],"additionalProperties":false,"properties":{
"user_ids":{"type":"array","maxItems":50,"items":{"type":"string","format":"uuid"}}}})",
       204, [](Call& c) -> Result<http::Response> {
         ASSIGN_OR_RETURN(std::string id, IdParam(c, 1, "no_such_partner", "partner here"));
         ASSIGN_OR_RETURN(Json body, c.Body());
         RETURN_IF_ERROR(OnlyKnownFields(body, {"user_ids"}));
         ASSIGN_OR_RETURN(auto users, OptionalStringArray(body, "user_ids", 50, {36, 36}));
         if (!users) return InvalidArgument("invalid_user_ids", "user_ids is required");
         for (const auto& u : *users) {
           if (!IsValidId(u)) return InvalidArgument("invalid_user_ids", "user_ids are ids");
         }
         RETURN_IF_ERROR(
             c.services.referrals.SetMembers(c.principal, c.Param(0), id, std::move(*users)));
         return NoContent();
       }});
  routes.push_back(
      {"GET", "/api/v1/centres/{centre}/referrals", Action::kReferralRead, Purpose::kReferral,
       "Referrals, newest first (partners: those addressed to them). Filters: status, person", "",
       200, [](Call& c) -> Result<http::Response> {
         ASSIGN_OR_RETURN(auto page, c.PageParams());
         std::string status = c.request.QueryParam("status").value_or("");
         std::string person = c.request.QueryParam("person").value_or("");
         if (!person.empty() && !IsValidId(person)) {
           return InvalidArgument("invalid_filter", "person must be an id");
         }
         ASSIGN_OR_RETURN(auto result, c.services.referrals.List(c.principal, c.Param(0), status,
                                                                 person, page.first, page.second));
         Json items = Json::array();
         for (const auto& r : result.items) items.push_back(SummaryJson(r));
         return JsonResponse(200, PageJson(items, result.next_cursor));
       }});
  routes.push_back(
      {"POST", "/api/v1/centres/{centre}/referrals", Action::kReferralSend, Purpose::kReferral,
       "Refer a person to a service (409 no_consent without their consent to be referred); the "
       "note is sealed under the person's key; share_identity shows the partner their name and "
       "phones",
       kReferSchema, 201, [](Call& c) -> Result<http::Response> {
         ASSIGN_OR_RETURN(Json body, c.Body());
         RETURN_IF_ERROR(OnlyKnownFields(
             body, {"person_id", "service_id", "case_id", "note", "share_identity"}));
         people::NewReferral nr;
         ASSIGN_OR_RETURN(nr.person_id, RequiredString(body, "person_id", {36, 36}));
         ASSIGN_OR_RETURN(nr.service_id, RequiredString(body, "service_id", {36, 36}));
         ASSIGN_OR_RETURN(auto case_id, OptionalString(body, "case_id", {36, 36}));
         ASSIGN_OR_RETURN(auto note,
                          OptionalString(body, "note", {0, people::Referrals::kMaxText}));
         ASSIGN_OR_RETURN(auto share, OptionalBool(body, "share_identity"));
         nr.case_id = case_id.value_or("");
         for (const std::string* id : {&nr.person_id, &nr.service_id, &nr.case_id}) {
           if (!id->empty() && !IsValidId(*id)) return InvalidArgument("invalid_id", "not an id");
         }
         nr.note = note.value_or("");
         nr.share_identity = share.value_or(false);
         ASSIGN_OR_RETURN(auto made, c.services.referrals.Refer(c.principal, c.Param(0), c.purpose,
                                                                std::move(nr)));
         return JsonResponse(201, ReferralJson(made));
       }});
  routes.push_back(
      {"GET", "/api/v1/centres/{centre}/referrals/{referral}", Action::kReferralRead,
       Purpose::kReferral,
       "One referral with its note and feedback, and the person's name and phones "
       "when shared (an audited read)",
       "", 200, [](Call& c) -> Result<http::Response> {
         ASSIGN_OR_RETURN(std::string id, IdParam(c, 1, "no_such_referral", "referral for you"));
         ASSIGN_OR_RETURN(auto found,
                          c.services.referrals.Get(c.principal, c.Param(0), c.purpose, id));
         return JsonResponse(200, ReferralJson(found));
       }});
  routes.push_back(
      {"PATCH", "/api/v1/centres/{centre}/referrals/{referral}", Action::kReferralAnswer,
       Purpose::kReferral,
       "Answer a referral: sent to accepted or declined, accepted to completed, with feedback",
       kAnswerSchema, 200, [](Call& c) -> Result<http::Response> {
         ASSIGN_OR_RETURN(std::string id, IdParam(c, 1, "no_such_referral", "referral for you"));
         ASSIGN_OR_RETURN(Json body, c.Body());
         RETURN_IF_ERROR(OnlyKnownFields(body, {"status", "feedback"}));
         ASSIGN_OR_RETURN(std::string status, RequiredString(body, "status", {1, 20}));
         ASSIGN_OR_RETURN(auto feedback,
                          OptionalString(body, "feedback", {0, people::Referrals::kMaxText}));
         ASSIGN_OR_RETURN(auto saved, c.services.referrals.Answer(c.principal, c.Param(0), id,
                                                                  status, feedback.value_or("")));
         return JsonResponse(200, SummaryJson(saved));
       }});
}

}  // namespace serai::api
