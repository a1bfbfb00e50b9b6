#include "domain/auth/access.h"

#include <gtest/gtest.h>

namespace serai::auth {
namespace {

Principal With(std::vector<Grant> grants, bool mfa_ok = true) {
  Principal p;
  p.user_id = "u1";
  p.grants = std::move(grants);
  p.mfa_ok = mfa_ok;
  return p;
}

TEST(AccessTest, AnonymousOnlyReachesPublic) {
  Principal anon;
  EXPECT_TRUE(CheckAccess(anon, Action::kPublic, "", Purpose::kSelfService).ok());
  EXPECT_EQ(CheckAccess(anon, Action::kSelf, "", Purpose::kSelfService).code(),
            StatusCode::kUnauthenticated);
}

TEST(AccessTest, CentreScopedRolesStayInTheirCentre) {
  Principal manager = With({{"kabul", Role::kManager}});
  EXPECT_TRUE(CheckAccess(manager, Action::kUserRead, "kabul", Purpose::kSupervision).ok());
  EXPECT_EQ(CheckAccess(manager, Action::kUserRead, "dhaka", Purpose::kSupervision).reason(),
            "forbidden");
  EXPECT_EQ(CheckAccess(manager, Action::kUserAdmin, "kabul", Purpose::kAdministration).reason(),
            "forbidden");
}

TEST(AccessTest, PurposeMustFitTheAction) {
  Principal auditor = With({{"kabul", Role::kAuditor}});
  EXPECT_TRUE(CheckAccess(auditor, Action::kAuditRead, "kabul", Purpose::kAudit).ok());
  EXPECT_EQ(CheckAccess(auditor, Action::kAuditRead, "kabul", Purpose::kCounselling).reason(),
            "purpose_not_allowed");
}

TEST(AccessTest, CentreCreationNeedsAGlobalAdmin) {
  EXPECT_FALSE(CheckAccess(With({{"kabul", Role::kAdmin}}), Action::kCentreCreate, "",
                           Purpose::kAdministration)
                   .ok());
  EXPECT_TRUE(CheckAccess(With({{std::string(kAllCentres), Role::kAdmin}}), Action::kCentreCreate,
                          "", Purpose::kAdministration)
                  .ok());
}

TEST(AccessTest, MissingSecondFactorBlocksAllButSelf) {
  Principal admin = With({{"kabul", Role::kAdmin}}, /*mfa_ok=*/false);
  EXPECT_TRUE(admin.RequiresMfa());
  EXPECT_TRUE(CheckAccess(admin, Action::kSelf, "", Purpose::kSelfService).ok());
  EXPECT_EQ(CheckAccess(admin, Action::kCentreRead, "kabul", Purpose::kAdministration).reason(),
            "totp_required");
}

TEST(AccessTest, NamesRoundTrip) {
  for (Role r : AllRoles()) EXPECT_EQ(ParseRole(RoleName(r)), r);
  EXPECT_FALSE(ParseRole("root").has_value());
  EXPECT_EQ(ParsePurpose("audit"), Purpose::kAudit);
}

}  // namespace
}  // namespace serai::auth
