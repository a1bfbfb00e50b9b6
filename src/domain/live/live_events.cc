#include "domain/live/live_events.h"

#include <vector>

#include "common/json.h"

namespace serai::live {

struct LiveEvents::Registry {
  std::mutex mu;
  uint64_t next_id = 1;
  std::unordered_multimap<std::string, std::pair<uint64_t, std::shared_ptr<Handler>>> by_centre;

  void Deliver(std::string_view payload) {
    Event event{"", "resync", ""};
    if (!payload.empty()) {
      Json j = Json::parse(payload, nullptr, /*allow_exceptions=*/false);
      event = {MemberText(j, "c"), MemberText(j, "k"), MemberText(j, "v")};
      if (event.centre_id.empty() || event.kind.empty()) return;  // not one of ours
    }
    // Call the handlers outside the lock, so that one may unsubscribe while being called.
    std::vector<std::shared_ptr<Handler>> targets;
    {
      std::lock_guard lock(mu);
      if (event.centre_id.empty()) {
        for (auto& [centre, entry] : by_centre) targets.push_back(entry.second);
      } else {
        auto [first, last] = by_centre.equal_range(event.centre_id);
        for (auto it = first; it != last; ++it) targets.push_back(it->second.second);
      }
    }
    for (const auto& handler : targets) (*handler)(event);
  }
};

Status Announce(store::Conn& conn, const Event& event) {
  Json payload = {{"c", event.centre_id}, {"k", event.kind}, {"v", event.conversation_id}};
  return conn.Notify(payload.dump());
}

LiveEvents::LiveEvents(store::Db& db) : registry_(std::make_shared<Registry>()) {
  db.Listen([registry = registry_](std::string_view payload) { registry->Deliver(payload); });
}

std::shared_ptr<void> LiveEvents::Subscribe(const std::string& centre_id, Handler fn) {
  std::lock_guard lock(registry_->mu);
  uint64_t id = registry_->next_id++;
  registry_->by_centre.emplace(centre_id,
                               std::make_pair(id, std::make_shared<Handler>(std::move(fn))));
  // The handle's deleter unsubscribes; it holds no reference to the subscriber itself.
  std::weak_ptr<Registry> weak = registry_;
  return std::shared_ptr<void>(nullptr, [weak, centre_id, id](void*) {
    auto registry = weak.lock();
    if (!registry) return;
    std::lock_guard registry_lock(registry->mu);
    auto [first, last] = registry->by_centre.equal_range(centre_id);
    for (auto it = first; it != last; ++it) {
      if (it->second.first == id) {
        registry->by_centre.erase(it);
        break;
      }
    }
  });
}

size_t LiveEvents::subscribers() const {
  std::lock_guard lock(registry_->mu);
  return registry_->by_centre.size();
}

}  // namespace serai::live
