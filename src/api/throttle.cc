#include "api/throttle.h"

#include <algorithm>

namespace serai::api {

bool Throttle::Allow(const std::string& key, int64_t now_millis) {
  std::lock_guard lock(mu_);
  if (buckets_.size() > 100000) buckets_.clear();
  auto [it, fresh] =
      buckets_.try_emplace(key, Bucket{static_cast<double>(per_minute_), now_millis});
  Bucket& b = it->second;
  if (!fresh) {
    double refill = static_cast<double>(now_millis - b.at) * per_minute_ / 60000.0;
    b.tokens = std::min(static_cast<double>(per_minute_), b.tokens + refill);
    b.at = now_millis;
  }
  if (b.tokens < 1.0) return false;
  b.tokens -= 1.0;
  return true;
}

}  // namespace serai::api
