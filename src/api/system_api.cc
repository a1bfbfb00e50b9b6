// /healthz, /metrics and the API description.
#include "api/route_table.h"

namespace serai::api {
namespace {

std::string OperationId(const ApiRoute& r) {
  std::string id = r.method;
  for (char c : r.pattern) id += (std::isalnum(static_cast<unsigned char>(c)) ? c : '_');
  return id;
}

// Every path parameter is a record id (UUID), except the messaging platform's name.
Json PathParameters(const std::string& pattern) {
  Json params = Json::array();
  for (const std::string& name : PatternParams(pattern)) {
    Json schema = name == "platform"
                      ? Json{{"enum", {"whatsapp", "viber", "telegram", "messenger", "instagram"}}}
                      : Json{{"type", "string"}, {"format", "uuid"}};
    params.push_back({{"name", name}, {"in", "path"}, {"required", true}, {"schema", schema}});
  }
  return params;
}

Json Operation(const ApiRoute& r) {
  Json op = {{"operationId", OperationId(r)},
             {"summary", r.summary},
             {"x-serai-action", auth::ActionName(r.action)},
             {"x-serai-purpose", auth::PurposeName(r.purpose)}};
  Json params = PathParameters(r.pattern);
  if (!params.empty()) op["parameters"] = params;
  if (!r.request_schema.empty()) {
    op["requestBody"] = {
        {"required", true},
        {"content", {{"application/json", {{"schema", Json::parse(r.request_schema)}}}}}};
  }
  Json problem = {
      {"description", "Problem"},
      {"content",
       {{"application/problem+json", {{"schema", {{"$ref", "#/components/schemas/Problem"}}}}}}}};
  op["responses"] = {{std::to_string(r.success_status), {{"description", "Success"}}},
                     {"4XX", problem}};
  if (r.action == auth::Action::kPublic) op["security"] = Json::array();
  return op;
}

}  // namespace

Json OpenApiDocument(const std::vector<ApiRoute>& routes, const std::string& version) {
  Json paths = Json::object();
  for (const ApiRoute& r : routes) {
    std::string method = r.method;
    for (char& c : method) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    paths[r.pattern][method] = Operation(r);
  }
  return {
      {"openapi", "3.1.0"},
      {"info", {{"title", "Serai API"}, {"version", version}}},
      {"paths", paths},
      {"security", {{{"session", Json::array()}}, {{"token", Json::array()}}}},
      {"components",
       {{"securitySchemes",
         {{"session", {{"type", "apiKey"}, {"in", "cookie"}, {"name", kSessionCookie}}},
          {"token", {{"type", "http"}, {"scheme", "bearer"}}}}},
        {"schemas",
         {{"Problem",
           {{"type", "object"},
            {"required", {"type", "title", "status", "code"}},
            {"properties",
             {{"type", {{"type", "string"}}},
              {"title", {{"type", "string"}}},
              {"status", {{"type", "integer"}}},
              {"detail", {{"type", "string"}}},
              {"code", {{"type", "string"}}}}}}}}}}},
  };
}

void AddSystemRoutes(std::vector<ApiRoute>& routes) {
  routes.push_back({"GET", "/healthz", auth::Action::kPublic, auth::Purpose::kSelfService,
                    "Liveness and database reachability", "", 200,
                    [](Call& c) -> Result<http::Response> {
                      if (!c.services.db.Read("SELECT 1", {}).ok()) {
                        return Unavailable("database_unavailable", "the database does not answer");
                      }
                      return JsonResponse(200, {{"status", "ok"}});
                    }});
  routes.push_back({"GET", "/metrics", auth::Action::kPublic, auth::Purpose::kSelfService,
                    "Prometheus metrics (no personal data)", "", 200,
                    [](Call& c) -> Result<http::Response> {
                      http::Response r;
                      r.content_type = "text/plain; version=0.0.4";
                      r.body = c.services.metrics.Render();
                      return r;
                    }});
  routes.push_back(
      {"GET", "/api/openapi.json", auth::Action::kPublic, auth::Purpose::kSelfService,
       "This API description (OpenAPI 3.1)", "", 200, [](Call& c) -> Result<http::Response> {
         return JsonResponse(200, OpenApiDocument(AllRoutes(), c.services.options.version));
       }});
}

}  // namespace serai::api
