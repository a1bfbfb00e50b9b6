// Visits and phone calls in a person's history, and linking one person's contacts across channels.
#include <algorithm>
#include <set>

#include "common/ids.h"
#include "common/json.h"
#include "common/language_codes.h"
#include "domain/audit/audit_log.h"
#include "domain/inbox/inbox.h"
#include "domain/inbox/inbox_rows.h"
#include "domain/inbox/topics.h"
#include "domain/live/live_events.h"
#include "search/phone.h"

namespace serai::inbox {
namespace {

Status Validate(const EncounterInput& in) {
  if (in.kind != "visit" && in.kind != "call") {
    return InvalidArgument("invalid_kind", "an encounter is a visit or a call");
  }
  if (in.summary.empty() || in.summary.size() > 8000) {
    return InvalidArgument("invalid_summary", "a summary is 1 to 8000 bytes");
  }
  if (in.duration_minutes < 0 || in.duration_minutes > 600) {
    return InvalidArgument("invalid_duration", "a duration is 0 to 600 minutes");
  }
  if (in.name.size() > 200) return InvalidArgument("invalid_name", "a name is up to 200 bytes");
  if (!in.language.empty()) RETURN_IF_ERROR(CheckLanguageCodes({in.language}, 1));
  if (in.topics.size() > 10) return InvalidArgument("invalid_tag", "at most 10 topics");
  for (const auto& t : in.topics) {
    if (!IsTopic(t)) return InvalidArgument("invalid_tag", "not a topic of the taxonomy");
  }
  return Status::Ok();
}

}  // namespace

Result<channels::ChannelAccount> Inbox::InPersonAccount(store::Conn& conn,
                                                        const std::string& centre_id, int64_t now) {
  ASSIGN_OR_RETURN(store::Rows rows,
                   conn.Query("SELECT id FROM channel_account WHERE centre_id = ? AND platform = "
                              "'inperson'",
                              {centre_id}));
  channels::ChannelAccount a;
  a.centre_id = centre_id;
  a.platform = channels::Platform::kInPerson;
  a.name = "In person and phone";
  if (!rows.empty()) {
    a.id = rows[0].Text(0);
    return a;
  }
  a.id = NewId(env_);
  a.created_at = now;
  RETURN_IF_ERROR(conn.Exec("INSERT INTO channel_account (id, centre_id, platform, name, "
                            "external_id, base_url, secrets, enabled, created_at, updated_at) "
                            "VALUES (?, ?, 'inperson', ?, '', '', ?, 0, ?, ?)",
                            {a.id, centre_id, a.name, store::Blob{""}, now, now})
                      .status());
  return a;
}

Result<std::pair<std::string, MessageView>> Inbox::RecordEncounter(const auth::Principal& actor,
                                                                   const std::string& centre_id,
                                                                   const EncounterInput& in) {
  RETURN_IF_ERROR(Validate(in));
  int64_t now = env_.NowMillis();
  int64_t at = in.happened_at > 0 ? std::min(in.happened_at, now) : now;
  std::string conversation_id = in.conversation_id;
  std::string id = NewId(env_);
  Json media = {{"duration_minutes", in.duration_minutes},
                {"topics", in.topics},
                {"counsellor_id", actor.user_id}};
  MessageView view{id, "in", in.kind, in.summary, media.dump(), "received", "", at};
  RETURN_IF_ERROR(db_.Transact(store::Access::kWrite, [&](store::Conn& conn) -> Status {
    std::string contact;
    if (!conversation_id.empty()) {
      ASSIGN_OR_RETURN(contact, rows::ContactOf(conn, centre_id, conversation_id));
    } else {  // a walk-in: a contact on the centre's in-person account, found again by phone
      ASSIGN_OR_RETURN(store::Rows centre,
                       conn.Query("SELECT country FROM centre WHERE id = ?", {centre_id}));
      if (centre.empty()) return NotFound("no_such_centre", "there is no such centre");
      std::string phone;
      if (!in.phone.empty()) {
        auto e164 = search::NormalisePhone(in.phone, centre[0].Text(0));
        if (!e164) return InvalidArgument("invalid_phone", "this is not a valid phone number");
        phone = *e164;
      }
      ASSIGN_OR_RETURN(channels::ChannelAccount account, InPersonAccount(conn, centre_id, now));
      channels::InboundMessage person;
      person.handle = phone.empty() ? "visitor:" + NewId(env_) : phone;
      person.name = in.name;
      person.language = in.language;
      ASSIGN_OR_RETURN(Contact c,
                       FindOrCreateContact(
                           conn, account, person, in.language, [&phone] { return phone; }, now));
      contact = c.id;
      conversation_id = c.conversation_id;
    }
    ASSIGN_OR_RETURN(std::string sealed,
                     keys_.SealPersonField(centre_id, contact, "message", in.summary));
    ASSIGN_OR_RETURN(
        store::Rows account,
        conn.Query("SELECT channel_account_id FROM conversation WHERE id = ?", {conversation_id}));
    RETURN_IF_ERROR(
        conn.Exec("INSERT INTO message (id, conversation_id, centre_id, channel_account_id, "
                  "direction, platform_id, kind, body_sealed, media, status, status_rank, "
                  "error, sent_at, received_at) VALUES (?, ?, ?, ?, 'in', ?, ?, ?, ?, "
                  "'received', 0, '', ?, ?)",
                  {id, conversation_id, centre_id, account[0].Text(0), "encounter:" + id, in.kind,
                   store::Blob{sealed}, view.media, at, now})
            .status());
    RETURN_IF_ERROR(terms_.Add(conn, centre_id, conversation_id, in.summary));
    // It is history, not a question waiting for an answer: last_inbound_at stays. Whoever met
    // the person takes an unassigned conversation, as with a reply.
    RETURN_IF_ERROR(conn.Exec("UPDATE conversation SET last_message_at = CASE WHEN "
                              "last_message_at > ? THEN last_message_at ELSE ? END, assignee_id = "
                              "CASE WHEN assignee_id IS NULL THEN ? ELSE assignee_id END WHERE id "
                              "= ?",
                              {at, at, actor.user_id, conversation_id})
                        .status());
    for (const std::string& topic : std::set<std::string>(in.topics.begin(), in.topics.end())) {
      RETURN_IF_ERROR(conn.Exec("INSERT INTO conversation_tag (conversation_id, centre_id, topic) "
                                "VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                                {conversation_id, centre_id, topic})
                          .status());
    }
    RETURN_IF_ERROR(live::Announce(conn, {centre_id, "message", conversation_id}));
    return audit::Record(
        conn,
        {actor.user_id, centre_id, "encounter.create", "conversation/" + conversation_id,
         "counselling", in.kind + " message/" + id},
        now);
  }));
  view.conversation_id = conversation_id;
  return std::make_pair(conversation_id, view);
}

Result<Links> Inbox::LinksOf(const auth::Principal& actor, const std::string& centre_id,
                             const std::string& conversation_id, auth::Purpose purpose) {
  Links out;
  int64_t now = env_.NowMillis();
  audit::Event event = rows::ReadEvent(actor, centre_id, "conversation.links",
                                       "conversation/" + conversation_id, purpose);
  auto read = [&](store::Conn& conn) -> Status {
    ASSIGN_OR_RETURN(store::Rows self,
                     conn.Query("SELECT c.person_id, c.phone_digest FROM conversation v JOIN "
                                "contact c ON c.id = v.contact_id WHERE v.id = ? AND "
                                "v.centre_id = ?",
                                {conversation_id, centre_id}));
    if (self.empty()) {
      return NotFound("no_such_conversation", "there is no such conversation here");
    }
    const std::string& person = self[0].Text(0);
    if (!person.empty()) {
      ASSIGN_OR_RETURN(store::Rows linked,
                       conn.Query(std::string(rows::kSummarySelect) +
                                      " WHERE v.centre_id = ? AND c.person_id = ? AND v.id <> ? "
                                      "ORDER BY v.last_message_at DESC LIMIT 50",
                                  {centre_id, person, conversation_id}));
      for (const auto& r : linked)
        out.linked.push_back(rows::SummaryFrom(r, &keys_, centre_id, now));
    }
    if (!self[0].IsNull(1)) {
      ASSIGN_OR_RETURN(
          store::Rows same_phone,
          conn.Query(std::string(rows::kSummarySelect) +
                         " WHERE v.centre_id = ? AND c.phone_digest = ? AND v.id <> ? AND "
                         "(c.person_id IS NULL OR c.person_id <> ?) ORDER BY v.last_message_at "
                         "DESC LIMIT 50",
                     {centre_id, store::Blob{self[0].Text(1)}, conversation_id, person}));
      for (const auto& r : same_phone) {
        out.suggested.push_back(rows::SummaryFrom(r, &keys_, centre_id, now));
      }
    }
    RETURN_IF_ERROR(rows::AttachTags(conn, out.linked));
    event.detail = "linked=" + std::to_string(out.linked.size()) +
                   " suggested=" + std::to_string(out.suggested.size());
    return rows::AttachTags(conn, out.suggested);
  };
  RETURN_IF_ERROR(audit::AuditedRead(db_, read, event, now));
  return out;
}

Status Inbox::Link(const auth::Principal& actor, const std::string& centre_id,
                   const std::string& conversation_id, const std::string& other_conversation_id) {
  if (conversation_id == other_conversation_id) {
    return InvalidArgument("invalid_link", "a conversation is already its own person");
  }
  int64_t now = env_.NowMillis();
  return db_.Transact(store::Access::kWrite, [&](store::Conn& conn) -> Status {
    std::string people[2];
    std::string contacts[2];
    const std::string* ids[2] = {&conversation_id, &other_conversation_id};
    for (int i = 0; i < 2; ++i) {
      ASSIGN_OR_RETURN(store::Rows r,
                       conn.Query("SELECT c.id, c.person_id FROM conversation v JOIN contact c ON "
                                  "c.id = v.contact_id WHERE v.id = ? AND v.centre_id = ?",
                                  {*ids[i], centre_id}));
      if (r.empty()) return NotFound("no_such_conversation", "there is no such conversation here");
      contacts[i] = r[0].Text(0);
      people[i] = r[0].Text(1);
    }
    // One person id for both, and for everyone already linked to either.
    std::string person = !people[0].empty()   ? people[0]
                         : !people[1].empty() ? people[1]
                                              : NewId(env_);
    for (int i = 0; i < 2; ++i) {
      if (!people[i].empty() && people[i] != person) {
        RETURN_IF_ERROR(conn.Exec("UPDATE contact SET person_id = ? WHERE person_id = ? AND "
                                  "centre_id = ?",
                                  {person, people[i], centre_id})
                            .status());
      }
      RETURN_IF_ERROR(
          conn.Exec("UPDATE contact SET person_id = ? WHERE id = ?", {person, contacts[i]})
              .status());
    }
    RETURN_IF_ERROR(live::Announce(conn, {centre_id, "conversation", conversation_id}));
    return audit::Record(
        conn,
        {actor.user_id, centre_id, "contact.link", "conversation/" + conversation_id, "counselling",
         "with conversation/" + other_conversation_id},
        now);
  });
}

Status Inbox::Unlink(const auth::Principal& actor, const std::string& centre_id,
                     const std::string& conversation_id) {
  int64_t now = env_.NowMillis();
  return db_.Transact(store::Access::kWrite, [&](store::Conn& conn) -> Status {
    ASSIGN_OR_RETURN(std::string contact, rows::ContactOf(conn, centre_id, conversation_id));
    RETURN_IF_ERROR(
        conn.Exec("UPDATE contact SET person_id = NULL WHERE id = ?", {contact}).status());
    RETURN_IF_ERROR(live::Announce(conn, {centre_id, "conversation", conversation_id}));
    return audit::Record(conn,
                         {actor.user_id, centre_id, "contact.unlink",
                          "conversation/" + conversation_id, "counselling", ""},
                         now);
  });
}

}  // namespace serai::inbox
