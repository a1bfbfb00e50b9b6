// Fetching what a person sent (a photo of a contract, a voice note, a PDF) from the platform, the
// way each platform serves it (CHANNELS.md: Telegram 1.6, WhatsApp 2.6, Viber, Messenger):
//   WhatsApp:  GET /<version>/<media id> (bearer token) gives a URL good for 5 minutes; GET it with
//              the same token; the bytes must match the SHA-256 the platform gave.
//   Telegram:  getFile(file_id) gives a file_path; GET /file/bot<token>/<file_path> (20 MB at
//   most). Viber, Messenger, Instagram: the webhook's URL itself, without credentials.
// No storage here: the inbox's media fetcher keeps the jobs and the files.
#pragma once

#include <cstdint>
#include <string>

#include "common/http_client.h"
#include "domain/channels/accounts.h"

namespace serai::channels {

// How long after a webhook the platform still serves its media: WhatsApp media ids 7 days, Viber
// URLs 1 hour, Telegram file ids indefinitely (we allow 7 days), Messenger and Instagram CDN links
// undocumented (1 hour, to be safe).
int64_t MediaLifetimeMs(Platform p);

// The largest file each platform delivers: WhatsApp 100 MB, Telegram 20 MB (bot download limit),
// Messenger and Instagram 25 MB; Viber publishes none (50 MB).
int64_t PlatformMediaMaxBytes(Platform p);

struct FetchedMedia {
  std::string bytes;
  std::string content_type;  // as the platform's server declared it; may be empty
};

// `ref` is the webhook's media id, file id or URL. Errors:
//   FailedPrecondition("too_large") when the platform declares, or sends, more than max_bytes;
//   NotFound("media_gone") when the platform no longer has it (permanent);
//   Unavailable for anything worth trying again (timeouts, 5xx, 429, a checksum mismatch).
Result<FetchedMedia> DownloadMedia(HttpClient& http, const ChannelAccount& account,
                                   const ChannelSecrets& secrets, const std::string& ref,
                                   int64_t max_bytes);

}  // namespace serai::channels
