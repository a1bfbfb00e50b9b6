// The service directory and referrals.
//
// A centre keeps a directory of partner organisations (legal aid, shelters, health, psychosocial
// support, livelihoods, ...) and their services (type, place, languages, eligibility, contact).
// Managers keep it; counsellors, managers and partners read it. Partner users answer for the
// organisations they are members of.
//
// A referral sends a person to a service, only with their consent for referral in force. Its
// status goes sent -> accepted or declined, accepted -> completed, each step with optional
// feedback. The counsellor's note to the partner and the feedback are sealed under the person's
// data key (unreadable once the person is shredded). With `share_identity`, the partner also sees
// the person's name and phone numbers, so that they can reach them; otherwise only their code.
//
// Partners see only the referrals addressed to their organisations (others are not found); staff
// of the centre see all of the centre's. Reading one referral is an audited read with its purpose.
//
// Thread-safe: all state is in the database and the key store.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/env.h"
#include "common/status.h"
#include "domain/auth/access.h"
#include "domain/keys/key_store.h"
#include "domain/page.h"
#include "store/db.h"

namespace serai::people {

const std::vector<std::string>& ServiceTypes();      // legal, shelter, health, ...
const std::vector<std::string>& ReferralStatuses();  // sent, accepted, declined, completed

struct Service {
  std::string id, org_id, type, place;
  std::vector<std::string> languages;  // language codes
  std::string eligibility, contact;
  bool active = true;
};

struct PartnerOrg {
  std::string id, name, place, contact;
  std::vector<Service> services;
  std::vector<std::string> member_ids;  // the partner users who answer for it
};

struct OrgInput {
  std::string name, place, contact;
};

struct ReferralSummary {
  std::string id, person_id, person_code, case_id, org_id, org_name, service_id, service_type;
  std::string status;
  bool share_identity = false;
  std::string created_by, updated_by;
  int64_t created_at = 0, updated_at = 0;
};

struct Referral {
  ReferralSummary summary;
  std::string note, feedback;
  // With share_identity: the person's name and phones, so the partner can reach them.
  std::string person_name;
  std::vector<std::string> person_phones;
};

struct NewReferral {
  std::string person_id, service_id, case_id, note;
  bool share_identity = false;
};

class Referrals {
 public:
  static constexpr size_t kMaxText = 2000, kMaxName = 200;

  Referrals(store::Db& db, keys::KeyStore& keys, Env& env) : db_(db), keys_(keys), env_(env) {}

  // The directory of a centre, organisations by name with their services.
  Result<std::vector<PartnerOrg>> Directory(const std::string& centre_id);
  Result<PartnerOrg> AddOrg(const auth::Principal& actor, const std::string& centre_id,
                            const OrgInput& input);
  Status UpdateOrg(const auth::Principal& actor, const std::string& centre_id,
                   const std::string& org_id, const OrgInput& input);
  Result<Service> AddService(const auth::Principal& actor, const std::string& centre_id,
                             Service service);
  Status UpdateService(const auth::Principal& actor, const std::string& centre_id, Service service);
  // Replaces the organisation's members: each must be a partner user of the centre.
  Status SetMembers(const auth::Principal& actor, const std::string& centre_id,
                    const std::string& org_id, std::vector<std::string> user_ids);

  Result<Referral> Refer(const auth::Principal& actor, const std::string& centre_id,
                         auth::Purpose purpose, NewReferral r);
  // Newest first; a partner sees those of their organisations only. `status` "" for all.
  Result<Page<ReferralSummary>> List(const auth::Principal& actor, const std::string& centre_id,
                                     const std::string& status, const std::string& person_id,
                                     int limit, const std::string& after_id);
  // An audited read; not found for a partner it is not addressed to.
  Result<Referral> Get(const auth::Principal& actor, const std::string& centre_id,
                       auth::Purpose purpose, const std::string& referral_id);
  // The next status (sent -> accepted | declined, accepted -> completed), with feedback ("" to
  // keep what there is). By the partner addressed, or by staff recording the partner's answer.
  Result<ReferralSummary> Answer(const auth::Principal& actor, const std::string& centre_id,
                                 const std::string& referral_id, const std::string& status,
                                 const std::string& feedback);

 private:
  // True when `actor` sees the centre's referrals as a partner only (not as its staff).
  static bool PartnerOnly(const auth::Principal& actor, const std::string& centre_id);
  static Result<store::Rows> FindOne(store::Conn& conn, const auth::Principal& actor,
                                     const std::string& centre_id, const std::string& referral_id,
                                     const char* more = "");
  Status CheckService(Service& s);

  store::Db& db_;
  keys::KeyStore& keys_;
  Env& env_;
};

}  // namespace serai::people
