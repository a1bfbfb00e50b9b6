#include <curl/curl.h>

#include "common/http_client.h"

namespace serai {
namespace {

constexpr size_t kMaxReply = 1024 * 1024;

size_t OnBody(char* data, size_t size, size_t n, void* user) {
  auto* out = static_cast<std::string*>(user);
  if (out->size() + size * n > kMaxReply) return 0;  // abort: platforms never answer this much
  out->append(data, size * n);
  return size * n;
}

size_t OnHeader(char* data, size_t size, size_t n, void* user) {
  std::string line(data, size * n);
  constexpr std::string_view kName = "retry-after:";
  if (line.size() > kName.size()) {
    std::string lower = line.substr(0, kName.size());
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (lower == kName) {
      std::string value = line.substr(kName.size());
      while (!value.empty() && (value.front() == ' ')) value.erase(0, 1);
      while (!value.empty() &&
             (value.back() == '\r' || value.back() == '\n' || value.back() == ' '))
        value.pop_back();
      *static_cast<std::string*>(user) = value;
    }
  }
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
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, OnBody);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &reply.body);
    curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, OnHeader);
    curl_easy_setopt(curl, CURLOPT_HEADERDATA, &reply.retry_after);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 5L);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, timeout_);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
    CURLcode rc = curl_easy_perform(curl);
    long status = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    curl_slist_free_all(headers);
    curl_easy_cleanup(curl);
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
