#include "search/phone.h"

#include <gtest/gtest.h>

namespace serai::search {
namespace {

TEST(PhoneTest, WrittenFormsOfOneNumberMeetInE164) {
  for (const char* written :
       {"0799 123 456", "+93 799-123-456", "0093799123456", "+93799123456", "(0799) 123456"}) {
    EXPECT_EQ(NormalisePhone(written, "AF").value_or("none"), "+93799123456") << written;
  }
  // Written with Persian digits, as people in Kabul often do.
  EXPECT_EQ(NormalisePhone("۰۷۹۹ ۱۲۳ ۴۵۶", "AF").value_or("none"), "+93799123456");
  // WhatsApp's wa_id is the international number without '+'.
  EXPECT_EQ(NormalisePhone("+8801712345678", "AF").value_or("none"), "+8801712345678");
  EXPECT_EQ(NormalisePhone("01712345678", "BD").value_or("none"), "+8801712345678");
  EXPECT_EQ(NormalisePhone("0300 1234567", "PK").value_or("none"), "+923001234567");
}

TEST(PhoneTest, WhatIsNotAPhoneNumberIsRefused) {
  for (const char* bad : {"", "12", "hello", "+93 12", "0799 123 456 789 000 111", "\xff\xfe",
                          "۰۷۹۹۱۲۳۴۵۶۷۸۹۰۱۲۳۴۵۶"}) {
    EXPECT_FALSE(NormalisePhone(bad, "AF").has_value()) << bad;
  }
}

}  // namespace
}  // namespace serai::search
