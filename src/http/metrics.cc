#include "http/metrics.h"

#include <unistd.h>

#include <fstream>
#include <sstream>

namespace serai::http {

void Metrics::Observe(const std::string& method, const std::string& route, int status,
                      double millis) {
  std::string key =
      method + " " + (route.empty() ? "unmatched" : route) + " " + std::to_string(status);
  Series* series;
  {
    std::lock_guard lock(mu_);
    auto& slot = counts_[key];
    if (!slot) slot = std::make_unique<Series>();
    series = slot.get();
  }
  series->count.fetch_add(1, std::memory_order_relaxed);
  size_t b = 0;
  while (b < kBuckets.size() && millis > kBuckets[b]) ++b;
  buckets_[b].fetch_add(1, std::memory_order_relaxed);
  total_.fetch_add(1, std::memory_order_relaxed);
  sum_micros_.fetch_add(static_cast<uint64_t>(millis * 1000), std::memory_order_relaxed);
}

std::string Metrics::Render() const {
  std::ostringstream out;
  out << "# HELP serai_http_requests_total HTTP requests by method, route and status.\n"
      << "# TYPE serai_http_requests_total counter\n";
  {
    std::lock_guard lock(mu_);
    for (const auto& [key, series] : counts_) {
      std::istringstream parts(key);
      std::string method, route, status;
      parts >> method >> route >> status;
      out << "serai_http_requests_total{method=\"" << method << "\",route=\"" << route
          << "\",status=\"" << status << "\"} " << series->count.load() << "\n";
    }
  }
  out << "# HELP serai_http_request_duration_milliseconds Time from request to response.\n"
      << "# TYPE serai_http_request_duration_milliseconds histogram\n";
  uint64_t cumulative = 0;
  for (size_t i = 0; i < kBuckets.size(); ++i) {
    cumulative += buckets_[i].load();
    out << "serai_http_request_duration_milliseconds_bucket{le=\"" << kBuckets[i] << "\"} "
        << cumulative << "\n";
  }
  cumulative += buckets_[kBuckets.size()].load();
  out << "serai_http_request_duration_milliseconds_bucket{le=\"+Inf\"} " << cumulative << "\n"
      << "serai_http_request_duration_milliseconds_sum "
      << static_cast<double>(sum_micros_.load()) / 1000 << "\n"
      << "serai_http_request_duration_milliseconds_count " << total_.load() << "\n"
      << "# HELP process_resident_memory_bytes Resident memory size in bytes.\n"
      << "# TYPE process_resident_memory_bytes gauge\n"
      << "process_resident_memory_bytes " << ResidentBytes() << "\n";
  return out.str();
}

size_t ResidentBytes() {
  std::ifstream statm("/proc/self/statm");
  size_t pages_total = 0, pages_resident = 0;
  if (!(statm >> pages_total >> pages_resident)) return 0;
  return pages_resident * static_cast<size_t>(sysconf(_SC_PAGESIZE));
}

}  // namespace serai::http
