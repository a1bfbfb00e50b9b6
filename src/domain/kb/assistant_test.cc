#include "domain/kb/assistant.h"

#include <gtest/gtest.h>

#include "search/kb_index.h"

namespace serai::kb {
namespace {

TEST(AssistantTest, KnowsAskingForAPersonInEveryLanguage) {
  for (const char* text :
       {"person", "I want to talk to a human", "می‌خواهم با مشاور صحبت کنم",
        "سلاکار", "مشیر سے بات", "পরামর্শদাতা", "أريد التحدث مع مستشار", "мушовир",
        "Хочу поговорить с человеком", "insaan se baat karni hai"}) {
    EXPECT_TRUE(AsksForPerson(text)) << text;
  }
  EXPECT_FALSE(AsksForPerson("how do I get a work visa for dubai"));
  EXPECT_FALSE(AsksForPerson(""));
  // A long question that mentions a counsellor is a question, not a request for one.
  EXPECT_FALSE(AsksForPerson(
      "my counsellor said the agent must have a licence but how do I check that it is real and "
      "what do I do if it is not"));
}

TEST(AssistantTest, ProtectionTopicsInAnyLanguage) {
  EXPECT_TRUE(IsProtection(search::KbConcepts("my employer beats me and locked me in the house")));
  EXPECT_TRUE(
      IsProtection(search::KbConcepts("قاچاقبر مرا لت‌وکوب می‌کند")));
  EXPECT_TRUE(IsProtection(search::KbConcepts("মালিক আমাকে মারধর করে")));
  EXPECT_TRUE(IsProtection(search::KbConcepts("он меня избил")));
  // Being kept locked in, with no word of violence or trafficking.
  EXPECT_TRUE(
      IsProtection(search::KbConcepts("they promised a hotel job but now they lock me in")));
  EXPECT_TRUE(IsProtection(search::KbConcepts("меня заперли на работе")));
  EXPECT_TRUE(IsProtection(search::KbConcepts("مرا در خانه قفل کرده اند")));
  EXPECT_TRUE(IsProtection({"missing-migrants"}));
  EXPECT_FALSE(IsProtection(search::KbConcepts("how do I send money home safely")));
}

}  // namespace
}  // namespace serai::kb
