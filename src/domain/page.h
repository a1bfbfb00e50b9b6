// A page of a cursor-paginated list. `next_cursor` is empty on the last page.
#pragma once

#include <string>
#include <type_traits>
#include <vector>

namespace serai {

template <typename T>
struct Page {
  std::vector<T> items;
  std::string next_cursor;
};

inline constexpr int kMaxPageSize = 200;

// The page of `rows`, read with LIMIT limit + 1, each made into an item by `from`: the extra row
// only says that there is a next page, which starts after the last item's id.
template <typename Rows, typename From>
auto PageOfRows(const Rows& rows, int limit, From from) {
  Page<std::decay_t<decltype(from(*rows.begin()))>> page;
  for (const auto& r : rows) {
    if (static_cast<int>(page.items.size()) == limit) {
      page.next_cursor = page.items.back().id;
      break;
    }
    page.items.push_back(from(r));
  }
  return page;
}

}  // namespace serai
