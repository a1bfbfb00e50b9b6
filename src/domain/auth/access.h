// The one access check: role x centre x purpose, for every action the API offers.
//
// Every route declares an Action and a Purpose; the API layer calls CheckAccess before any handler
// runs, and the handler never sees a request that failed it. A grant for centre "*" covers every
// centre (global administrators and auditors).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace serai::auth {

enum class Role {
  kAdmin,
  kManager,
  kCounsellor,
  kOutreach,
  kMeOfficer,
  kEditor,
  kPartner,
  kRegistrar,
  kAuditor,
};

std::string_view RoleName(Role role);
std::optional<Role> ParseRole(std::string_view name);
const std::vector<Role>& AllRoles();

// Why personal data is being touched; recorded in the audit log with every access.
enum class Purpose {
  kSelfService,
  kAdministration,
  kSupervision,
  kAudit,
  kCounselling,
  kReferral,
  kFollowUp,
  kStatistics,
};

std::string_view PurposeName(Purpose purpose);
std::optional<Purpose> ParsePurpose(std::string_view name);

enum class Action {
  kPublic,        // no sign-in (health, sign-in itself, the API description)
  kSelf,          // the signed-in user's own account, sessions and tokens
  kCentreList,    // list the centres one may see (filtered by grants)
  kCentreRead,    // one centre
  kCentreCreate,  // new centres (global administrators)
  kCentreUpdate,
  kUserRead,      // staff accounts of a centre (personal data of staff)
  kUserAdmin,     // create, change, disable staff accounts, revoke their sessions
  kAuditRead,     // the audit log of a centre
  kChannelRead,   // a centre's channel accounts (no secrets)
  kChannelAdmin,  // add and change channel accounts
  kInboxRead,     // conversations and messages of a centre (personal data)
  kInboxReply,    // reply to a conversation of a centre
  kInboxSetup,    // change a centre's canned replies (no personal data)
  kCannedRead,    // read them: those who keep them and those who use them
  // The knowledge base is shared by every centre: a role in any centre is enough.
  kKbRead,    // articles in every status
  kKbEdit,    // write and translate articles, send them for review
  kKbReview,  // publish or archive a translation someone else wrote
  // People behind conversations (people/people.h).
  kPeopleList,   // codes and migration profiles: no identifying field
  kPeopleRead,   // one person's identifying fields (audited)
  kPeopleWrite,  // create people, change their identity, consent and profile
  kPeopleShred,  // destroy a person's data key
  kPeopleMerge,  // merge two records of one person (and undo it), or dismiss a pair
  // Cases (people/cases.h).
  kCaseRead,   // lists of cases; one case's notes and tasks (audited)
  kCaseWrite,  // open cases, change them, add notes and tasks, attach conversations
  // The service directory and referrals (people/referrals.h).
  kDirectoryRead,   // partner organisations and their services (no personal data)
  kDirectoryEdit,   // keep the directory and who answers for each partner
  kReferralRead,    // referrals (partners: those addressed to them); one is an audited read
  kReferralSend,    // refer a person to a service (with their consent)
  kReferralAnswer,  // accept, decline, complete, with feedback
  // Reintegration monitoring (people/reintegration.h); its work on a case is kCaseRead/kCaseWrite.
  kReintegrationSetup,  // a centre's follow-up intervals and set-back rules
  kSetbackQueue,        // the supervisors' queue of set-backs, and resolving them
};

std::string_view ActionName(Action action);

inline constexpr std::string_view kAllCentres = "*";

struct Grant {
  std::string centre_id;  // a centre id, or kAllCentres
  Role role;
};

struct Principal {
  std::string user_id;
  std::string display_name;
  std::string locale;
  std::vector<Grant> grants;
  bool mfa_ok = false;     // second factor done, or not required for this user
  bool via_token = false;  // API token (machines): no cookie, no CSRF check
  std::string csrf_token;

  bool HasRole(Role role, std::string_view centre_id) const;
  bool HasAnyRoleIn(std::string_view centre_id) const;
  bool SeesAllCentres() const;
  // Roles that must use a second factor.
  bool RequiresMfa() const;
};

// OK when `principal` may perform `action` on `centre_id` ("" for actions not about one centre) for
// `purpose`. PermissionDenied otherwise, with reason "totp_required" when only the second factor is
// missing. Pure; thread-safe.
Status CheckAccess(const Principal& principal, Action action, std::string_view centre_id,
                   Purpose purpose);

}  // namespace serai::auth
