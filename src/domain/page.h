// A page of a cursor-paginated list. `next_cursor` is empty on the last page.
#pragma once

#include <string>
#include <vector>

namespace serai {

template <typename T>
struct Page {
  std::vector<T> items;
  std::string next_cursor;
};

inline constexpr int kMaxPageSize = 200;

}  // namespace serai
