#include "search/language_guess.h"

#include <gtest/gtest.h>

namespace serai::search {
namespace {

struct Case {
  const char* text;
  const char* language;
  bool certain;
};

TEST(LanguageGuessTest, TellsTheServedLanguagesApartByTheirLetters) {
  const Case cases[] = {
      {"سلام، پاسپورتم را در کارگاه گرفته‌اند. چه کنم؟",
       "prs", true},
      {"زه غواړم چې په قانوني ډول کار وکړم", "ps", true},
      {"ښه، زما پاسپورټ چېرته دی؟", "ps", true},
      {"میرا پاسپورٹ ایجنٹ نے رکھ لیا ہے", "ur", true},
      {"کیا سعودی عرب کا ورک ویزا ایجنٹ کے بغیر مل سکتا ہے؟", "ur", true},
      {"هل يمكنني العودة إلى العراق بأمان؟", "ar", false},
      {"আমি মালয়েশিয়ায় কাজ করতে চাই", "bn", true},
      {"Ман мехоҳам дар Русия қонунӣ кор кунам", "tg", true},
      {"Можно ли работать в России без патента?", "ru", false},
      {"Is the Belarus route open now?", "en", false},
      {"mujhe visa chahiye", "en", false},
      {"👍 123 !!", "", false},
      {"", "", false},
  };
  for (const Case& c : cases) {
    LanguageGuess g = GuessFromText(c.text);
    EXPECT_EQ(g.language, c.language) << c.text;
    EXPECT_EQ(g.certain, c.certain) << c.text;
  }
}

TEST(LanguageGuessTest, MixedTextFollowsTheScriptOfMostLetters) {
  EXPECT_EQ(GuessFromText("OK, من در Tehran هستم و پاسپورت ندارم").language, "prs");
  EXPECT_EQ(GuessFromText("Hello! I am in Moscow, патент нет").language, "en");
}

TEST(LanguageGuessTest, IllFormedBytesAreSkipped) {
  EXPECT_EQ(GuessFromText(std::string("\xff\xfe\xc3") + "ڑ").language, "ur");
  EXPECT_EQ(GuessFromText("\xed\xa0\x80\xc0\xaf").language, "");
}

TEST(LanguageGuessTest, PlatformHintsMapToServedLanguages) {
  EXPECT_EQ(LanguageFromHint("fa"), "prs");
  EXPECT_EQ(LanguageFromHint("fa-AF"), "prs");
  EXPECT_EQ(LanguageFromHint("ps"), "ps");
  EXPECT_EQ(LanguageFromHint("UR_pk"), "ur");
  EXPECT_EQ(LanguageFromHint("en-GB"), "en");
  EXPECT_EQ(LanguageFromHint("ne"), "");
  EXPECT_EQ(LanguageFromHint(""), "");
}

TEST(LanguageGuessTest, UncertainTextDefersToTheHintOrTheCentreOfTheSameScript) {
  const std::vector<std::string> kabul = {"prs", "ps", "en"};
  const std::vector<std::string> baghdad = {"ar", "ku", "en"};
  // Letters shared by Arabic and Dari: in Kabul it is Dari, in Baghdad Arabic.
  EXPECT_EQ(ChooseLanguage("سلام", "", kabul), "prs");
  EXPECT_EQ(ChooseLanguage("سلام", "", baghdad), "ar");
  EXPECT_EQ(ChooseLanguage("سلام", "ps", kabul), "ps");
  // A hint in another script than the text is ignored.
  EXPECT_EQ(ChooseLanguage("سلام", "en", kabul), "prs");
  // Certain letters win over any hint.
  EXPECT_EQ(ChooseLanguage("میرا پاسپورٹ", "en", kabul), "ur");
  // Latin letters: the phone's language decides (Roman Urdu), else English.
  EXPECT_EQ(ChooseLanguage("mujhe visa chahiye", "ur", kabul), "ur");
  EXPECT_EQ(ChooseLanguage("hello", "", kabul), "en");
  // Nothing to read: the hint, or unknown.
  EXPECT_EQ(ChooseLanguage("👍", "ru", kabul), "ru");
  EXPECT_EQ(ChooseLanguage("👍", "", kabul), "");
}

}  // namespace
}  // namespace serai::search
