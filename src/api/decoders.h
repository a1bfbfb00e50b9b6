// Request decoders, exposed so the fuzz target can drive them with arbitrary bytes. Each parses the
// body and every typed field, returning a Status; none may crash or throw on any input.
#pragma once

#include <string_view>

#include "common/status.h"

namespace serai::api {

Status DecodeCentreBodies(std::string_view body);
Status DecodeUserBodies(std::string_view body);
Status DecodeSessionBodies(std::string_view body);

}  // namespace serai::api
