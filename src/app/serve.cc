// `serai serve`: the HTTP server and, later, the background workers, in one process.
#include <fcntl.h>
#include <sys/file.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <iostream>
#include <memory>
#include <mutex>
#include <thread>

#include "api/api.h"
#include "app/app.h"
#include "common/log.h"
#include "domain/audit/audit_log.h"

namespace serai::app {

// Held for the life of `serve`, so that `restore` cannot replace the database under a running
// server.
bool LockDataDir(const std::string& data_dir) {
  int fd = ::open((data_dir + "/serai.lock").c_str(), O_CREAT | O_RDWR | O_CLOEXEC, 0600);
  return fd >= 0 && ::flock(fd, LOCK_EX | LOCK_NB) == 0;  // fd stays open until exit
}

// Anchors the audit log's head every few seconds while serving, and once more at the end, so that
// `audit verify` can tell when the newest events were deleted.
class AuditAnchorer {
 public:
  AuditAnchorer(store::Db& db, std::string path) : db_(db), path_(std::move(path)) {
    thread_ = std::thread([this] { Run(); });
  }
  ~AuditAnchorer() {
    {
      std::lock_guard lock(mu_);
      stop_ = true;
    }
    cv_.notify_all();
    thread_.join();
    Anchor();
  }
  AuditAnchorer(const AuditAnchorer&) = delete;
  AuditAnchorer& operator=(const AuditAnchorer&) = delete;

 private:
  void Run() {
    std::unique_lock lock(mu_);
    while (!cv_.wait_for(lock, std::chrono::seconds(5), [this] { return stop_; })) {
      lock.unlock();
      Anchor();
      lock.lock();
    }
  }
  void Anchor() {
    auto head = audit::ReadHead(db_);
    if (!head.ok() || head->seq == last_seq_) return;
    if (Status s = audit::WriteAnchor(path_, *head); !s.ok()) {
      log::Warn("audit_anchor_failed", {{"reason", s.reason()}});
      return;
    }
    last_seq_ = head->seq;
  }

  store::Db& db_;
  std::string path_;
  int64_t last_seq_ = -1;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::thread thread_;
};

// Runs one kind of background job while serving: `run_once` does one job and says whether there
// was one; when there was none, `wait` pauses (until new work or a short time). A job that throws
// is logged and left to be retried when its lock lapses (the job-worker catch site). A worker
// with a `busy_share` below 1 rests after each job in proportion to the processor time it took,
// so that it never uses more than that share of one processor while work keeps coming.
class JobWorker {
 public:
  JobWorker(std::string name, std::function<Result<bool>()> run_once, std::function<void()> wait,
            double busy_share = 1)
      : name_(std::move(name)),
        run_once_(std::move(run_once)),
        wait_(std::move(wait)),
        busy_share_(busy_share),
        thread_([this] { Run(); }) {}
  ~JobWorker() {
    stop_ = true;
    thread_.join();
  }
  JobWorker(const JobWorker&) = delete;
  JobWorker& operator=(const JobWorker&) = delete;

 private:
  void Run() {
    while (!stop_) {
      bool did = false;
      double started = ThreadCpuSeconds();
      try {
        auto r = run_once_();
        did = r.ok() && *r;
        if (!r.ok()) log::Warn(name_ + "_failed", {{"reason", r.status().reason()}});
      } catch (const std::exception& e) {
        log::Error(name_ + "_exception", {{"what", std::string(e.what())}});
      }
      if (!did) {
        wait_();
      } else if (busy_share_ < 1) {
        double used = ThreadCpuSeconds() - started;
        std::this_thread::sleep_for(
            std::chrono::duration<double>(std::min(1.0, used * (1 / busy_share_ - 1))));
      }
    }
  }
  static double ThreadCpuSeconds() {
    timespec t{};
    ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return double(t.tv_sec) + double(t.tv_nsec) / 1e9;
  }

  std::string name_;
  std::function<Result<bool>()> run_once_;
  std::function<void()> wait_;
  double busy_share_;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

// A worker that looks for due work every `period`, and again at once while its last look found
// some (`look` answers how many things it did).
std::unique_ptr<JobWorker> Periodic(std::string name, std::chrono::minutes period,
                                    std::function<Result<int>()> look) {
  auto next = std::make_shared<std::chrono::steady_clock::time_point>();
  return std::make_unique<JobWorker>(
      std::move(name),
      [next, period, look = std::move(look)]() -> Result<bool> {
        auto now = std::chrono::steady_clock::now();
        if (now < *next) return false;
        ASSIGN_OR_RETURN(int done, look());
        if (done == 0) *next = now + period;
        return done > 0;
      },
      [] { std::this_thread::sleep_for(std::chrono::seconds(1)); });
}

int Serve(const Config& config) {
  auto started = std::chrono::steady_clock::now();
  auto opened = OpenApp(config);
  if (!opened.ok()) {
    log::Error("start_failed", {{"reason", opened.status().ToString()}});
    return 1;
  }
  App& app = **opened;
  if (config.db_url.empty() && !LockDataDir(config.data_dir)) {
    log::Error("start_failed", {{"reason", "another serai process is using this data directory"}});
    return 1;
  }
  live::LiveEvents live(*app.db);  // before any write, so that no announcement is missed
  api::Services services{*app.db,
                         *app.keys,
                         *app.users,
                         *app.auth,
                         *app.centres,
                         *app.channels,
                         *app.inbox,
                         *app.routing,
                         *app.canned,
                         *app.outbox,
                         *app.media,
                         *app.templates,
                         *app.articles,
                         *app.people,
                         *app.cases,
                         *app.referrals,
                         *app.reintegration,
                         *app.duplicates,
                         live,
                         app.metrics,
                         Env::Default(),
                         api::ApiOptions{.sign_in_per_minute = config.sign_in_per_minute}};
  http::ServerOptions options;
  options.address = config.listen;
  options.port = static_cast<uint16_t>(config.port);
  options.workers = config.workers;
  options.io_threads = config.io_threads;
  options.static_dir = config.web_dir;
  options.stream_heartbeat_seconds = config.stream_heartbeat_seconds;
  options.error = api::ProblemResponse;
  options.on_complete = [&app](const http::Request& r, int status, double ms) {
    app.metrics.Observe(r.method, r.route, status, ms);
    if (status >= 500) {
      log::Error("request", {{"id", r.request_id},
                             {"method", r.method},
                             {"route", r.route},
                             {"status", static_cast<long long>(status)},
                             {"ms", ms}});
    }
  };
  AuditAnchorer anchorer(*app.db, AuditAnchorPath(config));
  JobWorker outbox_worker(
      "outbox", [&app] { return app.outbox->RunOnce(); }, [&app] { app.outbox->WaitForWork(100); });
  // Media is queued by webhooks in any process: looked for every quarter second.
  JobWorker media_worker(
      "media", [&app] { return app.media->RunOnce(); },
      [] { std::this_thread::sleep_for(std::chrono::milliseconds(250)); });
  // Questions are queued by webhooks in any process; a read every quarter second when idle. The
  // assistant's searches yield the processor to requests (nice 10 for its thread) and take at most
  // half of one processor: a burst of messages is acknowledged first and assessed a moment later
  // (a search costs well under a millisecond, so this is still hundreds of questions a second).
  constexpr double kAssistantShare = 0.5;
  JobWorker assistant_worker(
      "assistant",
      [&app] {
        thread_local bool lowered = ::setpriority(PRIO_PROCESS, ::gettid(), 10) == 0;
        (void)lowered;
        return app.assistant->RunOnce();
      },
      [] { std::this_thread::sleep_for(std::chrono::milliseconds(250)); }, kAssistantShare);
  // People whose centre's retention has run out are shredded; missed follow-ups and overdue
  // milestones are flagged. Both are looked for every ten minutes.
  auto retention_worker =
      Periodic("retention", std::chrono::minutes(10), [&app] { return app.people->ShredDue(); });
  // Records written before duplicate detection (or before its last change) are indexed again.
  auto duplicates_worker = Periodic("duplicates", std::chrono::minutes(10),
                                    [&app] { return app.duplicates->IndexPending(); });
  auto setback_worker = Periodic("setbacks", std::chrono::minutes(10), [&app]() -> Result<int> {
    ASSIGN_OR_RETURN(int raised, app.reintegration->DetectDue());
    if (raised > 0) log::Info("setbacks_raised", {{"count", static_cast<long long>(raised)}});
    return raised;
  });
  http::Server server(options);
  api::Register(server, services);
  if (Status s = server.Start(); !s.ok()) {
    log::Error("start_failed", {{"reason", s.ToString()}});
    return 1;
  }
  double start_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  std::string host =
      config.listen == "0.0.0.0" || config.listen == "127.0.0.1" ? "localhost" : config.listen;
  log::Info("serving", {{"port", static_cast<long long>(server.port())},
                        {"backend", config.db_url.empty() ? "sqlite" : "postgres"},
                        {"start_ms", start_ms},
                        {"web", !config.web_dir.empty()}});
  std::cout << "Serai is serving at http://" << host << ":" << server.port() << std::endl;
  server.Wait();
  log::Info("stopped");
  return 0;
}

}  // namespace serai::app
