// A token bucket per key (client address): `per_minute` tokens refill per minute, up to that many.
// Old keys are dropped when the table grows, so memory stays bounded. Thread-safe.
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>

namespace serai::api {

class Throttle {
 public:
  explicit Throttle(int per_minute) : per_minute_(per_minute) {}
  // True when `key` may proceed at `now_millis`; takes one token.
  bool Allow(const std::string& key, int64_t now_millis);

 private:
  struct Bucket {
    double tokens;
    int64_t at;
  };
  int per_minute_;
  std::mutex mu_;
  std::unordered_map<std::string, Bucket> buckets_;
};

}  // namespace serai::api
