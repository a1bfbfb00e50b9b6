// Calendar days as the API and files write them: YYYY-MM-DD.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace serai {

// nullopt unless `text` is YYYY-MM-DD and a real day.
std::optional<std::chrono::year_month_day> ParseDate(std::string_view text);
std::string DateText(std::chrono::year_month_day d);
// The day (UTC) of a moment in milliseconds since the epoch.
std::chrono::year_month_day DayOf(int64_t millis);
// `months` calendar months later (or earlier); a day the month lacks becomes its last day
// (31 January plus one month is 28 or 29 February).
std::chrono::year_month_day PlusMonths(std::chrono::year_month_day d, int months);
std::chrono::year_month_day PlusDays(std::chrono::year_month_day d, int days);

}  // namespace serai
