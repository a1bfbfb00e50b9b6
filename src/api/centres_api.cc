// /api/v1/centres
#include "api/decoders.h"
#include "api/route_table.h"

namespace serai::api {
namespace {

Json CentreJson(const centres::Centre& c) {
  return {{"id", c.id},
          {"name", c.name},
          {"country", c.country},
          {"city", c.city},
          {"languages", c.languages},
          {"time_zone", c.time_zone},
          {"response_target_minutes", c.response_target_minutes},
          {"created_at", c.created_at},
          {"updated_at", c.updated_at}};
}

constexpr char kCentreSchema[] =
    R"({"type":"object","required":["name","country","city","languages","time_zone"],
"additionalProperties":false,"properties":{"name":{"type":"string","maxLength":120},
"country":{"type":"string","pattern":"^[A-Z]{2}$"},"city":{"type":"string","maxLength":120},
"languages":{"type":"array","items":{"type":"string"},"maxItems":20},"time_zone":{"type":"string"},"response_target_minutes":{"type":"integer","minimum":5,"maximum":10080}}})";

constexpr char kCentrePatchSchema[] = R"({"type":"object","additionalProperties":false,
"properties":{"name":{"type":"string"},"city":{"type":"string"},"languages":{"type":"array","items":{"type":"string"}},
"time_zone":{"type":"string"},"response_target_minutes":{"type":"integer","minimum":5,"maximum":10080}}})";

}  // namespace

void AddCentreRoutes(std::vector<ApiRoute>& routes) {
  using auth::Action;
  using auth::Purpose;
  routes.push_back({"GET", "/api/v1/centres", Action::kCentreList, Purpose::kSelfService,
                    "Centres the caller works in", "", 200, [](Call& c) -> Result<http::Response> {
                      ASSIGN_OR_RETURN(auto page, c.PageParams());
                      ASSIGN_OR_RETURN(auto result, c.services.centres.List(
                                                        c.principal, page.second, page.first));
                      Json items = Json::array();
                      for (const auto& centre : result.items) items.push_back(CentreJson(centre));
                      return JsonResponse(200, PageJson(std::move(items), result.next_cursor));
                    }});
  routes.push_back({"POST", "/api/v1/centres", Action::kCentreCreate, Purpose::kAdministration,
                    "Open a new centre", kCentreSchema, 201, [](Call& c) -> Result<http::Response> {
                      ASSIGN_OR_RETURN(Json body, c.Body());
                      ASSIGN_OR_RETURN(auto input, DecodeCentre(body));
                      ASSIGN_OR_RETURN(auto created, c.services.centres.Create(c.principal, input));
                      return JsonResponse(201, CentreJson(created));
                    }});
  routes.push_back({"GET", "/api/v1/centres/{centre}", Action::kCentreRead, Purpose::kSelfService,
                    "One centre", "", 200, [](Call& c) -> Result<http::Response> {
                      ASSIGN_OR_RETURN(auto centre, c.services.centres.Get(c.Param(0)));
                      return JsonResponse(200, CentreJson(centre));
                    }});
  routes.push_back(
      {"PATCH", "/api/v1/centres/{centre}", Action::kCentreUpdate, Purpose::kAdministration,
       "Change a centre", kCentrePatchSchema, 200, [](Call& c) -> Result<http::Response> {
         ASSIGN_OR_RETURN(Json body, c.Body());
         ASSIGN_OR_RETURN(auto patch, DecodeCentrePatch(body));
         ASSIGN_OR_RETURN(auto updated, c.services.centres.Update(c.principal, c.Param(0), patch));
         return JsonResponse(200, CentreJson(updated));
       }});
}

}  // namespace serai::api
