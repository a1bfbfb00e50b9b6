// /api/v1/session and /api/v1/me: signing in and out, the second factor, passwords, API tokens.
#include "api/decoders.h"
#include "api/route_table.h"

namespace serai::api {
namespace {

constexpr int64_t kDayMillis = 24LL * 3600 * 1000;

Json GrantsJson(const std::vector<auth::Grant>& grants) {
  Json roles = Json::array();
  for (const auto& g : grants)
    roles.push_back({{"centre", g.centre_id}, {"role", auth::RoleName(g.role)}});
  return roles;
}

Json MeJson(const auth::Principal& p) {
  return {{"id", p.user_id},
          {"display_name", p.display_name},
          {"locale", p.locale},
          {"roles", GrantsJson(p.grants)},
          {"totp_required", p.RequiresMfa()},
          {"second_factor_done", p.mfa_ok},
          {"csrf_token", p.csrf_token}};
}

std::string SessionCookie(const http::Request& req, const std::string& value, int64_t max_age_s) {
  std::string cookie = std::string(kSessionCookie) + "=" + value +
                       "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + std::to_string(max_age_s);
  // Behind a TLS-terminating proxy the browser talks HTTPS: the cookie must never go over plain
  // HTTP.
  if (req.Header("x-forwarded-proto") == "https") cookie += "; Secure";
  return cookie;
}

Result<http::Response> SignIn(Call& c) {
  double per_minute = c.services.options.sign_in_per_minute;
  if (c.services.sign_in_attempts.Take(c.request.remote_ip, per_minute / 60.0, per_minute,
                                       c.services.env.NowMillis()) != 0) {
    return ResourceExhausted("too_many_attempts", "too many sign-in attempts; wait a minute");
  }
  ASSIGN_OR_RETURN(Json body, c.Body());
  ASSIGN_OR_RETURN(SignInRequest in, DecodeSignIn(body));
  ASSIGN_OR_RETURN(auth::NewSession s, c.services.auth.SignIn(in.email, in.password, in.totp));
  http::Response r = JsonResponse(200, MeJson(s.principal));
  r.headers.emplace_back("Set-Cookie", SessionCookie(c.request, s.token, 12 * 3600));
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

Result<http::Response> SignOut(Call& c) {
  if (!c.principal.via_token)
    RETURN_IF_ERROR(c.services.auth.SignOut(c.request.Cookie(kSessionCookie)));
  http::Response r = NoContent();
  r.headers.emplace_back("Set-Cookie", SessionCookie(c.request, "", 0));
  return r;
}

Result<http::Response> ConfirmTotp(Call& c) {
  ASSIGN_OR_RETURN(Json body, c.Body());
  ASSIGN_OR_RETURN(std::string code, DecodeTotpCode(body));
  RETURN_IF_ERROR(c.services.users.ConfirmTotp(c.principal.user_id, code));
  if (!c.principal.via_token) {
    RETURN_IF_ERROR(c.services.auth.MarkSecondFactorDone(c.request.Cookie(kSessionCookie)));
  }
  return NoContent();
}

Result<http::Response> ChangePassword(Call& c) {
  ASSIGN_OR_RETURN(Json body, c.Body());
  ASSIGN_OR_RETURN(auto change, DecodePasswordChange(body));
  RETURN_IF_ERROR(
      c.services.users.ChangePassword(c.principal.user_id, change.first, change.second));
  c.services.auth.SignOutEverywhere(c.principal.user_id, c.principal.user_id).ok();
  http::Response r = NoContent();
  r.headers.emplace_back("Set-Cookie", SessionCookie(c.request, "", 0));
  return r;
}

Result<http::Response> CreateToken(Call& c) {
  if (!c.principal.mfa_ok)
    return PermissionDenied("totp_required", "set up the second factor first");
  ASSIGN_OR_RETURN(Json body, c.Body());
  ASSIGN_OR_RETURN(auto req, DecodeNewToken(body));
  ASSIGN_OR_RETURN(auto created, c.services.auth.CreateApiToken(c.principal.user_id, req.first,
                                                                req.second * kDayMillis));
  return JsonResponse(201, {{"id", created.first.id},
                            {"name", created.first.name},
                            {"expires_at", created.first.expires_at},
                            {"token", created.second}});
}

Result<http::Response> ListTokens(Call& c) {
  ASSIGN_OR_RETURN(auto tokens, c.services.auth.ListApiTokens(c.principal.user_id));
  Json items = Json::array();
  for (const auto& t : tokens) {
    items.push_back({{"id", t.id},
                     {"name", t.name},
                     {"created_at", t.created_at},
                     {"expires_at", t.expires_at}});
  }
  return JsonResponse(200, PageJson(std::move(items), ""));
}

constexpr char kSignInSchema[] =
    R"({"type":"object","required":["email","password"],"additionalProperties":false,
"properties":{"email":{"type":"string","format":"email"},"password":{"type":"string"},"totp":{"type":"string","pattern":"^[0-9]{6}$"}}})";
constexpr char kCodeSchema[] = R"({"type":"object","required":["code"],"additionalProperties":false,
"properties":{"code":{"type":"string","pattern":"^[0-9]{6}$"}}})";
constexpr char kPasswordSchema[] =
    R"({"type":"object","required":["current_password","new_password"],
"additionalProperties":false,"properties":{"current_password":{"type":"string"},"new_password":{"type":"string","minLength":10}}})";
constexpr char kTokenSchema[] =
    R"({"type":"object","required":["name"],"additionalProperties":false,
"properties":{"name":{"type":"string","maxLength":80},"days":{"type":"integer","minimum":1,"maximum":366}}})";

}  // namespace

void AddSessionRoutes(std::vector<ApiRoute>& routes) {
  using auth::Action;
  using auth::Purpose;
  constexpr auto kSelf = Purpose::kSelfService;
  routes.push_back({"POST", "/api/v1/session", Action::kPublic, kSelf,
                    "Sign in with e-mail, password and (where required) a TOTP code", kSignInSchema,
                    200, SignIn, 4096});
  routes.push_back(
      {"DELETE", "/api/v1/session", Action::kSelf, kSelf, "Sign out", "", 204, SignOut});
  routes.push_back(
      {"GET", "/api/v1/me", Action::kSelf, kSelf, "The signed-in user", "", 200,
       [](Call& c) -> Result<http::Response> { return JsonResponse(200, MeJson(c.principal)); }});
  routes.push_back(
      {"POST", "/api/v1/me/totp", Action::kSelf, kSelf, "Start setting up a TOTP second factor", "",
       200, [](Call& c) -> Result<http::Response> {
         ASSIGN_OR_RETURN(auto e, c.services.users.BeginTotp(c.principal.user_id));
         http::Response r = JsonResponse(200, {{"secret", e.secret_base32}, {"uri", e.uri}});
         r.headers.emplace_back("Cache-Control", "no-store");
         return r;
       }});
  routes.push_back({"POST", "/api/v1/me/totp/confirm", Action::kSelf, kSelf,
                    "Finish setting up the second factor with a current code", kCodeSchema, 204,
                    ConfirmTotp, 1024});
  routes.push_back({"POST", "/api/v1/me/password", Action::kSelf, kSelf,
                    "Change one's password (ends every session)", kPasswordSchema, 204,
                    ChangePassword, 4096});
  routes.push_back({"POST", "/api/v1/me/sign-out-everywhere", Action::kSelf, kSelf,
                    "End every session and revoke every API token of the caller", "", 204,
                    [](Call& c) -> Result<http::Response> {
                      RETURN_IF_ERROR(c.services.auth.SignOutEverywhere(c.principal.user_id,
                                                                        c.principal.user_id));
                      http::Response r = NoContent();
                      r.headers.emplace_back("Set-Cookie", SessionCookie(c.request, "", 0));
                      return r;
                    }});
  routes.push_back({"GET", "/api/v1/me/tokens", Action::kSelf, kSelf, "The caller's API tokens", "",
                    200, ListTokens});
  routes.push_back({"POST", "/api/v1/me/tokens", Action::kSelf, kSelf,
                    "Create an API token (the secret is shown once)", kTokenSchema, 201,
                    CreateToken, 4096});
  routes.push_back({"DELETE", "/api/v1/me/tokens/{token}", Action::kSelf, kSelf,
                    "Revoke an API token", "", 204, [](Call& c) -> Result<http::Response> {
                      RETURN_IF_ERROR(
                          c.services.auth.RevokeApiToken(c.principal.user_id, c.Param(0)));
                      return NoContent();
                    }});
}

}  // namespace serai::api
