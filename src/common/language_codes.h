// Language codes ("prs", "ps", "en"): as checked, and their own names. Stored as lists
// (common/lists.h).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace serai {

// Each code 2 or 3 lower-case ASCII letters; at least `min` and at most 20 of them.
Status CheckLanguageCodes(const std::vector<std::string>& codes, size_t min);

// A language's own name ("دری" for prs, "Тоҷикӣ" for tg) for the languages an MRC serves; the
// code itself for others.
std::string LanguageAutonym(std::string_view code);

}  // namespace serai
