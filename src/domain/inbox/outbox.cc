#include "domain/inbox/outbox.h"

#include <algorithm>

#include "common/ids.h"
#include "common/json.h"
#include "common/log.h"
#include "domain/audit/audit_log.h"
#include "domain/inbox/inbox_rows.h"
#include "domain/inbox/templates.h"
#include "domain/live/live_events.h"

namespace serai::inbox {
namespace {

using channels::SendOutcome;

// Sends per second per account, under the platforms' documented ceilings (WhatsApp 80/s by
// default, Telegram about 30/s across chats, Messenger 300/s, Viber unpublished).
double SendsPerSecond(channels::Platform p) {
  switch (p) {
    case channels::Platform::kInPerson:
      return 1;
    case channels::Platform::kWhatsApp:
      return 70;
    case channels::Platform::kTelegram:
      return 25;
    case channels::Platform::kViber:
      return 50;
    case channels::Platform::kMessenger:
    case channels::Platform::kInstagram:
      return 200;
  }
  return 10;
}

// Sends per second to one chat, and the burst allowed (CHANNELS.md): Telegram about one a second
// per chat; WhatsApp's pair rate one per 6 s with bursts of up to 45; the others publish none.
struct ChatPace {
  double per_second;
  double burst;
};
ChatPace PerChat(channels::Platform p) {
  switch (p) {
    case channels::Platform::kWhatsApp:
      return {1.0 / 6, 45};
    case channels::Platform::kTelegram:
      return {1, 3};
    case channels::Platform::kViber:
    case channels::Platform::kMessenger:
    case channels::Platform::kInstagram:
    case channels::Platform::kInPerson:
      break;
  }
  return {5, 10};
}

int64_t Backoff(int64_t attempts, int64_t platform_wait_ms) {
  int64_t exp = std::min<int64_t>(300'000, 1000LL << std::min<int64_t>(attempts, 8));
  return std::max(exp, platform_wait_ms);
}

}  // namespace

Result<MessageView> Outbox::Reply(const auth::Principal& actor, const std::string& centre_id,
                                  const std::string& conversation_id, const OutboundReply& reply) {
  MessageView view;
  int64_t now = env_.NowMillis();
  bool is_template = !reply.template_id.empty();
  RETURN_IF_ERROR(db_.Transact(store::Access::kWrite, [&](store::Conn& conn) -> Status {
    ASSIGN_OR_RETURN(
        store::Rows rows,
        conn.Query("SELECT v.contact_id, v.channel_account_id, a.platform, v.last_inbound_at "
                   "FROM conversation v JOIN channel_account a ON a.id = "
                   "v.channel_account_id WHERE v.id = ? AND v.centre_id = ?",
                   {conversation_id, centre_id}));
    if (rows.empty()) return NotFound("no_such_conversation", "there is no such conversation here");
    std::string contact = rows[0].Text(0), account = rows[0].Text(1);
    auto platform =
        channels::PlatformFromStored(rows[0].Text(2)).value_or(channels::Platform::kInPerson);
    std::string text = reply.text;
    store::Value template_sealed = std::monostate{};
    if (is_template) {  // the text is the template's body with its values
      ASSIGN_OR_RETURN(RenderedTemplate rendered,
                       MessageTemplates::Render(conn, centre_id, reply.template_id, account,
                                                reply.template_values));
      text = rendered.text;
      Json call = {{"name", rendered.call.name},
                   {"language", rendered.call.language},
                   {"parameters", rendered.call.parameters}};
      ASSIGN_OR_RETURN(std::string sealed_call,
                       keys_.SealPersonField(centre_id, contact, "template", call.dump()));
      template_sealed = store::Blob{sealed_call};
    }
    RETURN_IF_ERROR(channels::CheckSendable(platform, text, now - rows[0].Int(3), is_template));
    ASSIGN_OR_RETURN(std::string sealed,
                     keys_.SealPersonField(centre_id, contact, "message", text));
    view = {NewId(env_), "out", is_template ? "template" : "text", text, "", "queued", "", now};
    RETURN_IF_ERROR(
        conn.Exec("INSERT INTO message (id, conversation_id, centre_id, channel_account_id, "
                  "direction, platform_id, kind, body_sealed, media, status, status_rank, "
                  "error, sent_at, received_at) VALUES (?, ?, ?, ?, 'out', ?, ?, ?, '', "
                  "'queued', 0, '', ?, ?)",
                  {view.id, conversation_id, centre_id, account, "queued:" + view.id, view.kind,
                   store::Blob{sealed}, now, now})
            .status());
    RETURN_IF_ERROR(ConversationTerms(keys_).Add(conn, centre_id, conversation_id, text));
    RETURN_IF_ERROR(
        conn.Exec("INSERT INTO outbox_job (id, message_id, channel_account_id, state, run_at, "
                  "attempts, last_error, locked_until, created_at, template_sealed) VALUES (?, ?, "
                  "?, 'pending', ?, 0, '', 0, ?, ?)",
                  {NewId(env_), view.id, account, now, now, template_sealed})
            .status());
    if (reply.automatic) {
      RETURN_IF_ERROR(conn.Exec("UPDATE conversation SET last_message_at = ? WHERE id = ?",
                                {now, conversation_id})
                          .status());
    } else {
      RETURN_IF_ERROR(
          // Whoever answers an unassigned conversation takes it, so that two do not work one.
          conn.Exec("UPDATE conversation SET last_message_at = ?, status = CASE WHEN status = "
                    "'open' THEN 'pending' ELSE status END, assignee_id = CASE WHEN assignee_id "
                    "IS NULL THEN ? ELSE assignee_id END WHERE id = ?",
                    {now, actor.user_id, conversation_id})
              .status());
    }
    RETURN_IF_ERROR(live::Announce(conn, {centre_id, "message", conversation_id}));
    if (reply.also) RETURN_IF_ERROR(reply.also(conn));
    return audit::Record(conn,
                         {reply.automatic ? "assistant" : actor.user_id, centre_id, "message.send",
                          "conversation/" + conversation_id, "counselling", "message/" + view.id},
                         now);
  }));
  {
    std::lock_guard lock(mu_);
    work_queued_ = true;
  }
  cv_.notify_all();
  return view;
}

void Outbox::WaitForWork(int64_t millis) {
  std::unique_lock lock(mu_);
  cv_.wait_for(lock, std::chrono::milliseconds(millis), [&] { return work_queued_; });
  work_queued_ = false;
}

Result<std::optional<Outbox::Job>> Outbox::Claim(int64_t now) {
  std::optional<Job> job;
  RETURN_IF_ERROR(db_.Transact(store::Access::kWrite, [&](store::Conn& conn) -> Status {
    std::string sql =
        "SELECT j.id, j.message_id, j.channel_account_id, m.conversation_id, v.contact_id, "
        "m.centre_id, m.body_sealed, j.attempts, v.last_inbound_at, c.handle_sealed, "
        "j.template_sealed FROM "
        "outbox_job "
        "j JOIN message m ON m.id = j.message_id JOIN conversation v ON v.id = m.conversation_id "
        "JOIN contact c ON c.id = v.contact_id WHERE j.state = 'pending' AND j.run_at <= ? AND "
        "j.locked_until <= ? "
        // One chat's messages leave in the order they were written: a job waits while an older
        // one of the same conversation is pending (retrying or paced), as the platforms expect.
        "AND NOT EXISTS (SELECT 1 FROM outbox_job j2 JOIN message m2 ON m2.id = j2.message_id "
        "WHERE j2.state = 'pending' AND m2.conversation_id = m.conversation_id AND "
        "(j2.created_at < j.created_at OR (j2.created_at = j.created_at AND j2.id < j.id))) "
        "ORDER BY j.run_at LIMIT 1";
    // Several processes share the queue on PostgreSQL: each takes a job no other holds.
    if (conn.backend() == store::Backend::kPostgres) sql += " FOR UPDATE OF j SKIP LOCKED";
    ASSIGN_OR_RETURN(store::Rows rows, conn.Query(sql, {now, now}));
    if (rows.empty()) return Status::Ok();
    const store::Row& r = rows[0];
    job = Job{r.Text(0), r.Text(1), r.Text(2),  r.Text(3), r.Text(4), r.Text(5),
              r.Text(6), r.Text(9), r.Text(10), r.Int(7),  r.Int(8)};
    // Held for a minute: a worker that dies mid-send leaves the job to be taken again.
    return conn
        .Exec("UPDATE outbox_job SET locked_until = ?, attempts = attempts + 1 WHERE id = ?",
              {now + 60'000, job->id})
        .status();
  }));
  return job;
}

int64_t Outbox::RateWait(const channels::ChannelAccount& account,
                         const std::string& conversation_id, int64_t now) {
  double rate = SendsPerSecond(account.platform);
  if (int64_t wait = send_rate_.Take(account.id, rate, rate, now); wait > 0) return wait;
  ChatPace pace = PerChat(account.platform);
  return chat_rate_.Take(conversation_id, pace.per_second, pace.burst, now);
}

Result<bool> Outbox::RunOnce() {
  int64_t now = env_.NowMillis();
  ASSIGN_OR_RETURN(std::optional<Job> job, Claim(now));
  if (!job) return false;
  auto found = accounts_.ForWebhook(job->account_id);
  if (!found.ok())
    return Finish(*job, {SendOutcome::Kind::kFailed, "", 0, "channel account disabled"}, now).ok();
  const auto& [account, secrets] = *found;
  if (int64_t wait = RateWait(account, job->conversation_id, now); wait > 0) {
    // Not an attempt: put it back for when the rate allows.
    RETURN_IF_ERROR(db_.Transact(store::Access::kWrite, [&](store::Conn& conn) {
      return conn
          .Exec(
              "UPDATE outbox_job SET run_at = ?, locked_until = 0, attempts = attempts - 1 WHERE "
              "id = ?",
              {now + wait, job->id})
          .status();
    }));
    return true;
  }
  auto handle =
      keys_.OpenPersonField(job->centre_id, job->contact_id, "handle", job->handle_sealed);
  auto text = keys_.OpenPersonField(job->centre_id, job->contact_id, "message", job->body_sealed);
  if (!handle.ok() || !text.ok()) {
    return Finish(*job, {SendOutcome::Kind::kFailed, "", 0, "the contact's data was destroyed"},
                  now)
        .ok();
  }
  channels::OutboundText out{*handle, *text, now - job->last_inbound_at};
  if (!job->template_sealed.empty()) {
    auto sealed_call =
        keys_.OpenPersonField(job->centre_id, job->contact_id, "template", job->template_sealed);
    Json call = sealed_call.ok() ? Json::parse(*sealed_call, nullptr, false) : Json();
    if (!call.is_object()) {
      return Finish(*job, {SendOutcome::Kind::kFailed, "", 0, "the template could not be read"},
                    now)
          .ok();
    }
    out.template_call =
        channels::TemplateCall{call.value("name", ""), call.value("language", ""),
                               call.value("parameters", std::vector<std::string>{})};
  }
  SendOutcome outcome = channels::InterpretReply(
      account.platform, *handle, http_.Send(channels::BuildSend(account, secrets, out)));
  RETURN_IF_ERROR(Finish(*job, outcome, env_.NowMillis()));
  return true;
}

Status Outbox::Finish(const Job& job, const SendOutcome& outcome, int64_t now) {
  return db_.Transact(store::Access::kWrite, [&](store::Conn& conn) -> Status {
    if (outcome.kind == SendOutcome::Kind::kRetry && job.attempts + 1 < kMaxSendAttempts) {
      return conn
          .Exec("UPDATE outbox_job SET run_at = ?, locked_until = 0, last_error = ? WHERE id = ?",
                {now + Backoff(job.attempts, outcome.retry_after_ms), outcome.error.substr(0, 200),
                 job.id})
          .status();
    }
    // Every outcome below changes the message's status on screen.
    RETURN_IF_ERROR(live::Announce(conn, {job.centre_id, "receipt", job.conversation_id}));
    if (outcome.kind != SendOutcome::Kind::kSent) {
      RETURN_IF_ERROR(
          conn.Exec(
                  "UPDATE message SET status = 'failed', status_rank = 15, error = ? WHERE id = ?",
                  {outcome.error.substr(0, 200), job.message_id})
              .status());
      return conn
          .Exec(
              "UPDATE outbox_job SET state = 'failed', locked_until = 0, last_error = ? WHERE id = "
              "?",
              {outcome.error.substr(0, 200), job.id})
          .status();
    }
    ASSIGN_OR_RETURN(std::string ref,
                     rows::StoredPlatformId(keys_, job.centre_id, outcome.platform_id));
    RETURN_IF_ERROR(conn.Exec("UPDATE message SET platform_id = ?, status = 'sent', status_rank = "
                              "10 WHERE id = ? "
                              "AND status_rank < 10",
                              {ref, job.message_id})
                        .status());
    // Receipts that arrived before we knew the platform's id for this message.
    ASSIGN_OR_RETURN(
        store::Rows early,
        conn.Query("SELECT status, status_rank, error FROM receipt_pending WHERE "
                   "channel_account_id = ? AND platform_id = ? ORDER BY status_rank DESC LIMIT 1",
                   {job.account_id, ref}));
    if (!early.empty()) {
      RETURN_IF_ERROR(
          conn.Exec("UPDATE message SET status = ?, status_rank = ?, error = ? WHERE id = ? AND "
                    "status_rank < ?",
                    {early[0].Text(0), early[0].Int(1), early[0].Text(2), job.message_id,
                     early[0].Int(1)})
              .status());
      RETURN_IF_ERROR(
          conn.Exec("DELETE FROM receipt_pending WHERE channel_account_id = ? AND platform_id = ?",
                    {job.account_id, ref})
              .status());
    }
    return conn
        .Exec("UPDATE outbox_job SET state = 'done', locked_until = 0 WHERE id = ?", {job.id})
        .status();
  });
}

}  // namespace serai::inbox
