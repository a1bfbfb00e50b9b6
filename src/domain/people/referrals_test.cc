#include "domain/people/referrals.h"

#include <gtest/gtest.h>

#include "domain/people/people.h"
#include "domain/people/test_world.h"

namespace serai::people {
namespace {

using auth::Purpose;
using auth::Role;

class ReferralsTest : public PeopleWorld {
 protected:
  void SetUp() override {
    PeopleWorld::SetUp();
    counsellor_ = NewUser("c@example.org", Role::kCounsellor);
    partner_ = NewUser("p@example.org", Role::kPartner);
    people_ = std::make_unique<People>(*db_, *keys_, env_);
    referrals_ = std::make_unique<Referrals>(*db_, *keys_, env_);
    person_ = NewPerson(counsellor_, "Karim");
    ASSERT_TRUE(
        people_->GiveConsent(counsellor_, centre_, person_, "referral", "consent", "verbal").ok());
    std::string legal = referrals_->AddOrg(system_, centre_, {"Legal aid", "", ""}).value().id;
    std::string health = referrals_->AddOrg(system_, centre_, {"Clinic", "", ""}).value().id;
    legal_ = referrals_->AddService(system_, centre_, {"", legal, "legal", "", {}, "", "", true})
                 .value()
                 .id;
    health_ = referrals_->AddService(system_, centre_, {"", health, "health", "", {}, "", "", true})
                  .value()
                  .id;
    ASSERT_TRUE(referrals_->SetMembers(system_, centre_, legal, {partner_.user_id}).ok());
  }

  Result<Referral> Refer(const std::string& service) {
    return referrals_->Refer(counsellor_, centre_, Purpose::kReferral,
                             {person_, service, "", "Needs a lawyer", false});
  }

  std::unique_ptr<People> people_;
  std::unique_ptr<Referrals> referrals_;
  auth::Principal counsellor_, partner_;
  std::string person_, legal_, health_;
};

TEST_F(ReferralsTest, APartnerSeesOnlyWhatIsAddressedToTheirOrganisation) {
  std::string mine = Refer(legal_).value().summary.id;
  std::string other = Refer(health_).value().summary.id;
  auto listed = referrals_->List(partner_, centre_, "", "", 50, "").value().items;
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0].id, mine);
  EXPECT_EQ(referrals_->List(counsellor_, centre_, "", "", 50, "").value().items.size(), 2u);
  EXPECT_EQ(referrals_->Get(partner_, centre_, Purpose::kReferral, other).status().reason(),
            "no_such_referral");
  EXPECT_EQ(referrals_->Answer(partner_, centre_, other, "accepted", "").status().reason(),
            "no_such_referral");
  EXPECT_EQ(referrals_->Get(partner_, centre_, Purpose::kReferral, mine).value().note,
            "Needs a lawyer");
}

TEST_F(ReferralsTest, StatusesGoOneWay) {
  std::string id = Refer(legal_).value().summary.id;
  EXPECT_EQ(referrals_->Answer(partner_, centre_, id, "completed", "").status().reason(),
            "invalid_transition");
  EXPECT_EQ(referrals_->Answer(partner_, centre_, id, "sent", "").status().reason(),
            "invalid_status");
  ASSERT_TRUE(referrals_->Answer(partner_, centre_, id, "declined", "Not eligible").ok());
  EXPECT_EQ(referrals_->Answer(partner_, centre_, id, "accepted", "").status().reason(),
            "invalid_transition");
  EXPECT_EQ(referrals_->Get(counsellor_, centre_, Purpose::kReferral, id).value().feedback,
            "Not eligible");
}

TEST_F(ReferralsTest, NoReferralWithoutConsentOrToAnInactiveService) {
  std::string stranger = NewPerson(counsellor_, "");
  EXPECT_EQ(
      referrals_->Refer(counsellor_, centre_, Purpose::kReferral, {stranger, legal_, "", "", false})
          .status()
          .reason(),
      "no_consent");
  Service off = referrals_->Directory(centre_).value()[0].services[0];
  off.active = false;
  ASSERT_TRUE(referrals_->UpdateService(system_, centre_, off).ok());
  EXPECT_EQ(Refer(off.id).status().reason(), "service_inactive");
}

}  // namespace
}  // namespace serai::people
