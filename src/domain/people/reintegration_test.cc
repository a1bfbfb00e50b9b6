#include "domain/people/reintegration.h"

#include <gtest/gtest.h>

#include <set>

#include "domain/people/cases.h"
#include "domain/people/people.h"
#include "domain/people/test_world.h"

namespace serai::people {
namespace {

using auth::Purpose;
constexpr int64_t kDay = 24LL * 3600 * 1000;

// Each set-back rule, on a reintegration case started on the clock's day (2023-11-14).
class SetbackTest : public PeopleWorld {
 protected:
  void SetUp() override {
    PeopleWorld::SetUp();
    counsellor_ = NewUser("c@example.org", auth::Role::kCounsellor);
    NewCase nc;
    nc.person_id = NewPerson(counsellor_, "");
    nc.type = "reintegration";
    case_ = Cases(*db_, *keys_, env_)
                .Open(counsellor_, centre_, Purpose::kCounselling, nc)
                .value()
                .summary.id;
    r_ = std::make_unique<Reintegration>(*db_, *keys_, env_);
    ASSERT_TRUE(r_->Start(counsellor_, centre_, case_, "2023-11-14").ok());
  }

  std::vector<Setback> Open() {
    return r_->Queue(counsellor_, centre_, Purpose::kSupervision, false).value();
  }
  Assessment Scores(int economic, int social, int psychosocial, bool distress = false,
                    std::string follow_up = "") {
    Assessment a;
    a.economic = economic;
    a.social = social;
    a.psychosocial = psychosocial;
    a.distress = distress;
    a.follow_up_id = std::move(follow_up);
    return r_->Assess(counsellor_, centre_, case_, a).value();
  }

  std::unique_ptr<Reintegration> r_;
  auth::Principal counsellor_;
  std::string case_;
};

TEST_F(SetbackTest, FollowUpsAreScheduledAtTheCentresIntervals) {
  auto m = r_->Get(counsellor_, centre_, Purpose::kFollowUp, case_).value();
  std::vector<std::string> due;
  for (const auto& f : m.follow_ups) due.push_back(f.due_on);
  EXPECT_EQ(due,
            (std::vector<std::string>{"2023-12-14", "2024-02-14", "2024-05-14", "2024-11-14"}));
}

TEST_F(SetbackTest, AMissedFollowUpIsFlaggedAfterItsGraceOnce) {
  env_.Advance(37 * kDay);  // 2023-12-21: seven days after the first follow-up, the grace
  EXPECT_EQ(r_->DetectDue().value(), 0);
  env_.Advance(kDay);
  EXPECT_EQ(r_->DetectDue().value(), 1);
  EXPECT_EQ(r_->DetectDue().value(), 0) << "once per follow-up";
  auto flags = Open();
  ASSERT_EQ(flags.size(), 1u);
  EXPECT_EQ(flags[0].rule, "missed_follow_up");
  EXPECT_EQ(Json::parse(flags[0].detail_json)["months"], 1);
}

TEST_F(SetbackTest, AFollowUpDoneInTimeRaisesNothing) {
  auto m = r_->Get(counsellor_, centre_, Purpose::kFollowUp, case_).value();
  env_.Advance(30 * kDay);
  Scores(3, 3, 3, false, m.follow_ups[0].id);
  env_.Advance(70 * kDay);  // 2024-02-22: the 3-month follow-up (02-14) is past its grace
  EXPECT_EQ(r_->DetectDue().value(), 1) << "only the 3-month follow-up, now late";
  EXPECT_EQ(Json::parse(Open()[0].detail_json)["months"], 3);
}

TEST_F(SetbackTest, AScoreDropOfTheRuleSizeIsFlaggedPerDimension) {
  Scores(4, 4, 4);
  Scores(3, 4, 4);  // a drop of 1: under the rule (2)
  EXPECT_TRUE(Open().empty());
  Scores(3, 2, 1);  // social 4 -> 2, psychosocial 4 -> 1
  auto flags = Open();
  ASSERT_EQ(flags.size(), 2u);
  std::set<std::string> dimensions;
  for (const auto& f : flags) {
    EXPECT_EQ(f.rule, "score_drop");
    dimensions.insert(Json::parse(f.detail_json)["dimension"].get<std::string>());
  }
  EXPECT_EQ(dimensions, (std::set<std::string>{"psychosocial", "social"}));
}

TEST_F(SetbackTest, TheScoreDropRuleIsTheCentres) {
  ReintegrationRules rules;
  rules.score_drop = 1;
  ASSERT_TRUE(r_->SetRules(counsellor_, centre_, rules).ok());
  Scores(4, 4, 4);
  Scores(3, 4, 4);
  ASSERT_EQ(Open().size(), 1u);
  rules.score_drop = 5;
  EXPECT_EQ(r_->SetRules(counsellor_, centre_, rules).reason(), "invalid_score_drop");
}

TEST_F(SetbackTest, ReportedDistressIsFlagged) {
  Scores(4, 4, 4, true);
  auto flags = Open();
  ASSERT_EQ(flags.size(), 1u);
  EXPECT_EQ(flags[0].rule, "distress");
}

TEST_F(SetbackTest, AnOverdueMilestoneIsFlaggedUntilResolved) {
  auto m = r_->AddMilestone(counsellor_, centre_, case_, "Open the tailoring shop", "2023-11-20");
  ASSERT_TRUE(m.ok());
  auto done = r_->AddMilestone(counsellor_, centre_, case_, "Register the children", "2023-11-20");
  ASSERT_TRUE(r_->SetMilestoneDone(counsellor_, centre_, case_, done->id, true).ok());
  env_.Advance(14 * kDay);  // 2023-11-28: eight days late
  EXPECT_EQ(r_->DetectDue().value(), 1);
  auto flags = Open();
  ASSERT_EQ(flags.size(), 1u);
  EXPECT_EQ(flags[0].rule, "milestone_overdue");
  ASSERT_TRUE(r_->Resolve(counsellor_, centre_, flags[0].id, "Visited; shop opens next week").ok());
  EXPECT_TRUE(Open().empty());
  EXPECT_EQ(r_->DetectDue().value(), 0) << "a resolved flag is not raised again";
  EXPECT_EQ(r_->Resolve(counsellor_, centre_, flags[0].id, "again").reason(), "resolved");
  auto all = r_->Queue(counsellor_, centre_, Purpose::kSupervision, true).value();
  EXPECT_EQ(all[0].resolution, "Visited; shop opens next week");
}

}  // namespace
}  // namespace serai::people
