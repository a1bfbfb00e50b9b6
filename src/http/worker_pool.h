// A fixed pool of threads running queued tasks in order of arrival. Thread-safe.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace serai::http {

class WorkerPool {
 public:
  WorkerPool(int threads, size_t max_queue);
  ~WorkerPool();
  // False when the queue is full or the pool is shutting down; the task is then not run.
  bool TryPost(std::function<void()> task);
  // Runs every task already queued, then joins the threads.
  void Shutdown();

 private:
  void Run();

  size_t max_queue_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::function<void()>> queue_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace serai::http
