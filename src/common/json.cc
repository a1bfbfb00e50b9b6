#include "common/json.h"

#include <algorithm>

namespace serai {
namespace {

// Scans for nesting depth outside strings before handing the text to the recursive parser, so that
// "[[[[..." cannot exhaust the stack.
bool DepthWithin(std::string_view text, int max_depth) {
  int depth = 0;
  bool in_string = false;
  bool escaped = false;
  for (char c : text) {
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > max_depth) return false;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return true;
}

std::string Quoted(std::string_view name) { return "'" + std::string(name) + "'"; }

Status CheckString(const std::string& s, std::string_view name, const StringRule& rule) {
  if (s.size() < rule.min_len) {
    return InvalidArgument("too_short", "field " + Quoted(name) + " is too short");
  }
  if (s.size() > rule.max_len) {
    return InvalidArgument("too_long", "field " + Quoted(name) + " is longer than " +
                                           std::to_string(rule.max_len) + " bytes");
  }
  if (!IsSingleLine(s)) {
    return InvalidArgument("control_characters",
                           "field " + Quoted(name) + " contains control characters");
  }
  return Status::Ok();
}

}  // namespace

Result<Json> ParseJsonObject(std::string_view body) {
  if (body.empty()) return InvalidArgument("empty_body", "a JSON object body is required");
  if (!DepthWithin(body, kMaxJsonDepth)) {
    return InvalidArgument("too_deep", "JSON nesting is deeper than 32 levels");
  }
  Json doc = Json::parse(body.begin(), body.end(), nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) return InvalidArgument("invalid_json", "the body is not valid JSON");
  if (!doc.is_object()) return InvalidArgument("not_an_object", "the body must be a JSON object");
  return doc;
}

Result<std::string> RequiredString(const Json& obj, std::string_view name, StringRule rule) {
  auto it = obj.find(name);
  if (it == obj.end() || it->is_null()) {
    return InvalidArgument("missing_field", "field " + Quoted(name) + " is required");
  }
  if (!it->is_string()) {
    return InvalidArgument("wrong_type", "field " + Quoted(name) + " must be a string");
  }
  std::string value = it->get<std::string>();
  RETURN_IF_ERROR(CheckString(value, name, rule));
  return value;
}

Result<std::string> RequiredTextBlock(const Json& obj, std::string_view name, size_t max_len) {
  auto it = obj.find(name);
  if (it == obj.end() || it->is_null()) {
    return InvalidArgument("missing_field", "field " + Quoted(name) + " is required");
  }
  if (!it->is_string())
    return InvalidArgument("wrong_type", "field " + Quoted(name) + " must be a string");
  std::string value = it->get<std::string>();
  if (value.empty() || value.size() > max_len) {
    return InvalidArgument("invalid_length", "field " + Quoted(name) + " must be 1 to " +
                                                 std::to_string(max_len) + " bytes");
  }
  bool bad = std::any_of(value.begin(), value.end(), [](char c) {
    auto u = static_cast<unsigned char>(c);
    return (u < 0x20 && c != '\n' && c != '\t' && c != '\r') || u == 0x7f;
  });
  if (bad)
    return InvalidArgument("control_characters",
                           "field " + Quoted(name) + " contains control characters");
  return value;
}

Result<std::optional<std::string>> OptionalString(const Json& obj, std::string_view name,
                                                  StringRule rule) {
  auto it = obj.find(name);
  if (it == obj.end() || it->is_null()) return std::optional<std::string>();
  ASSIGN_OR_RETURN(std::string value, RequiredString(obj, name, rule));
  return std::optional<std::string>(std::move(value));
}

Result<std::optional<bool>> OptionalBool(const Json& obj, std::string_view name) {
  auto it = obj.find(name);
  if (it == obj.end() || it->is_null()) return std::optional<bool>();
  if (!it->is_boolean()) {
    return InvalidArgument("wrong_type", "field " + Quoted(name) + " must be true or false");
  }
  return std::optional<bool>(it->get<bool>());
}

Result<bool> RequiredBool(const Json& obj, std::string_view name) {
  ASSIGN_OR_RETURN(std::optional<bool> value, OptionalBool(obj, name));
  if (!value) return InvalidArgument("missing_field", "field " + Quoted(name) + " is required");
  return *value;
}

Result<std::optional<int64_t>> OptionalInteger(const Json& obj, std::string_view name, int64_t min,
                                               int64_t max) {
  auto it = obj.find(name);
  if (it == obj.end() || it->is_null()) return std::optional<int64_t>();
  if (!it->is_number_integer() || it->get<int64_t>() < min || it->get<int64_t>() > max) {
    return InvalidArgument("wrong_type", "field " + Quoted(name) + " must be a whole number from " +
                                             std::to_string(min) + " to " + std::to_string(max));
  }
  return std::optional<int64_t>(it->get<int64_t>());
}

Result<std::optional<std::vector<std::string>>> OptionalStringArray(const Json& obj,
                                                                    std::string_view name,
                                                                    size_t max_items,
                                                                    StringRule rule) {
  using Out = std::optional<std::vector<std::string>>;
  auto it = obj.find(name);
  if (it == obj.end() || it->is_null()) return Out();
  if (!it->is_array()) {
    return InvalidArgument("wrong_type", "field " + Quoted(name) + " must be an array of strings");
  }
  if (it->size() > max_items) {
    return InvalidArgument("too_many_items", "field " + Quoted(name) + " has more than " +
                                                 std::to_string(max_items) + " items");
  }
  std::vector<std::string> out;
  for (const Json& item : *it) {
    if (!item.is_string()) {
      return InvalidArgument("wrong_type",
                             "field " + Quoted(name) + " must be an array of strings");
    }
    out.push_back(item.get<std::string>());
    RETURN_IF_ERROR(CheckString(out.back(), name, rule));
  }
  return Out(std::move(out));
}

Status OnlyKnownFields(const Json& obj, std::initializer_list<std::string_view> allowed) {
  for (const auto& [key, value] : obj.items()) {
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
      return InvalidArgument("unknown_field",
                             "field " + Quoted(key.substr(0, 64)) + " is not known");
    }
  }
  return Status::Ok();
}

std::string MemberText(const Json& obj, std::string_view key) {
  const Json& v = MemberOf(obj, key);
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number_integer() || v.is_number_unsigned()) return v.dump();
  return {};
}

int64_t MemberNumber(const Json& obj, std::string_view key) {
  const Json& v = MemberOf(obj, key);
  if (v.is_number_integer()) return v.get<int64_t>();
  if (v.is_string()) {
    const std::string& s = v.get_ref<const std::string&>();
    if (!s.empty() && s.size() < 19 && std::all_of(s.begin(), s.end(), ::isdigit))
      return std::stoll(s);
  }
  return 0;
}

const Json& MemberOf(const Json& obj, std::string_view key) {
  static const Json kNull;
  if (!obj.is_object()) return kNull;
  auto it = obj.find(key);
  return it == obj.end() ? kNull : *it;
}

const Json& MemberArray(const Json& obj, std::string_view key) {
  static const Json kEmpty = Json::array();
  const Json& v = MemberOf(obj, key);
  return v.is_array() ? v : kEmpty;
}

bool IsSingleLine(std::string_view s) {
  return std::none_of(s.begin(), s.end(), [](char c) {
    auto u = static_cast<unsigned char>(c);
    return u < 0x20 || u == 0x7f;
  });
}

}  // namespace serai
