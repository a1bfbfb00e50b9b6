#include "domain/people/cases.h"

#include <gtest/gtest.h>

#include "domain/people/people.h"
#include "domain/people/test_world.h"

namespace serai::people {
namespace {

using auth::Purpose;

class CasesTest : public PeopleWorld {
 protected:
  void SetUp() override {
    PeopleWorld::SetUp();
    counsellor_ = NewUser("rina@example.org", auth::Role::kCounsellor);
    editor_ = NewUser("ed@example.org", auth::Role::kEditor);
    people_ = std::make_unique<People>(*db_, *keys_, env_);
    cases_ = std::make_unique<Cases>(*db_, *keys_, env_);
    person_ = NewPerson(counsellor_, "Karim");
  }

  Case OpenCase(const std::string& type, std::vector<std::string> categories = {}) {
    NewCase nc;
    nc.person_id = person_;
    nc.type = type;
    nc.categories = std::move(categories);
    nc.note = "Employer in Dubai keeps his passport";
    return cases_->Open(counsellor_, centre_, Purpose::kCounselling, nc).value();
  }
  std::vector<std::string> Titles(const std::string& today) {
    std::vector<std::string> out;
    auto tasks = cases_->MyTasks(counsellor_, centre_, Purpose::kCounselling, today);
    for (const auto& t : tasks.value()) out.push_back(t.title);
    return out;
  }

  std::unique_ptr<People> people_;
  std::unique_ptr<Cases> cases_;
  auth::Principal counsellor_, editor_;
  std::string person_;
};

TEST_F(CasesTest, ACaseKeepsItsCategoriesOwnerAndFirstNote) {
  Case c = OpenCase("labour_grievance", {"unpaid_wages", "passport_confiscated", "unpaid_wages"});
  EXPECT_EQ(c.summary.categories,
            (std::vector<std::string>{"passport_confiscated", "unpaid_wages"}));
  EXPECT_EQ(c.summary.owner_id, counsellor_.user_id);
  EXPECT_EQ(c.summary.status, "open");
  EXPECT_EQ(c.summary.number.substr(0, 2), "C-");
  ASSERT_EQ(c.notes.size(), 1u);
  EXPECT_EQ(c.notes[0].text, "Employer in Dubai keeps his passport");
}

TEST_F(CasesTest, CategoriesBelongToTheirType) {
  NewCase nc;
  nc.person_id = person_;
  nc.type = "protection_referral";
  nc.categories = {"unpaid_wages"};
  auto refused = cases_->Open(counsellor_, centre_, Purpose::kCounselling, nc);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().reason(), "invalid_category");
  nc.categories = {"trafficking"};
  EXPECT_TRUE(cases_->Open(counsellor_, centre_, Purpose::kCounselling, nc).ok());
  nc.type = "smuggling";
  EXPECT_EQ(cases_->Open(counsellor_, centre_, Purpose::kCounselling, nc).status().reason(),
            "invalid_type");
}

TEST_F(CasesTest, OnlyCaseworkersOfTheCentreOwnCasesAndTasks) {
  Case c = OpenCase("counselling");
  CasePatch patch;
  patch.owner_id = editor_.user_id;
  EXPECT_EQ(cases_->Update(counsellor_, centre_, c.summary.id, patch).status().reason(),
            "invalid_owner");
  NewTask task{"Call the employer", "2026-12-01", "", editor_.user_id};
  EXPECT_EQ(cases_->AddTask(counsellor_, centre_, c.summary.id, task).status().reason(),
            "invalid_assignee");
}

TEST_F(CasesTest, ClosingRecordsWhenAndReopeningClearsIt) {
  Case c = OpenCase("counselling");
  CasePatch close;
  close.status = "closed";
  env_.Advance(1000);
  CaseSummary closed = cases_->Update(counsellor_, centre_, c.summary.id, close).value();
  EXPECT_EQ(closed.closed_at, env_.NowMillis());
  EXPECT_TRUE(cases_->List(centre_, {}, 50, "").value().items.empty()) << "closed cases not listed";
  CaseFilter all;
  all.status = "all";
  EXPECT_EQ(cases_->List(centre_, all, 50, "").value().items.size(), 1u);
  CasePatch reopen;
  reopen.status = "in_progress";
  EXPECT_EQ(cases_->Update(counsellor_, centre_, c.summary.id, reopen).value().closed_at, 0);
}

TEST_F(CasesTest, RemindersComeFromTheirDayAndLeaveWhenDone) {
  Case c = OpenCase("reintegration");
  auto early = cases_->AddTask(counsellor_, centre_, c.summary.id,
                               {"Visit the family", "2026-12-10", "2026-12-03", ""});
  ASSERT_TRUE(early.ok());
  ASSERT_TRUE(
      cases_->AddTask(counsellor_, centre_, c.summary.id, {"Call back", "2026-12-05", "", ""})
          .ok());
  EXPECT_EQ(Titles("2026-12-02"), std::vector<std::string>{});
  EXPECT_EQ(Titles("2026-12-03"), std::vector<std::string>{"Visit the family"});
  EXPECT_EQ(Titles("2026-12-05"), (std::vector<std::string>{"Call back", "Visit the family"}));
  EXPECT_EQ(Titles(""), (std::vector<std::string>{"Call back", "Visit the family"}));
  ASSERT_TRUE(cases_->SetTaskDone(counsellor_, centre_, c.summary.id, early->id, true).ok());
  EXPECT_EQ(Titles("2026-12-05"), std::vector<std::string>{"Call back"});
  EXPECT_EQ(cases_->Get(counsellor_, centre_, Purpose::kCounselling, c.summary.id)
                .value()
                .summary.open_tasks,
            1);
}

TEST_F(CasesTest, ATaskCannotRemindAfterItIsDue) {
  Case c = OpenCase("counselling");
  EXPECT_EQ(
      cases_->AddTask(counsellor_, centre_, c.summary.id, {"Call", "2026-12-05", "2026-12-06", ""})
          .status()
          .reason(),
      "invalid_remind_on");
  EXPECT_EQ(cases_->AddTask(counsellor_, centre_, c.summary.id, {"Call", "2026-02-30", "", ""})
                .status()
                .reason(),
            "invalid_due_on");
  EXPECT_EQ(cases_->AddTask(counsellor_, centre_, c.summary.id, {"  \n", "2026-12-05", "", ""})
                .status()
                .reason(),
            "invalid_title");
}

TEST_F(CasesTest, ShreddingThePersonMakesNotesAndTasksUnreadableAndStopsWrites) {
  Case c = OpenCase("protection_referral", {"trafficking"});
  ASSERT_TRUE(
      cases_
          ->AddTask(counsellor_, centre_, c.summary.id, {"Refer to shelter", "2026-12-05", "", ""})
          .ok());
  auth::Principal manager;
  manager.user_id = "m";
  ASSERT_TRUE(people_->Shred(manager, centre_, person_).ok());
  Case after = cases_->Get(counsellor_, centre_, Purpose::kCounselling, c.summary.id).value();
  ASSERT_EQ(after.notes.size(), 1u);
  EXPECT_EQ(after.notes[0].text, "");
  ASSERT_EQ(after.tasks.size(), 1u);
  EXPECT_EQ(after.tasks[0].title, "");
  EXPECT_EQ(after.summary.categories, std::vector<std::string>{"trafficking"});
  EXPECT_EQ(after.summary.status, "closed");
  EXPECT_EQ(cases_->AddNote(counsellor_, centre_, c.summary.id, "more").status().reason(),
            "shredded");
  CasePatch reopen;
  reopen.status = "open";
  EXPECT_EQ(cases_->Update(counsellor_, centre_, c.summary.id, reopen).status().reason(),
            "shredded");
  EXPECT_TRUE(Titles("").empty());
}

TEST_F(CasesTest, ACaseOfAnotherCentreIsNotFound) {
  Case c = OpenCase("counselling");
  std::string other = NewCentre("MRC Kabul");
  EXPECT_EQ(cases_->Get(counsellor_, other, Purpose::kCounselling, c.summary.id).status().reason(),
            "no_such_case");
  EXPECT_EQ(cases_->AddNote(counsellor_, other, c.summary.id, "x").status().reason(),
            "no_such_case");
  EXPECT_TRUE(cases_->List(other, {}, 50, "").value().items.empty());
}

}  // namespace
}  // namespace serai::people
