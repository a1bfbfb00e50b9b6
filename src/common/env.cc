#include "common/env.h"

#include <sodium.h>

#include <chrono>
#include <cstdlib>

namespace serai {
namespace {

class RealEnv : public Env {
 public:
  RealEnv() {
    if (sodium_init() < 0) std::abort();  // no secure randomness: nothing safe can run
  }
  int64_t NowMillis() override {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
  }
  std::string RandomBytes(size_t n) override {
    std::string out(n, '\0');
    randombytes_buf(out.data(), n);
    return out;
  }
};

}  // namespace

Env& Env::Default() {
  static RealEnv env;
  return env;
}

}  // namespace serai
