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

// The route is free text: it is sealed, in the record and in its history, and a shred reaches it.
class RouteTest : public RetentionTest {
 protected:
  // Every route column of the person's rows, as stored.
  std::string StoredRoutes(const std::string& id) {
    std::string out;
    for (const char* sql : {"SELECT route, route_sealed FROM person WHERE id = ?",
                            "SELECT route, route_sealed FROM profile_change WHERE person_id = ?"}) {
      store::Rows rows = db_->Read(sql, {id}).value();
      for (const auto& r : rows) out += r.Text(0) + "|" + r.Text(1) + ";";
    }
    return out;
  }
  void Write(const std::string& sql, const store::Params& params) {
    ASSERT_TRUE(db_->Transact(store::Access::kWrite,
                              [&](store::Conn& conn) { return conn.Exec(sql, params).status(); })
                    .ok());
  }
  std::string Route(const std::string& id) {
    return people_->Get(manager_, centre_, auth::Purpose::kCounselling, id)
        .value()
        .summary.profile.route;
  }
  std::string FirstHistoryRoute(const std::string& id) {
    return people_->ProfileHistory(manager_, centre_, auth::Purpose::kCounselling, id)
        .value()
        .at(0)
        .route;
  }
};

TEST_F(RouteTest, IsSealedInTheRecordAndItsHistory) {
  std::string id = NewPerson(manager_, "Rina");
  ASSERT_TRUE(
      people_->SetProfile(manager_, centre_, id, {"intending", "TR", "Nimroz, Zaranj", {}, "", 0})
          .ok());
  EXPECT_EQ(StoredRoutes(id).find("Nimroz"), std::string::npos) << StoredRoutes(id);
  EXPECT_EQ(Route(id), "Nimroz, Zaranj");
  EXPECT_EQ(FirstHistoryRoute(id), "Nimroz, Zaranj");
  EXPECT_EQ(people_->List(centre_, 10, "").value().items.at(0).profile.route, "")
      << "lists never open it";
}

TEST_F(RouteTest, ClearRoutesOfAnOlderVersionAreSealedAndAShredBlanksThem) {
  std::string kept = NewPerson(manager_, "Rina"), shredded = NewPerson(manager_, "Karim");
  for (const std::string& id : {kept, shredded}) {
    Write("UPDATE person SET route = 'Nimroz, Zaranj' WHERE id = ?", {id});
    Write(
        "INSERT INTO profile_change (id, person_id, stage, destination, route, reasons, "
        "changed_by, changed_at) VALUES (?, ?, '', '', 'Nimroz, Zaranj', '', 'm', 1)",
        {"change-" + id, id});
  }
  Write("UPDATE person SET shredded_at = 1 WHERE id = ?", {shredded});
  EXPECT_EQ(people_->SealClearRoutes().value(), 4);
  EXPECT_EQ(people_->SealClearRoutes().value(), 0) << "once is enough";
  EXPECT_EQ(StoredRoutes(shredded), "|;|;") << "blanked, not sealed under a new key";
  EXPECT_EQ(StoredRoutes(kept).find("Nimroz"), std::string::npos);
  EXPECT_EQ(Route(kept), "Nimroz, Zaranj");
  EXPECT_EQ(FirstHistoryRoute(kept), "Nimroz, Zaranj");

  ASSERT_TRUE(people_->Shred(manager_, centre_, kept).ok());
  EXPECT_EQ(StoredRoutes(kept), "|;|;");
}

TEST_F(RouteTest, OneWrittenInTheInstantOfAShredIsRefused) {
  std::string id = NewPerson(manager_, "Rina");
  // The shred has destroyed the key and not yet marked the record.
  ASSERT_TRUE(keys_->ShredPerson(id).ok());
  auto late = people_->SetProfile(manager_, centre_, id, {"intending", "", "Nimroz", {}, "", 0});
  ASSERT_FALSE(late.ok());
  EXPECT_EQ(late.status().reason(), "shredded");
  EXPECT_EQ(StoredRoutes(id), "|;");
}

}  // namespace
}  // namespace serai::people
