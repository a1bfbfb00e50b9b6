#include "common/status.h"

#include <gtest/gtest.h>

namespace serai {
namespace {

Result<int> Half(int n) {
  if (n % 2 != 0) return InvalidArgument("odd", "odd number");
  return n / 2;
}

Result<int> Quarter(int n) {
  ASSIGN_OR_RETURN(int half, Half(n));
  ASSIGN_OR_RETURN(int quarter, Half(half));
  return quarter;
}

TEST(StatusTest, OkByDefault) {
  Status s;
  EXPECT_TRUE(s.ok());
  EXPECT_EQ(s.ToString(), "OK");
}

TEST(StatusTest, CarriesCodeReasonAndMessage) {
  Status s = NotFound("no_centre", "no such centre");
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kNotFound);
  EXPECT_EQ(s.reason(), "no_centre");
  EXPECT_EQ(s.ToString(), "NOT_FOUND (no_centre): no such centre");
}

TEST(ResultTest, AssignOrReturnPropagatesFirstError) {
  EXPECT_EQ(Quarter(8).value(), 2);
  Result<int> r = Quarter(6);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().reason(), "odd");
}

}  // namespace
}  // namespace serai
