// Structured logging: one JSON object per line on standard error.
//
// Fields are whitelisted by the caller: never pass personal data (names, phone numbers, e-mail
// addresses, message text, request bodies). Ids, route patterns, codes and durations are fine.
// Thread-safe.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace serai::log {

enum class Level { kDebug, kInfo, kWarn, kError };

using Value = std::variant<std::string, std::string_view, const char*, long long, double, bool>;
using Field = std::pair<std::string_view, Value>;

void SetMinLevel(Level level);
void Write(Level level, std::string_view event, std::initializer_list<Field> fields = {});

inline void Info(std::string_view event, std::initializer_list<Field> fields = {}) {
  Write(Level::kInfo, event, fields);
}
inline void Warn(std::string_view event, std::initializer_list<Field> fields = {}) {
  Write(Level::kWarn, event, fields);
}
inline void Error(std::string_view event, std::initializer_list<Field> fields = {}) {
  Write(Level::kError, event, fields);
}

}  // namespace serai::log
