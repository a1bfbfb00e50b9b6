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

}  // namespace serai
