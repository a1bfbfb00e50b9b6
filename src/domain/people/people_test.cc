#include "domain/people/people.h"

#include "domain/people/test_world.h"

namespace serai::people {
namespace {

constexpr int64_t kDay = 24LL * 3600 * 1000;

class RetentionTest : public PeopleWorld {
 protected:
  void SetUp() override {
    PeopleWorld::SetUp();
    manager_.user_id = "m";
    people_ = std::make_unique<People>(*db_, *keys_, env_);
  }

  bool Shredded(const std::string& id) {
    return people_->Get(manager_, centre_, auth::Purpose::kCounselling, id)
        .value()
        .summary.shredded;
  }

  std::unique_ptr<People> people_;
  auth::Principal manager_;
};

TEST_F(RetentionTest, NothingIsShreddedWithoutARule) {
  std::string id = NewPerson(manager_, "Rina");
  env_.Advance(4000 * kDay);
  EXPECT_EQ(people_->ShredDue().value(), 0);
  EXPECT_FALSE(Shredded(id));
}

TEST_F(RetentionTest, PeopleUntouchedLongerThanTheRuleAreShredded) {
  ASSERT_TRUE(people_->SetRetentionDays(manager_, centre_, 30).ok());
  std::string old_one = NewPerson(manager_, "Rina");
  env_.Advance(20 * kDay);
  std::string recent = NewPerson(manager_, "Karim");
  env_.Advance(11 * kDay);  // Rina: 31 days; Karim: 11
  EXPECT_EQ(people_->ShredDue().value(), 1);
  EXPECT_TRUE(Shredded(old_one));
  EXPECT_FALSE(Shredded(recent));
  auto opened = people_->Get(manager_, centre_, auth::Purpose::kCounselling, old_one).value();
  EXPECT_TRUE(opened.identity.name.empty());
  EXPECT_EQ(people_->ShredDue().value(), 0) << "once is enough";
}

TEST_F(RetentionTest, AChangeToTheRecordStartsTheTimeAgain) {
  ASSERT_TRUE(people_->SetRetentionDays(manager_, centre_, 30).ok());
  std::string id = NewPerson(manager_, "Rina");
  env_.Advance(25 * kDay);
  ASSERT_TRUE(people_->SetProfile(manager_, centre_, id, {"returnee", "", "", {}, "", 0}).ok());
  env_.Advance(25 * kDay);
  EXPECT_EQ(people_->ShredDue().value(), 0);
  EXPECT_FALSE(Shredded(id));
}

TEST_F(RetentionTest, ConsentGivenOrWithdrawnCountsAsContact) {
  ASSERT_TRUE(people_->SetRetentionDays(manager_, centre_, 30).ok());
  std::string id = NewPerson(manager_, "Rina");
  env_.Advance(25 * kDay);
  auto consent = people_->GiveConsent(manager_, centre_, id, "follow_up", "consent", "verbal");
  ASSERT_TRUE(consent.ok());
  env_.Advance(25 * kDay);
  ASSERT_TRUE(people_->WithdrawConsent(manager_, centre_, id, consent->id).ok());
  env_.Advance(25 * kDay);
  EXPECT_EQ(people_->ShredDue().value(), 0);
  env_.Advance(6 * kDay);
  EXPECT_EQ(people_->ShredDue().value(), 1);
}

TEST_F(RetentionTest, TheRuleIsBounded) {
  EXPECT_FALSE(people_->SetRetentionDays(manager_, centre_, -1).ok());
  EXPECT_FALSE(people_->SetRetentionDays(manager_, centre_, 3651).ok());
  ASSERT_TRUE(people_->SetRetentionDays(manager_, centre_, 365).ok());
  EXPECT_EQ(people_->RetentionDays(centre_).value(), 365);
}

}  // namespace
}  // namespace serai::people
