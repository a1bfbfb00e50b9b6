#include "domain/people/duplicates.h"

#include <fstream>
#include <sstream>

#include "common/lists.h"
#include "domain/people/test_world.h"

namespace serai::people {
namespace {

class DuplicatesTest : public PeopleWorld {
 protected:
  void SetUp() override {
    PeopleWorld::SetUp();
    counsellor_ = NewUser("c@example.org", auth::Role::kCounsellor);
    people_ = std::make_unique<People>(*db_, *keys_, env_);
    duplicates_ = std::make_unique<Duplicates>(*db_, *keys_, env_);
  }

  Person Record(Identity id) {
    return people_->Create(counsellor_, centre_, auth::Purpose::kCounselling, std::move(id), "")
        .value();
  }

  static Identity Karim() {
    Identity id;
    id.name = "মোহাম্মদ করিম";
    id.birth_date = "1990-03-14";
    id.sex = "male";
    id.phones = {"01712 345 678"};
    return id;
  }

  std::vector<DuplicatePair> Open() { return duplicates_->List(centre_, "open").value(); }

  auth::Principal counsellor_;
  std::unique_ptr<People> people_;
  std::unique_ptr<Duplicates> duplicates_;
};

TEST(NamesTest, OneNameInFiveScriptsAndSpellingsMeets) {
  search::NameForm arabic = search::ReadName("محمد کریمی");
  for (const char* other : {"Mohammad Karimi", "Muhammad Karimi", "MOHAMMED KAREEMI",
                            "Мухаммад Карими", "মোহাম্মদ করিমি"}) {
    search::NameMatch m = search::CompareNames(arabic, search::ReadName(other));
    EXPECT_GE(m.weakest, 0.92) << other;
  }
}

TEST(NamesTest, NamesThatOnlySoundAlikeInPartDoNotMeet) {
  EXPECT_LT(search::CompareNames(search::ReadName("Ahmad Karimi"), search::ReadName("Hamid Karimi"))
                .weakest,
            0.82);
  EXPECT_LT(search::CompareNames(search::ReadName("محمود"), search::ReadName("محمد")).weakest,
            0.92);
  EXPECT_LT(
      search::CompareNames(search::ReadName("Fatima Ahmadi"), search::ReadName("Zainab Ahmadi"))
          .weakest,
      0.55);
}

TEST(NamesTest, PrefixesAndSuffixesJoinTheirWord) {
  search::NameForm a = search::ReadName("Abdul Rahman"), b = search::ReadName("عبدالرحمن");
  ASSERT_EQ(a.words.size(), 1u);
  ASSERT_EQ(b.words.size(), 1u);
  EXPECT_EQ(a.words[0].sound, b.words[0].sound);
  EXPECT_EQ(search::ReadName("ذبیح الله").words.size(), 1u);
  EXPECT_EQ(search::ReadName("Al-Jubouri").words[0].sound,
            search::ReadName("الجبوري").words[0].sound);
}

TEST_F(DuplicatesTest, TheSamePersonInAnotherScriptIsFoundByPhone) {
  Person first = Record(Karim());
  EXPECT_TRUE(first.duplicates.empty());
  Identity again;
  again.name_latin = "Muhammad Karim";
  again.age_band = "25-34";
  again.phones = {"+880 1712-345678"};
  Person second = Record(again);
  ASSERT_EQ(second.duplicates.size(), 1u);
  EXPECT_EQ(second.duplicates[0].person_id, first.summary.id);
  EXPECT_EQ(second.duplicates[0].code, first.summary.code);
  EXPECT_GE(second.duplicates[0].score, kReviewScore);
  auto pairs = Open();
  ASSERT_EQ(pairs.size(), 1u);
  EXPECT_TRUE(IsOneOf(pairs[0].reasons, "phone"));
  EXPECT_TRUE(IsOneOf(pairs[0].reasons, "name"));
  EXPECT_TRUE(pairs[0].a.identity.name.empty()) << "lists carry no identity";
}

TEST_F(DuplicatesTest, AFamilyOnOnePhoneIsNotOnePerson) {
  Record(Karim());
  Identity sister;
  sister.name = "ফাতেমা করিম";
  sister.birth_date = "1996-07-02";
  sister.sex = "female";
  sister.phones = Karim().phones;
  EXPECT_TRUE(Record(sister).duplicates.empty());
  Identity brother = Karim();
  brother.name = "রহিম করিম";
  brother.birth_date = "1993-01-20";
  EXPECT_TRUE(Record(brother).duplicates.empty());
  EXPECT_TRUE(Open().empty());
}

TEST_F(DuplicatesTest, ADateOfBirthWithDayAndMonthSwappedStillMeets) {
  Record(Karim());
  Identity again = Karim();
  again.phones.clear();
  again.name_latin = "Mohammad Karim";
  again.birth_date = "1990-14-03";  // not a date: the form checks it
  EXPECT_FALSE(people_->Create(counsellor_, centre_, auth::Purpose::kCounselling, again, "").ok());
  again.birth_date = "1991-03-14";
  EXPECT_EQ(Record(again).duplicates.size(), 1u);
}

TEST_F(DuplicatesTest, CheckFindsWithoutRecording) {
  Person first = Record(Karim());
  auto found = duplicates_->Check(centre_, Karim()).value();
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].person_id, first.summary.id);
  EXPECT_TRUE(Open().empty());
  EXPECT_FALSE(duplicates_
                   ->Check(centre_,
                           [] {
                             Identity bad;
                             bad.phones = {"not a phone"};
                             return bad;
                           }())
                   .ok());
}

TEST_F(DuplicatesTest, OtherCentresAreNotSearched) {
  Record(Karim());
  std::string other = NewCentre("MRC Sylhet");
  auto found =
      people_->Create(counsellor_, other, auth::Purpose::kCounselling, Karim(), "").value();
  EXPECT_TRUE(found.duplicates.empty());
}

TEST_F(DuplicatesTest, TheIndexHoldsNoPhoneOrDateInClear) {
  Record(Karim());
  auto rows = db_->Read("SELECT digest FROM person_key", {}).value();
  ASSERT_EQ(rows.size(), 2u);  // the phone and the date of birth
  for (const auto& r : rows) {
    EXPECT_EQ(r.Text(0).size(), 12u);
    EXPECT_EQ(r.Text(0).find("8801712345678"), std::string::npos);
    EXPECT_EQ(r.Text(0).find("1990"), std::string::npos);
  }
}

TEST_F(DuplicatesTest, MergeMovesWhatTheOtherRecordHadAndUndoPutsItBack) {
  Person first = Record(Karim());
  Identity again;
  again.name_latin = "Mohammad Karim";
  again.birth_date = "1990-03-14";
  again.phones = {"01712345678", "01898 765 432"};
  again.documents = {{"passport", "EB0123456"}};
  Person second = Record(again);
  auto pairs = Open();
  ASSERT_EQ(pairs.size(), 1u);

  auto merge = duplicates_->Merge(counsellor_, centre_, pairs[0].id, first.summary.id).value();
  EXPECT_EQ(merge.merged_id, second.summary.id);
  Person kept =
      people_->Get(counsellor_, centre_, auth::Purpose::kCounselling, first.summary.id).value();
  EXPECT_EQ(kept.identity.name, "মোহাম্মদ করিম");
  EXPECT_EQ(kept.identity.name_latin, "Mohammad Karim");
  EXPECT_EQ(kept.identity.phones.size(), 2u);
  ASSERT_EQ(kept.identity.documents.size(), 1u);
  ASSERT_EQ(kept.merged.size(), 1u);
  EXPECT_EQ(kept.merged[0].code, second.summary.code);
  Person gone =
      people_->Get(counsellor_, centre_, auth::Purpose::kCounselling, second.summary.id).value();
  ASSERT_TRUE(gone.merged_into.has_value());
  EXPECT_EQ(gone.merged_into->code, first.summary.code);
  EXPECT_TRUE(Open().empty());
  EXPECT_EQ(duplicates_->List(centre_, "merged").value().size(), 1u);
  // The list of people shows one person; the merged record cannot be changed on its own.
  EXPECT_EQ(people_->List(centre_, 50, "").value().items.size(), 1u);
  auto changed = people_->UpdateIdentity(counsellor_, centre_, auth::Purpose::kCounselling,
                                         second.summary.id, again);
  EXPECT_EQ(changed.status().reason(), "merged");
  // A pair already merged cannot be merged again.
  EXPECT_FALSE(duplicates_->Merge(counsellor_, centre_, pairs[0].id, first.summary.id).ok());

  ASSERT_TRUE(duplicates_->Undo(counsellor_, centre_, merge.id).ok());
  kept = people_->Get(counsellor_, centre_, auth::Purpose::kCounselling, first.summary.id).value();
  EXPECT_EQ(kept.identity.name_latin, "");
  EXPECT_EQ(kept.identity.phones, std::vector<std::string>{"+8801712345678"});
  EXPECT_TRUE(kept.identity.documents.empty());
  EXPECT_TRUE(kept.merged.empty());
  EXPECT_EQ(people_->List(centre_, 50, "").value().items.size(), 2u);
  EXPECT_EQ(Open().size(), 1u);
  EXPECT_EQ(duplicates_->Undo(counsellor_, centre_, merge.id).reason(), "undone");

  auto events = db_->Read(
                       "SELECT action, resource FROM audit_event WHERE action LIKE "
                       "'person.%merge' ORDER BY seq",
                       {})
                    .value();
  ASSERT_EQ(events.size(), 4u);
  EXPECT_EQ(events[0].Text(0), "person.merge");
  EXPECT_EQ(events[3].Text(0), "person.unmerge");
}

TEST_F(DuplicatesTest, UndoKeepsWhatWasChangedSince) {
  Person first = Record(Karim());
  Identity again = Karim();
  again.phones.push_back("01898765432");
  Record(again);
  auto merge = duplicates_->Merge(counsellor_, centre_, Open()[0].id, first.summary.id).value();
  Identity edited =
      people_->Get(counsellor_, centre_, auth::Purpose::kCounselling, first.summary.id)
          .value()
          .identity;
  edited.nationality = "BD";
  ASSERT_TRUE(people_
                  ->UpdateIdentity(counsellor_, centre_, auth::Purpose::kCounselling,
                                   first.summary.id, edited)
                  .ok());
  ASSERT_TRUE(duplicates_->Undo(counsellor_, centre_, merge.id).ok());
  Identity after = people_->Get(counsellor_, centre_, auth::Purpose::kCounselling, first.summary.id)
                       .value()
                       .identity;
  EXPECT_EQ(after.nationality, "BD");
  EXPECT_EQ(after.phones, std::vector<std::string>{"+8801712345678"});
}

TEST_F(DuplicatesTest, DismissedStaysDismissedWhenARecordChanges) {
  Record(Karim());
  Identity again = Karim();
  again.name_latin = "Mohammad Karim";
  Person second = Record(again);
  ASSERT_TRUE(duplicates_->Dismiss(counsellor_, centre_, Open()[0].id).ok());
  EXPECT_TRUE(Open().empty());
  again.nationality = "BD";
  ASSERT_TRUE(people_
                  ->UpdateIdentity(counsellor_, centre_, auth::Purpose::kCounselling,
                                   second.summary.id, again)
                  .ok());
  EXPECT_TRUE(Open().empty());
  EXPECT_EQ(duplicates_->List(centre_, "dismissed").value().size(), 1u);
}

TEST_F(DuplicatesTest, ReviewingAPairIsAnAuditedReadOfBoth) {
  Person first = Record(Karim());
  Person second = Record(Karim());
  auto pair =
      duplicates_->Get(counsellor_, centre_, auth::Purpose::kCounselling, Open()[0].id).value();
  EXPECT_EQ(pair.a.identity.name, "মোহাম্মদ করিম");
  EXPECT_EQ(pair.b.identity.name, "মোহাম্মদ করিম");
  for (const std::string& id : {first.summary.id, second.summary.id}) {
    auto reads = db_->Read(
                        "SELECT purpose FROM audit_event WHERE action = 'person.read' AND "
                        "resource = ?",
                        {"person/" + id})
                     .value();
    ASSERT_EQ(reads.size(), 1u) << id;
    EXPECT_EQ(reads[0].Text(0), "counselling");
  }
  std::string other = NewCentre("MRC Sylhet");
  EXPECT_EQ(
      duplicates_->Get(counsellor_, other, auth::Purpose::kCounselling, pair.id).status().reason(),
      "no_such_pair");
}

TEST_F(DuplicatesTest, ShreddingTheKeptPersonShredsTheMergedRecordAndTheIndex) {
  Person first = Record(Karim());
  Person second = Record(Karim());
  ASSERT_TRUE(duplicates_->Merge(counsellor_, centre_, Open()[0].id, first.summary.id).ok());
  auth::Principal manager = NewUser("m@example.org", auth::Role::kManager);
  ASSERT_TRUE(people_->Shred(manager, centre_, first.summary.id).ok());
  auto rows = db_->Read("SELECT shredded_at, match_sealed IS NULL FROM person", {}).value();
  ASSERT_EQ(rows.size(), 2u);
  for (const auto& r : rows) {
    EXPECT_NE(r.Int(0), 0);
    EXPECT_EQ(r.Int(1), 1);
  }
  EXPECT_TRUE(db_->Read("SELECT 1 FROM person_key", {}).value().empty());
  EXPECT_TRUE(duplicates_->Check(centre_, Karim()).value().empty());
}

TEST_F(DuplicatesTest, RecordsWrittenBeforeTheIndexAreIndexedByTheWorker) {
  Person first = Record(Karim());
  ASSERT_TRUE(db_->Transact(store::Access::kWrite,
                            [&](store::Conn& c) {
                              RETURN_IF_ERROR(c.Exec("DELETE FROM person_key", {}).status());
                              return c.Exec("UPDATE person SET match_version = 0", {}).status();
                            })
                  .ok());
  EXPECT_TRUE(duplicates_->Check(centre_, Karim()).value().empty());
  EXPECT_EQ(duplicates_->IndexPending().value(), 1);
  EXPECT_EQ(duplicates_->IndexPending().value(), 0);
  EXPECT_EQ(duplicates_->Check(centre_, Karim()).value().size(), 1u);
}

}  // namespace
}  // namespace serai::people
