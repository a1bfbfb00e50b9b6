#include "api/api.h"

#include "api/route_table.h"
#include "common/file_type.h"
#include "common/ids.h"
#include "crypto/crypto.h"

namespace serai::api {
namespace {

bool IsWrite(const std::string& method) { return method != "GET" && method != "HEAD"; }

std::string BearerToken(const http::Request& req) {
  std::string_view auth = req.Header("authorization");
  if (auth.size() > 7 && (auth.substr(0, 7) == "Bearer " || auth.substr(0, 7) == "bearer ")) {
    return std::string(auth.substr(7));
  }
  return {};
}

Result<auth::Principal> Authenticate(Services& s, const ApiRoute& route, const http::Request& req) {
  if (route.action == auth::Action::kPublic) return auth::Principal{};
  if (std::string bearer = BearerToken(req); !bearer.empty()) return s.auth.ResolveApiToken(bearer);
  std::string cookie = req.Cookie(kSessionCookie);
  if (cookie.empty()) return Unauthenticated("sign_in_required", "sign in first");
  ASSIGN_OR_RETURN(auth::Principal p, s.auth.ResolveSession(cookie));
  // Cookies ride along on cross-site requests; a write must also prove it came from our page.
  if (IsWrite(req.method) && !crypto::ConstantTimeEqual(req.Header("x-csrf-token"), p.csrf_token)) {
    return PermissionDenied("csrf_token_invalid", "the X-CSRF-Token header is missing or wrong");
  }
  return p;
}

// The headers that prove who is asking, kept to check again later.
std::vector<std::pair<std::string, std::string>> Credentials(const http::Request& req) {
  std::vector<std::pair<std::string, std::string>> kept;
  for (const auto& [name, value] : req.headers) {
    if (name == "cookie" || name == "authorization") kept.emplace_back(name, value);
  }
  return kept;
}

// `params` are the route's parameter names, worked out once when the route is registered.
http::Response Guard(Services& s, const ApiRoute& route, const std::vector<std::string>& params,
                     http::Request& req) {
  if (!req.body.empty() && IsWrite(req.method) &&
      !req.Header("content-type").starts_with("application/json")) {
    return Problem(415, "unsupported_media_type", "send the body as application/json");
  }
  Result<auth::Principal> principal = Authenticate(s, route, req);
  if (!principal.ok()) return FromStatus(principal.status());
  auth::Purpose purpose = route.purpose;
  if (std::string_view named = req.Header("x-serai-purpose"); !named.empty()) {
    auto parsed = auth::ParsePurpose(named);
    if (!parsed) return Problem(400, "invalid_purpose", "X-Serai-Purpose names no known purpose");
    purpose = *parsed;
  }
  std::string centre;
  bool about_centre = !params.empty() && params[0] == "centre";
  if (about_centre) {
    centre = req.params.at(0);
    if (!IsValidId(centre)) return Problem(404, "no_such_centre", "there is no such centre");
  }
  if (Status allowed = auth::CheckAccess(*principal, route.action, centre, purpose);
      !allowed.ok()) {
    return FromStatus(allowed);
  }
  // Every other path parameter is a record id, except a platform name.
  for (size_t i = about_centre ? 1 : 0; i < req.params.size() && i < params.size(); ++i) {
    if (params[i] != "platform" && !IsValidId(req.params[i])) {
      return Problem(404, "not_found", "there is no such record");
    }
  }
  auto still_allowed = [&s, &route, centre, purpose, credentials = Credentials(req)] {
    http::Request again;
    again.method = "GET";
    again.headers = credentials;
    auto p = Authenticate(s, route, again);
    return p.ok() && auth::CheckAccess(*p, route.action, centre, purpose).ok();
  };
  Call call{req, *principal, purpose, s, still_allowed};
  Result<http::Response> handled = route.handler(call);
  if (!handled.ok()) return FromStatus(handled.status());
  http::Response r = std::move(handled).value();
  if (r.status == 200 && route.success_status != 200) r.status = route.success_status;
  return r;
}

}  // namespace

Result<Json> Call::Body() const { return ParseJsonObject(request.body); }

Result<std::pair<int, std::string>> Call::PageParams() const {
  int limit = 50;
  if (auto text = request.QueryParam("limit")) {
    if (text->empty() || text->size() > 3 ||
        !std::all_of(text->begin(), text->end(), [](char c) { return c >= '0' && c <= '9'; })) {
      return InvalidArgument("invalid_limit", "limit is a whole number from 1 to 200");
    }
    limit = std::stoi(*text);
    if (limit < 1 || limit > kMaxPageSize) {
      return InvalidArgument("invalid_limit", "limit is a whole number from 1 to 200");
    }
  }
  std::string cursor;
  if (auto text = request.QueryParam("cursor"); text && !text->empty()) {
    if (text->size() > 64 || !Base64UrlDecode(*text, &cursor) || !IsValidId(cursor)) {
      return InvalidArgument("invalid_cursor", "the cursor is not one this server gave out");
    }
  }
  return std::make_pair(limit, cursor);
}

Result<int64_t> Call::NumberParam(std::string_view name) const {
  auto text = request.QueryParam(name);
  if (!text) return int64_t{0};
  if (text->empty() || text->size() > 18 || !std::all_of(text->begin(), text->end(), ::isdigit)) {
    return InvalidArgument("invalid_" + std::string(name),
                           std::string(name) + " is a whole number");
  }
  return static_cast<int64_t>(std::stoll(*text));
}

Json PageJson(Json items, const std::string& next_cursor) {
  Json page = {{"items", std::move(items)}};
  page["next_cursor"] = next_cursor.empty() ? Json(nullptr) : Json(EncodeCursor(next_cursor));
  return page;
}

std::string EncodeCursor(const std::string& last_id) { return Base64UrlEncode(last_id); }

// The bytes of a stored file, as what it really is; never run as a page in the app's origin.
http::Response FileResponse(std::string bytes, const std::string& mime,
                            const std::string& file_name, std::string_view cache_control) {
  http::Response r;
  r.content_type = mime;
  r.body = std::move(bytes);
  r.headers.emplace_back("Cache-Control", std::string(cache_control));
  std::string name = file_name.empty() ? "file" : file_name;
  std::string ascii;  // the plain fallback name; the full one in RFC 5987 form
  for (char ch : name) ascii += (ch >= 0x20 && ch < 0x7f && ch != '"' && ch != '\\') ? ch : '_';
  std::string encoded;
  for (unsigned char ch : name) {
    if (std::isalnum(ch) ||
        std::string_view("-._~").find(static_cast<char>(ch)) != std::string_view::npos) {
      encoded += static_cast<char>(ch);
    } else {
      constexpr char kHex[] = "0123456789ABCDEF";
      encoded += {'%', kHex[ch >> 4], kHex[ch & 15]};
    }
  }
  bool inline_type = IsInlineMediaType(mime);
  r.headers.emplace_back("Content-Disposition", std::string(inline_type ? "inline" : "attachment") +
                                                    "; filename=\"" + ascii +
                                                    "\"; filename*=UTF-8''" + encoded);
  if (!inline_type) r.headers.emplace_back("Content-Security-Policy", "sandbox");
  return r;
}

const std::vector<ApiRoute>& AllRoutes() {
  static const std::vector<ApiRoute> kRoutes = [] {
    std::vector<ApiRoute> routes;
    AddSystemRoutes(routes);
    AddSessionRoutes(routes);
    AddCentreRoutes(routes);
    AddUserRoutes(routes);
    AddAuditRoutes(routes);
    AddChannelRoutes(routes);
    AddInboxRoutes(routes);
    AddPeopleRoutes(routes);
    AddCaseRoutes(routes);
    AddReferralRoutes(routes);
    AddReintegrationRoutes(routes);
    AddDuplicateRoutes(routes);
    AddKbRoutes(routes);
    return routes;
  }();
  return kRoutes;
}

std::vector<std::string> PatternParams(std::string_view pattern) {
  std::vector<std::string> names;
  for (size_t open = pattern.find('{'); open != std::string_view::npos;
       open = pattern.find('{', open + 1)) {
    names.emplace_back(pattern.substr(open + 1, pattern.find('}', open) - open - 1));
  }
  return names;
}

void Register(http::Server& server, Services& services) {
  for (const ApiRoute& route : AllRoutes()) {
    server.Add({route.method, route.pattern, route.max_body,
                [&services, &route, params = PatternParams(route.pattern)](http::Request& req) {
                  return Guard(services, route, params, req);
                }});
  }
  RegisterHelpPages(server, services);
}

}  // namespace serai::api
