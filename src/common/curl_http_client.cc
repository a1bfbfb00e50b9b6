#include <curl/curl.h>

#include <optional>
#include <string_view>

#include "common/http_client.h"

namespace serai {
namespace {

// Where the answer goes, and how much of it is allowed.
struct Sink {
  std::string* body;
  size_t max;
  bool too_large = false;
};

size_t OnBody(char* data, size_t size, size_t n, void* user) {
  auto* sink = static_cast<Sink*>(user);
  if (sink->body->size() + size * n > sink->max) {
    sink->too_large = true;
    return 0;  // aborts the transfer
  }
  sink->body->append(data, size * n);
  return size * n;
}

// The headers the callers use.
struct Headers {
  std::string* retry_after;
  std::string* content_type;
};

// `line` without its name when it is the header `name` (lower case, with the colon).
std::optional<std::string> HeaderValue(const std::string& line, std::string_view name) {
  if (line.size() <= name.size()) return std::nullopt;
  for (size_t i = 0; i < name.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(line[i])) != name[i]) return std::nullopt;
  }
  std::string value = line.substr(name.size());
  while (!value.empty() && value.front() == ' ') value.erase(0, 1);
  while (!value.empty() && (value.back() == '\r' || value.back() == '\n' || value.back() == ' '))
    value.pop_back();
  return value;
}

size_t OnHeader(char* data, size_t size, size_t n, void* user) {
  auto* h = static_cast<Headers*>(user);
  std::string line(data, size * n);
  if (auto v = HeaderValue(line, "retry-after:")) *h->retry_after = *v;
  if (auto v = HeaderValue(line, "content-type:")) *h->content_type = *v;
  return size * n;
}

class CurlClient : public HttpClient {
 public:
  explicit CurlClient(long timeout) : timeout_(timeout) { curl_global_init(CURL_GLOBAL_DEFAULT); }

  Result<HttpReply> Send(const HttpCall& call) override {
    CURL* curl = curl_easy_init();
    if (curl == nullptr) return Unavailable("http_client", "cannot start an HTTP call");
    HttpReply reply;
    curl_slist* headers = nullptr;
    for (const auto& [k, v] : call.headers)
      headers = curl_slist_append(headers, (k + ": " + v).c_str());
    curl_easy_setopt(curl, CURLOPT_URL, call.url.c_str());
    curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, call.method.c_str());
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    if (call.method != "GET") {
      curl_easy_setopt(curl, CURLOPT_POSTFIELDS, call.body.data());
      curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE,
                       static_cast<curl_off_t>(call.body.size()));
    }
    Sink sink{&reply.body, static_cast<size_t>(call.max_reply_bytes)};
    Headers seen{&reply.retry_after, &reply.content_type};
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, OnBody);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &sink);
    curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, OnHeader);
    curl_easy_setopt(curl, CURLOPT_HEADERDATA, &seen);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 5L);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT,
                     call.timeout_seconds > 0 ? call.timeout_seconds : timeout_);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
    CURLcode rc = curl_easy_perform(curl);
    long status = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    curl_slist_free_all(headers);
    curl_easy_cleanup(curl);
    if (sink.too_large) return Unavailable("reply_too_large", "the answer is larger than allowed");
    if (rc != CURLE_OK) return Unavailable("platform_unreachable", curl_easy_strerror(rc));
    reply.status = static_cast<int>(status);
    return reply;
  }

 private:
  long timeout_;
};

}  // namespace

std::unique_ptr<HttpClient> NewCurlClient(long timeout_seconds) {
  return std::make_unique<CurlClient>(timeout_seconds);
}

}  // namespace serai
