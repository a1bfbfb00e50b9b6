// Small checks on free text.
#pragma once

#include <string_view>

namespace serai {

// Nothing but spaces, tabs and line ends (or nothing at all).
inline bool IsBlank(std::string_view text) {
  return text.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

}  // namespace serai
