// /api/v1/centres/{centre}/duplicates: pairs of records that may be one person, for review; merge
// (and its undo) and dismissal. Lists show codes, scores and reasons; identities only in a pair's
// own audited read.

#include "api/route_table.h"
#include "common/ids.h"
#include "domain/people/duplicates.h"

namespace serai::api {
namespace {

Json SideJson(const people::PairSide& s, bool with_identity) {
  Json out = {{"person_id", s.id}, {"code", s.code}};
  if (with_identity) out["identity"] = people::IdentityJson(s.identity);
  return out;
}

Json PairJson(const people::DuplicatePair& p, bool with_identity) {
  return {{"id", p.id},
          {"a", SideJson(p.a, with_identity)},
          {"b", SideJson(p.b, with_identity)},
          {"score", p.score},
          {"reasons", p.reasons},
          {"status", p.status},
          {"found_at", p.found_at},
          {"decided_by", p.decided_by.empty() ? Json(nullptr) : Json(p.decided_by)},
          {"decided_at", p.decided_at == 0 ? Json(nullptr) : Json(p.decided_at)},
          {"merge_id", p.merge_id.empty() ? Json(nullptr) : Json(p.merge_id)}};
}

Result<std::string> PairParam(const Call& c) {
  if (!IsValidId(c.Param(1))) return NotFound("no_such_pair", "there is no such pair here");
  return c.Param(1);
}

}  // namespace

void AddDuplicateRoutes(std::vector<ApiRoute>& routes) {
  using auth::Action;
  using auth::Purpose;
  routes.push_back(
      {"GET", "/api/v1/centres/{centre}/duplicates", Action::kPeopleList, Purpose::kCounselling,
       "Pairs of records that may be one person (status open, dismissed or merged), best first, "
       "at most 200: codes, scores and reasons, no identifying field",
       "", 200, [](Call& c) -> Result<http::Response> {
         std::string status = c.request.QueryParam("status").value_or("open");
         ASSIGN_OR_RETURN(auto pairs, c.services.duplicates.List(c.Param(0), status));
         Json items = Json::array();
         for (const auto& p : pairs) items.push_back(PairJson(p, false));
         return JsonResponse(200, {{"items", items}});
       }});
  routes.push_back({"GET", "/api/v1/centres/{centre}/duplicates/{pair}", Action::kPeopleRead,
                    Purpose::kCounselling,
                    "One pair with both identities side by side (a read of each person, audited)",
                    "", 200, [](Call& c) -> Result<http::Response> {
                      ASSIGN_OR_RETURN(std::string id, PairParam(c));
                      ASSIGN_OR_RETURN(auto pair, c.services.duplicates.Get(c.principal, c.Param(0),
                                                                            c.purpose, id));
                      return JsonResponse(200, PairJson(pair, true));
                    }});
  routes.push_back({"POST", "/api/v1/centres/{centre}/duplicates/{pair}/dismiss",
                    Action::kPeopleMerge, Purpose::kCounselling,
                    "Not the same person: the pair stays dismissed when either record changes", "",
                    204, [](Call& c) -> Result<http::Response> {
                      ASSIGN_OR_RETURN(std::string id, PairParam(c));
                      RETURN_IF_ERROR(c.services.duplicates.Dismiss(c.principal, c.Param(0), id));
                      return NoContent();
                    }});
  routes.push_back(
      {"POST", "/api/v1/centres/{centre}/duplicates/{pair}/merge", Action::kPeopleMerge,
       Purpose::kCounselling,
       "The same person: `keep` stays, the other record is merged into it (its conversations, "
       "phones, documents and missing fields move; its cases show with the kept person)",
       R"({"type":"object","required":["keep"],"additionalProperties":false,"properties":{
"keep":{"type":"string","format":"uuid"}}})",
       201, [](Call& c) -> Result<http::Response> {
         ASSIGN_OR_RETURN(std::string id, PairParam(c));
         ASSIGN_OR_RETURN(Json body, c.Body());
         RETURN_IF_ERROR(OnlyKnownFields(body, {"keep"}));
         ASSIGN_OR_RETURN(std::string keep, RequiredString(body, "keep", {1, 36}));
         if (!IsValidId(keep)) return InvalidArgument("invalid_keep", "keep is not an id");
         ASSIGN_OR_RETURN(auto merge,
                          c.services.duplicates.Merge(c.principal, c.Param(0), id, keep));
         return JsonResponse(201, {{"id", merge.id},
                                   {"pair_id", merge.pair_id},
                                   {"kept_id", merge.kept_id},
                                   {"merged_id", merge.merged_id},
                                   {"merged_by", merge.merged_by},
                                   {"merged_at", merge.merged_at}});
       }});
  routes.push_back({"POST", "/api/v1/centres/{centre}/merges/{merge}/undo", Action::kPeopleMerge,
                    Purpose::kCounselling,
                    "Undo a merge: the merged record is separate again, with its conversations; "
                    "what the merge added to the kept identity is taken back",
                    "", 204, [](Call& c) -> Result<http::Response> {
                      if (!IsValidId(c.Param(1))) {
                        return NotFound("no_such_merge", "there is no such merge here");
                      }
                      RETURN_IF_ERROR(
                          c.services.duplicates.Undo(c.principal, c.Param(0), c.Param(1)));
                      return NoContent();
                    }});
}

}  // namespace serai::api
