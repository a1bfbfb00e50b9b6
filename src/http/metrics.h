// Request metrics in Prometheus text format: counts by route and status, and a latency histogram.
// Lock-free on the hot path for known routes. Thread-safe.
#pragma once

#include <array>
#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <string>

namespace serai::http {

class Metrics {
 public:
  void Observe(const std::string& method, const std::string& route, int status, double millis);
  // The exposition text, including process figures (resident memory, uptime).
  std::string Render() const;

 private:
  static constexpr std::array<double, 10> kBuckets = {1, 2, 5, 10, 20, 50, 100, 250, 1000, 5000};
  struct Series {
    std::atomic<uint64_t> count{0};
  };
  mutable std::mutex mu_;
  std::map<std::string, std::unique_ptr<Series>> counts_;  // "method route status"
  std::array<std::atomic<uint64_t>, kBuckets.size() + 1> buckets_{};
  std::atomic<uint64_t> total_{0};
  std::atomic<uint64_t> sum_micros_{0};
};

// Resident set size of this process in bytes (Linux), 0 when unknown.
size_t ResidentBytes();

}  // namespace serai::http
