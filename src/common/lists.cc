#include "common/lists.h"

#include <algorithm>

namespace serai {

std::string JoinList(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : ",") + i;
  return out;
}

std::vector<std::string> SplitList(std::string_view joined) {
  std::vector<std::string> out;
  for (size_t from = 0; from < joined.size();) {
    size_t comma = std::min(joined.find(',', from), joined.size());
    if (comma > from) out.emplace_back(joined.substr(from, comma - from));
    from = comma + 1;
  }
  return out;
}

bool IsOneOf(const std::vector<std::string>& allowed, std::string_view value) {
  return std::find(allowed.begin(), allowed.end(), value) != allowed.end();
}

bool IsCountryCode(std::string_view code) {
  return code.size() == 2 && code[0] >= 'A' && code[0] <= 'Z' && code[1] >= 'A' && code[1] <= 'Z';
}

}  // namespace serai
