// Token buckets by key (a client address, a channel account): each key may spend `per_second`
// tokens a second, with bursts up to `burst`. The table is bounded: it is emptied when it grows
// past 100,000 keys. Thread-safe.
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>

namespace serai {

class TokenBuckets {
 public:
  // Takes one token for `key` at `now_millis` and returns 0, or returns how many milliseconds to
  // wait until one is there (taking nothing).
  int64_t Take(const std::string& key, double per_second, double burst, int64_t now_millis);

 private:
  struct Bucket {
    double tokens;
    int64_t at;
  };
  std::mutex mu_;
  std::unordered_map<std::string, Bucket> buckets_;
};

}  // namespace serai
