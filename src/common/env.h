// Env: the clock and the randomness Serai uses, behind one interface so tests can control them.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

namespace serai {

class Env {
 public:
  virtual ~Env() = default;
  // Milliseconds since the Unix epoch.
  virtual int64_t NowMillis() = 0;
  // `n` bytes from a cryptographically secure source.
  virtual std::string RandomBytes(size_t n) = 0;

  // The process-wide real environment (system clock, libsodium's randombytes). Thread-safe.
  static Env& Default();
};

// An Env whose clock only moves when told to. Randomness is still real. Thread-compatible.
class ManualClockEnv : public Env {
 public:
  explicit ManualClockEnv(int64_t now_millis) : now_(now_millis) {}
  int64_t NowMillis() override { return now_; }
  std::string RandomBytes(size_t n) override { return Env::Default().RandomBytes(n); }
  void Advance(int64_t millis) { now_ += millis; }

 private:
  int64_t now_;
};

}  // namespace serai
