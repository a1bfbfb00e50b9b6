#include "common/token_buckets.h"

#include <algorithm>

namespace serai {

int64_t TokenBuckets::Take(const std::string& key, double per_second, double burst,
                           int64_t now_millis) {
  std::lock_guard lock(mu_);
  if (buckets_.size() > 100000) buckets_.clear();
  auto [it, fresh] = buckets_.try_emplace(key, Bucket{burst, now_millis});
  Bucket& b = it->second;
  b.tokens =
      std::min(burst, b.tokens + static_cast<double>(now_millis - b.at) * per_second / 1000.0);
  b.at = now_millis;
  if (b.tokens >= 1.0) {
    b.tokens -= 1.0;
    return 0;
  }
  return static_cast<int64_t>((1.0 - b.tokens) * 1000.0 / per_second) + 1;
}

}  // namespace serai
