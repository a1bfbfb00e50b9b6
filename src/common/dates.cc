#include "common/dates.h"

#include <cctype>
#include <cstdio>

namespace serai {

std::optional<std::chrono::year_month_day> ParseDate(std::string_view text) {
  bool shaped = text.size() == 10 && text[4] == '-' && text[7] == '-';
  for (size_t i = 0; shaped && i < text.size(); ++i) {
    shaped = i == 4 || i == 7 || std::isdigit(static_cast<unsigned char>(text[i]));
  }
  if (!shaped) return std::nullopt;
  auto number = [&](size_t at, size_t n) { return std::stoi(std::string(text.substr(at, n))); };
  std::chrono::year_month_day d{std::chrono::year{number(0, 4)},
                                std::chrono::month{static_cast<unsigned>(number(5, 2))},
                                std::chrono::day{static_cast<unsigned>(number(8, 2))}};
  if (!d.ok()) return std::nullopt;
  return d;
}

std::string DateText(std::chrono::year_month_day d) {
  char out[16];
  std::snprintf(out, sizeof out, "%04d-%02u-%02u", static_cast<int>(d.year()),
                static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
  return out;
}

std::chrono::year_month_day DayOf(int64_t millis) {
  using namespace std::chrono;
  return year_month_day{floor<days>(sys_time<milliseconds>(milliseconds(millis)))};
}

std::chrono::year_month_day PlusMonths(std::chrono::year_month_day d, int months) {
  using namespace std::chrono;
  year_month_day later = d + std::chrono::months{months};
  if (later.ok()) return later;
  return year_month_day{year_month_day_last{later.year(), month_day_last{later.month()}}};
}

std::chrono::year_month_day PlusDays(std::chrono::year_month_day d, int days) {
  using namespace std::chrono;
  return year_month_day{sys_days{d} + std::chrono::days{days}};
}

}  // namespace serai
