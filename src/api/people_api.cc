// /api/v1/centres/{centre}/people: people behind conversations, their consent and migration
// profile. Lists show codes and profiles; identifying fields only in a person's own audited read.

#include "api/route_table.h"
#include "common/ids.h"
#include "domain/people/people.h"

namespace serai::api {
namespace {

constexpr char kIdentityProperties[] =
    R"("name":{"type":"string","maxLength":200},"name_latin":{"type":"string","maxLength":200},
"birth_date":{"type":"string","maxLength":10},"age_band":{"type":"string","maxLength":8},
"sex":{"enum":["female","male","other",""]},"nationality":{"type":"string","maxLength":2},
"phones":{"type":"array","maxItems":5,"items":{"type":"string","maxLength":64}},
"documents":{"type":"array","maxItems":5,"items":{"type":"object","required":["type","number"],
"additionalProperties":false,"properties":{"type":{"type":"string","maxLength":40},
"number":{"type":"string","maxLength":64}}}})";

const std::string& CreateSchema() {
  static const std::string s = std::string(R"({"type":"object","additionalProperties":false,
"properties":{"conversation_id":{"type":"string","format":"uuid"},)") +
                               kIdentityProperties + "}}";
  return s;
}

const std::string& IdentitySchema() {
  static const std::string s =
      std::string(R"({"type":"object","additionalProperties":false,"properties":{)") +
      kIdentityProperties + "}}";
  return s;
}

constexpr char kConsentSchema[] = R"({"type":"object","required":["purpose","basis","channel"],
"additionalProperties":false,"properties":{
"purpose":{"enum":["counselling","referral","follow_up","statistics"]},
"basis":{"enum":["consent","vital_interest","legal_obligation"]},
"channel":{"enum":["verbal","written","app"]}}})";

constexpr char kProfileSchema[] = R"({"type":"object","additionalProperties":false,"properties":{
"stage":{"enum":["","potential","intending","outgoing","in_transit","abroad","returnee"]},
"destination":{"type":"string","maxLength":2},"route":{"type":"string","maxLength":200},
"reasons":{"type":"array","maxItems":8,"items":{"enum":["work","family","study","safety",
"conflict","climate","health","other"]}}}})";

Result<people::Identity> DecodeIdentity(const Json& body) {
  people::Identity id;
  StringRule name{0, 200};
  ASSIGN_OR_RETURN(auto name_text, OptionalString(body, "name", name));
  ASSIGN_OR_RETURN(auto latin, OptionalString(body, "name_latin", name));
  ASSIGN_OR_RETURN(auto birth, OptionalString(body, "birth_date", {0, 10}));
  ASSIGN_OR_RETURN(auto band, OptionalString(body, "age_band", {0, 8}));
  ASSIGN_OR_RETURN(auto sex, OptionalString(body, "sex", {0, 8}));
  ASSIGN_OR_RETURN(auto nationality, OptionalString(body, "nationality", {0, 2}));
  ASSIGN_OR_RETURN(auto phones, OptionalStringArray(body, "phones", 5, {1, 64}));
  id.name = name_text.value_or("");
  id.name_latin = latin.value_or("");
  id.birth_date = birth.value_or("");
  id.age_band = band.value_or("");
  id.sex = sex.value_or("");
  id.nationality = nationality.value_or("");
  id.phones = phones.value_or(std::vector<std::string>{});
  const Json& documents = MemberOf(body, "documents");
  if (!documents.is_null()) {
    if (!documents.is_array() || documents.size() > 5) {
      return InvalidArgument("invalid_documents", "documents: an array of at most 5");
    }
    for (const Json& d : documents) {
      if (!d.is_object()) return InvalidArgument("invalid_documents", "a document is an object");
      RETURN_IF_ERROR(OnlyKnownFields(d, {"type", "number"}));
      ASSIGN_OR_RETURN(std::string type, RequiredString(d, "type", {1, 40}));
      ASSIGN_OR_RETURN(std::string number, RequiredString(d, "number", {1, 64}));
      id.documents.push_back({type, number});
    }
  }
  return id;
}

Json ProfileJson(const people::Profile& p) {
  return {{"stage", p.stage},
          {"destination", p.destination},
          {"route", p.route},
          {"reasons", p.reasons},
          {"changed_by", p.changed_by.empty() ? Json(nullptr) : Json(p.changed_by)},
          {"changed_at", p.changed_at == 0 ? Json(nullptr) : Json(p.changed_at)}};
}

Json SummaryJson(const people::PersonSummary& s) {
  return {{"id", s.id},
          {"code", s.code},
          {"profile", ProfileJson(s.profile)},
          {"created_at", s.created_at},
          {"updated_at", s.updated_at},
          {"shredded", s.shredded}};
}

Json ConsentJson(const people::Consent& c) {
  return {{"id", c.id},
          {"purpose", c.purpose},
          {"basis", c.basis},
          {"channel", c.channel},
          {"given_by", c.given_by},
          {"given_at", c.given_at},
          {"withdrawn_by", c.withdrawn_by.empty() ? Json(nullptr) : Json(c.withdrawn_by)},
          {"withdrawn_at", c.withdrawn_at == 0 ? Json(nullptr) : Json(c.withdrawn_at)}};
}

Json DuplicatesJson(const std::vector<people::PossibleDuplicate>& found) {
  Json items = Json::array();
  for (const auto& d : found) {
    items.push_back(
        {{"person_id", d.person_id}, {"code", d.code}, {"score", d.score}, {"reasons", d.reasons}});
  }
  return items;
}

Json MergedJson(const people::MergedRecord& m) {
  return {{"person_id", m.person_id}, {"code", m.code}, {"merge_id", m.merge_id}};
}

Json PersonJson(const people::Person& p) {
  Json out = SummaryJson(p.summary);
  out["identity"] = p.summary.shredded ? Json(nullptr) : people::IdentityJson(p.identity);
  Json consents = Json::array();
  for (const auto& c : p.consents) consents.push_back(ConsentJson(c));
  out["consents"] = consents;
  out["conversation_ids"] = p.conversation_ids;
  out["duplicates"] = DuplicatesJson(p.duplicates);
  out["merged_into"] = p.merged_into ? MergedJson(*p.merged_into) : Json(nullptr);
  Json merged = Json::array();
  for (const auto& m : p.merged) merged.push_back(MergedJson(m));
  out["merged"] = merged;
  return out;
}

Result<std::string> PersonParam(const Call& c) {
  if (!IsValidId(c.Param(1))) return NotFound("no_such_person", "there is no such person here");
  return c.Param(1);
}

}  // namespace

void AddPeopleRoutes(std::vector<ApiRoute>& routes) {
  using auth::Action;
  using auth::Purpose;
  routes.push_back(
      {"GET", "/api/v1/centres/{centre}/people", Action::kPeopleList, Purpose::kCounselling,
       "People of a centre, newest first: codes and migration profiles (the route only in a "
       "person's own read), no identifying field",
       "", 200, [](Call& c) -> Result<http::Response> {
         ASSIGN_OR_RETURN(auto page, c.PageParams());
         ASSIGN_OR_RETURN(auto result, c.services.people.List(c.Param(0), page.first, page.second));
         Json items = Json::array();
         for (const auto& s : result.items) items.push_back(SummaryJson(s));
         return JsonResponse(200, PageJson(items, result.next_cursor));
       }});
  routes.push_back(
      {"POST", "/api/v1/centres/{centre}/people", Action::kPeopleWrite, Purpose::kCounselling,
       "A new person (identifying fields sealed under their own key); with conversation_id, that "
       "conversation and those linked to it become theirs",
       CreateSchema(), 201, [](Call& c) -> Result<http::Response> {
         ASSIGN_OR_RETURN(Json body, c.Body());
         RETURN_IF_ERROR(
             OnlyKnownFields(body, {"conversation_id", "name", "name_latin", "birth_date",
                                    "age_band", "sex", "nationality", "phones", "documents"}));
         ASSIGN_OR_RETURN(people::Identity identity, DecodeIdentity(body));
         ASSIGN_OR_RETURN(auto conversation, OptionalString(body, "conversation_id", {0, 36}));
         if (conversation && !conversation->empty() && !IsValidId(*conversation)) {
           return InvalidArgument("invalid_conversation_id", "conversation_id is not an id");
         }
         ASSIGN_OR_RETURN(auto person,
                          c.services.people.Create(c.principal, c.Param(0), c.purpose,
                                                   std::move(identity), conversation.value_or("")));
         return JsonResponse(201, PersonJson(person));
       }});
  routes.push_back(
      {"POST", "/api/v1/centres/{centre}/people-check", Action::kPeopleWrite, Purpose::kCounselling,
       "The records a new person with these identifying fields may be (codes, scores and "
       "reasons), before recording them; nothing is stored",
       IdentitySchema(), 200, [](Call& c) -> Result<http::Response> {
         ASSIGN_OR_RETURN(Json body, c.Body());
         RETURN_IF_ERROR(OnlyKnownFields(body, {"name", "name_latin", "birth_date", "age_band",
                                                "sex", "nationality", "phones", "documents"}));
         ASSIGN_OR_RETURN(people::Identity identity, DecodeIdentity(body));
         ASSIGN_OR_RETURN(auto found, c.services.duplicates.Check(c.Param(0), std::move(identity)));
         return JsonResponse(200, {{"duplicates", DuplicatesJson(found)}});
       }});
  routes.push_back({"GET", "/api/v1/centres/{centre}/people/{person}", Action::kPeopleRead,
                    Purpose::kCounselling,
                    "One person with their identifying fields, consents and conversations (an "
                    "audited read)",
                    "", 200, [](Call& c) -> Result<http::Response> {
                      ASSIGN_OR_RETURN(std::string id, PersonParam(c));
                      ASSIGN_OR_RETURN(auto person, c.services.people.Get(c.principal, c.Param(0),
                                                                          c.purpose, id));
                      return JsonResponse(200, PersonJson(person));
                    }});
  routes.push_back(
      {"PUT", "/api/v1/centres/{centre}/people/{person}/identity", Action::kPeopleWrite,
       Purpose::kCounselling, "Replace a person's identifying fields; answers them as stored",
       IdentitySchema(), 200, [](Call& c) -> Result<http::Response> {
         ASSIGN_OR_RETURN(std::string id, PersonParam(c));
         ASSIGN_OR_RETURN(Json body, c.Body());
         RETURN_IF_ERROR(OnlyKnownFields(body, {"name", "name_latin", "birth_date", "age_band",
                                                "sex", "nationality", "phones", "documents"}));
         ASSIGN_OR_RETURN(people::Identity identity, DecodeIdentity(body));
         ASSIGN_OR_RETURN(auto stored,
                          c.services.people.UpdateIdentity(c.principal, c.Param(0), c.purpose, id,
                                                           std::move(identity)));
         return JsonResponse(200, {{"identity", people::IdentityJson(stored)}});
       }});
  routes.push_back(
      {"POST", "/api/v1/centres/{centre}/people/{person}/consents", Action::kPeopleWrite,
       Purpose::kCounselling, "Record consent for a purpose, with its basis and channel",
       kConsentSchema, 201, [](Call& c) -> Result<http::Response> {
         ASSIGN_OR_RETURN(std::string id, PersonParam(c));
         ASSIGN_OR_RETURN(Json body, c.Body());
         RETURN_IF_ERROR(OnlyKnownFields(body, {"purpose", "basis", "channel"}));
         ASSIGN_OR_RETURN(std::string purpose, RequiredString(body, "purpose", {1, 20}));
         ASSIGN_OR_RETURN(std::string basis, RequiredString(body, "basis", {1, 20}));
         ASSIGN_OR_RETURN(std::string channel, RequiredString(body, "channel", {1, 20}));
         ASSIGN_OR_RETURN(auto consent, c.services.people.GiveConsent(c.principal, c.Param(0), id,
                                                                      purpose, basis, channel));
         return JsonResponse(201, ConsentJson(consent));
       }});
  routes.push_back({"POST", "/api/v1/centres/{centre}/people/{person}/consents/{consent}/withdraw",
                    Action::kPeopleWrite, Purpose::kCounselling,
                    "Withdraw a consent (kept, with who withdrew it and when)", "", 204,
                    [](Call& c) -> Result<http::Response> {
                      ASSIGN_OR_RETURN(std::string id, PersonParam(c));
                      if (!IsValidId(c.Param(2))) {
                        return NotFound("no_such_consent",
                                        "there is no such consent in force for this person");
                      }
                      RETURN_IF_ERROR(c.services.people.WithdrawConsent(c.principal, c.Param(0), id,
                                                                        c.Param(2)));
                      return NoContent();
                    }});
  routes.push_back(
      {"PUT", "/api/v1/centres/{centre}/people/{person}/profile", Action::kPeopleWrite,
       Purpose::kCounselling, "Set the migration profile (the change is kept in its history)",
       kProfileSchema, 200, [](Call& c) -> Result<http::Response> {
         ASSIGN_OR_RETURN(std::string id, PersonParam(c));
         ASSIGN_OR_RETURN(Json body, c.Body());
         RETURN_IF_ERROR(OnlyKnownFields(body, {"stage", "destination", "route", "reasons"}));
         people::Profile p;
         ASSIGN_OR_RETURN(auto stage, OptionalString(body, "stage", {0, 20}));
         ASSIGN_OR_RETURN(auto destination, OptionalString(body, "destination", {0, 2}));
         ASSIGN_OR_RETURN(auto route, OptionalString(body, "route", {0, 200}));
         ASSIGN_OR_RETURN(auto reasons, OptionalStringArray(body, "reasons", 8, {1, 20}));
         p.stage = stage.value_or("");
         p.destination = destination.value_or("");
         p.route = route.value_or("");
         p.reasons = reasons.value_or(std::vector<std::string>{});
         ASSIGN_OR_RETURN(auto saved,
                          c.services.people.SetProfile(c.principal, c.Param(0), id, std::move(p)));
         return JsonResponse(200, ProfileJson(saved));
       }});
  routes.push_back(
      {"GET", "/api/v1/centres/{centre}/people/{person}/profile/history", Action::kPeopleRead,
       Purpose::kCounselling,
       "Changes of the migration profile, oldest first, with their sealed routes (an audited read)",
       "", 200, [](Call& c) -> Result<http::Response> {
         ASSIGN_OR_RETURN(std::string id, PersonParam(c));
         ASSIGN_OR_RETURN(auto history,
                          c.services.people.ProfileHistory(c.principal, c.Param(0), c.purpose, id));
         Json items = Json::array();
         for (const auto& p : history) items.push_back(ProfileJson(p));
         return JsonResponse(200, {{"items", items}});
       }});
  routes.push_back({"GET", "/api/v1/centres/{centre}/people-retention", Action::kPeopleList,
                    Purpose::kCounselling,
                    "How many days the centre keeps a person it has not been in touch with (0: "
                    "until shredded by hand)",
                    "", 200, [](Call& c) -> Result<http::Response> {
                      ASSIGN_OR_RETURN(int64_t days, c.services.people.RetentionDays(c.Param(0)));
                      return JsonResponse(200, {{"days", days}});
                    }});
  routes.push_back(
      {"PUT", "/api/v1/centres/{centre}/people-retention", Action::kPeopleShred,
       Purpose::kAdministration,
       "Set the retention: people untouched for this many days are shredded automatically",
       R"({"type":"object","required":["days"],"additionalProperties":false,"properties":{
"days":{"type":"integer","minimum":0,"maximum":3650}}})",
       200, [](Call& c) -> Result<http::Response> {
         ASSIGN_OR_RETURN(Json body, c.Body());
         RETURN_IF_ERROR(OnlyKnownFields(body, {"days"}));
         ASSIGN_OR_RETURN(auto days,
                          OptionalInteger(body, "days", 0, people::People::kMaxRetentionDays));
         if (!days) return InvalidArgument("invalid_days", "days is required");
         RETURN_IF_ERROR(c.services.people.SetRetentionDays(c.principal, c.Param(0), *days));
         return JsonResponse(200, {{"days", *days}});
       }});
  routes.push_back(
      {"POST", "/api/v1/centres/{centre}/people/{person}/shred", Action::kPeopleShred,
       Purpose::kAdministration,
       "Destroy the person's data key and those of their conversations' contacts: their "
       "identifying data and messages become unreadable everywhere, backups included",
       "", 204, [](Call& c) -> Result<http::Response> {
         ASSIGN_OR_RETURN(std::string id, PersonParam(c));
         RETURN_IF_ERROR(c.services.people.Shred(c.principal, c.Param(0), id));
         return NoContent();
       }});
}

}  // namespace serai::api
