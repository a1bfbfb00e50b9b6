#include "search/kb_index.h"

#include <gtest/gtest.h>
#include <unistd.h>
#include <xapian.h>

#include <filesystem>

#include "search/kb_lexicon.h"

namespace serai::search {
namespace {

TEST(SkeletonTest, OneLoanWordInEveryScriptHasOneSkeleton) {
  for (const char* w : {"passport", "pasport", "پاسپورت", "پاسپورٹ", "পাসপোর্ট", "паспорт"}) {
    EXPECT_EQ(Skeleton(w), "psprt") << w;
  }
  EXPECT_EQ(Skeleton("visa"), "") << "fewer than three consonants say too little";
  EXPECT_NE(Skeleton("contract"), Skeleton("passport"));
}

TEST(LexiconTest, ConceptsAcrossLanguagesAndEndings) {
  auto has = [](std::string_view word, std::string_view code) {
    for (std::string_view c : ConceptsOf(word)) {
      if (c == code) return true;
    }
    return false;
  };
  EXPECT_TRUE(has("smugglers", "smuggling"));
  EXPECT_TRUE(has("قاچاقبر", "smuggling"));
  EXPECT_TRUE(has("پاسپورتم", "passport")) << "a Persian ending after a listed word";
  EXPECT_TRUE(has("паспорт", "passport"));
  EXPECT_FALSE(has("bread", "passport"));
}

class KbIndexTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // Each test runs in a process of its own, two at a time: a folder per process.
    dir_ = std::filesystem::temp_directory_path() / ("serai-kb-test-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::filesystem::path dir_;
};

TEST_F(KbIndexTest, FindsAcrossScriptsAndLanguagesAndAbstains) {
  std::vector<KbDocument> docs = {
      {"passport-taken", "ur", "پاسپورٹ ضبط ہونے پر کیا کریں",
       "اگر کفیل یا آجر نے آپ کا پاسپورٹ رکھ لیا ہے تو سفارت خانے سے رابطہ کریں۔"},
      {"passport-taken", "en", "If your passport is taken",
       "An employer may not keep your passport. Contact your embassy."},
      {"smuggling-risks", "en", "The risks of using smugglers",
       "Smugglers lie about the route, the price and the danger at the border."},
  };
  ASSERT_TRUE(KbIndex::Build(dir_.string(), docs).ok());
  auto index = KbIndex::Open(dir_.string());
  ASSERT_TRUE(index.ok());
  // Roman Urdu finds the article; Dari names the smuggler in a word the English article never uses.
  KbAnswer roman = (*index)->Ask("mera passport kafeel ne rakh liya");
  ASSERT_FALSE(roman.hits.empty());
  EXPECT_EQ(roman.hits[0].slug, "passport-taken");
  KbAnswer dari = (*index)->Ask("قاچاقبر راه مرز");
  ASSERT_FALSE(dari.hits.empty());
  EXPECT_EQ(dari.hits[0].slug, "smuggling-risks");
  // One result per article, best first, scores between 0 and 1.
  KbAnswer en = (*index)->Ask("employer kept my passport");
  ASSERT_FALSE(en.hits.empty());
  EXPECT_TRUE(en.answer);
  EXPECT_EQ(en.hits[0].slug, "passport-taken");
  for (size_t i = 1; i < en.hits.size(); ++i) EXPECT_NE(en.hits[i].slug, en.hits[0].slug);
  EXPECT_LE(en.hits[0].score, 1.0);
  EXPECT_FALSE((*index)->Ask("chicken biryani recipe tonight").answer);
  EXPECT_TRUE((*index)->Ask("").hits.empty());
}

TEST_F(KbIndexTest, ARebuildReplacesTheIndex) {
  ASSERT_TRUE(
      KbIndex::Build(dir_.string(), {{"a", "en", "Seasonal farm work", "Harvest jobs"}}).ok());
  ASSERT_TRUE(KbIndex::Build(dir_.string(), {{"b", "en", "Student visas", "Universities"}}).ok());
  auto index = KbIndex::Open(dir_.string());
  ASSERT_TRUE(index.ok());
  EXPECT_TRUE((*index)->Ask("seasonal harvest").hits.empty());
  EXPECT_EQ((*index)->Ask("student universities").hits.at(0).slug, "b");
}

TEST_F(KbIndexTest, AnIndexMadeWithOtherTermsIsNotOpened) {
  ASSERT_TRUE(KbIndex::Build(dir_.string(), {{"a", "en", "Student visas", "Universities"}}).ok());
  {
    Xapian::WritableDatabase db(dir_.string(), Xapian::DB_OPEN);
    db.set_metadata("format", "1/older-lexicon");  // as an older serai would have left it
    db.commit();
  }
  auto stale = KbIndex::Open(dir_.string());
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.status().code(), StatusCode::kFailedPrecondition);
  ASSERT_TRUE(KbIndex::Build(dir_.string(), {{"a", "en", "Student visas", "Universities"}}).ok());
  EXPECT_TRUE(KbIndex::Open(dir_.string()).ok());
  EXPECT_FALSE(LexiconFingerprint().empty());
}

}  // namespace
}  // namespace serai::search
