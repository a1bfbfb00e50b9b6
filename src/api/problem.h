// Errors as RFC 9457 problem+json: {"type", "title", "status", "detail", "code"}. `code` is the
// stable machine-readable reason; the mapping from Status codes to HTTP statuses lives only here.
#pragma once

#include "common/json.h"
#include "common/status.h"
#include "http/http.h"

namespace serai::api {

int HttpStatusFor(StatusCode code);
http::Response Problem(int status, std::string_view code, std::string_view detail);
http::Response FromStatus(const Status& status);
http::Response JsonResponse(int status, const Json& body);
// 204, nothing in the body.
http::Response NoContent();

}  // namespace serai::api
