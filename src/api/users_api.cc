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
  return {{"id", u.id},         {"email", u.email},   {"display_name", u.display_name},
          {"locale", u.locale}, {"disabled", u.disabled}, {"totp_enabled", u.totp_enabled},
          {"roles", roles},     {"created_at", u.created_at}};
}

Result<std::vector<auth::Role>> DecodeRoles(const std::vector<std::string>& names) {
  std::vector<auth::Role> roles;
  for (const auto& n : names) {
    auto r = auth::ParseRole(n);
    if (!r) return InvalidArgument("invalid_role", "unknown role; use one of admin, manager, counsellor, "
                                                   "outreach, me_officer, editor, partner, registrar, auditor");
    roles.push_back(*r);
  }
  return roles;
}

Result<auth::NewUser> DecodeNewUser(const Json& body, const std::string& centre) {
  RETURN_IF_ERROR(OnlyKnownFields(body, {"email", "display_name", "password", "locale", "roles"}));
  auth::NewUser in;
  ASSIGN_OR_RETURN(in.email, RequiredString(body, "email", {3, 254}));
  ASSIGN_OR_RETURN(in.display_name, RequiredString(body, "display_name", {1, 120}));
  ASSIGN_OR_RETURN(in.password, RequiredString(body, "password", {1, 256}));
  ASSIGN_OR_RETURN(auto locale, OptionalString(body, "locale", {2, 3}));
  in.locale = locale.value_or("en");
  ASSIGN_OR_RETURN(auto names, OptionalStringArray(body, "roles", 9, {1, 20}));
  if (!names || names->empty()) return InvalidArgument("missing_field", "give at least one role");
  ASSIGN_OR_RETURN(auto roles, DecodeRoles(*names));
  for (auth::Role r : roles) in.grants.push_back({centre, r});
  return in;
}

Result<auth::UserPatch> DecodeUserPatch(const Json& body) {
  RETURN_IF_ERROR(OnlyKnownFields(body, {"display_name", "locale", "disabled", "roles"}));
  auth::UserPatch p;
  ASSIGN_OR_RETURN(p.display_name, OptionalString(body, "display_name", {1, 120}));
  ASSIGN_OR_RETURN(p.locale, OptionalString(body, "locale", {2, 3}));
  ASSIGN_OR_RETURN(p.disabled, OptionalBool(body, "disabled"));
  ASSIGN_OR_RETURN(auto names, OptionalStringArray(body, "roles", 9, {1, 20}));
  if (names) {
    ASSIGN_OR_RETURN(auto roles, DecodeRoles(*names));
    p.roles = std::move(roles);
  }
  return p;
}

constexpr char kNewUserSchema[] = R"({"type":"object","required":["email","display_name","password","roles"],
"additionalProperties":false,"properties":{"email":{"type":"string","format":"email"},"display_name":{"type":"string","maxLength":120},
"password":{"type":"string","minLength":10},"locale":{"enum":["en","prs","ps","ur","bn","ar","tg","ru"]},
"roles":{"type":"array","minItems":1,"items":{"enum":["admin","manager","counsellor","outreach","me_officer","editor","partner","registrar","auditor"]}}}})";
constexpr char kUserPatchSchema[] = R"({"type":"object","additionalProperties":false,"properties":{
"display_name":{"type":"string"},"locale":{"type":"string"},"disabled":{"type":"boolean"},"roles":{"type":"array","items":{"type":"string"}}}})";

}  // namespace

Status DecodeUserBodies(std::string_view body) {
  ASSIGN_OR_RETURN(Json j, ParseJsonObject(body));
  Status patch = DecodeUserPatch(j).status();
  Status full = DecodeNewUser(j, "c").status();
  return full.ok() ? patch : full;
}

void AddUserRoutes(std::vector<ApiRoute>& routes) {
  using auth::Action;
  using auth::Purpose;
  routes.push_back({"GET", "/api/v1/centres/{centre}/users", Action::kUserRead, Purpose::kSupervision,
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
                    Purpose::kAdministration, "Create a staff account in a centre", kNewUserSchema, 201,
                    [](Call& c) -> Result<http::Response> {
                      ASSIGN_OR_RETURN(Json body, c.Body());
                      ASSIGN_OR_RETURN(auto input, DecodeNewUser(body, c.Param(0)));
                      ASSIGN_OR_RETURN(auto centre, c.services.centres.Get(c.Param(0)));
                      ASSIGN_OR_RETURN(auto user, c.services.users.Create(c.principal.user_id, input));
                      return JsonResponse(201, UserJson(user, centre.id));
                    }});
  routes.push_back({"GET", "/api/v1/centres/{centre}/users/{user}", Action::kUserRead,
                    Purpose::kSupervision, "One staff account", "", 200,
                    [](Call& c) -> Result<http::Response> {
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
  routes.push_back({"POST", "/api/v1/centres/{centre}/users/{user}/sign-out-everywhere",
                    Action::kUserAdmin, Purpose::kAdministration,
                    "End every session and API token of a staff account", "", 204,
                    [](Call& c) -> Result<http::Response> {
                      ASSIGN_OR_RETURN(auto user, c.services.users.GetInCentre(c.principal, c.Param(0),
                                                                               c.Param(1), c.purpose));
                      RETURN_IF_ERROR(c.services.auth.SignOutEverywhere(c.principal.user_id, user.id));
                      http::Response r;
                      r.status = 204;
                      return r;
                    }});
}

}  // namespace serai::api
