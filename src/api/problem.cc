#include "api/problem.h"

#include "api/api.h"

namespace serai::api {

int HttpStatusFor(StatusCode code) {
  switch (code) {
    case StatusCode::kOk:
      return 200;
    case StatusCode::kInvalidArgument:
      return 400;
    case StatusCode::kNotFound:
      return 404;
    case StatusCode::kAlreadyExists:
      return 409;
    case StatusCode::kPermissionDenied:
      return 403;
    case StatusCode::kUnauthenticated:
      return 401;
    case StatusCode::kFailedPrecondition:
      return 409;
    case StatusCode::kResourceExhausted:
      return 429;
    case StatusCode::kUnavailable:
      return 503;
    case StatusCode::kInternal:
      return 500;
  }
  return 500;
}

namespace {

std::string_view Title(int status) {
  switch (status) {
    case 400:
      return "Bad request";
    case 401:
      return "Sign-in required";
    case 403:
      return "Not allowed";
    case 404:
      return "Not found";
    case 405:
      return "Method not allowed";
    case 409:
      return "Conflict";
    case 413:
      return "Body too large";
    case 415:
      return "Unsupported media type";
    case 429:
      return "Too many requests";
    case 503:
      return "Unavailable";
    default:
      return "Internal error";
  }
}

}  // namespace

http::Response Problem(int status, std::string_view code, std::string_view detail) {
  Json body = {{"type", "urn:serai:problem:" + std::string(code)},
               {"title", Title(status)},
               {"status", status},
               {"detail", detail},
               {"code", code}};
  http::Response r;
  r.status = status;
  r.content_type = "application/problem+json";
  r.body = body.dump(-1, ' ', false, Json::error_handler_t::replace);
  if (status == 401) r.headers.emplace_back("WWW-Authenticate", "Cookie, Bearer");
  return r;
}

http::Response FromStatus(const Status& status) {
  int http = HttpStatusFor(status.code());
  // Internal details stay in the log, not in the answer.
  if (http == 500) return Problem(500, "internal", "something went wrong on our side");
  return Problem(http, status.reason(), status.message());
}

http::Response NoContent() {
  http::Response r;
  r.status = 204;
  return r;
}

http::Response JsonResponse(int status, const Json& body) {
  http::Response r;
  r.status = status;
  r.body = body.dump(-1, ' ', false, Json::error_handler_t::replace);
  return r;
}

http::Response ProblemResponse(int status, std::string_view code, std::string_view detail) {
  return Problem(status, code, detail);
}

}  // namespace serai::api
