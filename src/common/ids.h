// Identifiers: UUIDv7 (time-ordered, so ids sort by creation and make good cursors) and encodings.
#pragma once

#include <string>
#include <string_view>

#include "common/env.h"

namespace serai {

// A new UUIDv7 in its canonical 36-character lower-case form.
std::string NewId(Env& env);
// True when `s` is a canonical lower-case UUID (any version).
bool IsValidId(std::string_view s);
// A random code staff can read out and write down, such as "P-7K3M-9QXD" for `prefix` "P": eight
// letters and digits without 0/O or 1/I/L to confuse (about 40 bits).
std::string NewReadableCode(Env& env, std::string_view prefix);

std::string HexEncode(std::string_view bytes);
// Empty optional-like: returns false on bad input.
bool HexDecode(std::string_view hex, std::string* out);
std::string Base64Encode(std::string_view bytes);  // the original alphabet, padded
std::string Base64UrlEncode(std::string_view bytes);
bool Base64UrlDecode(std::string_view text, std::string* out);
bool Base64Decode(std::string_view text, std::string* out);  // the original alphabet, padded

}  // namespace serai
