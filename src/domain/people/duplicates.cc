#include "domain/people/duplicates.h"

#include <algorithm>

#include "common/dates.h"
#include "common/ids.h"
#include "common/lists.h"
#include "domain/audit/audit_log.h"

namespace serai::people {
namespace {

constexpr char kMatchField[] = "match";
constexpr char kMergeField[] = "merge_added";
constexpr size_t kDigestBytes = 12;  // 96 bits: no two keys of a centre meet by chance
constexpr size_t kMaxFound = 20;
constexpr int64_t kMaxListed = 200;

Result<std::string> KeyDigest(keys::KeyStore& keys, const std::string& centre_id,
                              const std::string& key) {
  ASSIGN_OR_RETURN(std::string digest, keys.CentreDigest(centre_id, "duplicates", key));
  return digest.substr(0, kDigestBytes);
}

// The centre's live, unmerged records other than `self` that may be the same person, best first.
Result<std::vector<Candidate>> Find(store::Conn& conn, keys::KeyStore& keys,
                                    const std::string& centre_id, const std::string& self,
                                    const MatchProfile& profile, std::string_view today) {
  Status failed = Status::Ok();
  auto lookup = [&](const std::string& key) {
    std::vector<std::string> ids;
    auto digest = KeyDigest(keys, centre_id, key);
    if (!digest.ok()) {
      failed = digest.status();
      return ids;
    }
    auto rows = conn.Query(
        "SELECT k.person_id FROM person_key k JOIN person p ON p.id = k.person_id WHERE k.digest "
        "= ? AND p.centre_id = ? AND p.merged_into IS NULL AND p.shredded_at = 0 AND p.id <> ? "
        "ORDER BY k.person_id DESC LIMIT ?",
        {store::Blob{*digest}, centre_id, self, static_cast<int64_t>(kPerKey)});
    if (!rows.ok()) {
      failed = rows.status();
      return ids;
    }
    for (const auto& r : *rows) ids.push_back(r.Text(0));
    return ids;
  };
  auto load = [&](const std::string& id) -> std::optional<MatchProfile> {
    auto rows = conn.Query("SELECT match_sealed FROM person WHERE id = ?", {id});
    if (!rows.ok() || rows->empty()) return std::nullopt;
    std::string text = OpenSealed(keys, centre_id, id, kMatchField, (*rows)[0], 0);
    Json j = Json::parse(text, nullptr, false);
    if (!j.is_object()) return std::nullopt;
    return MatchProfileFrom(j);
  };
  std::vector<Candidate> found = FindCandidates(profile, today, lookup, load);
  RETURN_IF_ERROR(failed);
  if (found.size() > kMaxFound) found.resize(kMaxFound);
  return found;
}

Result<std::vector<PossibleDuplicate>> WithCodes(store::Conn& conn,
                                                 std::vector<Candidate> candidates) {
  std::vector<PossibleDuplicate> out;
  for (Candidate& c : candidates) {
    ASSIGN_OR_RETURN(store::Rows rows,
                     conn.Query("SELECT code FROM person WHERE id = ?", {c.person_id}));
    if (rows.empty()) continue;
    out.push_back(
        {std::move(c.person_id), rows[0].Text(0), c.score.score, std::move(c.score.reasons)});
  }
  return out;
}

constexpr char kPairColumns[] =
    "d.id, d.person_a, pa.code, d.person_b, pb.code, d.score_tenths, d.reasons, d.status, "
    "d.found_at, d.decided_by, d.decided_at, (SELECT m.id FROM person_merge m WHERE m.pair_id = "
    "d.id AND m.undone_at = 0) FROM duplicate_pair d JOIN person pa ON pa.id = d.person_a JOIN "
    "person pb ON pb.id = d.person_b";

DuplicatePair PairFrom(const store::Row& r) {
  DuplicatePair p;
  p.id = r.Text(0);
  p.a = {r.Text(1), r.Text(2), {}};
  p.b = {r.Text(3), r.Text(4), {}};
  p.score = static_cast<double>(r.Int(5)) / 10.0;
  p.reasons = SplitList(r.Text(6));
  p.status = r.Text(7);
  p.found_at = r.Int(8);
  p.decided_by = r.Text(9);
  p.decided_at = r.Int(10);
  p.merge_id = r.IsNull(11) ? "" : r.Text(11);
  return p;
}

Result<DuplicatePair> PairIn(store::Conn& conn, const std::string& centre_id,
                             const std::string& pair_id) {
  ASSIGN_OR_RETURN(store::Rows rows, conn.Query(std::string("SELECT ") + kPairColumns +
                                                    " WHERE d.id = ? AND d.centre_id = ?",
                                                {pair_id, centre_id}));
  if (rows.empty()) return NotFound("no_such_pair", "there is no such pair here");
  return PairFrom(rows[0]);
}

// A record a merge may touch: live, not merged into another.
Status CheckMergeable(store::Conn& conn, const std::string& person_id) {
  ASSIGN_OR_RETURN(
      store::Rows rows,
      conn.Query("SELECT shredded_at, merged_into FROM person WHERE id = ?", {person_id}));
  if (rows.empty()) return NotFound("no_such_person", "there is no such person here");
  if (rows[0].Int(0) != 0) {
    return FailedPrecondition("shredded", "this person's data was destroyed");
  }
  if (!rows[0].IsNull(1)) {
    return FailedPrecondition("already_merged", "this record was already merged into another");
  }
  return Status::Ok();
}

Result<Identity> IdentityOf(store::Conn& conn, keys::KeyStore& keys, const std::string& centre_id,
                            const std::string& person_id) {
  ASSIGN_OR_RETURN(store::Rows rows,
                   conn.Query("SELECT identity_sealed FROM person WHERE id = ?", {person_id}));
  if (rows.empty() || rows[0].IsNull(0)) {
    return FailedPrecondition("shredded", "this person's data was destroyed");
  }
  return OpenIdentity(keys, centre_id, person_id, rows[0].Text(0));
}

void AddMissing(std::string& kept, std::string& added, const std::string& other) {
  if (kept.empty() && !other.empty()) kept = added = other;
}

// The kept identity with what only the merged one had; `added` says what that was.
Identity Combined(Identity kept, const Identity& merged, Identity& added) {
  AddMissing(kept.name, added.name, merged.name);
  AddMissing(kept.name_latin, added.name_latin, merged.name_latin);
  if (kept.birth_date.empty() && kept.age_band.empty()) {
    AddMissing(kept.birth_date, added.birth_date, merged.birth_date);
    AddMissing(kept.age_band, added.age_band, merged.age_band);
  }
  AddMissing(kept.sex, added.sex, merged.sex);
  AddMissing(kept.nationality, added.nationality, merged.nationality);
  for (const std::string& phone : merged.phones) {
    if (kept.phones.size() < 5 && !IsOneOf(kept.phones, phone)) {
      kept.phones.push_back(phone);
      added.phones.push_back(phone);
    }
  }
  for (const Document& d : merged.documents) {
    bool has = std::any_of(kept.documents.begin(), kept.documents.end(), [&](const Document& k) {
      return k.type == d.type && k.number == d.number;
    });
    if (kept.documents.size() < 5 && !has) {
      kept.documents.push_back(d);
      added.documents.push_back(d);
    }
  }
  return kept;
}

void TakeBack(std::string& field, const std::string& added) {
  if (!added.empty() && field == added) field.clear();
}

// The kept identity without what a merge added, where it is still as the merge left it.
Identity WithoutAdded(Identity kept, const Identity& added) {
  TakeBack(kept.name, added.name);
  TakeBack(kept.name_latin, added.name_latin);
  TakeBack(kept.birth_date, added.birth_date);
  TakeBack(kept.age_band, added.age_band);
  TakeBack(kept.sex, added.sex);
  TakeBack(kept.nationality, added.nationality);
  std::erase_if(kept.phones, [&](const std::string& p) { return IsOneOf(added.phones, p); });
  std::erase_if(kept.documents, [&](const Document& d) {
    return std::any_of(added.documents.begin(), added.documents.end(),
                       [&](const Document& a) { return a.type == d.type && a.number == d.number; });
  });
  return kept;
}

// Seals and stores a person's identity and indexes it again.
Status WriteIdentity(store::Conn& conn, keys::KeyStore& keys, Env& env,
                     const std::string& centre_id, const std::string& person_id,
                     const Identity& identity, int64_t now) {
  ASSIGN_OR_RETURN(std::string sealed, SealIdentity(keys, centre_id, person_id, identity));
  RETURN_IF_ERROR(conn.Exec("UPDATE person SET identity_sealed = ?, updated_at = ? WHERE id = ?",
                            {store::Blob{sealed}, now, person_id})
                      .status());
  return IndexPerson(conn, keys, env, centre_id, person_id, identity, now).status();
}

}  // namespace

Result<std::vector<PossibleDuplicate>> IndexPerson(store::Conn& conn, keys::KeyStore& keys,
                                                   Env& env, const std::string& centre_id,
                                                   const std::string& person_id,
                                                   const Identity& identity, int64_t now) {
  MatchProfile profile = ProfileOf(identity);
  ASSIGN_OR_RETURN(std::string sealed, keys.SealPersonField(centre_id, person_id, kMatchField,
                                                            MatchProfileJson(profile).dump()));
  RETURN_IF_ERROR(conn.Exec("UPDATE person SET match_sealed = ?, match_version = ? WHERE id = ?",
                            {store::Blob{sealed}, int64_t{kMatchVersion}, person_id})
                      .status());
  RETURN_IF_ERROR(conn.Exec("DELETE FROM person_key WHERE person_id = ?", {person_id}).status());
  for (const std::string& key : IndexKeys(profile)) {
    ASSIGN_OR_RETURN(std::string digest, KeyDigest(keys, centre_id, key));
    RETURN_IF_ERROR(conn.Exec("INSERT INTO person_key (digest, person_id) VALUES (?, ?) ON "
                              "CONFLICT DO NOTHING",
                              {store::Blob{digest}, person_id})
                        .status());
  }
  ASSIGN_OR_RETURN(std::vector<Candidate> found,
                   Find(conn, keys, centre_id, person_id, profile, DateText(DayOf(now))));
  // The record changed: its open pairs are those found now; decided pairs stay decided.
  RETURN_IF_ERROR(conn.Exec("DELETE FROM duplicate_pair WHERE status = 'open' AND (person_a = ? "
                            "OR person_b = ?)",
                            {person_id, person_id})
                      .status());
  for (const Candidate& c : found) {
    auto [a, b] = std::minmax(person_id, c.person_id);
    RETURN_IF_ERROR(
        conn.Exec("INSERT INTO duplicate_pair (id, centre_id, person_a, person_b, "
                  "score_tenths, reasons, found_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON "
                  "CONFLICT (person_a, person_b) DO NOTHING",
                  {NewId(env), centre_id, a, b, static_cast<int64_t>(c.score.score * 10.0 + 0.5),
                   JoinList(c.score.reasons), now})
            .status());
  }
  return WithCodes(conn, std::move(found));
}

Result<std::vector<PossibleDuplicate>> Duplicates::Check(const std::string& centre_id,
                                                         Identity identity) {
  int64_t now = env_.NowMillis();
  std::vector<PossibleDuplicate> out;
  RETURN_IF_ERROR(db_.Transact(store::Access::kRead, [&](store::Conn& conn) -> Status {
    RETURN_IF_ERROR(CheckIdentity(conn, centre_id, identity, now));
    ASSIGN_OR_RETURN(std::vector<Candidate> found,
                     Find(conn, keys_, centre_id, "", ProfileOf(identity), DateText(DayOf(now))));
    ASSIGN_OR_RETURN(out, WithCodes(conn, std::move(found)));
    return Status::Ok();
  }));
  return out;
}

Result<std::vector<DuplicatePair>> Duplicates::List(const std::string& centre_id,
                                                    const std::string& status) {
  if (!IsOneOf({"open", "dismissed", "merged"}, status)) {
    return InvalidArgument("invalid_status", "status must be open, dismissed or merged");
  }
  std::string sql = std::string("SELECT ") + kPairColumns +
                    " WHERE d.centre_id = ? AND d.status = ? AND pa.shredded_at = 0 AND "
                    "pb.shredded_at = 0";
  if (status != "merged") sql += " AND pa.merged_into IS NULL AND pb.merged_into IS NULL";
  sql += " ORDER BY d.score_tenths DESC, d.id LIMIT ?";
  ASSIGN_OR_RETURN(store::Rows rows, db_.Read(sql, {centre_id, status, kMaxListed}));
  std::vector<DuplicatePair> out;
  for (const auto& r : rows) out.push_back(PairFrom(r));
  return out;
}

Result<DuplicatePair> Duplicates::Get(const auth::Principal& actor, const std::string& centre_id,
                                      auth::Purpose purpose, const std::string& pair_id) {
  DuplicatePair out;
  audit::Event first =
      PersonEvent(actor, centre_id, "person.read", "", purpose, "duplicate/" + pair_id);
  auto read = [&](store::Conn& conn) -> Status {
    ASSIGN_OR_RETURN(out, PairIn(conn, centre_id, pair_id));
    for (PairSide* side : {&out.a, &out.b}) {
      auto identity = IdentityOf(conn, keys_, centre_id, side->id);
      if (identity.ok()) side->identity = std::move(*identity);  // else shredded: nothing
    }
    first.resource = "person/" + out.a.id;
    return Status::Ok();
  };
  int64_t now = env_.NowMillis();
  RETURN_IF_ERROR(audit::AuditedRead(db_, read, first, now));
  RETURN_IF_ERROR(db_.Transact(store::Access::kWrite, [&](store::Conn& conn) {
    return audit::Record(
        conn,
        PersonEvent(actor, centre_id, "person.read", out.b.id, purpose, "duplicate/" + pair_id),
        now);
  }));
  return out;
}

Status Duplicates::Dismiss(const auth::Principal& actor, const std::string& centre_id,
                           const std::string& pair_id) {
  int64_t now = env_.NowMillis();
  return db_.Transact(store::Access::kWrite, [&](store::Conn& conn) -> Status {
    ASSIGN_OR_RETURN(DuplicatePair pair, PairIn(conn, centre_id, pair_id));
    if (pair.status != "open") return FailedPrecondition("not_open", "this pair was decided");
    RETURN_IF_ERROR(conn.Exec("UPDATE duplicate_pair SET status = 'dismissed', decided_by = ?, "
                              "decided_at = ? WHERE id = ?",
                              {actor.user_id, now, pair_id})
                        .status());
    for (const PairSide* side : {&pair.a, &pair.b}) {
      RETURN_IF_ERROR(
          audit::Record(conn,
                        PersonEvent(actor, centre_id, "duplicate.dismiss", side->id,
                                    auth::Purpose::kCounselling, "duplicate/" + pair_id),
                        now));
    }
    return Status::Ok();
  });
}

Result<MergeRecord> Duplicates::Merge(const auth::Principal& actor, const std::string& centre_id,
                                      const std::string& pair_id, const std::string& keep_id) {
  int64_t now = env_.NowMillis();
  MergeRecord out;
  RETURN_IF_ERROR(db_.Transact(store::Access::kWrite, [&](store::Conn& conn) -> Status {
    ASSIGN_OR_RETURN(DuplicatePair pair, PairIn(conn, centre_id, pair_id));
    if (pair.status != "open") return FailedPrecondition("not_open", "this pair was decided");
    if (keep_id != pair.a.id && keep_id != pair.b.id) {
      return InvalidArgument("invalid_keep", "keep must be one of the pair");
    }
    const std::string& merged_id = keep_id == pair.a.id ? pair.b.id : pair.a.id;
    RETURN_IF_ERROR(CheckMergeable(conn, keep_id));
    RETURN_IF_ERROR(CheckMergeable(conn, merged_id));
    ASSIGN_OR_RETURN(store::Rows into_merged,
                     conn.Query("SELECT 1 FROM person WHERE merged_into = ?", {merged_id}));
    if (!into_merged.empty()) {
      return FailedPrecondition("has_merged_records",
                                "other records were merged into this one: keep it instead");
    }
    ASSIGN_OR_RETURN(Identity kept, IdentityOf(conn, keys_, centre_id, keep_id));
    ASSIGN_OR_RETURN(Identity merged, IdentityOf(conn, keys_, centre_id, merged_id));
    Identity added;
    Identity combined = Combined(std::move(kept), merged, added);
    ASSIGN_OR_RETURN(
        std::string added_sealed,
        keys_.SealPersonField(centre_id, keep_id, kMergeField, IdentityJson(added).dump()));
    // Decided and merged first, so that indexing the kept record neither finds the merged one
    // again nor takes the pair for one of its open pairs.
    RETURN_IF_ERROR(conn.Exec("UPDATE duplicate_pair SET status = 'merged', decided_by = ?, "
                              "decided_at = ? WHERE id = ?",
                              {actor.user_id, now, pair_id})
                        .status());
    RETURN_IF_ERROR(conn.Exec("UPDATE person SET merged_into = ?, updated_at = ? WHERE id = ?",
                              {keep_id, now, merged_id})
                        .status());
    RETURN_IF_ERROR(WriteIdentity(conn, keys_, env_, centre_id, keep_id, combined, now));
    ASSIGN_OR_RETURN(store::Rows contacts,
                     conn.Query("SELECT id FROM contact WHERE person_id = ? AND centre_id = ?",
                                {merged_id, centre_id}));
    std::vector<std::string> moved;
    for (const auto& r : contacts) moved.push_back(r.Text(0));
    RETURN_IF_ERROR(conn.Exec("UPDATE contact SET person_id = ? WHERE person_id = ? AND "
                              "centre_id = ?",
                              {keep_id, merged_id, centre_id})
                        .status());
    out = {NewId(env_), pair_id, keep_id, merged_id, actor.user_id, now};
    RETURN_IF_ERROR(conn.Exec("INSERT INTO person_merge (id, centre_id, pair_id, kept_id, "
                              "merged_id, contacts, added_sealed, merged_by, merged_at) VALUES "
                              "(?, ?, ?, ?, ?, ?, ?, ?, ?)",
                              {out.id, centre_id, pair_id, keep_id, merged_id, JoinList(moved),
                               store::Blob{added_sealed}, actor.user_id, now})
                        .status());
    for (const std::string* id : {&keep_id, &merged_id}) {
      RETURN_IF_ERROR(audit::Record(
          conn,
          PersonEvent(actor, centre_id, "person.merge", *id, auth::Purpose::kCounselling,
                      "merge/" + out.id + " kept=" + keep_id + " merged=" + merged_id +
                          " contacts=" + std::to_string(moved.size())),
          now));
    }
    return Status::Ok();
  }));
  return out;
}

Status Duplicates::Undo(const auth::Principal& actor, const std::string& centre_id,
                        const std::string& merge_id) {
  int64_t now = env_.NowMillis();
  return db_.Transact(store::Access::kWrite, [&](store::Conn& conn) -> Status {
    ASSIGN_OR_RETURN(store::Rows rows,
                     conn.Query("SELECT pair_id, kept_id, merged_id, contacts, added_sealed, "
                                "undone_at FROM person_merge WHERE id = ? AND centre_id = ?",
                                {merge_id, centre_id}));
    if (rows.empty()) return NotFound("no_such_merge", "there is no such merge here");
    if (rows[0].Int(5) != 0) return FailedPrecondition("undone", "this merge was undone");
    std::string pair_id = rows[0].Text(0), kept_id = rows[0].Text(1), merged_id = rows[0].Text(2);
    RETURN_IF_ERROR(LivePersonCode(conn, centre_id, kept_id).status());
    ASSIGN_OR_RETURN(Identity kept, IdentityOf(conn, keys_, centre_id, kept_id));
    ASSIGN_OR_RETURN(std::string added_text,
                     keys_.OpenPersonField(centre_id, kept_id, kMergeField, rows[0].Text(4)));
    ASSIGN_OR_RETURN(Identity added, IdentityFromJson(added_text));
    RETURN_IF_ERROR(conn.Exec("UPDATE person SET merged_into = NULL, updated_at = ? WHERE id = ?",
                              {now, merged_id})
                        .status());
    RETURN_IF_ERROR(WriteIdentity(conn, keys_, env_, centre_id, kept_id,
                                  WithoutAdded(std::move(kept), added), now));
    for (const std::string& contact : SplitList(rows[0].Text(3))) {
      RETURN_IF_ERROR(conn.Exec("UPDATE contact SET person_id = ? WHERE id = ? AND person_id = ?",
                                {merged_id, contact, kept_id})
                          .status());
    }
    RETURN_IF_ERROR(conn.Exec("UPDATE duplicate_pair SET status = 'open', decided_by = '', "
                              "decided_at = 0 WHERE id = ?",
                              {pair_id})
                        .status());
    RETURN_IF_ERROR(conn.Exec("UPDATE person_merge SET undone_by = ?, undone_at = ? WHERE id = ?",
                              {actor.user_id, now, merge_id})
                        .status());
    for (const std::string* id : {&kept_id, &merged_id}) {
      RETURN_IF_ERROR(audit::Record(conn,
                                    PersonEvent(actor, centre_id, "person.unmerge", *id,
                                                auth::Purpose::kCounselling, "merge/" + merge_id),
                                    now));
    }
    return Status::Ok();
  });
}

Result<int> Duplicates::IndexPending() {
  ASSIGN_OR_RETURN(store::Rows due,
                   db_.Read("SELECT id, centre_id, identity_sealed FROM person WHERE "
                            "match_version < ? AND shredded_at = 0 AND identity_sealed IS NOT "
                            "NULL ORDER BY id LIMIT 200",
                            {int64_t{kMatchVersion}}));
  int indexed = 0;
  for (const auto& r : due) {
    std::string id = r.Text(0), centre_id = r.Text(1);
    int64_t now = env_.NowMillis();
    auto identity = OpenIdentity(keys_, centre_id, id, r.Text(2));
    if (!identity.ok()) {  // shredded meanwhile: nothing to index, and not to be looked at again
      RETURN_IF_ERROR(db_.Transact(store::Access::kWrite, [&](store::Conn& conn) {
        return conn
            .Exec("UPDATE person SET match_version = ? WHERE id = ?", {int64_t{kMatchVersion}, id})
            .status();
      }));
      continue;
    }
    RETURN_IF_ERROR(db_.Transact(store::Access::kWrite, [&](store::Conn& conn) {
      return IndexPerson(conn, keys_, env_, centre_id, id, *identity, now).status();
    }));
    ++indexed;
  }
  return indexed;
}

}  // namespace serai::people
