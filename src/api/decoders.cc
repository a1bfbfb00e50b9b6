#include "api/decoders.h"

namespace serai::api {
namespace {

Result<std::vector<auth::Role>> DecodeRoles(const std::vector<std::string>& names) {
  std::vector<auth::Role> roles;
  for (const auto& n : names) {
    auto r = auth::ParseRole(n);
    if (!r)
      return InvalidArgument("invalid_role",
                             "unknown role; use one of admin, manager, counsellor, "
                             "outreach, me_officer, editor, partner, registrar, auditor");
    roles.push_back(*r);
  }
  return roles;
}

}  // namespace

Result<centres::CentreInput> DecodeCentre(const Json& body) {
  RETURN_IF_ERROR(OnlyKnownFields(
      body, {"name", "country", "city", "languages", "time_zone", "response_target_minutes"}));
  centres::CentreInput in;
  ASSIGN_OR_RETURN(in.name, RequiredString(body, "name", {1, 120}));
  ASSIGN_OR_RETURN(in.country, RequiredString(body, "country", {2, 2}));
  ASSIGN_OR_RETURN(in.city, RequiredString(body, "city", {1, 120}));
  ASSIGN_OR_RETURN(in.time_zone, RequiredString(body, "time_zone", {1, 64}));
  ASSIGN_OR_RETURN(auto langs, OptionalStringArray(body, "languages", 20, {2, 3}));
  if (!langs) return InvalidArgument("missing_field", "field 'languages' is required");
  in.languages = std::move(*langs);
  ASSIGN_OR_RETURN(auto target, OptionalInteger(body, "response_target_minutes", 5, 10080));
  in.response_target_minutes = target.value_or(120);
  return in;
}

Result<centres::CentrePatch> DecodeCentrePatch(const Json& body) {
  RETURN_IF_ERROR(
      OnlyKnownFields(body, {"name", "city", "languages", "time_zone", "response_target_minutes"}));
  centres::CentrePatch p;
  ASSIGN_OR_RETURN(p.name, OptionalString(body, "name", {1, 120}));
  ASSIGN_OR_RETURN(p.city, OptionalString(body, "city", {1, 120}));
  ASSIGN_OR_RETURN(p.time_zone, OptionalString(body, "time_zone", {1, 64}));
  ASSIGN_OR_RETURN(p.languages, OptionalStringArray(body, "languages", 20, {2, 3}));
  ASSIGN_OR_RETURN(p.response_target_minutes,
                   OptionalInteger(body, "response_target_minutes", 5, 10080));
  return p;
}

Result<auth::NewUser> DecodeNewUser(const Json& body, const std::string& centre) {
  RETURN_IF_ERROR(
      OnlyKnownFields(body, {"email", "display_name", "password", "locale", "languages", "roles"}));
  auth::NewUser in;
  ASSIGN_OR_RETURN(in.email, RequiredString(body, "email", {3, 254}));
  ASSIGN_OR_RETURN(in.display_name, RequiredString(body, "display_name", {1, 120}));
  ASSIGN_OR_RETURN(in.password, RequiredString(body, "password", {1, 256}));
  ASSIGN_OR_RETURN(auto locale, OptionalString(body, "locale", {2, 3}));
  in.locale = locale.value_or("en");
  ASSIGN_OR_RETURN(auto languages, OptionalStringArray(body, "languages", 20, {2, 3}));
  in.languages = languages.value_or(std::vector<std::string>{});
  ASSIGN_OR_RETURN(auto names, OptionalStringArray(body, "roles", 9, {1, 20}));
  if (!names || names->empty()) return InvalidArgument("missing_field", "give at least one role");
  ASSIGN_OR_RETURN(auto roles, DecodeRoles(*names));
  for (auth::Role r : roles) in.grants.push_back({centre, r});
  return in;
}

Result<auth::UserPatch> DecodeUserPatch(const Json& body) {
  RETURN_IF_ERROR(
      OnlyKnownFields(body, {"display_name", "locale", "languages", "disabled", "roles"}));
  auth::UserPatch p;
  ASSIGN_OR_RETURN(p.display_name, OptionalString(body, "display_name", {1, 120}));
  ASSIGN_OR_RETURN(p.locale, OptionalString(body, "locale", {2, 3}));
  ASSIGN_OR_RETURN(p.languages, OptionalStringArray(body, "languages", 20, {2, 3}));
  ASSIGN_OR_RETURN(p.disabled, OptionalBool(body, "disabled"));
  ASSIGN_OR_RETURN(auto names, OptionalStringArray(body, "roles", 9, {1, 20}));
  if (names) {
    ASSIGN_OR_RETURN(auto roles, DecodeRoles(*names));
    p.roles = std::move(roles);
  }
  return p;
}

Result<SignInRequest> DecodeSignIn(const Json& body) {
  RETURN_IF_ERROR(OnlyKnownFields(body, {"email", "password", "totp"}));
  SignInRequest in;
  ASSIGN_OR_RETURN(in.email, RequiredString(body, "email", {1, 254}));
  ASSIGN_OR_RETURN(in.password, RequiredString(body, "password", {1, 256}));
  ASSIGN_OR_RETURN(auto totp, OptionalString(body, "totp", {0, 10}));
  in.totp = totp.value_or("");
  return in;
}

Result<std::pair<std::string, std::string>> DecodePasswordChange(const Json& body) {
  RETURN_IF_ERROR(OnlyKnownFields(body, {"current_password", "new_password"}));
  ASSIGN_OR_RETURN(std::string current, RequiredString(body, "current_password", {1, 256}));
  ASSIGN_OR_RETURN(std::string replacement, RequiredString(body, "new_password", {1, 256}));
  return std::make_pair(current, replacement);
}

Result<std::pair<std::string, int64_t>> DecodeNewToken(const Json& body) {
  RETURN_IF_ERROR(OnlyKnownFields(body, {"name", "days"}));
  ASSIGN_OR_RETURN(std::string name, RequiredString(body, "name", {1, 80}));
  int64_t days = 90;
  if (auto it = body.find("days"); it != body.end()) {
    if (!it->is_number_integer() || it->get<int64_t>() < 1 || it->get<int64_t>() > 366) {
      return InvalidArgument("invalid_days", "days is a whole number from 1 to 366");
    }
    days = it->get<int64_t>();
  }
  return std::make_pair(name, days);
}

Result<std::string> DecodeTotpCode(const Json& body) {
  RETURN_IF_ERROR(OnlyKnownFields(body, {"code"}));
  return RequiredString(body, "code", {6, 6});
}

Result<channels::ChannelAccountInput> DecodeChannelAccount(const Json& body) {
  RETURN_IF_ERROR(
      OnlyKnownFields(body, {"platform", "name", "external_id", "base_url", "secrets"}));
  channels::ChannelAccountInput in;
  ASSIGN_OR_RETURN(std::string platform, RequiredString(body, "platform", {1, 20}));
  auto p = channels::ParsePlatform(platform);
  if (!p)
    return InvalidArgument("invalid_platform",
                           "platform is whatsapp, viber, telegram, messenger or instagram");
  in.platform = *p;
  ASSIGN_OR_RETURN(in.name, RequiredString(body, "name", {1, 120}));
  ASSIGN_OR_RETURN(in.external_id, RequiredString(body, "external_id", {1, 128}));
  ASSIGN_OR_RETURN(in.base_url, RequiredString(body, "base_url", {8, 256}));
  auto it = body.find("secrets");
  if (it == body.end() || !it->is_object())
    return InvalidArgument("missing_field", "field 'secrets' is required");
  const Json& s = *it;
  RETURN_IF_ERROR(OnlyKnownFields(s, {"app_secret", "verify_token", "access_token", "auth_token",
                                      "bot_token", "secret_token"}));
  constexpr StringRule kSecret{0, 512};
  ASSIGN_OR_RETURN(auto app, OptionalString(s, "app_secret", kSecret));
  ASSIGN_OR_RETURN(auto verify, OptionalString(s, "verify_token", kSecret));
  ASSIGN_OR_RETURN(auto access, OptionalString(s, "access_token", kSecret));
  ASSIGN_OR_RETURN(auto auth, OptionalString(s, "auth_token", kSecret));
  ASSIGN_OR_RETURN(auto bot, OptionalString(s, "bot_token", kSecret));
  ASSIGN_OR_RETURN(auto secret, OptionalString(s, "secret_token", kSecret));
  in.secrets = {app.value_or(""),  verify.value_or(""), access.value_or(""),
                auth.value_or(""), bot.value_or(""),    secret.value_or("")};
  return in;
}

void DecodeEverything(std::string_view body) {
  Result<Json> parsed = ParseJsonObject(body);
  if (!parsed.ok()) return;
  const Json& j = *parsed;
  (void)DecodeCentre(j);
  (void)DecodeCentrePatch(j);
  (void)DecodeNewUser(j, "centre");
  (void)DecodeUserPatch(j);
  (void)DecodeSignIn(j);
  (void)DecodePasswordChange(j);
  (void)DecodeNewToken(j);
  (void)DecodeTotpCode(j);
  (void)DecodeChannelAccount(j);
}

}  // namespace serai::api
