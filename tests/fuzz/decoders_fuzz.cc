// libFuzzer target: every request decoder over arbitrary bytes. A crash, a sanitizer report or an
// escaped exception is a failure.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "api/decoders.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  serai::api::DecodeEverything(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
