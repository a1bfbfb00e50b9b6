#include "common/language_codes.h"

#include <algorithm>

namespace serai {

Status CheckLanguageCodes(const std::vector<std::string>& codes, size_t min) {
  if (codes.size() < min || codes.size() > 20) {
    return InvalidArgument("invalid_languages",
                           "give " + std::to_string(min) + " to 20 language codes");
  }
  for (const auto& code : codes) {
    bool ok = code.size() >= 2 && code.size() <= 3 &&
              std::all_of(code.begin(), code.end(), [](char c) { return c >= 'a' && c <= 'z'; });
    if (!ok) {
      return InvalidArgument("invalid_languages", "language codes are 2 or 3 lower-case letters");
    }
  }
  return Status::Ok();
}

std::string LanguageAutonym(std::string_view code) {
  static const std::vector<std::pair<std::string_view, std::string_view>> kNames = {
      {"en", "English"}, {"prs", "دری"},    {"ps", "پښتو"},   {"ur", "اردو"},
      {"bn", "বাংলা"},   {"ar", "العربية"}, {"tg", "Тоҷикӣ"}, {"ru", "Русский"}};
  for (const auto& [c, name] : kNames) {
    if (c == code) return std::string(name);
  }
  return std::string(code);
}

}  // namespace serai
