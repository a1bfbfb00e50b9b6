// The API's route table and the guard that every route passes through.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "api/api.h"
#include "api/problem.h"
#include "domain/auth/access.h"

namespace serai::api {

// What a handler receives: the request, who is asking, for what purpose, and the path parameters.
struct Call {
  http::Request& request;
  const auth::Principal& principal;
  auth::Purpose purpose;
  Services& services;
  // Signs in again with the request's credentials and repeats the access check, for answers that
  // outlive the request (event streams): false once the session ended or the role was taken away.
  std::function<bool()> still_allowed;

  // The path parameter at `index`.
  const std::string& Param(size_t index) const { return request.params.at(index); }
  // The parsed JSON body (object); a problem response is returned on failure.
  Result<Json> Body() const;
  // `limit` and `cursor` query parameters, checked.
  Result<std::pair<int, std::string>> PageParams() const;
  // A non-negative whole-number query parameter (sequence numbers, times); 0 when absent.
  Result<int64_t> NumberParam(std::string_view name) const;
};

// Handlers return a response, or a Status that the guard turns into problem+json.
using ApiHandler = std::function<Result<http::Response>(Call&)>;

struct ApiRoute {
  std::string method;
  std::string pattern;  // "{centre}" as the first parameter names the centre checked
  auth::Action action;
  auth::Purpose purpose;  // the default purpose; X-Serai-Purpose may name another allowed one
  std::string summary;
  std::string request_schema;  // JSON Schema of the body, "" for none
  int success_status = 200;
  ApiHandler handler;
  size_t max_body = 64 * 1024;
};

// Each resource file adds its routes here.
void AddSessionRoutes(std::vector<ApiRoute>& routes);
void AddKbRoutes(std::vector<ApiRoute>& routes);
void AddCentreRoutes(std::vector<ApiRoute>& routes);
void AddUserRoutes(std::vector<ApiRoute>& routes);
void AddAuditRoutes(std::vector<ApiRoute>& routes);
void AddSystemRoutes(std::vector<ApiRoute>& routes);
void AddChannelRoutes(std::vector<ApiRoute>& routes);
void AddInboxRoutes(std::vector<ApiRoute>& routes);
void AddPeopleRoutes(std::vector<ApiRoute>& routes);
void AddCaseRoutes(std::vector<ApiRoute>& routes);
void AddReferralRoutes(std::vector<ApiRoute>& routes);
void AddReintegrationRoutes(std::vector<ApiRoute>& routes);
void AddDuplicateRoutes(std::vector<ApiRoute>& routes);

// The names of a pattern's parameters, in order ("/x/{centre}/y/{user}" gives centre, user).
std::vector<std::string> PatternParams(std::string_view pattern);

// The OpenAPI 3.1 document for `routes`.
Json OpenApiDocument(const std::vector<ApiRoute>& routes, const std::string& version);
const std::vector<ApiRoute>& AllRoutes();

inline constexpr char kSessionCookie[] = "serai_session";

// Shared JSON shapes.
Json PageJson(Json items, const std::string& next_cursor);
// A stored file's bytes as what they really are (libmagic's type): shown inline when an image,
// audio, video or PDF, else offered as a download under a sandbox; never run in the app's origin.
http::Response FileResponse(std::string bytes, const std::string& mime,
                            const std::string& file_name, std::string_view cache_control);
// Articles offered for a question (suggestions in the inbox, the knowledge base's search).
Json SuggestionsJson(const kb::Suggestions& found);
std::string EncodeCursor(const std::string& last_id);

}  // namespace serai::api
