#include "domain/channels/media_download.h"

#include <algorithm>

#include "common/ids.h"
#include "common/json.h"
#include "crypto/crypto.h"
#include "domain/channels/sender.h"

namespace serai::channels {
namespace {

constexpr int64_t kMb = 1024 * 1024;
constexpr long kDownloadTimeoutSeconds = 120;  // 25 MB over a slow uplink

// What a platform's answer means for fetching: go on, stop for good, or try later.
Status Check(const Result<HttpReply>& reply, std::string_view what) {
  if (!reply.ok()) return reply.status();
  int s = reply->status;
  if (s >= 200 && s < 300) return Status::Ok();
  if (s == 404 || s == 410) {
    return NotFound("media_gone", std::string(what) + ": the platform no longer has this file");
  }
  if (s == 400 || s == 401 || s == 403) {
    // Usually an expired link or token; the platform's 4xx is final for this attempt's URL, but a
    // fresh look-up (WhatsApp) or a renewed token may succeed: try again until the deadline.
    return Unavailable("media_refused",
                       std::string(what) + ": the platform refused (" + std::to_string(s) + ")");
  }
  return Unavailable("media_unavailable",
                     std::string(what) + ": the platform answered " + std::to_string(s));
}

Status TooLarge(int64_t size, int64_t max_bytes) {
  return FailedPrecondition("too_large", "the file is " + std::to_string(size) +
                                             " bytes; at most " + std::to_string(max_bytes) +
                                             " are kept");
}

Result<FetchedMedia> Get(HttpClient& http, const std::string& url,
                         std::vector<std::pair<std::string, std::string>> headers,
                         int64_t max_bytes) {
  HttpCall call;
  call.method = "GET";
  call.url = url;
  call.headers = std::move(headers);
  call.max_reply_bytes = max_bytes;
  call.timeout_seconds = kDownloadTimeoutSeconds;
  Result<HttpReply> reply = http.Send(call);
  if (!reply.ok() && reply.status().reason() == "reply_too_large") {
    return TooLarge(max_bytes + 1, max_bytes);
  }
  RETURN_IF_ERROR(Check(reply, "download"));
  return FetchedMedia{std::move(reply->body), reply->content_type};
}

Result<Json> GetJson(HttpClient& http, const std::string& url,
                     std::vector<std::pair<std::string, std::string>> headers) {
  HttpCall call;
  call.method = "GET";
  call.url = url;
  call.headers = std::move(headers);
  Result<HttpReply> reply = http.Send(call);
  RETURN_IF_ERROR(Check(reply, "look-up"));
  Json j = Json::parse(reply->body, nullptr, false);
  if (!j.is_object()) return Unavailable("media_unavailable", "look-up: the answer is not JSON");
  return j;
}

std::string Text(const Json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

int64_t Number(const Json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_number_integer() ? it->get<int64_t>() : 0;
}

bool IsSafePathPart(const std::string& s) {
  return !s.empty() && s.find("..") == std::string::npos && s.find_first_of("?#\\") == s.npos;
}

}  // namespace

int64_t MediaLifetimeMs(Platform p) {
  switch (p) {
    case Platform::kWhatsApp:
    case Platform::kTelegram:
      return 7 * 24 * kHourMs;
    case Platform::kViber:
    case Platform::kMessenger:
    case Platform::kInstagram:
    case Platform::kInPerson:
      break;
  }
  return kHourMs;
}

int64_t PlatformMediaMaxBytes(Platform p) {
  switch (p) {
    case Platform::kWhatsApp:
      return 100 * kMb;
    case Platform::kTelegram:
      return 20 * kMb;
    case Platform::kMessenger:
    case Platform::kInstagram:
      return 25 * kMb;
    case Platform::kViber:
    case Platform::kInPerson:
      break;
  }
  return 50 * kMb;
}

Result<FetchedMedia> DownloadMedia(HttpClient& http, const ChannelAccount& a,
                                   const ChannelSecrets& s, const std::string& ref,
                                   int64_t max_bytes) {
  max_bytes = std::min(max_bytes, PlatformMediaMaxBytes(a.platform));
  switch (a.platform) {
    case Platform::kWhatsApp: {
      std::vector<std::pair<std::string, std::string>> auth = {
          {"Authorization", "Bearer " + s.access_token}};
      if (!IsSafePathPart(ref) || ref.find('/') != std::string::npos) {
        return NotFound("media_gone", "not a WhatsApp media id");
      }
      ASSIGN_OR_RETURN(Json info, GetJson(http,
                                          a.base_url + "/" + kGraphVersion + "/" + ref +
                                              "?phone_number_id=" + a.external_id,
                                          auth));
      std::string url = Text(info, "url");
      if (url.empty()) return Unavailable("media_unavailable", "look-up: no url in the answer");
      if (int64_t size = Number(info, "file_size"); size > max_bytes) {
        return TooLarge(size, max_bytes);
      }
      ASSIGN_OR_RETURN(FetchedMedia media, Get(http, url, auth, max_bytes));
      if (std::string want = Text(info, "sha256"); !want.empty()) {
        // Meta documents a hex digest; some answers carry base64. Either must match.
        std::string got = crypto::Sha256(media.bytes);
        if (want != HexEncode(got) && want != Base64Encode(got)) {
          return Unavailable("media_corrupt", "download: the file does not match its checksum");
        }
      }
      if (media.content_type.empty()) media.content_type = Text(info, "mime_type");
      return media;
    }
    case Platform::kTelegram: {
      if (!IsSafePathPart(ref)) return NotFound("media_gone", "not a Telegram file id");
      ASSIGN_OR_RETURN(
          Json answer,
          GetJson(http, a.base_url + "/bot" + s.bot_token + "/getFile?file_id=" + ref, {}));
      auto result = answer.find("result");
      if (result == answer.end() || !result->is_object()) {
        return Unavailable("media_unavailable", "getFile: no result in the answer");
      }
      std::string path = Text(*result, "file_path");
      if (!IsSafePathPart(path)) return Unavailable("media_unavailable", "getFile: no file_path");
      if (int64_t size = Number(*result, "file_size"); size > max_bytes) {
        return TooLarge(size, max_bytes);
      }
      return Get(http, a.base_url + "/file/bot" + s.bot_token + "/" + path, {}, max_bytes);
    }
    case Platform::kViber:
    case Platform::kMessenger:
    case Platform::kInstagram:
      if (!ref.starts_with("https://") && !ref.starts_with("http://")) {
        return NotFound("media_gone", "not a media URL");
      }
      return Get(http, ref, {}, max_bytes);
    case Platform::kInPerson:
      break;
  }
  return NotFound("media_gone", "this channel has no media to fetch");
}

}  // namespace serai::channels
