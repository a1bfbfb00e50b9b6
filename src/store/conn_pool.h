// A pool of connections shared by both backends: borrow one, give it back. The pool owns the
// connections; it grows on demand up to `max_size` when given a way to open one. Thread-safe.
#pragma once

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "common/status.h"

namespace serai::store {

template <typename C>
class ConnPool {
 public:
  using Opener = std::function<Result<std::unique_ptr<C>>()>;

  ConnPool(size_t max_size, Opener opener) : max_size_(max_size), opener_(std::move(opener)) {}

  void Add(std::unique_ptr<C> conn) {
    std::lock_guard lock(mu_);
    free_.push_back(conn.get());
    all_.push_back(std::move(conn));
  }

  // A borrowed connection, returned to the pool when the lease ends.
  class Lease {
   public:
    Lease(ConnPool* pool, C* conn) : pool_(pool), conn_(conn) {}
    Lease(Lease&& other) noexcept : pool_(other.pool_), conn_(other.conn_) {
      other.conn_ = nullptr;
    }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    Lease& operator=(Lease&&) = delete;
    ~Lease() {
      if (conn_ != nullptr) pool_->Release(conn_);
    }
    C& operator*() const { return *conn_; }
    C* operator->() const { return conn_; }

   private:
    ConnPool* pool_;
    C* conn_;
  };

  // Waits for a free connection, opening a new one while the pool is below its size.
  Result<Lease> Acquire() {
    std::unique_lock lock(mu_);
    auto can_open = [&] { return opener_ && all_.size() + opening_ < max_size_; };
    cv_.wait(lock, [&] { return !free_.empty() || can_open(); });
    if (!free_.empty()) {
      C* conn = free_.back();
      free_.pop_back();
      return Lease(this, conn);
    }
    ++opening_;  // counted while unlocked, so concurrent callers never open past max_size
    lock.unlock();
    Result<std::unique_ptr<C>> opened = opener_();
    lock.lock();
    --opening_;
    if (!opened.ok()) {
      cv_.notify_one();  // a waiter may try to open in our place
      return opened.status();
    }
    all_.push_back(std::move(opened).value());
    return Lease(this, all_.back().get());
  }

 private:
  void Release(C* conn) {
    {
      std::lock_guard lock(mu_);
      free_.push_back(conn);
    }
    cv_.notify_one();
  }

  size_t max_size_;
  size_t opening_ = 0;
  Opener opener_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<C>> all_;
  std::vector<C*> free_;
};

}  // namespace serai::store
