// The HTTP layer: Serai's own small request/response types and a server over RESTinio 0.6.
//
// Nothing outside this folder includes RESTinio, so moving to RESTinio 0.7 or Boost.Beast touches
// only http/. Handlers run on a worker pool, never on the event loop, so database work cannot stall
// other connections. Every request has limits: URL and header sizes, a hard body cap at the parser,
// a per-route body limit answered with 413, read/write/handling timeouts, and a bounded queue
// answered with 503 when full.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/status.h"

namespace serai::http {

struct Request {
  std::string method;
  std::string path;                                          // without the query string
  std::string query;                                         // raw, without '?'
  std::vector<std::string> params;                           // path parameters in pattern order
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-case
  std::string body;
  std::string remote_ip;
  std::string request_id;
  std::string route;  // the matched pattern, for logs and metrics

  // "" when absent. Names are case-insensitive.
  std::string_view Header(std::string_view name) const;
  std::string Cookie(std::string_view name) const;
  // The decoded value of a query parameter, or nullopt.
  std::optional<std::string> QueryParam(std::string_view name) const;
};

// A server-sent events stream (text/event-stream) that stays open after its handler returns.
class EventStream {
 public:
  virtual ~EventStream() = default;
  // Queues one event. False once the stream is closed (the client left, the heartbeat found it no
  // longer allowed, or the server is stopping); then the caller should let go of it.
  virtual bool Send(std::string_view event, std::string_view data) = 0;
  // Keeps `attachment` (a subscription, say) alive exactly as long as the stream is open.
  virtual void Attach(std::shared_ptr<void> attachment) = 0;
};

struct StreamSpec {
  // Called once on a worker, after the headers have been sent.
  std::function<void(const std::shared_ptr<EventStream>&)> on_open;
  // Called on a worker at every heartbeat; false closes the stream (the session ended, say).
  std::function<bool()> still_allowed;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  // Set with status 200 to answer with a server-sent events stream instead of `body`.
  std::shared_ptr<StreamSpec> stream;
};

using Handler = std::function<Response(Request&)>;

struct Route {
  std::string method;   // GET, POST, PUT, PATCH, DELETE
  std::string pattern;  // literal segments and {name} parameters: "/api/v1/centres/{centre}"
  size_t max_body = 64 * 1024;
  Handler handler;
};

struct ServerOptions {
  std::string address = "127.0.0.1";
  uint16_t port = 8080;  // 0 picks a free port; read it back with Server::port()
  int io_threads = 1;
  int workers = 4;
  size_t max_queue = 4096;
  size_t max_body_hard = 8 * 1024 * 1024;
  size_t max_url = 8 * 1024;
  size_t max_header_value = 8 * 1024;
  size_t max_header_count = 100;
  size_t max_connections = 4096;
  int read_timeout_seconds = 20;
  int write_timeout_seconds = 30;
  int handle_timeout_seconds = 30;
  // Open event streams get a comment line this often (under handle_timeout_seconds, which closes
  // a response that sends nothing), and are answered 503 past max_streams.
  int stream_heartbeat_seconds = 15;
  size_t max_streams = 2000;
  std::string static_dir;  // the built web app; "" serves none
  // Builds an error body (problem+json) for errors the server itself raises (404, 405, 413, 503).
  std::function<Response(int status, std::string_view code, std::string_view detail)> error;
  // Called for each handled request just before its response is handed to the connection (logs,
  // metrics), so that a client holding its answer finds it counted.
  std::function<void(const Request&, int status, double millis)> on_complete;
};

class Server {
 public:
  explicit Server(ServerOptions options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // REQUIRES: before Start().
  void Add(Route route);
  // Binds and starts the event loop and workers. After OK, port() is the bound port.
  Status Start();
  uint16_t port() const;
  size_t open_streams() const;
  // Blocks until SIGINT or SIGTERM arrives or Stop() is called, then drains in-flight requests
  // and closes.
  void Wait();
  void Stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Percent-decoding for query strings ('+' is a space). Invalid escapes are kept as they are.
std::string UrlDecode(std::string_view s);
// True when `path` matches `pattern` (used for 405 answers).
bool MatchesPattern(std::string_view pattern, std::string_view path);

}  // namespace serai::http
