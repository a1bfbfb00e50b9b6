#include "common/ids.h"

#include <gtest/gtest.h>

#include <set>

namespace serai {
namespace {

TEST(IdsTest, NewIdIsCanonicalVersion7AndTimeOrdered) {
  ManualClockEnv env(1'700'000'000'000);
  std::string a = NewId(env);
  env.Advance(1);
  std::string b = NewId(env);
  EXPECT_TRUE(IsValidId(a)) << a;
  EXPECT_EQ(a[14], '7');
  EXPECT_LT(a, b);
}

TEST(IdsTest, ManyIdsAreDistinct) {
  std::set<std::string> seen;
  for (int i = 0; i < 10000; ++i) seen.insert(NewId(Env::Default()));
  EXPECT_EQ(seen.size(), 10000u);
}

TEST(IdsTest, RejectsMalformedIds) {
  EXPECT_FALSE(IsValidId(""));
  EXPECT_FALSE(IsValidId("0190a0b0-0000-7000-8000-00000000000G"));
  EXPECT_FALSE(IsValidId("0190A0B0-0000-7000-8000-000000000000"));
  EXPECT_FALSE(IsValidId("'; DROP TABLE centre; --"));
}

TEST(IdsTest, HexAndBase64RoundTrip) {
  std::string bytes("\x00\xff\x10 abc", 7);
  std::string back;
  ASSERT_TRUE(HexDecode(HexEncode(bytes), &back));
  EXPECT_EQ(back, bytes);
  ASSERT_TRUE(Base64UrlDecode(Base64UrlEncode(bytes), &back));
  EXPECT_EQ(back, bytes);
  EXPECT_FALSE(HexDecode("zz", &back));
  EXPECT_FALSE(Base64UrlDecode("***", &back));
}

}  // namespace
}  // namespace serai
