// Media that people send (a photo of a contract, a voice note, a PDF of a job offer), fetched from
// the platform into the data directory before the platform's link expires, and served to the
// counsellors of the centre.
//
// A webhook's media message queues a row in `media` in the same transaction that stores the
// message (so an acknowledged webhook's media is never forgotten, even after kill -9); a worker
// fetches it (channels/media_download.h), retries with backoff until the platform's link lifetime
// runs out, checks its size and what it really is (libmagic, common/file_type.h), seals it under
// the contact's key and writes it to DATA/media/<centre>/<message> (written to a temporary file,
// synced, renamed). After `serai shred` of the contact the file can no longer be opened.
//
// On PostgreSQL with several serai processes, DATA/media must be shared between them (as DATA/keys
// is): the process that fetched a file may not be the one asked for it.
#pragma once

#include <condition_variable>
#include <mutex>
#include <string>

#include "common/env.h"
#include "common/http_client.h"
#include "domain/auth/access.h"
#include "domain/channels/accounts.h"
#include "domain/keys/key_store.h"
#include "store/db.h"

namespace serai::inbox {

// A stored file, opened for a counsellor.
struct MediaFile {
  std::string bytes;
  std::string mime;
  std::string file_name;  // as the person's app named it; may be empty
};

// Where the platform keeps a message's file and the file's name, sealed with its job under the
// contact's key. Empty once the contact is shredded.
struct MediaSource {
  std::string ref;
  std::string file_name;
};
MediaSource OpenMediaSource(keys::KeyStore& keys, const std::string& centre_id,
                            const std::string& contact_id, const std::string& sealed);

// Queues the fetching of a new message's media (`media_json` is the webhook's {"ref", "mime",
// "file_name", "size"}) in the caller's transaction.
Status QueueMedia(store::Conn& conn, keys::KeyStore& keys, const channels::ChannelAccount& account,
                  const std::string& contact_id, const std::string& message_id,
                  const std::string& media_json, int64_t now);

class MediaFetcher {
 public:
  MediaFetcher(store::Db& db, keys::KeyStore& keys, channels::ChannelAccountService& accounts,
               HttpClient& http, Env& env, std::string media_dir, int64_t max_bytes)
      : db_(db),
        keys_(keys),
        accounts_(accounts),
        http_(http),
        env_(env),
        dir_(std::move(media_dir)),
        max_bytes_(max_bytes) {}

  // Fetches the next due file, if any; true when there was one.
  Result<bool> RunOnce();

  // The file of a message, opened. NotFound unless the message is in `conversation_id` of
  // `centre_id` and its file is stored; FailedPrecondition("shredded") once the contact's key is
  // gone. Audited with `purpose`.
  Result<MediaFile> Read(const auth::Principal& actor, const std::string& centre_id,
                         const std::string& conversation_id, const std::string& message_id,
                         auth::Purpose purpose);

 private:
  struct Job {
    std::string message_id, centre_id, contact_id, account_id, conversation_id, source_sealed;
    int64_t attempts = 0, deadline = 0;
  };
  Result<std::optional<Job>> Claim(int64_t now);
  // Ends a job: stored (with its type and size) or failed for good (with the reason), or back to
  // pending for another attempt.
  Status Finish(const Job& job, const std::string& state, const std::string& reason,
                const std::string& mime, int64_t size, int64_t run_at);
  std::string PathOf(const std::string& centre_id, const std::string& message_id) const;
  Status WriteFile(const std::string& centre_id, const std::string& message_id,
                   const std::string& sealed);

  store::Db& db_;
  keys::KeyStore& keys_;
  channels::ChannelAccountService& accounts_;
  HttpClient& http_;
  Env& env_;
  std::string dir_;
  int64_t max_bytes_;
};

}  // namespace serai::inbox
