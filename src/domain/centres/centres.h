// Centres: the Migrant Resource Centres an installation serves (country, city, languages, time
// zone).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/env.h"
#include "domain/auth/access.h"
#include "domain/page.h"
#include "store/db.h"

namespace serai::centres {

struct Centre {
  std::string id;
  std::string name;
  std::string country;  // ISO 3166-1 alpha-2, upper case ("AF")
  std::string city;
  std::vector<std::string> languages;  // language codes ("prs", "ps", "en")
  std::string time_zone;               // IANA name ("Asia/Kabul")
  int64_t created_at = 0;
  int64_t updated_at = 0;
  // A person who writes should have an answer within this time; later, their conversation is
  // overdue. 5 minutes to 7 days.
  int64_t response_target_minutes = 120;
};

struct CentreInput {
  std::string name, country, city, time_zone;
  std::vector<std::string> languages;
  int64_t response_target_minutes = 120;
};

struct CentrePatch {
  std::optional<std::string> name, city, time_zone;
  std::optional<std::vector<std::string>> languages;
  std::optional<int64_t> response_target_minutes;
};

// Domain rules for centres. Callers have passed the access check. Thread-safe.
class CentreService {
 public:
  CentreService(store::Db& db, Env& env) : db_(db), env_(env) {}

  Result<Centre> Create(const auth::Principal& actor, const CentreInput& input);
  // The centres `actor` holds a grant in (all of them for global grants), ordered by id.
  Result<Page<Centre>> List(const auth::Principal& actor, const std::string& cursor, int limit);
  Result<Centre> Get(const std::string& id);
  Result<Centre> Update(const auth::Principal& actor, const std::string& id,
                        const CentrePatch& patch);

 private:
  store::Db& db_;
  Env& env_;
};

Status ValidateCentre(const CentreInput& input);

}  // namespace serai::centres
