#include <algorithm>
#include <chrono>
#include <csignal>
#include <map>
#include <restinio/all.hpp>
#include <restinio/router/easy_parser_router.hpp>
#include <thread>

#include "common/log.h"
#include "http/http.h"
#include "http/parser_limits.h"
#include "http/static_files.h"
#include "http/worker_pool.h"

namespace serai::http {
namespace {

namespace epr = restinio::router::easy_parser_router;
using Router = restinio::router::easy_parser_router_t;

struct Traits : public restinio::default_traits_t {
  using request_handler_t = Router;
  static constexpr bool use_connection_count_limiter = true;
};
using RestServer = restinio::http_server_t<Traits>;

}  // namespace
}  // namespace serai::http

// RESTinio 0.6 closes a connection silently when its parser refuses a request (see
// parser_limits.h). This explicit specialisation of one member, for Serai's traits only, answers
// first. It repeats RESTinio's own consume_data and differs only in the error branch.
namespace restinio::impl {

template <>
inline void connection_t<serai::http::Traits>::consume_data(const char* data, std::size_t length) {
  auto& parser = m_input.m_parser;
  const auto nparsed = http_parser_execute(&parser, &(m_settings->m_parser_settings), data, length);
  m_input.m_buf.consumed_bytes(nparsed);
  if (HPE_OK != parser.http_errno && HPE_PAUSED != parser.http_errno) {
    const auto err = HTTP_PARSER_ERRNO(&parser);
    const std::string* answer = serai::http::ParserErrorAnswer(err);
    if (answer == nullptr || !m_response_coordinator.empty()) {
      trigger_error_and_close([&] {
        return fmt::format("[connection:{}] parser error {}", connection_id(),
                           http_errno_name(err));
      });
      return;
    }
    // Write the answer, stop sending, then drain what the client still sends (up to 64 MiB, and
    // within the read timeout that is still running) so the close does not reset the answer away.
    struct Drain {
      std::array<char, 16 * 1024> buf;
      std::size_t total = 0;
    };
    auto self = shared_from_this();
    auto drain = std::make_shared<Drain>();
    auto executor = this->get_executor();
    auto read_more = std::make_shared<std::function<void()>>();
    std::weak_ptr<std::function<void()>> weak_read = read_more;
    *read_more = [this, self, drain, executor, weak_read] {
      // The pending read keeps the loop alive; the function itself holds it only weakly.
      auto me = weak_read.lock();
      m_socket.async_read_some(
          asio_ns::buffer(drain->buf),
          asio_ns::bind_executor(
              executor, [this, self, drain, me](const asio_ns::error_code& ec, std::size_t n) {
                drain->total += n;
                if (ec || drain->total > 64 * 1024 * 1024 || !me) {
                  close();
                  return;
                }
                (*me)();
              }));
    };
    asio_ns::async_write(
        m_socket, asio_ns::buffer(*answer),
        asio_ns::bind_executor(
            executor, [this, self, read_more](const asio_ns::error_code& ec, std::size_t) {
              if (ec) {
                close();
                return;
              }
              asio_ns::error_code ignored;
              m_socket.shutdown(asio_ns::ip::tcp::socket::shutdown_send, ignored);
              (*read_more)();
            }));
    return;
  }
  if (m_input.m_parser_ctx.m_message_complete) {
    on_request_message_complete();
  } else {
    consume_message();
  }
}

}  // namespace restinio::impl

namespace serai::http {
namespace {

const char* ReasonPhrase(int status) {
  switch (status) {
    case 200:
      return "OK";
    case 201:
      return "Created";
    case 204:
      return "No Content";
    case 304:
      return "Not Modified";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 409:
      return "Conflict";
    case 413:
      return "Content Too Large";
    case 415:
      return "Unsupported Media Type";
    case 422:
      return "Unprocessable Content";
    case 429:
      return "Too Many Requests";
    case 500:
      return "Internal Server Error";
    case 503:
      return "Service Unavailable";
    default:
      return "Status";
  }
}

// Splits "/a/{x}/b/{y}" into literal pieces and the number of parameters, for path_to_params.
struct PatternParts {
  std::vector<std::string> literals;  // literals[i] precedes parameter i; one more may trail
  size_t params = 0;
};

PatternParts SplitPattern(const std::string& pattern) {
  PatternParts parts;
  std::string lit;
  for (size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == '{') {
      parts.literals.push_back(lit);
      lit.clear();
      i = pattern.find('}', i);
      ++parts.params;
    } else {
      lit += pattern[i];
    }
  }
  if (!lit.empty()) parts.literals.push_back(lit);
  return parts;
}

restinio::http_method_id_t MethodId(const std::string& m) {
  if (m == "GET") return restinio::http_method_get();
  if (m == "POST") return restinio::http_method_post();
  if (m == "PUT") return restinio::http_method_put();
  if (m == "PATCH") return restinio::http_method_patch();
  return restinio::http_method_delete();
}

}  // namespace

std::string_view Request::Header(std::string_view name) const {
  for (const auto& [k, v] : headers) {
    if (k.size() == name.size() && std::equal(k.begin(), k.end(), name.begin(), [](char a, char b) {
          return std::tolower(static_cast<unsigned char>(a)) ==
                 std::tolower(static_cast<unsigned char>(b));
        })) {
      return v;
    }
  }
  return {};
}

std::string Request::Cookie(std::string_view name) const {
  std::string_view all = Header("cookie");
  while (!all.empty()) {
    size_t semi = all.find(';');
    std::string_view part = all.substr(0, semi);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    size_t eq = part.find('=');
    if (eq != std::string_view::npos && part.substr(0, eq) == name) {
      return std::string(part.substr(eq + 1));
    }
    if (semi == std::string_view::npos) break;
    all.remove_prefix(semi + 1);
  }
  return {};
}

std::optional<std::string> Request::QueryParam(std::string_view name) const {
  std::string_view q = query;
  while (!q.empty()) {
    size_t amp = q.find('&');
    std::string_view part = q.substr(0, amp);
    size_t eq = part.find('=');
    std::string key = UrlDecode(part.substr(0, eq));
    if (key == name) {
      return eq == std::string_view::npos ? std::string() : UrlDecode(part.substr(eq + 1));
    }
    if (amp == std::string_view::npos) break;
    q.remove_prefix(amp + 1);
  }
  return std::nullopt;
}

std::string UrlDecode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '+') {
      out += ' ';
    } else if (s[i] == '%' && i + 2 < s.size() + 0 &&
               std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
               std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
      out += static_cast<char>(std::stoi(std::string(s.substr(i + 1, 2)), nullptr, 16));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

bool MatchesPattern(std::string_view pattern, std::string_view path) {
  while (!pattern.empty() && !path.empty()) {
    if (pattern.front() == '{') {
      size_t close = pattern.find('}');
      size_t slash = path.find('/');
      if (slash == 0) return false;
      pattern.remove_prefix(close + 1);
      path.remove_prefix(slash == std::string_view::npos ? path.size() : slash);
    } else {
      if (pattern.front() != path.front()) return false;
      pattern.remove_prefix(1);
      path.remove_prefix(1);
    }
  }
  return pattern.empty() && path.empty();
}

// The headers every answer carries.
template <typename Builder>
void AppendHeaders(Builder& resp, const Response& r) {
  resp.append_header(restinio::http_field::content_type, r.content_type);
  resp.append_header("X-Content-Type-Options", "nosniff");
  resp.append_header("Referrer-Policy", "no-referrer");
  resp.append_header("X-Frame-Options", "DENY");
  resp.append_header("Content-Security-Policy",
                     "default-src 'self'; img-src 'self' data:; style-src 'self'; "
                     "frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
  for (const auto& [k, v] : r.headers) resp.append_header(k, v);
}

// One open event stream. Send() may be called from any thread; writes go to the connection's
// event loop in order. A failed write (the client left) closes the stream.
class SseStream : public EventStream, public std::enable_shared_from_this<SseStream> {
  using Lock = std::lock_guard<std::recursive_mutex>;

 public:
  using Builder = restinio::response_builder_t<restinio::chunked_output_t>;
  SseStream(Builder resp, asio::io_context& io) : resp_(std::move(resp)), io_(io) {}

  bool Send(std::string_view event, std::string_view data) override {
    std::string chunk = "event: " + std::string(event) + "\n";
    // A data field ends at a line break, so each line of `data` is a field of its own.
    size_t start = 0;
    while (true) {
      size_t nl = data.find('\n', start);
      chunk += "data: " + std::string(data.substr(start, nl - start)) + "\n";
      if (nl == std::string_view::npos) break;
      start = nl + 1;
    }
    chunk += "\n";
    return Write(std::move(chunk));
  }

  bool Comment() { return Write(":\n\n"); }

  void Attach(std::shared_ptr<void> attachment) override {
    Lock lock(mu_);
    if (!closed_) attachments_.push_back(std::move(attachment));
  }

  void Flush() {
    Lock lock(mu_);
    resp_.flush(OnWritten());
  }

  void SetTimer(std::shared_ptr<asio::steady_timer> timer) {
    Lock lock(mu_);
    timer_ = std::move(timer);
  }

  bool closed() const {
    Lock lock(mu_);
    return closed_;
  }

  void Close() {
    std::vector<std::shared_ptr<void>> released;
    {
      Lock lock(mu_);
      if (closed_) return;
      closed_ = true;
      released.swap(attachments_);
      if (timer_) asio::post(io_, [timer = timer_] { timer->cancel(); });
      resp_.done();
    }
  }

 private:
  bool Write(std::string chunk) {
    Lock lock(mu_);
    if (closed_) return false;
    resp_.append_chunk(std::move(chunk));
    resp_.flush(OnWritten());
    return true;
  }

  std::function<void(const asio::error_code&)> OnWritten() {
    return [weak = weak_from_this()](const asio::error_code& ec) {
      if (!ec) return;
      if (auto self = weak.lock()) self->Close();
    };
  }

  // Recursive: RESTinio may run a write's completion inline when called on the event loop, and
  // the completion of a failed write closes the stream.
  mutable std::recursive_mutex mu_;
  Builder resp_;
  asio::io_context& io_;
  bool closed_ = false;
  std::vector<std::shared_ptr<void>> attachments_;
  std::shared_ptr<asio::steady_timer> timer_;
};

struct Server::Impl {
  explicit Impl(ServerOptions o) : options(std::move(o)) {}

  ServerOptions options;
  std::vector<Route> routes;
  std::map<std::string, StaticFile> static_files;
  asio::io_context io;
  std::unique_ptr<asio::signal_set> signals;
  std::unique_ptr<RestServer> server;
  std::unique_ptr<WorkerPool> pool;
  std::vector<std::thread> io_threads;
  std::atomic<uint16_t> bound_port{0};
  std::atomic<uint64_t> next_request_id{1};
  std::mutex stop_mu;
  std::condition_variable stop_cv;
  bool stop_requested = false;
  std::mutex streams_mu;
  std::vector<std::weak_ptr<SseStream>> streams;

  static void Send(const restinio::request_handle_t& req, Response r) {
    auto resp = req->create_response(restinio::http_status_line_t{
        restinio::http_status_code_t{static_cast<std::uint16_t>(r.status)},
        ReasonPhrase(r.status)});
    AppendHeaders(resp, r);
    resp.set_body(std::move(r.body));
    resp.done();
  }

  // Headers the event loop writes now; events follow as chunks until the stream closes.
  void OpenStream(const restinio::request_handle_t& req, Response r) {
    auto resp = req->create_response<restinio::chunked_output_t>();
    r.content_type = "text/event-stream; charset=utf-8";
    r.headers.emplace_back("Cache-Control", "no-store");
    r.headers.emplace_back("X-Accel-Buffering", "no");  // proxies must not hold events back
    AppendHeaders(resp, r);
    resp.append_chunk(std::string("retry: 2000\n\n"));  // how soon browsers reconnect
    auto stream = std::make_shared<SseStream>(std::move(resp), io);
    stream->Flush();
    {
      std::lock_guard lock(streams_mu);
      std::erase_if(streams, [](const auto& weak) { return weak.expired(); });
      streams.push_back(stream);
    }
    if (r.stream->on_open) r.stream->on_open(stream);
    Heartbeat(stream, r.stream);
  }

  // Every heartbeat: still allowed? Then a comment line, which also finds a client that left.
  void Heartbeat(const std::shared_ptr<SseStream>& stream, std::shared_ptr<StreamSpec> spec) {
    auto timer = std::make_shared<asio::steady_timer>(
        io, std::chrono::seconds(options.stream_heartbeat_seconds));
    stream->SetTimer(timer);
    // The pending wait owns the stream: it lives until it is closed and its timer cancelled.
    timer->async_wait([this, stream, spec, timer](const asio::error_code& ec) {
      if (ec || stream->closed()) return;
      bool posted = pool->TryPost([this, stream, spec] {
        if (spec->still_allowed && !spec->still_allowed()) {
          stream->Close();
          return;
        }
        if (stream->Comment()) Heartbeat(stream, spec);
      });
      if (!posted) Heartbeat(stream, spec);  // busy: try again at the next beat
    });
  }

  size_t OpenStreamCount() {
    std::lock_guard lock(streams_mu);
    return static_cast<size_t>(std::count_if(streams.begin(), streams.end(), [](const auto& w) {
      auto s = w.lock();
      return s && !s->closed();
    }));
  }

  void CloseStreams() {
    std::vector<std::weak_ptr<SseStream>> all;
    {
      std::lock_guard lock(streams_mu);
      all.swap(streams);
    }
    for (auto& weak : all) {
      if (auto s = weak.lock()) s->Close();
    }
  }

  Request MakeRequest(const restinio::request_handle_t& req, std::vector<std::string> params,
                      const std::string& route) {
    Request r;
    r.method = std::string(req->header().method().c_str());
    r.path = std::string(req->header().path());
    r.query = std::string(req->header().query());
    r.params = std::move(params);
    req->header().for_each_field([&](const restinio::http_header_field_t& f) {
      std::string name = f.name();
      for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      r.headers.emplace_back(std::move(name), f.value());
    });
    r.body = req->body();
    r.remote_ip = req->remote_endpoint().address().to_string();
    r.request_id = std::to_string(next_request_id.fetch_add(1));
    r.route = route;
    return r;
  }

  // Runs `work` on the pool and sends what it returns; 503 when the pool is saturated.
  restinio::request_handling_status_t Dispatch(const restinio::request_handle_t& req,
                                               std::vector<std::string> params,
                                               size_t route_index) {
    const Route& route = routes[route_index];
    auto start = std::chrono::steady_clock::now();
    if (req->body().size() > route.max_body) {
      Request r = MakeRequest(req, {}, route.pattern);
      Finish(req, r,
             options.error(413, "body_too_large",
                           "the body is larger than " + std::to_string(route.max_body) + " bytes"),
             start);
      return restinio::request_accepted();
    }
    auto task = [this, req, params = std::move(params), route_index, start]() mutable {
      Request r = MakeRequest(req, std::move(params), routes[route_index].pattern);
      Response resp;
      try {
        resp = routes[route_index].handler(r);
      } catch (const std::exception& e) {
        log::Error("handler_exception", {{"route", r.route}, {"what", std::string(e.what())}});
        resp = options.error(500, "internal", "something went wrong on our side");
      }
      Finish(req, r, std::move(resp), start);
    };
    if (!pool->TryPost(std::move(task))) {
      Response busy = options.error(503, "overloaded", "the server is busy; try again shortly");
      busy.headers.emplace_back("Retry-After", "1");
      Send(req, std::move(busy));
    }
    return restinio::request_accepted();
  }

  void Finish(const restinio::request_handle_t& req, const Request& r, Response resp,
              std::chrono::steady_clock::time_point start) {
    if (resp.stream != nullptr && resp.status == 200 && OpenStreamCount() >= options.max_streams) {
      resp = options.error(503, "too_many_streams", "too many open event streams; try again");
      resp.headers.emplace_back("Retry-After", "5");
    }
    // Counted before it is sent, so that a client that has its answer finds it in /metrics.
    if (options.on_complete) {
      double ms =
          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
              .count();
      options.on_complete(r, resp.status, ms);
    }
    if (resp.stream != nullptr && resp.status == 200) {
      OpenStream(req, std::move(resp));
    } else {
      Send(req, std::move(resp));
    }
  }

  restinio::request_handling_status_t NotMatched(const restinio::request_handle_t& req) {
    std::string path(req->header().path());
    std::string method(req->header().method().c_str());
    std::string allowed;
    for (const Route& route : routes) {
      if (MatchesPattern(route.pattern, path))
        allowed += (allowed.empty() ? "" : ", ") + route.method;
    }
    if (!allowed.empty()) {
      Response r = options.error(405, "method_not_allowed", "use one of: " + allowed);
      r.headers.emplace_back("Allow", allowed);
      Send(req, std::move(r));
    } else if ((method == "GET" || method == "HEAD") && !path.starts_with("/api/") &&
               !static_files.empty()) {
      ServeStatic(req, path);
    } else {
      Send(req, options.error(404, "not_found", "there is nothing at this address"));
    }
    return restinio::request_accepted();
  }

  void ServeStatic(const restinio::request_handle_t& req, const std::string& path) {
    auto it = static_files.find(path == "/" ? "/index.html" : path);
    if (it == static_files.end()) {
      if (path.starts_with("/assets/")) {
        Send(req, options.error(404, "not_found", "there is nothing at this address"));
        return;
      }
      it = static_files.find("/index.html");  // the app routes on the client
    }
    const StaticFile& f = it->second;
    Response r;
    r.content_type = f.content_type;
    r.headers.emplace_back("Cache-Control",
                           f.immutable ? "public, max-age=31536000, immutable" : "no-cache");
    r.headers.emplace_back("Vary", "Accept-Encoding");
    bool gzip_ok =
        req->header().get_field_or("Accept-Encoding", "").find("gzip") != std::string::npos;
    if (gzip_ok && !f.gzip_body.empty()) {
      r.headers.emplace_back("Content-Encoding", "gzip");
      r.body = f.gzip_body;
    } else {
      r.body = f.body;
    }
    Send(req, std::move(r));
  }

  void AddToRouter(Router& router, size_t index) {
    const Route& route = routes[index];
    PatternParts p = SplitPattern(route.pattern);
    auto frag = [] { return epr::path_fragment_p(); };
    auto h0 = [this, index](const restinio::request_handle_t& req) {
      return Dispatch(req, {}, index);
    };
    auto h1 = [this, index](const restinio::request_handle_t& req, std::string a) {
      return Dispatch(req, {std::move(a)}, index);
    };
    auto h2 = [this, index](const restinio::request_handle_t& req, std::string a, std::string b) {
      return Dispatch(req, {std::move(a), std::move(b)}, index);
    };
    auto h3 = [this, index](const restinio::request_handle_t& req, std::string a, std::string b,
                            std::string c) {
      return Dispatch(req, {std::move(a), std::move(b), std::move(c)}, index);
    };
    auto m = MethodId(route.method);
    const auto& l = p.literals;
    // Patterns alternate literal parts and parameters, starting with a literal; up to three
    // parameters, ending with either.
    if (p.params == 0) {
      router.add_handler(m, epr::path_to_params(l[0]), h0);
    } else if (p.params == 1 && l.size() == 1) {
      router.add_handler(m, epr::path_to_params(l[0], frag()), h1);
    } else if (p.params == 1) {
      router.add_handler(m, epr::path_to_params(l[0], frag(), l[1]), h1);
    } else if (p.params == 2 && l.size() == 2) {
      router.add_handler(m, epr::path_to_params(l[0], frag(), l[1], frag()), h2);
    } else if (p.params == 2) {
      router.add_handler(m, epr::path_to_params(l[0], frag(), l[1], frag(), l[2]), h2);
    } else if (l.size() == 3) {
      router.add_handler(m, epr::path_to_params(l[0], frag(), l[1], frag(), l[2], frag()), h3);
    } else {
      router.add_handler(m, epr::path_to_params(l[0], frag(), l[1], frag(), l[2], frag(), l[3]),
                         h3);
    }
  }
};

Server::Server(ServerOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}

Server::~Server() {
  Stop();
  Wait();
}

void Server::Add(Route route) { impl_->routes.push_back(std::move(route)); }

uint16_t Server::port() const { return impl_->bound_port.load(); }

size_t Server::open_streams() const { return impl_->OpenStreamCount(); }

Status Server::Start() {
  Impl& s = *impl_;
  const ServerOptions& o = s.options;
  s.static_files = LoadStaticFiles(o.static_dir);
  auto router = std::make_unique<Router>();
  for (size_t i = 0; i < s.routes.size(); ++i) s.AddToRouter(*router, i);
  router->non_matched_request_handler([&s](const auto& req) { return s.NotMatched(req); });

  restinio::server_settings_t<Traits> settings;
  settings.address(o.address)
      .port(o.port)
      .request_handler(std::move(router))
      .read_next_http_message_timelimit(std::chrono::seconds(o.read_timeout_seconds))
      .write_http_response_timelimit(std::chrono::seconds(o.write_timeout_seconds))
      .handle_request_timeout(std::chrono::seconds(o.handle_timeout_seconds))
      .max_parallel_connections(o.max_connections)
      .incoming_http_msg_limits(restinio::incoming_http_msg_limits_t{}
                                    .max_url_size(o.max_url)
                                    .max_field_name_size(256)
                                    .max_field_value_size(o.max_header_value)
                                    .max_field_count(o.max_header_count)
                                    .max_body_size(o.max_body_hard))
      .acceptor_post_bind_hook([&s](asio::ip::tcp::acceptor& acceptor) {
        s.bound_port = acceptor.local_endpoint().port();
      });
  s.pool = std::make_unique<WorkerPool>(o.workers, o.max_queue);
  s.server = std::make_unique<RestServer>(restinio::external_io_context(s.io), std::move(settings));
  try {
    s.server->open_sync();
  } catch (const std::exception& e) {
    return Unavailable("bind_failed", std::string("cannot listen: ") + e.what());
  }
  s.signals = std::make_unique<asio::signal_set>(s.io, SIGINT, SIGTERM);
  s.signals->async_wait([this](const asio::error_code& ec, int) {
    if (!ec) Stop();
  });
  for (int i = 0; i < o.io_threads; ++i) s.io_threads.emplace_back([&s] { s.io.run(); });
  return Status::Ok();
}

void Server::Stop() {
  std::lock_guard lock(impl_->stop_mu);
  impl_->stop_requested = true;
  impl_->stop_cv.notify_all();
}

void Server::Wait() {
  Impl& s = *impl_;
  {
    std::unique_lock lock(s.stop_mu);
    s.stop_cv.wait(lock, [&] { return s.stop_requested; });
  }
  if (s.io_threads.empty()) return;
  // Finish what was accepted (responses still flow through the running event loop), then close.
  s.CloseStreams();
  if (s.pool) s.pool->Shutdown();
  s.CloseStreams();  // any a queued request opened meanwhile
  asio::post(s.io, [&s] {
    if (s.signals) s.signals->cancel();
    s.server->close_sync();
    s.io.stop();
  });
  for (auto& t : s.io_threads) t.join();
  s.io_threads.clear();
}

}  // namespace serai::http
