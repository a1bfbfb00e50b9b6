#include "domain/auth/access.h"

#include <algorithm>
#include <array>
#include <initializer_list>

#include "common/name_table.h"

namespace serai::auth {
namespace {

constexpr NameTable<Role, 9> kRoleNames = {{
    {Role::kAdmin, "admin"},
    {Role::kManager, "manager"},
    {Role::kCounsellor, "counsellor"},
    {Role::kOutreach, "outreach"},
    {Role::kMeOfficer, "me_officer"},
    {Role::kEditor, "editor"},
    {Role::kPartner, "partner"},
    {Role::kRegistrar, "registrar"},
    {Role::kAuditor, "auditor"},
}};

constexpr NameTable<Purpose, 8> kPurposeNames = {{
    {Purpose::kSelfService, "self_service"},
    {Purpose::kAdministration, "administration"},
    {Purpose::kSupervision, "supervision"},
    {Purpose::kAudit, "audit"},
    {Purpose::kCounselling, "counselling"},
    {Purpose::kReferral, "referral"},
    {Purpose::kFollowUp, "follow_up"},
    {Purpose::kStatistics, "statistics"},
}};

// Who may do what, for which purposes. A role not listed for an action is refused.
struct Rule {
  Action action;
  std::initializer_list<Role> roles;
  std::initializer_list<Purpose> purposes;
  bool needs_global = false;  // the grant must be for every centre
  bool any_centre = false;    // a grant for any centre will do (shared, centre-less resources)
};

const std::initializer_list<Role> kAnyRole = {Role::kAdmin,    Role::kManager,   Role::kCounsellor,
                                              Role::kOutreach, Role::kMeOfficer, Role::kEditor,
                                              Role::kPartner,  Role::kRegistrar, Role::kAuditor};

const Rule kRules[] = {
    {Action::kCentreRead,
     kAnyRole,
     {Purpose::kAdministration, Purpose::kSupervision, Purpose::kAudit, Purpose::kCounselling,
      Purpose::kReferral, Purpose::kFollowUp, Purpose::kStatistics, Purpose::kSelfService}},
    {Action::kCentreCreate, {Role::kAdmin}, {Purpose::kAdministration}, true},
    {Action::kCentreUpdate, {Role::kAdmin}, {Purpose::kAdministration}},
    {Action::kUserRead,
     {Role::kAdmin, Role::kManager},
     {Purpose::kAdministration, Purpose::kSupervision}},
    {Action::kUserAdmin, {Role::kAdmin}, {Purpose::kAdministration}},
    {Action::kAuditRead, {Role::kAuditor, Role::kAdmin}, {Purpose::kAudit}},
    {Action::kChannelRead,
     {Role::kAdmin, Role::kManager},
     {Purpose::kAdministration, Purpose::kSupervision}},
    {Action::kChannelAdmin, {Role::kAdmin}, {Purpose::kAdministration}},
    {Action::kInboxRead,
     {Role::kCounsellor, Role::kManager},
     {Purpose::kCounselling, Purpose::kSupervision}},
    {Action::kInboxReply, {Role::kCounsellor, Role::kManager}, {Purpose::kCounselling}},
    {Action::kInboxSetup, {Role::kManager, Role::kAdmin}, {Purpose::kAdministration}},
    {Action::kCannedRead,
     {Role::kCounsellor, Role::kManager, Role::kAdmin},
     {Purpose::kCounselling, Purpose::kAdministration, Purpose::kSupervision}},
    {Action::kKbRead,
     {Role::kEditor, Role::kCounsellor, Role::kManager, Role::kAdmin},
     {Purpose::kCounselling, Purpose::kAdministration, Purpose::kSupervision},
     false,
     true},
    {Action::kKbEdit, {Role::kEditor, Role::kManager}, {Purpose::kAdministration}, false, true},
    {Action::kKbReview, {Role::kEditor, Role::kManager}, {Purpose::kAdministration}, false, true},
    // Counsellors and managers work with the people of their centre; registrars register
    // departing workers. Administrators run the system, not cases: they see no one's identity.
    {Action::kPeopleList,
     {Role::kCounsellor, Role::kManager, Role::kRegistrar},
     {Purpose::kCounselling, Purpose::kFollowUp, Purpose::kSupervision}},
    {Action::kPeopleRead,
     {Role::kCounsellor, Role::kManager, Role::kRegistrar},
     {Purpose::kCounselling, Purpose::kFollowUp, Purpose::kSupervision}},
    {Action::kPeopleWrite,
     {Role::kCounsellor, Role::kManager, Role::kRegistrar},
     {Purpose::kCounselling, Purpose::kFollowUp}},
    {Action::kPeopleShred, {Role::kManager}, {Purpose::kAdministration}},
    // Those who record people decide whether two records are one person.
    {Action::kPeopleMerge,
     {Role::kCounsellor, Role::kManager, Role::kRegistrar},
     {Purpose::kCounselling, Purpose::kFollowUp}},
    // Cases are counselling work: counsellors and their managers.
    {Action::kCaseRead,
     {Role::kCounsellor, Role::kManager},
     {Purpose::kCounselling, Purpose::kFollowUp, Purpose::kSupervision}},
    {Action::kCaseWrite,
     {Role::kCounsellor, Role::kManager},
     {Purpose::kCounselling, Purpose::kFollowUp}},
    // Partners read the directory and the referrals addressed to them (people/referrals.h
    // narrows them to their organisations), and answer them.
    {Action::kDirectoryRead,
     {Role::kCounsellor, Role::kManager, Role::kPartner, Role::kAdmin},
     {Purpose::kReferral, Purpose::kCounselling, Purpose::kAdministration}},
    {Action::kDirectoryEdit, {Role::kManager, Role::kAdmin}, {Purpose::kAdministration}},
    {Action::kReferralRead,
     {Role::kCounsellor, Role::kManager, Role::kPartner},
     {Purpose::kReferral, Purpose::kCounselling, Purpose::kFollowUp, Purpose::kSupervision}},
    {Action::kReferralSend,
     {Role::kCounsellor, Role::kManager},
     {Purpose::kReferral, Purpose::kCounselling}},
    {Action::kReintegrationSetup, {Role::kManager}, {Purpose::kAdministration}},
    {Action::kSetbackQueue, {Role::kManager}, {Purpose::kSupervision}},
    {Action::kReferralAnswer,
     {Role::kCounsellor, Role::kManager, Role::kPartner},
     {Purpose::kReferral}},
};

template <typename T>
bool Contains(std::initializer_list<T> list, T value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

}  // namespace

std::string_view RoleName(Role role) { return NameIn(kRoleNames, role); }

std::optional<Role> ParseRole(std::string_view name) { return ParseIn(kRoleNames, name); }

const std::vector<Role>& AllRoles() {
  static const std::vector<Role> kAll(kAnyRole);
  return kAll;
}

std::string_view PurposeName(Purpose purpose) { return NameIn(kPurposeNames, purpose); }

std::optional<Purpose> ParsePurpose(std::string_view name) { return ParseIn(kPurposeNames, name); }

std::string_view ActionName(Action action) {
  switch (action) {
    case Action::kPublic:
      return "public";
    case Action::kSelf:
      return "self";
    case Action::kCentreList:
      return "centre.list";
    case Action::kCentreRead:
      return "centre.read";
    case Action::kCentreCreate:
      return "centre.create";
    case Action::kCentreUpdate:
      return "centre.update";
    case Action::kUserRead:
      return "user.read";
    case Action::kUserAdmin:
      return "user.admin";
    case Action::kAuditRead:
      return "audit.read";
    case Action::kChannelRead:
      return "channel.read";
    case Action::kChannelAdmin:
      return "channel.admin";
    case Action::kInboxRead:
      return "inbox.read";
    case Action::kInboxReply:
      return "inbox.reply";
    case Action::kInboxSetup:
      return "inbox.setup";
    case Action::kCannedRead:
      return "canned.read";
    case Action::kKbRead:
      return "kb.read";
    case Action::kKbEdit:
      return "kb.edit";
    case Action::kKbReview:
      return "kb.review";
    case Action::kPeopleList:
      return "people.list";
    case Action::kPeopleRead:
      return "people.read";
    case Action::kPeopleWrite:
      return "people.write";
    case Action::kPeopleShred:
      return "people.shred";
    case Action::kPeopleMerge:
      return "people.merge";
    case Action::kCaseRead:
      return "case.read";
    case Action::kCaseWrite:
      return "case.write";
    case Action::kDirectoryRead:
      return "directory.read";
    case Action::kDirectoryEdit:
      return "directory.edit";
    case Action::kReferralRead:
      return "referral.read";
    case Action::kReferralSend:
      return "referral.send";
    case Action::kReferralAnswer:
      return "referral.answer";
    case Action::kReintegrationSetup:
      return "reintegration.setup";
    case Action::kSetbackQueue:
      return "setback.queue";
  }
  return "unknown";
}

bool Principal::HasRole(Role role, std::string_view centre_id) const {
  return std::any_of(grants.begin(), grants.end(), [&](const Grant& g) {
    return g.role == role && (g.centre_id == centre_id || g.centre_id == kAllCentres);
  });
}

bool Principal::HasAnyRoleIn(std::string_view centre_id) const {
  return std::any_of(grants.begin(), grants.end(), [&](const Grant& g) {
    return g.centre_id == centre_id || g.centre_id == kAllCentres;
  });
}

bool Principal::SeesAllCentres() const {
  return std::any_of(grants.begin(), grants.end(),
                     [](const Grant& g) { return g.centre_id == kAllCentres; });
}

bool Principal::RequiresMfa() const {
  return std::any_of(grants.begin(), grants.end(), [](const Grant& g) {
    return g.role == Role::kAdmin || g.role == Role::kManager;
  });
}

Status CheckAccess(const Principal& principal, Action action, std::string_view centre_id,
                   Purpose purpose) {
  if (action == Action::kPublic) return Status::Ok();
  if (principal.user_id.empty()) {
    return Unauthenticated("sign_in_required", "sign in first");
  }
  if (action == Action::kSelf) return Status::Ok();  // enrolment of the second factor lives here
  if (!principal.mfa_ok) {
    return PermissionDenied("totp_required", "set up and use a second factor (TOTP) first");
  }
  if (action == Action::kCentreList) return Status::Ok();  // the list is filtered by grants
  for (const Rule& rule : kRules) {
    if (rule.action != action) continue;
    if (!Contains(rule.purposes, purpose)) {
      return PermissionDenied("purpose_not_allowed",
                              "this purpose is not allowed for " + std::string(ActionName(action)));
    }
    for (const Grant& g : principal.grants) {
      if (!Contains(rule.roles, g.role)) continue;
      if (g.centre_id == kAllCentres || rule.any_centre) return Status::Ok();
      if (!rule.needs_global && g.centre_id == centre_id) return Status::Ok();
    }
    return PermissionDenied("forbidden", "your roles do not allow this here");
  }
  return PermissionDenied("forbidden", "no rule allows this action");
}

}  // namespace serai::auth
