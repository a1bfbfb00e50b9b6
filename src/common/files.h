// Files that must survive kill -9 and power loss once written.
#pragma once

#include <string>
#include <string_view>

#include "common/status.h"

namespace serai {

// Writes `bytes` to `path` (mode 0600) through a temporary file beside it that is synced and then
// renamed over `path`, and syncs the directory: afterwards `path` holds either the old content or
// all of the new, never a part.
Status WriteFileDurably(const std::string& path, std::string_view bytes);

// The whole file; NotFound when it is not there.
Result<std::string> ReadWholeFile(const std::string& path);

}  // namespace serai
