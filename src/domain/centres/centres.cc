#include "domain/centres/centres.h"

#include <algorithm>
#include <cctype>

#include "common/ids.h"
#include "common/language_codes.h"
#include "common/lists.h"
#include "domain/audit/audit_log.h"

namespace serai::centres {
namespace {

constexpr char kColumns[] =
    "id, name, country, city, languages, time_zone, created_at, updated_at, "
    "response_target_minutes";

Centre FromRow(const store::Row& r) {
  return {r.Text(0), r.Text(1), r.Text(2), r.Text(3), SplitList(r.Text(4)),
          r.Text(5), r.Int(6),  r.Int(7),  r.Int(8)};
}

bool IsTimeZone(const std::string& tz) {
  if (tz.empty() || tz.size() > 64 || tz.find('/') == std::string::npos) return tz == "UTC";
  return std::all_of(tz.begin(), tz.end(), [](unsigned char c) {
    return std::isalnum(c) || c == '/' || c == '_' || c == '-' || c == '+';
  });
}

Status ValidateParts(const std::optional<std::string>& name, const std::optional<std::string>& city,
                     const std::optional<std::string>& tz,
                     const std::optional<std::vector<std::string>>& languages,
                     std::optional<int64_t> response_target_minutes) {
  if (response_target_minutes &&
      (*response_target_minutes < 5 || *response_target_minutes > 7 * 24 * 60)) {
    return InvalidArgument("invalid_response_target", "a response target is 5 minutes to 7 days");
  }
  if (name && (name->empty() || name->size() > 120)) {
    return InvalidArgument("invalid_name", "a centre name is 1 to 120 bytes");
  }
  if (city && (city->empty() || city->size() > 120)) {
    return InvalidArgument("invalid_city", "a city is 1 to 120 bytes");
  }
  if (tz && !IsTimeZone(*tz)) {
    return InvalidArgument("invalid_time_zone", "use an IANA time zone such as Asia/Kabul");
  }
  if (languages) RETURN_IF_ERROR(CheckLanguageCodes(*languages, 1));
  return Status::Ok();
}

}  // namespace

Status ValidateCentre(const CentreInput& in) {
  if (!IsCountryCode(in.country)) {
    return InvalidArgument("invalid_country", "country is an ISO 3166-1 alpha-2 code such as AF");
  }
  return ValidateParts(in.name, in.city, in.time_zone, in.languages, in.response_target_minutes);
}

Result<Centre> CentreService::Create(const auth::Principal& actor, const CentreInput& in) {
  RETURN_IF_ERROR(ValidateCentre(in));
  int64_t now = env_.NowMillis();
  Centre c{NewId(env_), in.name,      in.country,
           in.city,     in.languages, in.time_zone,
           now,         now,          in.response_target_minutes};
  RETURN_IF_ERROR(db_.Transact(store::Access::kWrite, [&](store::Conn& conn) -> Status {
    RETURN_IF_ERROR(conn.Exec("INSERT INTO centre (id, name, country, city, languages, time_zone, "
                              "created_at, updated_at, response_target_minutes) VALUES (?, ?, ?, "
                              "?, ?, ?, ?, ?, ?)",
                              {c.id, c.name, c.country, c.city, JoinList(c.languages), c.time_zone,
                               now, now, c.response_target_minutes})
                        .status());
    return audit::Record(
        conn, {actor.user_id, c.id, "centre.create", "centre/" + c.id, "administration", ""}, now);
  }));
  return c;
}

Result<Page<Centre>> CentreService::List(const auth::Principal& actor, const std::string& cursor,
                                         int limit) {
  std::string sql = std::string("SELECT ") + kColumns + " FROM centre WHERE id > ?";
  store::Params params = {cursor};
  if (!actor.SeesAllCentres()) {
    sql += " AND id IN (SELECT centre_id FROM user_role WHERE user_id = ?)";
    params.emplace_back(actor.user_id);
  }
  sql += " ORDER BY id LIMIT ?";
  params.emplace_back(int64_t{limit + 1});
  ASSIGN_OR_RETURN(store::Rows rows, db_.Read(sql, params));
  return PageOfRows(rows, limit, FromRow);
}

Result<Centre> CentreService::Get(const std::string& id) {
  ASSIGN_OR_RETURN(store::Rows rows,
                   db_.Read(std::string("SELECT ") + kColumns + " FROM centre WHERE id = ?", {id}));
  if (rows.empty()) return NotFound("no_such_centre", "there is no such centre");
  return FromRow(rows[0]);
}

Result<Centre> CentreService::Update(const auth::Principal& actor, const std::string& id,
                                     const CentrePatch& patch) {
  RETURN_IF_ERROR(ValidateParts(patch.name, patch.city, patch.time_zone, patch.languages,
                                patch.response_target_minutes));
  Centre c;
  RETURN_IF_ERROR(db_.Transact(store::Access::kWrite, [&](store::Conn& conn) -> Status {
    ASSIGN_OR_RETURN(
        store::Rows rows,
        conn.Query(std::string("SELECT ") + kColumns + " FROM centre WHERE id = ?", {id}));
    if (rows.empty()) return NotFound("no_such_centre", "there is no such centre");
    c = FromRow(rows[0]);
    std::string changed;
    auto apply = [&](auto& field, const auto& value, const char* name) {
      if (value) {
        field = *value;
        changed += (changed.empty() ? "" : ",") + std::string(name);
      }
    };
    apply(c.name, patch.name, "name");
    apply(c.city, patch.city, "city");
    apply(c.time_zone, patch.time_zone, "time_zone");
    apply(c.languages, patch.languages, "languages");
    apply(c.response_target_minutes, patch.response_target_minutes, "response_target_minutes");
    c.updated_at = env_.NowMillis();
    RETURN_IF_ERROR(conn.Exec("UPDATE centre SET name = ?, city = ?, time_zone = ?, languages = ?, "
                              "response_target_minutes = ?, updated_at = ? WHERE id = ?",
                              {c.name, c.city, c.time_zone, JoinList(c.languages),
                               c.response_target_minutes, c.updated_at, id})
                        .status());
    return audit::Record(
        conn, {actor.user_id, id, "centre.update", "centre/" + id, "administration", changed},
        c.updated_at);
  }));
  return c;
}

}  // namespace serai::centres
