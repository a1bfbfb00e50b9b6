// /api/v1/centres/{centre}/users: staff accounts of a centre.
#include "api/decoders.h"
#include "api/route_table.h"

namespace serai::api {
namespace {

// Only the roles that concern this centre are shown, so a centre learns nothing of others.
Json UserJson(const auth::User& u, const std::string& centre) {
  Json roles = Json::array();
  for (const auto& g : u.grants) {
    if (g.centre_id == centre || g.centre_id == auth::kAllCentres) {
      roles.push_back({{"centre", g.centre_id}, {"role", auth::RoleName(g.role)}});
    }
  }
  return {{"id", u.id},
          {"email", u.email},
          {"display_name", u.display_name},
          {"locale", u.locale},
          {"languages", u.languages},
          {"disabled", u.disabled},
          {"totp_enabled", u.totp_enabled},
          {"roles", roles},
          {"created_at", u.created_at}};
}

constexpr char kNewUserSchema[] =
    R"({"type":"object","required":["email","display_name","password","roles"],
"additionalProperties":false,"properties":{"email":{"type":"string","format":"email"},"display_name":{"type":"string","maxLength":120},
"password":{"type":"string","minLength":10},"locale":{"enum":["en","prs","ps","ur","bn","ar","tg","ru"]},
"languages":{"type":"array","maxItems":20,"items":{"type":"string","pattern":"^[a-z]{2,3}$"}},
"roles":{"type":"array","minItems":1,"items":{"enum":["admin","manager","counsellor","outreach","me_officer","editor","partner","registrar","auditor"]}}}})";
constexpr char kUserPatchSchema[] = R"({"type":"object","additionalProperties":false,"properties":{
"display_name":{"type":"string"},"locale":{"type":"string"},
"languages":{"type":"array","maxItems":20,"items":{"type":"string","pattern":"^[a-z]{2,3}$"}},"disabled":{"type":"boolean"},"roles":{"type":"array","items":{"type":"string"}}}})";

}  // namespace

void AddUserRoutes(std::vector<ApiRoute>& routes) {
  using auth::Action;
  using auth::Purpose;
  routes.push_back(
      {"GET", "/api/v1/centres/{centre}/users", Action::kUserRead, Purpose::kSupervision,
       "Staff of a centre", "", 200, [](Call& c) -> Result<http::Response> {
         ASSIGN_OR_RETURN(auto page, c.PageParams());
         ASSIGN_OR_RETURN(auto result,
                          c.services.users.ListInCentre(c.principal, c.Param(0), c.purpose,
                                                        page.second, page.first));
         Json items = Json::array();
         for (const auto& u : result.items) items.push_back(UserJson(u, c.Param(0)));
         return JsonResponse(200, PageJson(std::move(items), result.next_cursor));
       }});
  routes.push_back({"POST", "/api/v1/centres/{centre}/users", Action::kUserAdmin,
                    Purpose::kAdministration, "Create a staff account in a centre", kNewUserSchema,
                    201, [](Call& c) -> Result<http::Response> {
                      ASSIGN_OR_RETURN(Json body, c.Body());
                      ASSIGN_OR_RETURN(auto input, DecodeNewUser(body, c.Param(0)));
                      ASSIGN_OR_RETURN(auto centre, c.services.centres.Get(c.Param(0)));
                      ASSIGN_OR_RETURN(auto user,
                                       c.services.users.Create(c.principal.user_id, input));
                      return JsonResponse(201, UserJson(user, centre.id));
                    }});
  routes.push_back(
      {"GET", "/api/v1/centres/{centre}/users/{user}", Action::kUserRead, Purpose::kSupervision,
       "One staff account", "", 200, [](Call& c) -> Result<http::Response> {
         ASSIGN_OR_RETURN(auto user, c.services.users.GetInCentre(c.principal, c.Param(0),
                                                                  c.Param(1), c.purpose));
         return JsonResponse(200, UserJson(user, c.Param(0)));
       }});
  routes.push_back({"PATCH", "/api/v1/centres/{centre}/users/{user}", Action::kUserAdmin,
                    Purpose::kAdministration, "Change, disable or re-role a staff account",
                    kUserPatchSchema, 200, [](Call& c) -> Result<http::Response> {
                      ASSIGN_OR_RETURN(Json body, c.Body());
                      ASSIGN_OR_RETURN(auto patch, DecodeUserPatch(body));
                      ASSIGN_OR_RETURN(auto user, c.services.users.UpdateInCentre(
                                                      c.principal, c.Param(0), c.Param(1), patch));
                      return JsonResponse(200, UserJson(user, c.Param(0)));
                    }});
  routes.push_back(
      {"POST", "/api/v1/centres/{centre}/users/{user}/sign-out-everywhere", Action::kUserAdmin,
       Purpose::kAdministration, "End every session and API token of a staff account", "", 204,
       [](Call& c) -> Result<http::Response> {
         ASSIGN_OR_RETURN(auto user, c.services.users.GetInCentre(c.principal, c.Param(0),
                                                                  c.Param(1), c.purpose));
         RETURN_IF_ERROR(c.services.auth.SignOutEverywhere(c.principal.user_id, user.id));
         return NoContent();
       }});
}

}  // namespace serai::api
