#include "common/json.h"

#include <gtest/gtest.h>

namespace serai {
namespace {

TEST(JsonTest, RejectsMalformedAndNonObjects) {
  EXPECT_EQ(ParseJsonObject("").status().reason(), "empty_body");
  EXPECT_EQ(ParseJsonObject("{").status().reason(), "invalid_json");
  EXPECT_EQ(ParseJsonObject("[1,2]").status().reason(), "not_an_object");
  EXPECT_EQ(ParseJsonObject("\"x\"").status().reason(), "not_an_object");
  EXPECT_EQ(ParseJsonObject("{\"a\":\"\xff\"}").status().reason(), "invalid_json");
}

TEST(JsonTest, RejectsDeepNestingWithoutRecursing) {
  std::string deep = "{\"a\":" + std::string(100000, '[') + std::string(100000, ']') + "}";
  EXPECT_EQ(ParseJsonObject(deep).status().reason(), "too_deep");
  // Brackets inside strings do not count.
  std::string quoted = "{\"a\":\"" + std::string(1000, '[') + "\"}";
  EXPECT_TRUE(ParseJsonObject(quoted).ok());
}

TEST(JsonTest, TypedFieldsReportTheField) {
  Json obj = ParseJsonObject(R"({"name":"Kabul","n":3,"tags":["a",1],"ok":true})").value();
  EXPECT_EQ(RequiredString(obj, "name").value(), "Kabul");
  EXPECT_EQ(RequiredString(obj, "n").status().reason(), "wrong_type");
  EXPECT_EQ(RequiredString(obj, "missing").status().reason(), "missing_field");
  EXPECT_FALSE(OptionalString(obj, "missing").value().has_value());
  EXPECT_EQ(OptionalStringArray(obj, "tags", 5).status().reason(), "wrong_type");
  EXPECT_EQ(OptionalBool(obj, "ok").value(), std::optional<bool>(true));
  EXPECT_EQ(RequiredString(obj, "name", {.min_len = 0, .max_len = 3}).status().reason(),
            "too_long");
  EXPECT_EQ(OnlyKnownFields(obj, {"name"}).reason(), "unknown_field");
}

TEST(JsonTest, RejectsControlCharactersInSingleLineFields) {
  Json obj = ParseJsonObject(R"({"name":"a\nb"})").value();
  EXPECT_EQ(RequiredString(obj, "name").status().reason(), "control_characters");
}

}  // namespace
}  // namespace serai
