#include "search/normalise.h"

#include <gtest/gtest.h>

namespace serai::search {
namespace {

TEST(NormaliseTest, ArabicScriptVariantsMeet) {
  // Arabic kaf and yeh against Persian ones; teh marbuta; hamza forms; alef maksura.
  EXPECT_EQ(NormaliseForSearch("كتاب"), NormaliseForSearch("کتاب"));
  EXPECT_EQ(NormaliseForSearch("علي"), NormaliseForSearch("علی"));
  EXPECT_EQ(NormaliseForSearch("مدرسة"), NormaliseForSearch("مدرسه"));
  EXPECT_EQ(NormaliseForSearch("أحمد"), NormaliseForSearch("احمد"));
  EXPECT_EQ(NormaliseForSearch("مصطفى"), NormaliseForSearch("مصطفی"));
}

TEST(NormaliseTest, MarksThatDoNotChangeTheWordAreDropped) {
  EXPECT_EQ(NormaliseForSearch("مُحَمَّد"), "محمد");              // harakat
  EXPECT_EQ(NormaliseForSearch("مـــحمد"), "محمد");           // tatweel
  EXPECT_EQ(NormaliseForSearch("پاس\u200cپورت"), "پاسپورت");  // zero-width non-joiner
}

TEST(NormaliseTest, CaseAndDigitsOfEveryScriptFold) {
  EXPECT_EQ(NormaliseForSearch("ASYLUM"), "asylum");
  EXPECT_EQ(NormaliseForSearch("Straße"), "strasse");
  EXPECT_EQ(NormaliseForSearch("ВИЗА"), "виза");
  EXPECT_EQ(NormaliseForSearch("۰۷۹۹"), "0799");  // Persian digits
  EXPECT_EQ(NormaliseForSearch("١٢٣"), "123");    // Arabic-Indic digits
  EXPECT_EQ(NormaliseForSearch("১২৩"), "123");    // Bengali digits
  EXPECT_EQ(NormaliseForSearch("ﻻ"), "لا");       // presentation forms (NFKC)
}

TEST(NormaliseTest, WordsFollowIcuBoundariesWithoutPunctuation) {
  EXPECT_EQ(SearchWords("Is the Belarus route open?"),
            (std::vector<std::string>{"is", "the", "belarus", "route", "open"}));
  EXPECT_EQ(SearchWords("پاسپورتم را گرفته‌اند، چه کنم؟"),
            (std::vector<std::string>{"پاسپورتم", "را", "گرفتهاند", "چه", "کنم"}));
  EXPECT_EQ(SearchWords("আমার পাসপোর্ট!"), (std::vector<std::string>{"আমার", "পাসপোর্ট"}));
  EXPECT_EQ(SearchWords("a b c d", 2).size(), 2u);
  EXPECT_TRUE(SearchWords("  ...  !!! ").empty());
  EXPECT_TRUE(SearchWords("\xff\xfe").size() <= 1);  // ill-formed bytes do not crash
}

}  // namespace
}  // namespace serai::search
