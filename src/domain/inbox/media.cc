#include "domain/inbox/media.h"

#include <algorithm>
#include <filesystem>

#include "common/file_type.h"
#include "common/files.h"
#include "common/ids.h"
#include "common/json.h"
#include "domain/audit/audit_log.h"
#include "domain/channels/media_download.h"
#include "domain/inbox/inbox_rows.h"
#include "domain/live/live_events.h"

namespace serai::inbox {
namespace {

// 1 s, 2 s, 4 s ... at most 5 minutes between attempts.
int64_t Backoff(int64_t attempts) {
  return std::min<int64_t>(300'000, 1000LL << std::min<int64_t>(attempts, 9));
}

// The field a message's file is sealed as: bound to the message, so files cannot be swapped.
std::string FileField(const std::string& message_id) { return "media:" + message_id; }

}  // namespace

MediaSource OpenMediaSource(keys::KeyStore& keys, const std::string& centre_id,
                            const std::string& contact_id, const std::string& sealed) {
  auto opened = keys.OpenPersonField(centre_id, contact_id, "media-source", sealed);
  Json j = opened.ok() ? Json::parse(*opened, nullptr, false) : Json();
  if (!j.is_object()) return {};
  return {j.value("ref", std::string()), j.value("file_name", std::string())};
}

Status QueueMedia(store::Conn& conn, keys::KeyStore& keys, const channels::ChannelAccount& account,
                  const std::string& contact_id, const std::string& message_id,
                  const std::string& media_json, int64_t now) {
  Json media = Json::parse(media_json, nullptr, false);
  if (!media.is_object() || !media.contains("ref")) return Status::Ok();
  Json source = {{"ref", media["ref"]}, {"file_name", media.value("file_name", "")}};
  ASSIGN_OR_RETURN(std::string sealed, keys.SealPersonField(account.centre_id, contact_id,
                                                            "media-source", source.dump()));
  return conn
      .Exec(
          "INSERT INTO media (message_id, centre_id, contact_id, channel_account_id, "
          "source_sealed, state, reason, attempts, run_at, deadline, locked_until, mime, size, "
          "created_at) VALUES (?, ?, ?, ?, ?, 'pending', '', 0, ?, ?, 0, ?, ?, ?)",
          {message_id, account.centre_id, contact_id, account.id, store::Blob{sealed}, now,
           now + channels::MediaLifetimeMs(account.platform),
           media.value("mime", std::string()).substr(0, 100), media.value("size", int64_t{0}), now})
      .status();
}

Result<std::optional<MediaFetcher::Job>> MediaFetcher::Claim(int64_t now) {
  std::optional<Job> job;
  RETURN_IF_ERROR(db_.Transact(store::Access::kWrite, [&](store::Conn& conn) -> Status {
    std::string sql =
        "SELECT d.message_id, d.centre_id, d.contact_id, d.channel_account_id, m.conversation_id, "
        "d.source_sealed, d.attempts, d.deadline FROM media d JOIN message m ON m.id = "
        "d.message_id WHERE d.state = 'pending' AND d.run_at <= ? AND d.locked_until <= ? ORDER "
        "BY d.run_at LIMIT 1";
    if (conn.backend() == store::Backend::kPostgres) sql += " FOR UPDATE OF d SKIP LOCKED";
    ASSIGN_OR_RETURN(store::Rows rows, conn.Query(sql, {now, now}));
    if (rows.empty()) return Status::Ok();
    const store::Row& r = rows[0];
    job = Job{r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4), r.Text(5), r.Int(6), r.Int(7)};
    // Held for longer than a download may take: a worker that dies mid-fetch leaves it to another.
    return conn
        .Exec("UPDATE media SET locked_until = ?, attempts = attempts + 1 WHERE message_id = ?",
              {now + 300'000, job->message_id})
        .status();
  }));
  return job;
}

Status MediaFetcher::Finish(const Job& job, const std::string& state, const std::string& reason,
                            const std::string& mime, int64_t size, int64_t run_at) {
  return db_.Transact(store::Access::kWrite, [&](store::Conn& conn) -> Status {
    RETURN_IF_ERROR(
        conn.Exec("UPDATE media SET state = ?, reason = ?, mime = CASE WHEN ? = '' THEN mime ELSE "
                  "? END, size = CASE WHEN ? = 0 THEN size ELSE ? END, run_at = ?, locked_until = "
                  "0 WHERE message_id = ?",
                  {state, reason, mime, mime, size, size, run_at, job.message_id})
            .status());
    if (state == "pending") return Status::Ok();
    return live::Announce(conn, {job.centre_id, "media", job.conversation_id});
  });
}

std::string MediaFetcher::PathOf(const std::string& centre_id,
                                 const std::string& message_id) const {
  return dir_ + "/" + centre_id + "/" + message_id;
}

Status MediaFetcher::WriteFile(const std::string& centre_id, const std::string& message_id,
                               const std::string& sealed) {
  std::error_code ec;
  std::filesystem::create_directories(dir_ + "/" + centre_id, ec);
  if (ec) return Unavailable("media_dir", "cannot create the media directory");
  return WriteFileDurably(PathOf(centre_id, message_id), sealed);
}

Result<bool> MediaFetcher::RunOnce() {
  int64_t now = env_.NowMillis();
  ASSIGN_OR_RETURN(std::optional<Job> job, Claim(now));
  if (!job) return false;
  if (!IsValidId(job->centre_id) || !IsValidId(job->message_id)) {
    RETURN_IF_ERROR(Finish(*job, "failed", "invalid", "", 0, now));
    return true;
  }
  if (now > job->deadline) {
    RETURN_IF_ERROR(Finish(*job, "failed", "expired", "", 0, now));
    return true;
  }
  MediaSource source = OpenMediaSource(keys_, job->centre_id, job->contact_id, job->source_sealed);
  auto found = accounts_.ForWebhook(job->account_id);
  if (source.ref.empty() || !found.ok()) {
    RETURN_IF_ERROR(
        Finish(*job, "failed", source.ref.empty() ? "shredded" : "channel_disabled", "", 0, now));
    return true;
  }
  const auto& [account, secrets] = *found;
  Result<channels::FetchedMedia> fetched =
      channels::DownloadMedia(http_, account, secrets, source.ref, max_bytes_);
  now = env_.NowMillis();
  if (!fetched.ok()) {
    const Status& s = fetched.status();
    if (s.code() == StatusCode::kUnavailable && now + Backoff(job->attempts) < job->deadline) {
      RETURN_IF_ERROR(Finish(*job, "pending", s.reason(), "", 0, now + Backoff(job->attempts)));
    } else {
      std::string reason = s.code() == StatusCode::kUnavailable ? "expired" : s.reason();
      RETURN_IF_ERROR(Finish(*job, "failed", reason, "", 0, now));
    }
    return true;
  }
  std::string mime = SniffMimeType(fetched->bytes);
  if (!IsAllowedMediaType(mime)) {
    RETURN_IF_ERROR(Finish(*job, "failed", "type_not_allowed", mime, 0, now));
    return true;
  }
  auto sealed = keys_.SealPersonField(job->centre_id, job->contact_id, FileField(job->message_id),
                                      fetched->bytes);
  if (!sealed.ok()) {
    RETURN_IF_ERROR(Finish(*job, "failed", "shredded", "", 0, now));
    return true;
  }
  if (Status s = WriteFile(job->centre_id, job->message_id, *sealed); !s.ok()) {
    RETURN_IF_ERROR(Finish(*job, "pending", s.reason(), "", 0, now + Backoff(job->attempts)));
    return s;
  }
  RETURN_IF_ERROR(
      Finish(*job, "stored", "", mime, static_cast<int64_t>(fetched->bytes.size()), now));
  return true;
}

Result<MediaFile> MediaFetcher::Read(const auth::Principal& actor, const std::string& centre_id,
                                     const std::string& conversation_id,
                                     const std::string& message_id, auth::Purpose purpose) {
  if (!IsValidId(message_id) || !IsValidId(centre_id)) {
    return NotFound("no_such_media", "there is no such file");
  }
  MediaFile file;
  std::string contact, source_sealed;
  audit::Event event =
      rows::ReadEvent(actor, centre_id, "media.read", "conversation/" + conversation_id, purpose);
  event.detail = "message/" + message_id;
  auto read = [&](store::Conn& conn) -> Status {
    ASSIGN_OR_RETURN(
        store::Rows rows,
        conn.Query("SELECT d.contact_id, d.source_sealed, d.mime FROM media d JOIN message m ON "
                   "m.id = d.message_id WHERE d.message_id = ? AND d.centre_id = ? AND "
                   "m.conversation_id = ? AND d.state = 'stored'",
                   {message_id, centre_id, conversation_id}));
    if (rows.empty()) return NotFound("no_such_media", "there is no such file");
    contact = rows[0].Text(0);
    source_sealed = rows[0].Text(1);
    file.mime = rows[0].Text(2);
    return Status::Ok();
  };
  RETURN_IF_ERROR(audit::AuditedRead(db_, read, event, env_.NowMillis()));
  ASSIGN_OR_RETURN(std::string sealed, ReadWholeFile(PathOf(centre_id, message_id)));
  ASSIGN_OR_RETURN(file.bytes,
                   keys_.OpenPersonField(centre_id, contact, FileField(message_id), sealed));
  file.file_name = OpenMediaSource(keys_, centre_id, contact, source_sealed).file_name;
  return file;
}

}  // namespace serai::inbox
