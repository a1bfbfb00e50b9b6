// Outbound HTTP for calling the messaging platforms. An interface, so the senders are tested
// against local fake platforms through the real implementation, or driven directly in unit tests.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "common/status.h"

namespace serai {

struct HttpCall {
  std::string method = "POST";
  std::string url;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  // Larger answers end the call with Unavailable("reply_too_large"); 0: the client's timeout.
  int64_t max_reply_bytes = 1024 * 1024;
  long timeout_seconds = 0;
};

struct HttpReply {
  int status = 0;
  std::string body;
  std::string retry_after;        // the Retry-After header, if any
  std::string content_type = {};  // the Content-Type header, if any
};

class HttpClient {
 public:
  virtual ~HttpClient() = default;
  // Unavailable when no answer came (connection refused, timeout); any HTTP status is a reply.
  virtual Result<HttpReply> Send(const HttpCall& call) = 0;
};

// libcurl, with connect and total timeouts and a cap on the answer's size. Thread-safe (one easy
// handle per call).
std::unique_ptr<HttpClient> NewCurlClient(long timeout_seconds = 15);

}  // namespace serai
