#include "domain/people/people.h"

#include <algorithm>

#include "common/dates.h"
#include "common/ids.h"
#include "common/json.h"
#include "common/lists.h"
#include "domain/audit/audit_log.h"
#include "domain/inbox/inbox.h"
#include "domain/people/duplicates.h"
#include "search/phone.h"

namespace serai::people {
namespace {

constexpr char kIdentityField[] = "identity";
constexpr char kRouteField[] = "route";
constexpr size_t kMaxPhones = 5, kMaxDocuments = 5;

// What lists show of a person (SummaryFrom reads them); a person's own read adds identity_sealed
// and route_sealed.
constexpr char kSummaryColumns[] =
    "id, code, stage, destination, reasons, created_at, updated_at, shredded_at";

PersonSummary SummaryFrom(const store::Row& r) {
  return {r.Text(0), r.Text(1), {r.Text(2), r.Text(3), "", SplitList(r.Text(4)), "", 0},
          r.Int(5),  r.Int(6),  r.Int(7) != 0};
}

// The route sealed under the person's key, or NULL when there is none.
Result<store::Value> SealRoute(keys::KeyStore& keys, const std::string& centre_id,
                               const std::string& person_id, const std::string& route) {
  if (route.empty()) return store::Value{};
  ASSIGN_OR_RETURN(std::string sealed,
                   keys.SealPersonField(centre_id, person_id, kRouteField, route));
  return store::Value{store::Blob{std::move(sealed)}};
}

// People's own changes to a record: live, and not merged into another.
Status UnmergedPerson(store::Conn& conn, const std::string& centre_id,
                      const std::string& person_id) {
  RETURN_IF_ERROR(LivePersonCode(conn, centre_id, person_id).status());
  ASSIGN_OR_RETURN(store::Rows rows,
                   conn.Query("SELECT p.code FROM person m JOIN person p ON p.id = m.merged_into "
                              "WHERE m.id = ?",
                              {person_id}));
  if (!rows.empty()) {
    return FailedPrecondition("merged", "this record was merged into " + rows[0].Text(0));
  }
  return Status::Ok();
}

}  // namespace

Result<std::string> LivePersonCode(store::Conn& conn, const std::string& centre_id,
                                   const std::string& person_id) {
  ASSIGN_OR_RETURN(store::Rows rows,
                   conn.Query("SELECT code, shredded_at FROM person WHERE id = ? AND centre_id = ?",
                              {person_id, centre_id}));
  if (rows.empty()) return NotFound("no_such_person", "there is no such person here");
  if (rows[0].Int(1) != 0) {
    return FailedPrecondition("shredded", "this person's data was destroyed");
  }
  return rows[0].Text(0);
}

Status TouchPerson(store::Conn& conn, const std::string& person_id, int64_t now) {
  // A merged record's case is the kept person's work too: their retention counts from it.
  return conn
      .Exec(
          "UPDATE person SET updated_at = ? WHERE id = ? OR id = (SELECT merged_into FROM "
          "person WHERE id = ?)",
          {now, person_id, person_id})
      .status();
}

Status LinkConversation(store::Conn& conn, const std::string& centre_id,
                        const std::string& conversation_id, const std::string& person_id) {
  ASSIGN_OR_RETURN(store::Rows r,
                   conn.Query("SELECT c.id, c.person_id FROM conversation v JOIN contact c ON "
                              "c.id = v.contact_id WHERE v.id = ? AND v.centre_id = ?",
                              {conversation_id, centre_id}));
  if (r.empty()) return NotFound("no_such_conversation", "there is no such conversation here");
  std::string linked = r[0].IsNull(1) ? "" : r[0].Text(1);
  if (linked.empty()) {
    return conn.Exec("UPDATE contact SET person_id = ? WHERE id = ?", {person_id, r[0].Text(0)})
        .status();
  }
  if (linked == person_id) return Status::Ok();
  ASSIGN_OR_RETURN(store::Rows other, conn.Query("SELECT code FROM person WHERE id = ?", {linked}));
  if (!other.empty()) {
    return AlreadyExists("conversation_has_person",
                         "this conversation is already " + other[0].Text(0) + "'s");
  }
  // Contacts linked in the inbox share an id that was no one's record yet: they all become the
  // person's.
  return conn
      .Exec("UPDATE contact SET person_id = ? WHERE person_id = ? AND centre_id = ?",
            {person_id, linked, centre_id})
      .status();
}

std::string OpenSealed(keys::KeyStore& keys, const std::string& centre_id,
                       const std::string& person_id, const char* field, const store::Row& row,
                       size_t column) {
  if (row.IsNull(column)) return "";
  auto text = keys.OpenPersonField(centre_id, person_id, field, row.Text(column));
  return text.ok() ? std::move(*text) : std::string();
}

audit::Event PersonEvent(const auth::Principal& actor, const std::string& centre_id,
                         std::string action, const std::string& person_id, auth::Purpose purpose,
                         std::string detail) {
  return {actor.user_id,
          centre_id,
          std::move(action),
          "person/" + person_id,
          std::string(auth::PurposeName(purpose)),
          std::move(detail)};
}

Json IdentityJson(const Identity& id) {
  Json documents = Json::array();
  for (const Document& d : id.documents)
    documents.push_back({{"type", d.type}, {"number", d.number}});
  return {{"name", id.name},
          {"name_latin", id.name_latin},
          {"birth_date", id.birth_date},
          {"age_band", id.age_band},
          {"sex", id.sex},
          {"nationality", id.nationality},
          {"phones", id.phones},
          {"documents", std::move(documents)}};
}

const std::vector<std::string>& AgeBands() {
  static const std::vector<std::string> k = {"0-17", "18-24", "25-34", "35-49", "50-64", "65+"};
  return k;
}
const std::vector<std::string>& Stages() {
  static const std::vector<std::string> k = {"potential",  "intending", "outgoing",
                                             "in_transit", "abroad",    "returnee"};
  return k;
}
const std::vector<std::string>& Reasons() {
  static const std::vector<std::string> k = {"work",     "family",  "study",  "safety",
                                             "conflict", "climate", "health", "other"};
  return k;
}
const std::vector<std::string>& ConsentPurposes() {
  static const std::vector<std::string> k = {"counselling", "referral", "follow_up", "statistics"};
  return k;
}
const std::vector<std::string>& ConsentBases() {
  static const std::vector<std::string> k = {"consent", "vital_interest", "legal_obligation"};
  return k;
}
const std::vector<std::string>& ConsentChannels() {
  static const std::vector<std::string> k = {"verbal", "written", "app"};
  return k;
}

Result<std::string> SealIdentity(keys::KeyStore& keys, const std::string& centre_id,
                                 const std::string& person_id, const Identity& identity) {
  return keys.SealPersonField(centre_id, person_id, kIdentityField, IdentityJson(identity).dump());
}

Result<Identity> IdentityFromJson(std::string_view text) {
  Json j = Json::parse(text, nullptr, false);
  if (!j.is_object()) return Internal("bad_identity", "a sealed identity is not readable");
  Identity id{MemberText(j, "name"),
              MemberText(j, "name_latin"),
              MemberText(j, "birth_date"),
              MemberText(j, "age_band"),
              MemberText(j, "sex"),
              MemberText(j, "nationality"),
              {},
              {}};
  for (const Json& p : MemberArray(j, "phones")) {
    if (p.is_string()) id.phones.push_back(p.get<std::string>());
  }
  for (const Json& d : MemberArray(j, "documents")) {
    id.documents.push_back({MemberText(d, "type"), MemberText(d, "number")});
  }
  return id;
}

Result<Identity> OpenIdentity(keys::KeyStore& keys, const std::string& centre_id,
                              const std::string& person_id, const std::string& sealed) {
  ASSIGN_OR_RETURN(std::string text,
                   keys.OpenPersonField(centre_id, person_id, kIdentityField, sealed));
  return IdentityFromJson(text);
}

Status CheckIdentity(store::Conn& conn, const std::string& centre_id, Identity& id, int64_t now) {
  if (!id.birth_date.empty()) {
    if (!ParseDate(id.birth_date)) {
      return InvalidArgument("invalid_birth_date", "birth_date must be a real day, YYYY-MM-DD");
    }
    if (id.birth_date > DateText(DayOf(now))) {
      return InvalidArgument("invalid_birth_date", "birth_date is in the future");
    }
  }
  if (!id.age_band.empty() && !IsOneOf(AgeBands(), id.age_band)) {
    return InvalidArgument("invalid_age_band", "age_band is not one of the bands");
  }
  if (!id.sex.empty() && !IsOneOf({"female", "male", "other"}, id.sex)) {
    return InvalidArgument("invalid_sex", "sex must be female, male or other");
  }
  if (!id.nationality.empty() && !IsCountryCode(id.nationality)) {
    return InvalidArgument("invalid_nationality", "nationality must be a two-letter country code");
  }
  if (id.phones.size() > kMaxPhones) {
    return InvalidArgument("too_many_phones", "at most 5 phone numbers");
  }
  if (id.documents.size() > kMaxDocuments) {
    return InvalidArgument("too_many_documents", "at most 5 documents");
  }
  if (!id.phones.empty()) {
    ASSIGN_OR_RETURN(store::Rows centre,
                     conn.Query("SELECT country FROM centre WHERE id = ?", {centre_id}));
    std::string country = centre.empty() ? "" : centre[0].Text(0);
    for (std::string& phone : id.phones) {
      auto e164 = search::NormalisePhone(phone, country);
      if (!e164) return InvalidArgument("invalid_phone", "a phone number is not valid");
      phone = *e164;
    }
    std::sort(id.phones.begin(), id.phones.end());
    id.phones.erase(std::unique(id.phones.begin(), id.phones.end()), id.phones.end());
  }
  return Status::Ok();
}

Result<Person> People::Create(const auth::Principal& actor, const std::string& centre_id,
                              auth::Purpose purpose, Identity identity,
                              const std::string& conversation_id) {
  int64_t now = env_.NowMillis();
  Person out;
  RETURN_IF_ERROR(db_.Transact(store::Access::kWrite, [&](store::Conn& conn) -> Status {
    RETURN_IF_ERROR(CheckIdentity(conn, centre_id, identity, now));
    std::string id = NewId(env_);
    if (!conversation_id.empty()) {
      RETURN_IF_ERROR(LinkConversation(conn, centre_id, conversation_id, id));
    }
    ASSIGN_OR_RETURN(std::string sealed, SealIdentity(keys_, centre_id, id, identity));
    std::string code = NewReadableCode(env_, "P");
    RETURN_IF_ERROR(conn.Exec("INSERT INTO person (id, centre_id, code, identity_sealed, "
                              "created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                              {id, centre_id, code, store::Blob{sealed}, actor.user_id, now, now})
                        .status());
    RETURN_IF_ERROR(
        audit::Record(conn, PersonEvent(actor, centre_id, "person.create", id, purpose), now));
    ASSIGN_OR_RETURN(out.duplicates, IndexPerson(conn, keys_, env_, centre_id, id, identity, now));
    out.summary = {id, code, {}, now, now, false};
    out.identity = std::move(identity);
    ASSIGN_OR_RETURN(store::Rows linked,
                     conn.Query("SELECT v.id FROM conversation v JOIN contact c ON c.id = "
                                "v.contact_id WHERE c.person_id = ? ORDER BY v.id",
                                {id}));
    for (const auto& r : linked) out.conversation_ids.push_back(r.Text(0));
    return Status::Ok();
  }));
  return out;
}

Result<Person> People::Get(const auth::Principal& actor, const std::string& centre_id,
                           auth::Purpose purpose, const std::string& person_id) {
  Person out;
  audit::Event event = PersonEvent(actor, centre_id, "person.read", person_id, purpose);
  auto read = [&](store::Conn& conn) -> Status {
    out = {};
    // Only this read opens the sealed identity; lists never fetch it.
    ASSIGN_OR_RETURN(store::Rows rows,
                     conn.Query(std::string("SELECT ") + kSummaryColumns +
                                    ", identity_sealed, route_sealed FROM person WHERE id = ? AND "
                                    "centre_id = ?",
                                {person_id, centre_id}));
    if (rows.empty()) return NotFound("no_such_person", "there is no such person here");
    out.summary = SummaryFrom(rows[0]);
    if (!rows[0].IsNull(8)) {
      auto opened = OpenIdentity(keys_, centre_id, person_id, rows[0].Text(8));
      if (opened.ok()) out.identity = std::move(*opened);  // else shredded meanwhile: nothing
    }
    out.summary.profile.route = OpenSealed(keys_, centre_id, person_id, kRouteField, rows[0], 9);
    ASSIGN_OR_RETURN(store::Rows profile,
                     conn.Query("SELECT changed_by, changed_at FROM profile_change WHERE "
                                "person_id = ? ORDER BY changed_at DESC, id DESC LIMIT 1",
                                {person_id}));
    if (!profile.empty()) {
      out.summary.profile.changed_by = profile[0].Text(0);
      out.summary.profile.changed_at = profile[0].Int(1);
    }
    ASSIGN_OR_RETURN(store::Rows consents,
                     conn.Query("SELECT id, purpose, basis, channel, given_by, given_at, "
                                "withdrawn_by, withdrawn_at FROM consent WHERE person_id = ? "
                                "ORDER BY given_at, id",
                                {person_id}));
    for (const auto& r : consents) {
      out.consents.push_back(
          {r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4), r.Int(5), r.Text(6), r.Int(7)});
    }
    ASSIGN_OR_RETURN(store::Rows linked,
                     conn.Query("SELECT v.id FROM conversation v JOIN contact c ON c.id = "
                                "v.contact_id WHERE c.person_id = ? AND v.centre_id = ? ORDER BY "
                                "v.id",
                                {person_id, centre_id}));
    for (const auto& r : linked) out.conversation_ids.push_back(r.Text(0));
    // Merges in force, both ways.
    ASSIGN_OR_RETURN(store::Rows merges,
                     conn.Query("SELECT m.kept_id, k.code, m.merged_id, d.code, m.id FROM "
                                "person_merge m JOIN person k ON k.id = m.kept_id JOIN person d ON "
                                "d.id = m.merged_id WHERE (m.kept_id = ? OR m.merged_id = ?) AND "
                                "m.undone_at = 0 ORDER BY m.merged_at",
                                {person_id, person_id}));
    for (const auto& r : merges) {
      if (r.Text(0) == person_id) {
        out.merged.push_back({r.Text(2), r.Text(3), r.Text(4)});
      } else {
        out.merged_into = MergedRecord{r.Text(0), r.Text(1), r.Text(4)};
      }
    }
    return Status::Ok();
  };
  RETURN_IF_ERROR(audit::AuditedRead(db_, read, event, env_.NowMillis()));
  return out;
}

Result<Identity> People::UpdateIdentity(const auth::Principal& actor, const std::string& centre_id,
                                        auth::Purpose purpose, const std::string& person_id,
                                        Identity identity) {
  int64_t now = env_.NowMillis();
  RETURN_IF_ERROR(db_.Transact(store::Access::kWrite, [&](store::Conn& conn) -> Status {
    RETURN_IF_ERROR(UnmergedPerson(conn, centre_id, person_id));
    RETURN_IF_ERROR(CheckIdentity(conn, centre_id, identity, now));
    ASSIGN_OR_RETURN(std::string sealed, SealIdentity(keys_, centre_id, person_id, identity));
    RETURN_IF_ERROR(conn.Exec("UPDATE person SET identity_sealed = ?, updated_at = ? WHERE id = ?",
                              {store::Blob{sealed}, now, person_id})
                        .status());
    RETURN_IF_ERROR(IndexPerson(conn, keys_, env_, centre_id, person_id, identity, now).status());
    return audit::Record(conn, PersonEvent(actor, centre_id, "person.update", person_id, purpose),
                         now);
  }));
  return identity;  // as stored: phones in E.164
}

Result<Page<PersonSummary>> People::List(const std::string& centre_id, int limit,
                                         const std::string& after_id) {
  std::string sql = std::string("SELECT ") + kSummaryColumns +
                    " FROM person WHERE centre_id = ? AND merged_into IS NULL";
  store::Params params = {centre_id};
  if (!after_id.empty()) {
    sql += " AND id < ?";
    params.emplace_back(after_id);
  }
  sql += " ORDER BY id DESC LIMIT ?";
  params.emplace_back(int64_t{limit} + 1);
  ASSIGN_OR_RETURN(store::Rows rows, db_.Read(sql, params));
  return PageOfRows(rows, limit, SummaryFrom);
}

Result<Consent> People::GiveConsent(const auth::Principal& actor, const std::string& centre_id,
                                    const std::string& person_id, const std::string& purpose,
                                    const std::string& basis, const std::string& channel) {
  if (!IsOneOf(ConsentPurposes(), purpose)) {
    return InvalidArgument("invalid_purpose", "purpose is not one consent can be given for");
  }
  if (!IsOneOf(ConsentBases(), basis)) return InvalidArgument("invalid_basis", "unknown basis");
  if (!IsOneOf(ConsentChannels(), channel)) {
    return InvalidArgument("invalid_channel", "channel must be verbal, written or app");
  }
  int64_t now = env_.NowMillis();
  Consent c{NewId(env_), purpose, basis, channel, actor.user_id, now, "", 0};
  RETURN_IF_ERROR(db_.Transact(store::Access::kWrite, [&](store::Conn& conn) -> Status {
    RETURN_IF_ERROR(UnmergedPerson(conn, centre_id, person_id));
    RETURN_IF_ERROR(conn.Exec("INSERT INTO consent (id, person_id, purpose, basis, channel, "
                              "given_by, given_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                              {c.id, person_id, purpose, basis, channel, actor.user_id, now})
                        .status());
    RETURN_IF_ERROR(TouchPerson(conn, person_id, now));
    return audit::Record(
        conn,
        PersonEvent(actor, centre_id, "consent.give", person_id, auth::Purpose::kCounselling,
                    purpose + " " + basis + " " + channel),
        now);
  }));
  return c;
}

Status People::WithdrawConsent(const auth::Principal& actor, const std::string& centre_id,
                               const std::string& person_id, const std::string& consent_id) {
  int64_t now = env_.NowMillis();
  return db_.Transact(store::Access::kWrite, [&](store::Conn& conn) -> Status {
    ASSIGN_OR_RETURN(
        int64_t changed,
        conn.Exec("UPDATE consent SET withdrawn_by = ?, withdrawn_at = ? WHERE id = ? AND "
                  "person_id = ? AND withdrawn_at = 0 AND person_id IN (SELECT id FROM person "
                  "WHERE centre_id = ?)",
                  {actor.user_id, now, consent_id, person_id, centre_id}));
    if (changed == 0) {
      return NotFound("no_such_consent", "there is no such consent in force for this person");
    }
    RETURN_IF_ERROR(TouchPerson(conn, person_id, now));
    return audit::Record(conn,
                         PersonEvent(actor, centre_id, "consent.withdraw", person_id,
                                     auth::Purpose::kCounselling, "consent/" + consent_id),
                         now);
  });
}

Result<Profile> People::SetProfile(const auth::Principal& actor, const std::string& centre_id,
                                   const std::string& person_id, Profile profile) {
  if (!profile.stage.empty() && !IsOneOf(Stages(), profile.stage)) {
    return InvalidArgument("invalid_stage", "stage is not one of the stages");
  }
  if (!profile.destination.empty() && !IsCountryCode(profile.destination)) {
    return InvalidArgument("invalid_destination", "destination must be a two-letter country code");
  }
  if (profile.route.size() > 200) return InvalidArgument("invalid_route", "route: at most 200");
  if (profile.reasons.size() > Reasons().size()) {
    return InvalidArgument("invalid_reasons", "too many reasons");
  }
  for (const std::string& r : profile.reasons) {
    if (!IsOneOf(Reasons(), r)) return InvalidArgument("invalid_reasons", "unknown reason");
  }
  std::sort(profile.reasons.begin(), profile.reasons.end());
  profile.reasons.erase(std::unique(profile.reasons.begin(), profile.reasons.end()),
                        profile.reasons.end());
  int64_t now = env_.NowMillis();
  profile.changed_by = actor.user_id;
  profile.changed_at = now;
  std::string reasons = JoinList(profile.reasons);
  RETURN_IF_ERROR(db_.Transact(store::Access::kWrite, [&](store::Conn& conn) -> Status {
    RETURN_IF_ERROR(UnmergedPerson(conn, centre_id, person_id));
    ASSIGN_OR_RETURN(store::Value route, SealRoute(keys_, centre_id, person_id, profile.route));
    ASSIGN_OR_RETURN(
        int64_t changed,
        conn.Exec("UPDATE person SET stage = ?, destination = ?, route_sealed = ?, reasons = ?, "
                  "updated_at = ? WHERE id = ? AND centre_id = ? AND shredded_at = 0",
                  {profile.stage, profile.destination, route, reasons, now, person_id, centre_id}));
    if (changed == 0) return NotFound("no_such_person", "there is no such person here");
    RETURN_IF_ERROR(conn.Exec("INSERT INTO profile_change (id, person_id, stage, destination, "
                              "route, route_sealed, reasons, changed_by, changed_at) VALUES (?, "
                              "?, ?, ?, '', ?, ?, ?, ?)",
                              {NewId(env_), person_id, profile.stage, profile.destination, route,
                               reasons, actor.user_id, now})
                        .status());
    return audit::Record(conn,
                         PersonEvent(actor, centre_id, "person.profile", person_id,
                                     auth::Purpose::kCounselling, profile.stage),
                         now);
  }));
  return profile;
}

Result<std::vector<Profile>> People::ProfileHistory(const auth::Principal& actor,
                                                    const std::string& centre_id,
                                                    auth::Purpose purpose,
                                                    const std::string& person_id) {
  std::vector<Profile> out;
  audit::Event event =
      PersonEvent(actor, centre_id, "person.read", person_id, purpose, "profile/history");
  auto read = [&](store::Conn& conn) -> Status {
    out.clear();
    ASSIGN_OR_RETURN(
        store::Rows person,
        conn.Query("SELECT 1 FROM person WHERE id = ? AND centre_id = ?", {person_id, centre_id}));
    if (person.empty()) return NotFound("no_such_person", "there is no such person here");
    ASSIGN_OR_RETURN(store::Rows rows,
                     conn.Query("SELECT stage, destination, route_sealed, reasons, changed_by, "
                                "changed_at FROM profile_change WHERE person_id = ? ORDER BY "
                                "changed_at, id",
                                {person_id}));
    for (const auto& r : rows) {
      out.push_back({r.Text(0), r.Text(1),
                     OpenSealed(keys_, centre_id, person_id, kRouteField, r, 2),
                     SplitList(r.Text(3)), r.Text(4), r.Int(5)});
    }
    return Status::Ok();
  };
  RETURN_IF_ERROR(audit::AuditedRead(db_, read, event, env_.NowMillis()));
  return out;
}

Result<std::string> People::CentreOf(const std::string& person_id) {
  ASSIGN_OR_RETURN(store::Rows rows,
                   db_.Read("SELECT centre_id FROM person WHERE id = ?", {person_id}));
  return rows.empty() ? std::string() : rows[0].Text(0);
}

Status People::Shred(const auth::Principal& actor, const std::string& centre_id,
                     const std::string& person_id, std::string_view why) {
  ASSIGN_OR_RETURN(std::string centre, CentreOf(person_id));
  if (centre != centre_id) return NotFound("no_such_person", "there is no such person here");
  // The records merged into this one are the same person's (and those merged into them).
  std::vector<std::string> records = {person_id};
  for (size_t i = 0; i < records.size(); ++i) {
    ASSIGN_OR_RETURN(store::Rows merged,
                     db_.Read("SELECT id FROM person WHERE merged_into = ?", {records[i]}));
    for (const auto& r : merged) records.push_back(r.Text(0));
  }
  for (auto it = records.rbegin(); it != records.rend(); ++it) {
    RETURN_IF_ERROR(ShredOne(actor, centre_id, *it, *it == person_id ? why : "merged"));
  }
  return Status::Ok();
}

Status People::ShredOne(const auth::Principal& actor, const std::string& centre_id,
                        const std::string& person_id, std::string_view why) {
  ASSIGN_OR_RETURN(store::Rows contacts,
                   db_.Read("SELECT id FROM contact WHERE person_id = ? AND centre_id = ?",
                            {person_id, centre_id}));
  // The keys first: once they are gone nothing of the person can be read, whatever happens next.
  RETURN_IF_ERROR(keys_.ShredPerson(person_id));
  for (const auto& c : contacts) RETURN_IF_ERROR(keys_.ShredContact(c.Text(0)));
  int64_t now = env_.NowMillis();
  return db_.Transact(store::Access::kWrite, [&](store::Conn& conn) -> Status {
    RETURN_IF_ERROR(conn.Exec("UPDATE person SET identity_sealed = NULL, match_sealed = NULL, "
                              "shredded_at = ?, updated_at = ?, route = '', route_sealed = NULL "
                              "WHERE id = ?",
                              {now, now, person_id})
                        .status());
    RETURN_IF_ERROR(conn.Exec("UPDATE profile_change SET route = '', route_sealed = NULL WHERE "
                              "person_id = ?",
                              {person_id})
                        .status());
    RETURN_IF_ERROR(conn.Exec("DELETE FROM person_key WHERE person_id = ?", {person_id}).status());
    for (const auto& c : contacts) RETURN_IF_ERROR(inbox::Inbox::ForgetContact(conn, c.Text(0)));
    // Nothing in their cases can be read any more: they are closed for good.
    RETURN_IF_ERROR(conn.Exec("UPDATE case_file SET status = 'closed', closed_at = ?, updated_at = "
                              "? WHERE person_id = ? AND status <> 'closed'",
                              {now, now, person_id})
                        .status());
    return audit::Record(
        conn,
        PersonEvent(actor, centre_id, "person.shred", person_id, auth::Purpose::kAdministration,
                    "contacts=" + std::to_string(contacts.size()) +
                        (why.empty() ? "" : " " + std::string(why))),
        now);
  });
}

Result<int64_t> People::RetentionDays(const std::string& centre_id) {
  ASSIGN_OR_RETURN(store::Rows rows, db_.Read("SELECT people_days FROM retention_rule WHERE "
                                              "centre_id = ?",
                                              {centre_id}));
  return rows.empty() ? 0 : rows[0].Int(0);
}

Status People::SetRetentionDays(const auth::Principal& actor, const std::string& centre_id,
                                int64_t days) {
  if (days < 0 || days > kMaxRetentionDays) {
    return InvalidArgument("invalid_days", "days: 0 (keep until shredded) to 3650");
  }
  int64_t now = env_.NowMillis();
  return db_.Transact(store::Access::kWrite, [&](store::Conn& conn) -> Status {
    RETURN_IF_ERROR(conn.Exec("INSERT INTO retention_rule (centre_id, people_days, updated_by, "
                              "updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (centre_id) DO UPDATE "
                              "SET people_days = excluded.people_days, updated_by = "
                              "excluded.updated_by, updated_at = excluded.updated_at",
                              {centre_id, days, actor.user_id, now})
                        .status());
    return audit::Record(conn,
                         {actor.user_id, centre_id, "retention.set", "centre/" + centre_id,
                          "administration", "people_days=" + std::to_string(days)},
                         now);
  });
}

Result<int> People::ShredDue() {
  constexpr int64_t kDay = 24LL * 3600 * 1000;
  int64_t now = env_.NowMillis();
  // Nothing changed in their record and nothing written in their conversations since the cut-off.
  ASSIGN_OR_RETURN(
      store::Rows due,
      db_.Read(
          "SELECT p.id, p.centre_id FROM person p JOIN retention_rule r ON r.centre_id = "
          "p.centre_id WHERE r.people_days > 0 AND p.shredded_at = 0 AND p.merged_into IS NULL AND "
          "p.updated_at < ? - "
          "r.people_days * ? AND NOT EXISTS (SELECT 1 FROM contact c JOIN conversation v ON "
          "v.contact_id = c.id WHERE c.person_id = p.id AND v.last_message_at >= ? - "
          "r.people_days * ?) ORDER BY p.updated_at LIMIT 100",
          {now, kDay, now, kDay}));
  auth::Principal retention;
  retention.user_id = "retention";
  int shredded = 0;
  for (const auto& r : due) {
    RETURN_IF_ERROR(Shred(retention, r.Text(1), r.Text(0), "retention"));
    ++shredded;
  }
  return shredded;
}

Result<int> People::SealClearRoutes() {
  // The tables that held routes in the clear, and the column naming each row's person.
  constexpr std::pair<const char*, const char*> kTables[] = {{"person", "id"},
                                                             {"profile_change", "person_id"}};
  int sealed = 0;
  for (const auto& [table, person_column] : kTables) {
    // Reads the partial index of clear routes (migration 23): empty once this has run.
    ASSIGN_OR_RETURN(
        store::Rows clear,
        db_.Read(std::string("SELECT t.id, p.id, p.centre_id, p.shredded_at, t.route FROM ") +
                     table + " t JOIN person p ON p.id = t." + person_column +
                     " WHERE t.route <> ''",
                 {}));
    for (const auto& r : clear) {
      // A shredded person's route is blanked, never sealed (the key store refuses them a key).
      store::Value route;
      if (r.Int(3) == 0) {
        Result<store::Value> sealed_route = SealRoute(keys_, r.Text(2), r.Text(1), r.Text(4));
        if (sealed_route.ok()) {
          route = std::move(*sealed_route);
        } else if (sealed_route.status().reason() != "shredded") {  // shredded just now: blank
          return sealed_route.status();
        }
      }
      RETURN_IF_ERROR(db_.Transact(store::Access::kWrite, [&](store::Conn& conn) {
        return conn
            .Exec(std::string("UPDATE ") + table +
                      " SET route = '', route_sealed = ? WHERE id = ? AND route <> ''",
                  {route, r.Text(0)})
            .status();
      }));
      ++sealed;
    }
  }
  return sealed;
}

}  // namespace serai::people
