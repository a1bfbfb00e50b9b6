// Short lists stored in one column, comma-separated ("prs,ps,en", "work,family"): the items never
// hold commas.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace serai {

std::string JoinList(const std::vector<std::string>& items);
// Empty items are dropped.
std::vector<std::string> SplitList(std::string_view joined);

// True when `value` is one of `allowed` (a closed list of codes).
bool IsOneOf(const std::vector<std::string>& allowed, std::string_view value);

// An ISO 3166-1 alpha-2 country code: two upper-case ASCII letters.
bool IsCountryCode(std::string_view code);

}  // namespace serai
