#include "domain/people/referrals.h"

#include <algorithm>

#include "common/ids.h"
#include "common/language_codes.h"
#include "common/lists.h"
#include "common/text.h"
#include "domain/audit/audit_log.h"
#include "domain/people/people.h"

namespace serai::people {
namespace {

constexpr char kNoteField[] = "referral_note", kFeedbackField[] = "referral_feedback";

Status CheckText(const std::string& text, size_t max, const char* reason, const char* what) {
  if (text.size() > max) {
    return InvalidArgument(reason, std::string(what) + ": at most " + std::to_string(max));
  }
  return Status::Ok();
}

Status CheckOrg(const OrgInput& in) {
  if (IsBlank(in.name)) return InvalidArgument("invalid_name", "an organisation needs a name");
  RETURN_IF_ERROR(CheckText(in.name, Referrals::kMaxName, "invalid_name", "name"));
  RETURN_IF_ERROR(CheckText(in.place, Referrals::kMaxName, "invalid_place", "place"));
  return CheckText(in.contact, Referrals::kMaxName, "invalid_contact", "contact");
}

audit::Event DirectoryEvent(const auth::Principal& actor, const std::string& centre_id,
                            std::string action, const std::string& org_id, std::string detail) {
  return {actor.user_id,       centre_id,        std::move(action),
          "partner/" + org_id, "administration", std::move(detail)};
}

// The organisation must be one of the centre's.
Status RequireOrg(store::Conn& conn, const std::string& centre_id, const std::string& org_id) {
  ASSIGN_OR_RETURN(
      store::Rows rows,
      conn.Query("SELECT 1 FROM partner_org WHERE id = ? AND centre_id = ?", {org_id, centre_id}));
  if (rows.empty()) return NotFound("no_such_partner", "there is no such partner here");
  return Status::Ok();
}

// What lists show of a referral (SummaryFrom reads them); a referral's own read adds kSealed.
constexpr char kSummaryColumns[] =
    "SELECT r.id, r.person_id, p.code, r.case_id, r.org_id, o.name, r.service_id, s.type, "
    "r.status, r.share_identity, r.created_by, r.updated_by, r.created_at, r.updated_at";
constexpr char kSealed[] = ", r.note_sealed, r.feedback_sealed, p.identity_sealed";
constexpr char kFrom[] =
    " FROM referral r JOIN person p ON p.id = r.person_id JOIN partner_org o ON o.id = r.org_id "
    "JOIN partner_service s ON s.id = r.service_id ";

ReferralSummary SummaryFrom(const store::Row& r) {
  return {r.Text(0), r.Text(1), r.Text(2),     r.Text(3),  r.Text(4),  r.Text(5), r.Text(6),
          r.Text(7), r.Text(8), r.Int(9) != 0, r.Text(10), r.Text(11), r.Int(12), r.Int(13)};
}

// A partner sees the referrals of the organisations they answer for.
constexpr char kPartnerScope[] =
    " AND r.org_id IN (SELECT org_id FROM partner_member WHERE user_id = ?)";

}  // namespace

const std::vector<std::string>& ServiceTypes() {
  static const std::vector<std::string> k = {
      "legal",     "shelter",       "health",    "psychosocial",   "livelihood",
      "education", "documentation", "financial", "family_tracing", "other"};
  return k;
}
const std::vector<std::string>& ReferralStatuses() {
  static const std::vector<std::string> k = {"sent", "accepted", "declined", "completed"};
  return k;
}

bool Referrals::PartnerOnly(const auth::Principal& actor, const std::string& centre_id) {
  return !actor.HasRole(auth::Role::kCounsellor, centre_id) &&
         !actor.HasRole(auth::Role::kManager, centre_id);
}

// The referral's row (the summary's columns, then `more`), if the actor may see it: staff any of
// the centre's, a partner those addressed to their organisations. Not found otherwise.
Result<store::Rows> Referrals::FindOne(store::Conn& conn, const auth::Principal& actor,
                                       const std::string& centre_id, const std::string& referral_id,
                                       const char* more) {
  std::string sql =
      std::string(kSummaryColumns) + more + kFrom + "WHERE r.id = ? AND r.centre_id = ?";
  store::Params params = {referral_id, centre_id};
  if (PartnerOnly(actor, centre_id)) {
    sql += kPartnerScope;
    params.emplace_back(actor.user_id);
  }
  ASSIGN_OR_RETURN(store::Rows rows, conn.Query(sql, params));
  if (rows.empty()) return NotFound("no_such_referral", "there is no such referral for you");
  return rows;
}

Status Referrals::CheckService(Service& s) {
  if (!IsOneOf(ServiceTypes(), s.type)) return InvalidArgument("invalid_type", "unknown type");
  RETURN_IF_ERROR(CheckText(s.place, kMaxName, "invalid_place", "place"));
  RETURN_IF_ERROR(CheckText(s.contact, kMaxName, "invalid_contact", "contact"));
  RETURN_IF_ERROR(CheckText(s.eligibility, kMaxText, "invalid_eligibility", "eligibility"));
  RETURN_IF_ERROR(CheckLanguageCodes(s.languages, 0));
  std::sort(s.languages.begin(), s.languages.end());
  s.languages.erase(std::unique(s.languages.begin(), s.languages.end()), s.languages.end());
  return Status::Ok();
}

Result<std::vector<PartnerOrg>> Referrals::Directory(const std::string& centre_id) {
  std::vector<PartnerOrg> out;
  RETURN_IF_ERROR(db_.Transact(store::Access::kRead, [&](store::Conn& conn) -> Status {
    out.clear();
    ASSIGN_OR_RETURN(store::Rows orgs,
                     conn.Query("SELECT id, name, place, contact FROM partner_org WHERE "
                                "centre_id = ? ORDER BY name, id",
                                {centre_id}));
    for (const auto& o : orgs) out.push_back({o.Text(0), o.Text(1), o.Text(2), o.Text(3), {}, {}});
    ASSIGN_OR_RETURN(store::Rows services,
                     conn.Query("SELECT s.id, s.org_id, s.type, s.place, s.languages, "
                                "s.eligibility, s.contact, s.active FROM partner_service s JOIN "
                                "partner_org o ON o.id = s.org_id WHERE o.centre_id = ? ORDER BY "
                                "s.type, s.id",
                                {centre_id}));
    ASSIGN_OR_RETURN(store::Rows members,
                     conn.Query("SELECT m.org_id, m.user_id FROM partner_member m JOIN "
                                "partner_org o ON o.id = m.org_id WHERE o.centre_id = ? ORDER BY "
                                "m.user_id",
                                {centre_id}));
    for (PartnerOrg& org : out) {
      for (const auto& s : services) {
        if (s.Text(1) != org.id) continue;
        org.services.push_back({s.Text(0), s.Text(1), s.Text(2), s.Text(3), SplitList(s.Text(4)),
                                s.Text(5), s.Text(6), s.Int(7) != 0});
      }
      for (const auto& m : members) {
        if (m.Text(0) == org.id) org.member_ids.push_back(m.Text(1));
      }
    }
    return Status::Ok();
  }));
  return out;
}

Result<PartnerOrg> Referrals::AddOrg(const auth::Principal& actor, const std::string& centre_id,
                                     const OrgInput& in) {
  RETURN_IF_ERROR(CheckOrg(in));
  int64_t now = env_.NowMillis();
  PartnerOrg org{NewId(env_), in.name, in.place, in.contact, {}, {}};
  RETURN_IF_ERROR(db_.Transact(store::Access::kWrite, [&](store::Conn& conn) -> Status {
    ASSIGN_OR_RETURN(store::Rows taken,
                     conn.Query("SELECT 1 FROM partner_org WHERE centre_id = ? AND name = ?",
                                {centre_id, in.name}));
    if (!taken.empty()) {
      return AlreadyExists("partner_exists", "the directory already has a partner of that name");
    }
    RETURN_IF_ERROR(
        conn.Exec("INSERT INTO partner_org (id, centre_id, name, place, contact, "
                  "created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                  {org.id, centre_id, in.name, in.place, in.contact, actor.user_id, now, now})
            .status());
    return audit::Record(conn, DirectoryEvent(actor, centre_id, "partner.create", org.id, ""), now);
  }));
  return org;
}

Status Referrals::UpdateOrg(const auth::Principal& actor, const std::string& centre_id,
                            const std::string& org_id, const OrgInput& in) {
  RETURN_IF_ERROR(CheckOrg(in));
  int64_t now = env_.NowMillis();
  return db_.Transact(store::Access::kWrite, [&](store::Conn& conn) -> Status {
    RETURN_IF_ERROR(RequireOrg(conn, centre_id, org_id));
    ASSIGN_OR_RETURN(store::Rows taken,
                     conn.Query("SELECT 1 FROM partner_org WHERE centre_id = ? AND name = ? AND "
                                "id <> ?",
                                {centre_id, in.name, org_id}));
    if (!taken.empty()) {
      return AlreadyExists("partner_exists", "the directory already has a partner of that name");
    }
    RETURN_IF_ERROR(conn.Exec("UPDATE partner_org SET name = ?, place = ?, contact = ?, "
                              "updated_at = ? WHERE id = ?",
                              {in.name, in.place, in.contact, now, org_id})
                        .status());
    return audit::Record(conn, DirectoryEvent(actor, centre_id, "partner.update", org_id, ""), now);
  });
}

Result<Service> Referrals::AddService(const auth::Principal& actor, const std::string& centre_id,
                                      Service s) {
  RETURN_IF_ERROR(CheckService(s));
  s.id = NewId(env_);
  s.active = true;
  int64_t now = env_.NowMillis();
  RETURN_IF_ERROR(db_.Transact(store::Access::kWrite, [&](store::Conn& conn) -> Status {
    RETURN_IF_ERROR(RequireOrg(conn, centre_id, s.org_id));
    RETURN_IF_ERROR(conn.Exec("INSERT INTO partner_service (id, org_id, type, place, languages, "
                              "eligibility, contact, active, created_at, updated_at) VALUES (?, ?, "
                              "?, ?, ?, ?, ?, 1, ?, ?)",
                              {s.id, s.org_id, s.type, s.place, JoinList(s.languages),
                               s.eligibility, s.contact, now, now})
                        .status());
    return audit::Record(
        conn, DirectoryEvent(actor, centre_id, "partner.service", s.org_id, "service/" + s.id),
        now);
  }));
  return s;
}

Status Referrals::UpdateService(const auth::Principal& actor, const std::string& centre_id,
                                Service s) {
  RETURN_IF_ERROR(CheckService(s));
  int64_t now = env_.NowMillis();
  return db_.Transact(store::Access::kWrite, [&](store::Conn& conn) -> Status {
    RETURN_IF_ERROR(RequireOrg(conn, centre_id, s.org_id));
    ASSIGN_OR_RETURN(
        int64_t changed,
        conn.Exec("UPDATE partner_service SET type = ?, place = ?, languages = ?, eligibility = "
                  "?, contact = ?, active = ?, updated_at = ? WHERE id = ? AND org_id = ?",
                  {s.type, s.place, JoinList(s.languages), s.eligibility, s.contact,
                   int64_t{s.active ? 1 : 0}, now, s.id, s.org_id}));
    if (changed == 0) return NotFound("no_such_service", "there is no such service here");
    return audit::Record(conn,
                         DirectoryEvent(actor, centre_id, "partner.service", s.org_id,
                                        "service/" + s.id + (s.active ? "" : " inactive")),
                         now);
  });
}

Status Referrals::SetMembers(const auth::Principal& actor, const std::string& centre_id,
                             const std::string& org_id, std::vector<std::string> user_ids) {
  std::sort(user_ids.begin(), user_ids.end());
  user_ids.erase(std::unique(user_ids.begin(), user_ids.end()), user_ids.end());
  int64_t now = env_.NowMillis();
  return db_.Transact(store::Access::kWrite, [&](store::Conn& conn) -> Status {
    RETURN_IF_ERROR(RequireOrg(conn, centre_id, org_id));
    for (const std::string& user : user_ids) {
      ASSIGN_OR_RETURN(store::Rows partner,
                       conn.Query("SELECT 1 FROM user_role r JOIN app_user u ON u.id = "
                                  "r.user_id WHERE r.user_id = ? AND r.centre_id = ? AND r.role = "
                                  "'partner' AND u.disabled = 0",
                                  {user, centre_id}));
      if (partner.empty()) {
        return InvalidArgument("invalid_member", "members must be partner users of this centre");
      }
    }
    RETURN_IF_ERROR(conn.Exec("DELETE FROM partner_member WHERE org_id = ?", {org_id}).status());
    for (const std::string& user : user_ids) {
      RETURN_IF_ERROR(
          conn.Exec("INSERT INTO partner_member (org_id, user_id) VALUES (?, ?)", {org_id, user})
              .status());
    }
    return audit::Record(conn,
                         DirectoryEvent(actor, centre_id, "partner.members", org_id,
                                        "members=" + std::to_string(user_ids.size())),
                         now);
  });
}

Result<Referral> Referrals::Refer(const auth::Principal& actor, const std::string& centre_id,
                                  auth::Purpose purpose, NewReferral nr) {
  RETURN_IF_ERROR(CheckText(nr.note, kMaxText, "invalid_note", "note"));
  int64_t now = env_.NowMillis();
  Referral out;
  RETURN_IF_ERROR(db_.Transact(store::Access::kWrite, [&](store::Conn& conn) -> Status {
    ASSIGN_OR_RETURN(std::string code, LivePersonCode(conn, centre_id, nr.person_id));
    // Only with the person's consent to be referred, in force now.
    ASSIGN_OR_RETURN(store::Rows consent,
                     conn.Query("SELECT 1 FROM consent WHERE person_id = ? AND purpose = "
                                "'referral' AND withdrawn_at = 0",
                                {nr.person_id}));
    if (consent.empty()) {
      return FailedPrecondition("no_consent", "record the person's consent to be referred first");
    }
    ASSIGN_OR_RETURN(store::Rows service,
                     conn.Query("SELECT s.org_id, o.name, s.type, s.active FROM partner_service "
                                "s JOIN partner_org o ON o.id = s.org_id WHERE s.id = ? AND "
                                "o.centre_id = ?",
                                {nr.service_id, centre_id}));
    if (service.empty()) return NotFound("no_such_service", "there is no such service here");
    if (service[0].Int(3) == 0) {
      return FailedPrecondition("service_inactive", "this service no longer takes referrals");
    }
    if (!nr.case_id.empty()) {
      ASSIGN_OR_RETURN(store::Rows c,
                       conn.Query("SELECT 1 FROM case_file WHERE id = ? AND person_id = ? AND "
                                  "centre_id = ?",
                                  {nr.case_id, nr.person_id, centre_id}));
      if (c.empty()) return NotFound("no_such_case", "there is no such case of this person");
    }
    out.summary = {NewId(env_),
                   nr.person_id,
                   code,
                   nr.case_id,
                   service[0].Text(0),
                   service[0].Text(1),
                   nr.service_id,
                   service[0].Text(2),
                   "sent",
                   nr.share_identity,
                   actor.user_id,
                   actor.user_id,
                   now,
                   now};
    out.note = nr.note;
    store::Value note;  // NULL without a note
    if (!nr.note.empty()) {
      ASSIGN_OR_RETURN(std::string sealed,
                       keys_.SealPersonField(centre_id, nr.person_id, kNoteField, nr.note));
      note = store::Blob{sealed};
    }
    RETURN_IF_ERROR(
        conn.Exec("INSERT INTO referral (id, centre_id, person_id, case_id, org_id, "
                  "service_id, status, share_identity, note_sealed, created_by, "
                  "created_at, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, "
                  "'sent', ?, ?, ?, ?, ?, ?)",
                  {out.summary.id, centre_id, nr.person_id, nr.case_id, out.summary.org_id,
                   nr.service_id, int64_t{nr.share_identity ? 1 : 0}, note, actor.user_id, now,
                   actor.user_id, now})
            .status());
    RETURN_IF_ERROR(TouchPerson(conn, nr.person_id, now));
    return audit::Record(
        conn,
        PersonEvent(actor, centre_id, "referral.send", nr.person_id, purpose,
                    "referral/" + out.summary.id + " partner/" + out.summary.org_id +
                        (nr.share_identity ? " identity shared" : "")),
        now);
  }));
  return out;
}

Result<Page<ReferralSummary>> Referrals::List(const auth::Principal& actor,
                                              const std::string& centre_id,
                                              const std::string& status,
                                              const std::string& person_id, int limit,
                                              const std::string& after_id) {
  std::string sql = std::string(kSummaryColumns) + kFrom + "WHERE r.centre_id = ?";
  store::Params params = {centre_id};
  if (PartnerOnly(actor, centre_id)) {
    sql += kPartnerScope;
    params.emplace_back(actor.user_id);
  }
  if (!status.empty()) {
    if (!IsOneOf(ReferralStatuses(), status)) {
      return InvalidArgument("invalid_status", "status: sent, accepted, declined or completed");
    }
    sql += " AND r.status = ?";
    params.emplace_back(status);
  }
  if (!person_id.empty()) {
    // The person's own, and those of the records merged into theirs (duplicates.h).
    sql += " AND r.person_id IN (SELECT id FROM person WHERE id = ? OR merged_into = ?)";
    params.emplace_back(person_id);
    params.emplace_back(person_id);
  }
  if (!after_id.empty()) {
    sql += " AND r.id < ?";
    params.emplace_back(after_id);
  }
  sql += " ORDER BY r.id DESC LIMIT ?";
  params.emplace_back(int64_t{limit} + 1);
  ASSIGN_OR_RETURN(store::Rows rows, db_.Read(sql, params));
  return PageOfRows(rows, limit, SummaryFrom);
}

Result<Referral> Referrals::Get(const auth::Principal& actor, const std::string& centre_id,
                                auth::Purpose purpose, const std::string& referral_id) {
  Referral out;
  audit::Event event =
      PersonEvent(actor, centre_id, "referral.read", "", purpose, "referral/" + referral_id);
  auto read = [&](store::Conn& conn) -> Status {
    out = {};
    ASSIGN_OR_RETURN(store::Rows rows, FindOne(conn, actor, centre_id, referral_id, kSealed));
    const store::Row& r = rows[0];
    out.summary = SummaryFrom(r);
    const std::string& person = out.summary.person_id;
    event.resource = "person/" + person;
    out.note = OpenSealed(keys_, centre_id, person, kNoteField, r, 14);
    out.feedback = OpenSealed(keys_, centre_id, person, kFeedbackField, r, 15);
    if (out.summary.share_identity && !r.IsNull(16)) {
      auto identity = OpenIdentity(keys_, centre_id, person, r.Text(16));
      if (identity.ok()) {
        out.person_name = identity->name.empty() ? identity->name_latin : identity->name;
        out.person_phones = identity->phones;
        event.detail += " identity";
      }
    }
    return Status::Ok();
  };
  RETURN_IF_ERROR(audit::AuditedRead(db_, read, event, env_.NowMillis()));
  return out;
}

Result<ReferralSummary> Referrals::Answer(const auth::Principal& actor,
                                          const std::string& centre_id,
                                          const std::string& referral_id, const std::string& status,
                                          const std::string& feedback) {
  if (!IsOneOf({"accepted", "declined", "completed"}, status)) {
    return InvalidArgument("invalid_status", "status: accepted, declined or completed");
  }
  RETURN_IF_ERROR(CheckText(feedback, kMaxText, "invalid_feedback", "feedback"));
  int64_t now = env_.NowMillis();
  ReferralSummary out;
  RETURN_IF_ERROR(db_.Transact(store::Access::kWrite, [&](store::Conn& conn) -> Status {
    ASSIGN_OR_RETURN(store::Rows rows, FindOne(conn, actor, centre_id, referral_id));
    out = SummaryFrom(rows[0]);
    bool next = (out.status == "sent" && status != "completed") ||
                (out.status == "accepted" && status == "completed");
    if (!next) {
      return FailedPrecondition("invalid_transition",
                                "a referral that is " + out.status + " cannot become " + status);
    }
    RETURN_IF_ERROR(LivePersonCode(conn, centre_id, out.person_id).status());
    std::string set = "status = ?, updated_by = ?, updated_at = ?";
    store::Params values = {status, actor.user_id, now};
    if (!feedback.empty()) {
      ASSIGN_OR_RETURN(std::string sealed,
                       keys_.SealPersonField(centre_id, out.person_id, kFeedbackField, feedback));
      set += ", feedback_sealed = ?";
      values.emplace_back(store::Blob{sealed});
    }
    values.emplace_back(referral_id);
    RETURN_IF_ERROR(conn.Exec("UPDATE referral SET " + set + " WHERE id = ?", values).status());
    out.status = status;
    out.updated_by = actor.user_id;
    out.updated_at = now;
    return audit::Record(conn,
                         PersonEvent(actor, centre_id, "referral." + status, out.person_id,
                                     auth::Purpose::kReferral, "referral/" + referral_id),
                         now);
  }));
  return out;
}

}  // namespace serai::people
