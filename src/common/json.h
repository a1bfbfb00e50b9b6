// Decoding untrusted JSON into typed values without exceptions.
//
// ParseJson rejects bodies that are not UTF-8 JSON, are nested deeper than kMaxJsonDepth, or whose
// top level is not an object. The Field* helpers read one member with a type check and give a
// Status naming the field on failure. All of them are pure functions and thread-safe.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace serai {

using Json = nlohmann::json;

inline constexpr int kMaxJsonDepth = 32;

Result<Json> ParseJsonObject(std::string_view body);

// Limits on a string field: lengths are in bytes of UTF-8.
struct StringRule {
  size_t min_len = 0;
  size_t max_len = 256;
};

// A required string member.
Result<std::string> RequiredString(const Json& obj, std::string_view name, StringRule rule = {});
// A required multi-line text member (newlines and tabs allowed, other control characters not).
Result<std::string> RequiredTextBlock(const Json& obj, std::string_view name,
                                      size_t max_len = 28000);
// An optional string member: absent or null gives std::nullopt.
Result<std::optional<std::string>> OptionalString(const Json& obj, std::string_view name,
                                                  StringRule rule = {});
Result<std::optional<bool>> OptionalBool(const Json& obj, std::string_view name);
Result<bool> RequiredBool(const Json& obj, std::string_view name);
// An optional whole number from `min` to `max`.
Result<std::optional<int64_t>> OptionalInteger(const Json& obj, std::string_view name, int64_t min,
                                               int64_t max);
// An optional array of strings (each obeying `rule`), at most `max_items` long.
Result<std::optional<std::vector<std::string>>> OptionalStringArray(const Json& obj,
                                                                    std::string_view name,
                                                                    size_t max_items,
                                                                    StringRule rule = {});
// Rejects members not in `allowed`, so that typos are reported rather than ignored.
Status OnlyKnownFields(const Json& obj, std::initializer_list<std::string_view> allowed);

// Reading documents from other systems (the messaging platforms), never failing: a missing member
// or one of another type reads as empty. Any value may be a non-object.
// A member as text: a string, or an integer with all its digits (ids may exceed 2^53).
std::string MemberText(const Json& obj, std::string_view key);
// A member as a whole number: an integer, or a string of digits (WhatsApp's timestamps); else 0.
int64_t MemberNumber(const Json& obj, std::string_view key);
// The member itself, or null.
const Json& MemberOf(const Json& obj, std::string_view key);
// The member if it is an array, or an empty array.
const Json& MemberArray(const Json& obj, std::string_view key);

// True when `s` holds no control characters other than none at all (for single-line fields).
bool IsSingleLine(std::string_view s);

}  // namespace serai
