#include "domain/inbox/inbox.h"

#include <algorithm>
#include <array>
#include <set>

#include "common/ids.h"
#include "common/json.h"
#include "common/language_codes.h"
#include "common/lists.h"
#include "domain/audit/audit_log.h"
#include "domain/auth/users.h"
#include "domain/channels/sender.h"
#include "domain/inbox/inbox_rows.h"
#include "domain/inbox/media.h"
#include "domain/inbox/topics.h"
#include "domain/live/live_events.h"
#include "search/language_guess.h"
#include "search/normalise.h"
#include "search/phone.h"

namespace serai::inbox {
namespace rows {

std::string Open(keys::KeyStore& keys, const std::string& centre, const std::string& contact,
                 const std::string& field, const std::string& sealed) {
  if (sealed.empty()) return {};
  auto plain = keys.OpenPersonField(centre, contact, field, sealed);
  return plain.ok() ? *plain : std::string();  // shredded: nothing to show
}

// The conversation's contact, or NotFound unless it belongs to `centre_id`.
Result<std::string> ContactOf(store::Conn& conn, const std::string& centre_id,
                              const std::string& conversation_id) {
  ASSIGN_OR_RETURN(store::Rows rows,
                   conn.Query("SELECT contact_id FROM conversation WHERE id = ? AND centre_id = ?",
                              {conversation_id, centre_id}));
  if (rows.empty()) return NotFound("no_such_conversation", "there is no such conversation here");
  return rows[0].Text(0);
}

// A conversation as lists show it; SummaryFrom() reads these columns.
const char kSummarySelect[] =
    "SELECT v.id, v.channel_account_id, a.platform, c.id, c.name_sealed, v.status, "
    "v.last_message_at, v.assignee_id, v.snoozed_until, v.language, v.last_inbound_at, "
    "ce.response_target_minutes, v.priority FROM conversation v JOIN contact c ON c.id = "
    "v.contact_id JOIN "
    "channel_account a ON a.id = v.channel_account_id JOIN centre ce ON ce.id = v.centre_id";

// `keys` null: the contact's name is left closed (a read that is not audited).
ConversationSummary SummaryFrom(const store::Row& r, keys::KeyStore* keys,
                                const std::string& centre_id, int64_t now) {
  // A snooze that has run out shows the conversation as open again.
  std::string status = r.Text(5) == "snoozed" && r.Int(8) <= now ? "open" : r.Text(5);
  std::string name = keys != nullptr ? Open(*keys, centre_id, r.Text(3), "name", r.Text(4)) : "";
  ConversationSummary s{r.Text(0), r.Text(1), r.Text(2), r.Text(3), name,
                        status,    r.Int(6),  r.Text(7), r.Text(9)};
  s.priority = r.Text(12);
  int64_t last_in = r.Int(10);
  if (auto platform = channels::PlatformFromStored(s.platform)) {
    s.reply_window_ends_at = channels::ReplyWindowEnd(*platform, last_in);
  }
  if (status == "open" && last_in > 0 && last_in >= s.last_message_at) {
    s.awaiting_since = last_in;
    s.reply_due_at = last_in + r.Int(11) * 60 * 1000;
  }
  return s;
}

// Fills in the topics of `items` with one query.
Status AttachTags(store::Conn& conn, std::vector<ConversationSummary>& items) {
  if (items.empty()) return Status::Ok();
  std::string sql =
      "SELECT conversation_id, topic FROM conversation_tag WHERE conversation_id IN (";
  store::Params params;
  for (const auto& item : items) {
    sql += params.empty() ? "?" : ", ?";
    params.emplace_back(item.id);
  }
  sql += ") ORDER BY topic";
  ASSIGN_OR_RETURN(store::Rows rows, conn.Query(sql, params));
  for (const auto& r : rows) {
    for (auto& item : items) {
      if (item.id == r.Text(0)) item.tags.push_back(r.Text(1));
    }
  }
  return Status::Ok();
}

Result<ConversationSummary> LoadSummary(store::Conn& conn, keys::KeyStore* keys,
                                        const std::string& centre_id,
                                        const std::string& conversation_id, int64_t now) {
  ASSIGN_OR_RETURN(store::Rows rows,
                   conn.Query(std::string(kSummarySelect) + " WHERE v.id = ? AND v.centre_id = ?",
                              {conversation_id, centre_id}));
  if (rows.empty()) return NotFound("no_such_conversation", "there is no such conversation here");
  std::vector<ConversationSummary> one = {SummaryFrom(rows[0], keys, centre_id, now)};
  RETURN_IF_ERROR(AttachTags(conn, one));
  return one[0];
}

Result<std::string> StoredPlatformId(keys::KeyStore& keys, const std::string& centre_id,
                                     std::string_view platform_id) {
  ASSIGN_OR_RETURN(std::string digest,
                   keys.CentreDigest(centre_id, "serai:platform-message-id", platform_id));
  return "h:" + HexEncode(digest.substr(0, 16));
}

audit::Event ReadEvent(const auth::Principal& actor, const std::string& centre_id,
                       std::string action, std::string resource, auth::Purpose purpose) {
  return {actor.user_id,
          centre_id,
          std::move(action),
          std::move(resource),
          std::string(auth::PurposeName(purpose)),
          ""};
}

}  // namespace rows

using rows::AttachTags;
using rows::ContactOf;
using rows::kSummarySelect;
using rows::Open;
using rows::SummaryFrom;

namespace {

using channels::DeliveryRank;
using channels::DeliveryStatus;

}  // namespace

Result<std::string> Inbox::HandleDigest(const std::string& centre_id, channels::Platform p,
                                        const std::string& handle) {
  return keys_.CentreDigest(centre_id, "serai:contact-handle-digest",
                            std::string(channels::PlatformName(p)) + ":" + handle);
}

Result<std::string> Inbox::PhoneDigest(const std::string& centre_id, const std::string& e164) {
  return keys_.CentreDigest(centre_id, "serai:contact-phone-digest", e164);
}

Result<Inbox::Contact> Inbox::FindOrCreateContact(
    store::Conn& conn, const channels::ChannelAccount& account, const channels::InboundMessage& m,
    const std::string& language, const std::function<std::string()>& phone_of, int64_t now) {
  ASSIGN_OR_RETURN(std::string digest, HandleDigest(account.centre_id, account.platform, m.handle));
  ASSIGN_OR_RETURN(
      store::Rows rows,
      conn.Query("SELECT c.id, v.id, v.language FROM contact c JOIN conversation v ON "
                 "v.contact_id = c.id WHERE c.channel_account_id = ? AND c.handle_digest = ?",
                 {account.id, store::Blob{digest}}));
  if (!rows.empty()) return Contact{rows[0].Text(0), rows[0].Text(1), rows[0].Text(2)};
  Contact c{NewId(env_), NewId(env_), language};
  ASSIGN_OR_RETURN(std::string handle,
                   keys_.SealPersonField(account.centre_id, c.id, "handle", m.handle));
  store::Value name = std::monostate{};
  if (!m.name.empty()) {
    ASSIGN_OR_RETURN(std::string sealed,
                     keys_.SealPersonField(account.centre_id, c.id, "name", m.name));
    name = store::Blob{sealed};
  }
  store::Value phone_digest = std::monostate{};
  if (std::string phone = phone_of(); !phone.empty()) {
    ASSIGN_OR_RETURN(std::string d, PhoneDigest(account.centre_id, phone));
    phone_digest = store::Blob{d};
  }
  RETURN_IF_ERROR(
      conn.Exec("INSERT INTO contact (id, centre_id, channel_account_id, handle_digest, "
                "handle_sealed, name_sealed, language, created_at, phone_digest) VALUES (?, ?, ?, "
                "?, ?, ?, ?, ?, ?)",
                {c.id, account.centre_id, account.id, store::Blob{digest}, store::Blob{handle},
                 name, m.language.substr(0, 16), now, phone_digest})
          .status());
  RETURN_IF_ERROR(
      conn.Exec("INSERT INTO conversation (id, centre_id, contact_id, channel_account_id, "
                "status, last_message_at, last_inbound_at, created_at, language) VALUES (?, ?, "
                "?, ?, 'open', 0, 0, ?, ?)",
                {c.conversation_id, account.centre_id, c.id, account.id, now, language})
          .status());
  RETURN_IF_ERROR(terms_.Add(conn, account.centre_id, c.conversation_id, m.name,
                             ConversationTerms::Words::kWithBeginnings));
  return c;
}

Result<std::string> Inbox::StoreMessage(store::Conn& conn, const channels::ChannelAccount& account,
                                        const Contact& contact, const channels::InboundMessage& m,
                                        const std::string& language, int64_t now) {
  store::Value body = std::monostate{};
  if (!m.text.empty()) {
    ASSIGN_OR_RETURN(std::string sealed,
                     keys_.SealPersonField(account.centre_id, contact.id, "message", m.text));
    body = store::Blob{sealed};
  }
  int64_t sent_at = m.sent_at_ms > 0 ? m.sent_at_ms : now;
  std::string id = NewId(env_);
  ASSIGN_OR_RETURN(std::string platform_ref,
                   rows::StoredPlatformId(keys_, account.centre_id, m.platform_id));
  ASSIGN_OR_RETURN(
      int64_t inserted,
      conn.Exec("INSERT INTO message (id, conversation_id, centre_id, channel_account_id, "
                "direction, platform_id, kind, body_sealed, media, status, status_rank, "
                "error, sent_at, received_at) VALUES (?, ?, ?, ?, 'in', ?, ?, ?, ?, "
                "'received', 0, '', ?, ?) ON CONFLICT DO NOTHING",
                {id, contact.conversation_id, account.centre_id, account.id, platform_ref, m.kind,
                 body, "", sent_at, now}));
  if (inserted == 0) return std::string();
  // Where the platform keeps the file, and its name, are sealed with the fetching job (media.h).
  if (!m.media.empty()) {
    RETURN_IF_ERROR(QueueMedia(conn, keys_, account, contact.id, id, m.media, now));
  }
  RETURN_IF_ERROR(terms_.Add(conn, account.centre_id, contact.conversation_id, m.text));
  // CASE rather than two-argument MAX/GREATEST, which differ between SQLite and PostgreSQL.
  // Only the times change here, so only the indexes on them are rewritten (this runs for every
  // message); the status changes in a statement of its own, rarely.
  RETURN_IF_ERROR(
      conn.Exec("UPDATE conversation SET last_message_at = CASE WHEN last_message_at > ? "
                "THEN last_message_at ELSE ? END, last_inbound_at = CASE WHEN "
                "last_inbound_at > ? THEN last_inbound_at ELSE ? END WHERE id = ?",
                {sent_at, sent_at, sent_at, sent_at, contact.conversation_id})
          .status());
  // A new message reopens a resolved or snoozed conversation.
  RETURN_IF_ERROR(conn.Exec("UPDATE conversation SET status = 'open' WHERE id = ? AND status IN "
                            "('resolved', 'snoozed')",
                            {contact.conversation_id})
                      .status());
  // Each text is assessed once by the knowledge base's assistant (kb/assistant.h), after this
  // transaction: an answer, a promise that a counsellor will reply, or an urgent flag.
  if (!m.text.empty()) {
    RETURN_IF_ERROR(conn.Exec("INSERT INTO kb_question (message_id, centre_id, conversation_id, "
                              "language, state, created_at) VALUES (?, ?, ?, ?, 'pending', ?)",
                              {id, account.centre_id, contact.conversation_id, language, now})
                        .status());
  }
  return id;
}

Status Inbox::ForgetContact(store::Conn& conn, const std::string& contact_id) {
  RETURN_IF_ERROR(ConversationTerms::ForgetContact(conn, contact_id));
  return conn
      .Exec(
          "UPDATE message SET platform_id = 'gone:' || id WHERE conversation_id IN (SELECT id "
          "FROM conversation WHERE contact_id = ?)",
          {contact_id})
      .status();
}

Result<Inbox::ReceiptOutcome> Inbox::ApplyReceipt(store::Conn& conn,
                                                  const channels::ChannelAccount& account,
                                                  const channels::Receipt& r) {
  std::string status(channels::DeliveryStatusName(r.status));
  int64_t rank = DeliveryRank(r.status);
  if (r.platform_id.empty()) {  // a watermark: every earlier outbound message in that chat
    ASSIGN_OR_RETURN(std::string digest,
                     HandleDigest(account.centre_id, account.platform, r.handle));
    ASSIGN_OR_RETURN(store::Rows chat,
                     conn.Query("SELECT v.id FROM conversation v JOIN contact c ON c.id = "
                                "v.contact_id WHERE c.channel_account_id = ? AND "
                                "c.handle_digest = ?",
                                {account.id, store::Blob{digest}}));
    if (chat.empty()) return ReceiptOutcome{};
    ASSIGN_OR_RETURN(
        int64_t moved,
        conn.Exec("UPDATE message SET status = ?, status_rank = ? WHERE direction = 'out' "
                  "AND status_rank < ? AND sent_at <= ? AND conversation_id = ?",
                  {status, rank, rank, r.watermark_ms, chat[0].Text(0)}));
    return ReceiptOutcome{false, moved > 0 ? chat[0].Text(0) : ""};
  }
  ASSIGN_OR_RETURN(std::string ref,
                   rows::StoredPlatformId(keys_, account.centre_id, r.platform_id));
  ASSIGN_OR_RETURN(store::Rows known,
                   conn.Query("SELECT conversation_id FROM message WHERE channel_account_id = ? "
                              "AND direction = 'out' AND platform_id IN (?, ?)",
                              {account.id, ref, r.platform_id}));
  if (known.empty()) {  // the receipt overtook its message: keep it until the message is stored
    RETURN_IF_ERROR(
        conn.Exec("INSERT INTO receipt_pending (channel_account_id, platform_id, status, "
                  "status_rank, error, at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                  {account.id, ref, status, rank, r.error.substr(0, 200), r.at_ms})
            .status());
    return ReceiptOutcome{true, ""};
  }
  ASSIGN_OR_RETURN(
      int64_t moved,
      conn.Exec(
          "UPDATE message SET status = ?, status_rank = ?, error = CASE WHEN ? = "
          "'failed' THEN ? ELSE error END WHERE channel_account_id = ? AND direction "
          "= 'out' AND platform_id IN (?, ?) AND status_rank < ?",
          {status, rank, status, r.error.substr(0, 200), account.id, ref, r.platform_id, rank}));
  return ReceiptOutcome{false, moved > 0 ? known[0].Text(0) : ""};
}

Result<ReceiveReport> Inbox::Receive(const channels::ChannelAccount& account,
                                     const channels::ParsedWebhook& parsed) {
  ReceiveReport report;
  int64_t now = env_.NowMillis();
  RETURN_IF_ERROR(db_.Transact(store::Access::kWrite, [&](store::Conn& conn) -> Status {
    report = {};
    std::set<std::string> touched;    // conversations with new messages
    std::set<std::string> receipted;  // conversations whose messages' statuses moved
    std::optional<std::vector<std::string>> centre_languages;  // read once, when needed
    std::string country;
    for (const channels::InboundMessage& m : parsed.messages) {
      if (!centre_languages) {
        ASSIGN_OR_RETURN(
            store::Rows centre,
            conn.Query("SELECT languages, country FROM centre WHERE id = ?", {account.centre_id}));
        centre_languages = SplitList(centre.empty() ? "" : centre[0].Text(0));
        country = centre.empty() ? "" : centre[0].Text(1);
      }
      std::string language = search::ChooseLanguage(m.text, m.language, *centre_languages);
      // A WhatsApp id is the person's phone number, in international form without the '+'.
      auto phone_of = [&]() -> std::string {
        if (account.platform != channels::Platform::kWhatsApp) return "";
        return search::NormalisePhone("+" + m.handle, country).value_or("");
      };
      ASSIGN_OR_RETURN(Contact contact,
                       FindOrCreateContact(conn, account, m, language, phone_of, now));
      ASSIGN_OR_RETURN(std::string stored, StoreMessage(conn, account, contact, m, language, now));
      ++(stored.empty() ? report.duplicate_messages : report.new_messages);
      if (stored.empty()) continue;
      touched.insert(contact.conversation_id);
      // A conversation that began with no letters to go by (a sticker, a photo) learns its
      // language from the first message that has some.
      if (contact.language.empty() && !language.empty()) {
        RETURN_IF_ERROR(conn.Exec("UPDATE conversation SET language = ? WHERE id = ? AND "
                                  "language = ''",
                                  {language, contact.conversation_id})
                            .status());
      }
    }
    for (const channels::Receipt& r : parsed.receipts) {
      ASSIGN_OR_RETURN(ReceiptOutcome outcome, ApplyReceipt(conn, account, r));
      ++(outcome.pending ? report.receipts_pending : report.receipts_applied);
      if (!outcome.changed.empty()) receipted.insert(outcome.changed);
    }
    for (const std::string& conversation : touched) {
      RETURN_IF_ERROR(
          routing_.AssignIfWaiting(conn, account.centre_id, conversation, now).status());
      RETURN_IF_ERROR(live::Announce(conn, {account.centre_id, "message", conversation}));
    }
    for (const std::string& conversation : receipted) {
      RETURN_IF_ERROR(live::Announce(conn, {account.centre_id, "receipt", conversation}));
    }
    for (const channels::OtherEvent& e : parsed.others) {
      RETURN_IF_ERROR(conn.Exec("INSERT INTO webhook_event (channel_account_id, dedupe_key, kind, "
                                "received_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                                {account.id, e.dedupe_key.substr(0, 200), e.kind, now})
                          .status());
      ++report.other_events;
    }
    if (report.new_messages == 0 && report.receipts_applied == 0) return Status::Ok();
    return audit::Record(conn,
                         {"channel:" + account.id, account.centre_id, "message.receive",
                          "channel/" + account.id, "counselling",
                          "messages=" + std::to_string(report.new_messages) +
                              " receipts=" + std::to_string(report.receipts_applied)},
                         now);
  }));
  return report;
}

namespace {

// The conversations of a centre, older than a cursor.
constexpr char kInCentre[] = " WHERE v.centre_id = ? AND v.last_message_at < ?";
// The same, without offering the database the centre's indexes: for the few conversations a search
// found, looked up by id and then sorted (SQLite would otherwise walk the centre's newest-first
// index through every conversation, checking each).
constexpr char kInCentreByIds[] = " WHERE v.centre_id || '' = ? AND v.last_message_at + 0 < ?";

// `ids` as a condition on v.id.
std::string IdsCondition(const store::Rows& ids, store::Params& params) {
  if (ids.empty()) return " AND 0 = 1";
  std::string in;
  for (const auto& r : ids) {
    in += in.empty() ? "?" : ", ?";
    params.emplace_back(r.Text(0));
  }
  return " AND v.id IN (" + in + ")";
}

}  // namespace

Result<Inbox::SearchPlan> Inbox::SearchCondition(store::Conn& conn, const std::string& centre_id,
                                                 const std::string& search, store::Params& params) {
  // A phone number: digits (of any script) with the usual separators, at least seven of them.
  std::string normalised = search::NormaliseForSearch(search), digits;
  bool phone_like = true;
  for (char ch : normalised) {
    if (ch >= '0' && ch <= '9') {
      digits += ch;
    } else if (std::string_view(" +-().").find(ch) == std::string_view::npos) {
      phone_like = false;
    }
  }
  if (phone_like && digits.size() >= 7) {
    ASSIGN_OR_RETURN(store::Rows centre,
                     conn.Query("SELECT country FROM centre WHERE id = ?", {centre_id}));
    std::string plus = normalised.find('+') != std::string::npos ? "+" : "";
    if (auto e164 =
            search::NormalisePhone(plus + digits, centre.empty() ? "" : centre[0].Text(0))) {
      ASSIGN_OR_RETURN(std::string digest, PhoneDigest(centre_id, *e164));
      ASSIGN_OR_RETURN(store::Rows ids,
                       conn.Query("SELECT v.id FROM contact c JOIN conversation v ON v.contact_id "
                                  "= c.id WHERE c.centre_id = ? AND c.phone_digest = ?",
                                  {centre_id, store::Blob{digest}}));
      return SearchPlan{IdsCondition(ids, params), true};
    }
  }
  ASSIGN_OR_RETURN(std::vector<int64_t> terms, terms_.Query(centre_id, search));
  if (terms.empty()) {
    return InvalidArgument("invalid_search", "search for a word of two letters or more");
  }
  // The rarest word leads (counted up to a cap, so a common word costs little); the others are
  // checked for each of its conversations.
  constexpr int64_t kFew = 2000;
  std::vector<std::pair<int64_t, int64_t>> by_count;
  for (int64_t term : terms) {
    ASSIGN_OR_RETURN(store::Rows n, conn.Query("SELECT COUNT(*) FROM (SELECT 1 FROM "
                                               "conversation_term WHERE term = ? LIMIT ?) t",
                                               {term, kFew + 1}));
    if (n[0].Int(0) == 0) return SearchPlan{" AND 0 = 1", false};  // a word found nowhere
    by_count.emplace_back(n[0].Int(0), term);
  }
  std::sort(by_count.begin(), by_count.end());
  std::string others;
  store::Params values = {by_count[0].second};
  for (size_t i = 1; i < by_count.size(); ++i) {
    others +=
        " AND EXISTS (SELECT 1 FROM conversation_term u WHERE u.term = ? AND u.conversation_id = "
        "t.conversation_id)";
    values.emplace_back(by_count[i].second);
  }
  std::string matches =
      "SELECT t.conversation_id FROM conversation_term t WHERE t.term = ?" + others;
  if (by_count[0].first > kFew) {
    // Every word is common: the newest conversations are likely to match, so the list walks them
    // newest first and checks each.
    for (auto& v : values) params.push_back(std::move(v));
    return SearchPlan{" AND v.id IN (" + matches + ")", false};
  }
  // A rare word: find its few conversations first, then show them newest first.
  ASSIGN_OR_RETURN(store::Rows ids, conn.Query(matches, values));
  return SearchPlan{IdsCondition(ids, params), true};
}

Result<Page<ConversationSummary>> Inbox::ListConversations(const auth::Principal& actor,
                                                           const std::string& centre_id,
                                                           const ConversationFilter& filter,
                                                           auth::Purpose purpose, int64_t before,
                                                           int limit) {
  Page<ConversationSummary> page;
  int64_t now = env_.NowMillis();
  if (filter.search.size() > 200) {
    return InvalidArgument("invalid_search", "a search is at most 200 bytes");
  }
  std::string sql;  // the filters after the centre and the cursor
  store::Params params = {centre_id, before > 0 ? before : INT64_MAX};
  if (filter.queue == ConversationFilter::Queue::kMine) {
    sql += " AND v.assignee_id = ?";
    params.emplace_back(actor.user_id);
  } else if (filter.queue == ConversationFilter::Queue::kUnassigned) {
    sql += " AND v.assignee_id IS NULL AND v.status <> 'resolved'";
  } else if (filter.queue == ConversationFilter::Queue::kOverdue) {
    sql +=
        " AND v.status = 'open' AND v.last_inbound_at > 0 AND v.last_inbound_at >= "
        "v.last_message_at AND v.last_inbound_at < ? - ce.response_target_minutes * 60000";
    params.emplace_back(now);
  }
  if (filter.tag) {
    sql +=
        " AND EXISTS (SELECT 1 FROM conversation_tag t WHERE t.conversation_id = v.id AND "
        "t.topic = ?)";
    params.emplace_back(*filter.tag);
  }
  if (filter.language) {
    sql += " AND v.language = ?";
    params.emplace_back(*filter.language);
  }
  audit::Event event =
      rows::ReadEvent(actor, centre_id, "conversation.list", "centre/" + centre_id, purpose);
  auto read = [&](store::Conn& conn) -> Status {
    store::Params values = params;
    SearchPlan found;
    if (!filter.search.empty()) {
      ASSIGN_OR_RETURN(found, SearchCondition(conn, centre_id, filter.search, values));
    }
    std::string query = std::string(kSummarySelect) + (found.by_ids ? kInCentreByIds : kInCentre) +
                        sql + found.condition + " ORDER BY v.last_message_at DESC LIMIT ?";
    values.emplace_back(int64_t{limit + 1});
    ASSIGN_OR_RETURN(store::Rows rows, conn.Query(query, values));
    for (const auto& r : rows) {
      if (static_cast<int>(page.items.size()) == limit) {
        page.next_cursor = std::to_string(page.items.back().last_message_at);
        break;
      }
      page.items.push_back(SummaryFrom(r, &keys_, centre_id, now));
    }
    // Never the words searched for: they may be personal data.
    event.detail =
        "count=" + std::to_string(page.items.size()) + (filter.search.empty() ? "" : " search");
    return AttachTags(conn, page.items);
  };
  RETURN_IF_ERROR(audit::AuditedRead(db_, read, event, now));
  return page;
}

Result<std::vector<MessageView>> Inbox::Messages(const auth::Principal& actor,
                                                 const std::string& centre_id,
                                                 const std::string& conversation_id,
                                                 auth::Purpose purpose, bool linked) {
  std::vector<MessageView> out;
  audit::Event event = rows::ReadEvent(actor, centre_id, "conversation.read",
                                       "conversation/" + conversation_id, purpose);
  event.detail = linked ? "linked" : "";
  auto read = [&](store::Conn& conn) -> Status {
    RETURN_IF_ERROR(ContactOf(conn, centre_id, conversation_id).status());
    // This conversation, or every conversation of a contact linked to the same person.
    std::string where = "m.conversation_id = ?";
    store::Params params = {conversation_id};
    if (linked) {
      where =
          "m.conversation_id IN (SELECT v2.id FROM conversation v2 JOIN contact c2 ON c2.id = "
          "v2.contact_id WHERE v2.centre_id = ? AND (v2.id = ? OR c2.person_id = (SELECT "
          "c3.person_id FROM conversation v3 JOIN contact c3 ON c3.id = v3.contact_id WHERE "
          "v3.id = ?)))";
      params = {centre_id, conversation_id, conversation_id};
    }
    // The newest 500, shown oldest first.
    ASSIGN_OR_RETURN(
        store::Rows rows,
        conn.Query("SELECT m.id, m.direction, m.kind, m.body_sealed, m.media, m.status, m.error, "
                   "m.sent_at, m.conversation_id, v.contact_id, a.platform, d.state, d.reason, "
                   "d.mime, d.size, d.source_sealed FROM message m JOIN conversation v ON v.id = "
                   "m.conversation_id JOIN channel_account a ON a.id = v.channel_account_id LEFT "
                   "JOIN media d ON d.message_id = m.id WHERE " +
                       where + " ORDER BY m.sent_at DESC, m.id DESC LIMIT 500",
                   params));
    for (auto r = rows.rbegin(); r != rows.rend(); ++r) {
      MessageView& view = out.emplace_back(
          MessageView{r->Text(0), r->Text(1), r->Text(2),
                      Open(keys_, centre_id, r->Text(9), "message", r->Text(3)), r->Text(4),
                      r->Text(5), r->Text(6), r->Int(7), r->Text(8), r->Text(10)});
      if (r->IsNull(11)) continue;
      view.attachment =
          Attachment{r->Text(11), r->Text(12), r->Text(13), r->Int(14),
                     OpenMediaSource(keys_, centre_id, r->Text(9), r->Text(15)).file_name};
    }
    return Status::Ok();
  };
  RETURN_IF_ERROR(audit::AuditedRead(db_, read, event, env_.NowMillis()));
  return out;
}

Result<Question> Inbox::LatestQuestion(const auth::Principal& actor, const std::string& centre_id,
                                       const std::string& conversation_id, auth::Purpose purpose) {
  Question out;
  audit::Event event = rows::ReadEvent(actor, centre_id, "conversation.read",
                                       "conversation/" + conversation_id, purpose);
  event.detail = "suggest";
  auto read = [&](store::Conn& conn) -> Status {
    ASSIGN_OR_RETURN(store::Rows conversation,
                     conn.Query("SELECT contact_id, language FROM conversation WHERE id = ? AND "
                                "centre_id = ?",
                                {conversation_id, centre_id}));
    if (conversation.empty()) {
      return NotFound("no_such_conversation", "there is no such conversation here");
    }
    out.language = conversation[0].Text(1);
    ASSIGN_OR_RETURN(store::Rows rows,
                     conn.Query("SELECT body_sealed FROM message WHERE conversation_id = ? AND "
                                "direction = 'in' AND kind NOT IN ('visit', 'call') AND "
                                "body_sealed IS NOT NULL ORDER BY sent_at DESC, id DESC LIMIT 1",
                                {conversation_id}));
    if (!rows.empty()) {
      out.text = Open(keys_, centre_id, conversation[0].Text(0), "message", rows[0].Text(0));
    }
    return Status::Ok();
  };
  RETURN_IF_ERROR(audit::AuditedRead(db_, read, event, env_.NowMillis()));
  return out;
}

namespace {

constexpr std::array<std::string_view, 4> kStatuses = {"open", "pending", "snoozed", "resolved"};

}  // namespace

Result<ConversationSummary> Inbox::Update(const auth::Principal& actor,
                                          const std::string& centre_id,
                                          const std::string& conversation_id,
                                          const ConversationPatch& patch) {
  if (patch.status &&
      std::find(kStatuses.begin(), kStatuses.end(), *patch.status) == kStatuses.end()) {
    return InvalidArgument("invalid_status", "status is open, pending, snoozed or resolved");
  }
  if (patch.snoozed_until && patch.status.value_or("snoozed") != "snoozed") {
    return InvalidArgument("invalid_snooze", "snoozed_until goes with status snoozed");
  }
  if (patch.language && !patch.language->empty()) {
    RETURN_IF_ERROR(CheckLanguageCodes({*patch.language}, 1));
  }
  std::set<std::string> tags;
  if (patch.tags) {
    for (const auto& tag : *patch.tags) {
      if (!IsTopic(tag)) return InvalidArgument("invalid_tag", "not a topic of the taxonomy");
      tags.insert(tag);
    }
    if (tags.size() > 10) return InvalidArgument("invalid_tag", "at most 10 topics");
  }
  int64_t now = env_.NowMillis();
  RETURN_IF_ERROR(db_.Transact(store::Access::kWrite, [&](store::Conn& conn) -> Status {
    RETURN_IF_ERROR(ContactOf(conn, centre_id, conversation_id).status());
    std::string changed;
    if (patch.assignee_id && !patch.assignee_id->empty()) {
      ASSIGN_OR_RETURN(bool staff, auth::IsCaseworker(conn, *patch.assignee_id, centre_id));
      if (!staff) {
        return InvalidArgument("invalid_assignee",
                               "assign to a counsellor or manager of this centre");
      }
    }
    if (patch.assignee_id) {
      store::Value who = patch.assignee_id->empty() ? store::Value(std::monostate{})
                                                    : store::Value(*patch.assignee_id);
      RETURN_IF_ERROR(
          conn.Exec("UPDATE conversation SET assignee_id = ? WHERE id = ?", {who, conversation_id})
              .status());
      changed += "assignee ";
    }
    if (patch.status) {
      int64_t until =
          *patch.status == "snoozed" ? patch.snoozed_until.value_or(now + 24 * 3600 * 1000) : 0;
      RETURN_IF_ERROR(
          conn.Exec("UPDATE conversation SET status = ?, snoozed_until = ? WHERE id = ?",
                    {*patch.status, until, conversation_id})
              .status());
      changed += "status=" + *patch.status + " ";
    }
    if (patch.priority) {
      RETURN_IF_ERROR(conn.Exec("UPDATE conversation SET priority = ? WHERE id = ?",
                                {*patch.priority, conversation_id})
                          .status());
      changed += "priority=" + *patch.priority + " ";
    }
    if (patch.language) {
      RETURN_IF_ERROR(conn.Exec("UPDATE conversation SET language = ? WHERE id = ?",
                                {*patch.language, conversation_id})
                          .status());
      changed += "language=" + *patch.language + " ";
    }
    if (patch.tags) {
      RETURN_IF_ERROR(
          conn.Exec("DELETE FROM conversation_tag WHERE conversation_id = ?", {conversation_id})
              .status());
      for (const std::string& tag : tags) {
        RETURN_IF_ERROR(conn.Exec("INSERT INTO conversation_tag (conversation_id, centre_id, "
                                  "topic) VALUES (?, ?, ?)",
                                  {conversation_id, centre_id, tag})
                            .status());
      }
      changed += "tags=" + std::to_string(tags.size());
    }
    RETURN_IF_ERROR(live::Announce(conn, {centre_id, "conversation", conversation_id}));
    return audit::Record(conn,
                         {actor.user_id, centre_id, "conversation.update",
                          "conversation/" + conversation_id, "counselling", changed},
                         now);
  }));
  return Summary(centre_id, conversation_id);
}

Result<ConversationSummary> Inbox::Summary(const std::string& centre_id,
                                           const std::string& conversation_id) {
  ConversationSummary out;
  RETURN_IF_ERROR(db_.Transact(store::Access::kRead, [&](store::Conn& conn) -> Status {
    // The name is not opened here: the caller already has it, and this read is not audited.
    ASSIGN_OR_RETURN(
        out, rows::LoadSummary(conn, nullptr, centre_id, conversation_id, env_.NowMillis()));
    return Status::Ok();
  }));
  return out;
}

Result<ConversationSummary> Inbox::Get(const auth::Principal& actor, const std::string& centre_id,
                                       const std::string& conversation_id, auth::Purpose purpose) {
  ConversationSummary out;
  int64_t now = env_.NowMillis();
  audit::Event event = rows::ReadEvent(actor, centre_id, "conversation.summary",
                                       "conversation/" + conversation_id, purpose);
  auto read = [&](store::Conn& conn) -> Status {
    ASSIGN_OR_RETURN(out, rows::LoadSummary(conn, &keys_, centre_id, conversation_id, now));
    return Status::Ok();
  };
  RETURN_IF_ERROR(audit::AuditedRead(db_, read, event, now));
  return out;
}

Result<Note> Inbox::AddNote(const auth::Principal& actor, const std::string& centre_id,
                            const std::string& conversation_id, const std::string& text) {
  if (text.empty() || text.size() > 8000)
    return InvalidArgument("invalid_note", "a note is 1 to 8000 bytes");
  Note note{NewId(env_), actor.user_id, text, env_.NowMillis()};
  RETURN_IF_ERROR(db_.Transact(store::Access::kWrite, [&](store::Conn& conn) -> Status {
    ASSIGN_OR_RETURN(std::string contact, ContactOf(conn, centre_id, conversation_id));
    ASSIGN_OR_RETURN(std::string sealed, keys_.SealPersonField(centre_id, contact, "note", text));
    RETURN_IF_ERROR(
        conn.Exec("INSERT INTO note (id, conversation_id, centre_id, author_id, body_sealed, "
                  "created_at) VALUES (?, ?, ?, ?, ?, ?)",
                  {note.id, conversation_id, centre_id, actor.user_id, store::Blob{sealed},
                   note.created_at})
            .status());
    RETURN_IF_ERROR(terms_.Add(conn, centre_id, conversation_id, text));
    RETURN_IF_ERROR(live::Announce(conn, {centre_id, "note", conversation_id}));
    return audit::Record(conn,
                         {actor.user_id, centre_id, "note.create",
                          "conversation/" + conversation_id, "counselling", "note/" + note.id},
                         note.created_at);
  }));
  return note;
}

Result<std::vector<Note>> Inbox::Notes(const auth::Principal& actor, const std::string& centre_id,
                                       const std::string& conversation_id, auth::Purpose purpose) {
  std::vector<Note> out;
  audit::Event event =
      rows::ReadEvent(actor, centre_id, "note.read", "conversation/" + conversation_id, purpose);
  auto read = [&](store::Conn& conn) -> Status {
    ASSIGN_OR_RETURN(std::string contact, ContactOf(conn, centre_id, conversation_id));
    ASSIGN_OR_RETURN(store::Rows rows,
                     conn.Query("SELECT id, author_id, body_sealed, created_at FROM note WHERE "
                                "conversation_id = ? ORDER BY created_at, id LIMIT 500",
                                {conversation_id}));
    for (const auto& r : rows) {
      out.push_back(
          {r.Text(0), r.Text(1), Open(keys_, centre_id, contact, "note", r.Text(2)), r.Int(3)});
    }
    return Status::Ok();
  };
  RETURN_IF_ERROR(audit::AuditedRead(db_, read, event, env_.NowMillis()));
  return out;
}

}  // namespace serai::inbox
