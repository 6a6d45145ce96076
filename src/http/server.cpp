#include "http/server.hpp"

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/url/parse.hpp>

#include <spdlog/spdlog.h>

#include <cctype>
#include <mutex>
#include <optional>
#include <system_error>
#include <thread>
#include <unordered_map>

#include "core/text.hpp"

namespace patchwork::http {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace asio = boost::asio;
using tcp = asio::ip::tcp;

void add_security_headers(Response& r, bool secure) {
  // No inline script or style anywhere: everything comes from our own origin.
  r.set_header("Content-Security-Policy",
               "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
               "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'");
  r.set_header("X-Content-Type-Options", "nosniff");
  r.set_header("X-Frame-Options", "DENY");
  r.set_header("Referrer-Policy", "same-origin");
  r.set_header("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
  r.set_header("Cross-Origin-Opener-Policy", "same-origin");
  if (secure) r.set_header("Strict-Transport-Security", "max-age=31536000");
}

class Connection;

// RFC 9112 section 3.2: a Host that is not a valid host[:port] gets 400. Letters,
// digits, dots and hyphens (a name or IPv4 address), or an IPv6 literal in
// brackets, then an optional port.
bool is_valid_host(std::string_view host) {
  if (host.empty() || host.size() > 255) return false;
  std::string_view name = host, port;
  if (host.front() == '[') {
    auto close = host.find(']');
    if (close == std::string_view::npos) return false;
    for (char c : host.substr(1, close - 1))
      if (!std::isxdigit(static_cast<unsigned char>(c)) && c != ':' && c != '.') return false;
    name = {};
    port = host.substr(close + 1);
    if (!port.empty() && port.front() != ':') return false;
  } else if (auto colon = host.rfind(':'); colon != std::string_view::npos) {
    name = host.substr(0, colon);
    port = host.substr(colon);
  }
  if (!port.empty()) {
    if (port.size() < 2 || port.size() > 6) return false;
    for (char c : port.substr(1)) if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  if (host.front() != '[' && name.empty()) return false;
  for (char c : name)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '-' && c != '_' && c != '~') return false;
  return true;
}

// The decoded path as one line of the access log: control characters (a line
// break would forge a log line, a NUL would cut one) are written as \xNN.
std::string loggable(std::string_view path) {
  std::string out;
  out.reserve(std::min<std::size_t>(path.size(), 300));
  for (unsigned char c : path.substr(0, 300)) {
    if (c < 0x20 || c == 0x7f || c == '\\') out += fmt::format("\\x{:02x}", c);
    else out += char(c);
  }
  if (path.size() > 300) out += "...";
  return out;
}

struct Server::Impl {
  ServerConfig config;
  Handler handler;
  InlineHandler inline_handler;
  asio::io_context ioc;
  tcp::acceptor acceptor{ioc};
  asio::signal_set signals{ioc, SIGINT, SIGTERM};
  asio::steady_timer stop_timer{ioc};
  std::unique_ptr<asio::thread_pool> workers;
  std::atomic<bool> stopping{false};
  std::atomic<int> in_flight{0};
  std::chrono::steady_clock::time_point stop_deadline;
  std::mutex connections_mutex;
  std::unordered_map<Connection*, std::weak_ptr<Connection>> connections;

  Impl(ServerConfig c, Handler h, InlineHandler i)
      : config(std::move(c)), handler(std::move(h)), inline_handler(std::move(i)), ioc(config.io_threads) {}
  void accept();
  void begin_stop();
  void check_stopped();
};

class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(Server::Impl& server, tcp::socket socket)
      : server_(server), stream_(std::move(socket)), deadline_(stream_.get_executor()) {}

  ~Connection() {
    std::lock_guard lock(server_.connections_mutex);
    server_.connections.erase(this);
  }

  void start() {
    beast::error_code ec;
    auto endpoint = stream_.socket().remote_endpoint(ec);
    remote_ = ec ? "unknown" : endpoint.address().to_string();
    {
      std::lock_guard lock(server_.connections_mutex);
      server_.connections.emplace(this, weak_from_this());
    }
    asio::dispatch(stream_.get_executor(), beast::bind_front_handler(&Connection::read, shared_from_this()));
  }

  // Called on stop: a connection waiting for its next request is closed now; one
  // whose request is being handled finishes it and closes after the response.
  void close_if_idle() {
    asio::post(stream_.get_executor(), [self = shared_from_this()] {
      if (!self->busy_) {
        beast::error_code ignored;
        self->deadline_.cancel();
        self->stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
        self->stream_.socket().close(ignored);
      }
    });
  }

 private:
  void read() {
    if (server_.stopping) return close();
    parser_.emplace();
    parser_->header_limit(std::uint32_t(server_.config.header_limit));
    parser_->body_limit(server_.config.body_limit);
    timed_out_ = false;
    deadline_.expires_after(server_.config.request_timeout);
    deadline_.async_wait([weak = weak_from_this()](beast::error_code ec) {
      if (ec) return;
      if (auto self = weak.lock()) {
        self->timed_out_ = true;
        beast::error_code ignored;
        self->stream_.socket().cancel(ignored);
      }
    });
    bhttp::async_read(stream_, buffer_, *parser_, beast::bind_front_handler(&Connection::on_read, shared_from_this()));
  }

  void on_read(beast::error_code ec, std::size_t) {
    deadline_.cancel();
    if (timed_out_) {
      if (parser_->got_some() || buffer_.size() > 0) return fail(408, "Request timeout", "The request did not arrive in time.");
      return close();
    }
    if (ec == bhttp::error::end_of_stream || ec == asio::error::operation_aborted || ec == asio::error::connection_reset ||
        ec == asio::error::eof || ec == asio::error::bad_descriptor)
      return close();
    if (ec == bhttp::error::header_limit)
      return fail(431, "Request headers too large", "The request's headers are larger than this server accepts.");
    if (ec == bhttp::error::body_limit)
      return fail(413, "Request too large", "The request's body is larger than this server accepts.");
    if (ec) return fail(400, "Malformed request", "The request could not be read as HTTP/1.1: " + ec.message() + ".");
    handle(parser_->release());
  }

  void handle(bhttp::request<bhttp::string_body> message) {
    auto request = std::make_shared<Request>();
    request->method = method_from(message.method_string());
    request->target = std::string(message.target());
    request->remote_address = remote_;
    request->request_id = random_hex(8);
    for (const auto& field : message) {
      std::string name = to_lower(field.name_string());
      auto [it, inserted] = request->headers.emplace(name, std::string(field.value()));
      if (!inserted) it->second += (name == "cookie" ? "; " : ", ") + std::string(field.value());
    }
    request->body = std::move(message.body());
    if (server_.config.trust_proxy) {
      request->secure = request->header("x-forwarded-proto") == "https";
      std::string forwarded(request->header("x-forwarded-for"));
      // The right-most entry is the one our proxy added (the address it saw);
      // anything to its left came from the client, who may write what they like
      // there to dodge the sign-in throttle.
      if (!forwarded.empty()) {
        std::string last = trim(split(forwarded, ',').back());
        if (!last.empty()) request->remote_address = last;
      }
    }
    const bool keep_alive = message.keep_alive();
    // RFC 9112 section 3.2: a server MUST answer 400 to an HTTP/1.1 request that
    // lacks a Host header or has more than one. HTTP/1.0 may leave it out.
    const auto hosts = message.count(bhttp::field::host);
    if ((message.version() >= 11 && hosts == 0) || hosts > 1)
      return fail(400, "Malformed request", hosts == 0 ? "An HTTP/1.1 request must have a Host header."
                                                       : "A request must not have more than one Host header.");
    if (hosts == 1 && !is_valid_host(message[bhttp::field::host]))
      return fail(400, "Malformed request", "The Host header must be a host name or address, with an optional port.");
    auto url = boost::urls::parse_origin_form(request->target);
    std::optional<Params> query;
    if (url) {
      request->path = std::string(url->path());
      query = parse_query_string(url->encoded_query());
    }
    if (!url || !query) {
      return fail(400, "Malformed request", "The address in the request is not a valid URL path.");
    }
    request->query = std::move(*query);

    busy_ = true;
    ++server_.in_flight;
    started_ = std::chrono::steady_clock::now();
    if (server_.inline_handler) {
      if (auto response = server_.inline_handler(*request)) return write(*request, std::move(*response), keep_alive);
    }
    asio::post(*server_.workers, [self = shared_from_this(), request, keep_alive] {
      Response response;
      try {
        response = self->server_.handler(*request);
      } catch (const std::exception& e) {
        spdlog::error("{} unhandled error: {}", request->request_id, e.what());
        response = Response::text("Sorry, there is a problem with the service. Reference: " + request->request_id, 500);
      }
      asio::post(self->stream_.get_executor(), [self, request, keep_alive, response = std::move(response)]() mutable {
        self->write(*request, std::move(response), keep_alive);
      });
    });
  }

  void write(const Request& request, Response unchecked, bool keep_alive) {
    Response response = with_safe_headers(std::move(unchecked), request.request_id);
    add_security_headers(response, request.secure);
    response.set_header("X-Request-Id", request.request_id);
    const bool head = request.method == Method::Head;
    auto message = std::make_shared<bhttp::response<bhttp::string_body>>(bhttp::status(response.status), 11);
    message->set(bhttp::field::server, "Patchwork");
    message->set(bhttp::field::content_type, response.content_type);
    for (const auto& [name, value] : response.headers) message->insert(name, value);
    message->keep_alive(keep_alive && !server_.stopping);
    const std::size_t size = response.body.size();
    if (head) {
      message->content_length(size);
    } else {
      message->body() = std::move(response.body);
      message->prepare_payload();
    }
    auto elapsed = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started_).count();
    spdlog::info("{} {} {} {} {} {}B {:.1f}ms {}", request.request_id, request.remote_address, method_name(request.method),
                 loggable(request.path), response.status, size, elapsed, response.log_user.empty() ? "-" : response.log_user);
    stream_.expires_after(server_.config.request_timeout);
    bhttp::async_write(stream_, *message, [self = shared_from_this(), message](beast::error_code ec, std::size_t) {
      self->busy_ = false;
      --self->server_.in_flight;
      if (ec || !message->keep_alive()) return self->close();
      self->stream_.expires_never();
      self->read();
    });
  }

  // Answers a request we could not read, then closes: the connection's framing
  // can no longer be trusted.
  void fail(int status, std::string title, std::string detail) {
    Request request;
    request.request_id = random_hex(8);
    request.remote_address = remote_;
    request.path = "-";
    busy_ = true;
    ++server_.in_flight;
    started_ = std::chrono::steady_clock::now();
    write(request, Response::problem(status, title, detail), false);
  }

  void close() {
    beast::error_code ignored;
    deadline_.cancel();
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    stream_.socket().close(ignored);
  }

  Server::Impl& server_;
  beast::tcp_stream stream_;
  asio::steady_timer deadline_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  std::string remote_;
  bool busy_ = false;
  bool timed_out_ = false;
  std::chrono::steady_clock::time_point started_;
};

void Server::Impl::accept() {
  acceptor.async_accept(asio::make_strand(ioc), [this](beast::error_code ec, tcp::socket socket) {
    if (ec) {
      if (!stopping) {
        spdlog::warn("accept failed: {}", ec.message());
        accept();
      }
      return;
    }
    std::make_shared<Connection>(*this, std::move(socket))->start();
    accept();
  });
}

void Server::Impl::begin_stop() {
  if (stopping.exchange(true)) return;
  spdlog::info("stopping: finishing {} request(s) in flight", in_flight.load());
  beast::error_code ignored;
  acceptor.close(ignored);
  signals.cancel(ignored);
  stop_deadline = std::chrono::steady_clock::now() + config.stop_grace;
  check_stopped();
}

void Server::Impl::check_stopped() {
  std::vector<std::shared_ptr<Connection>> open;
  {
    std::lock_guard lock(connections_mutex);
    for (auto& [_, weak] : connections)
      if (auto c = weak.lock()) open.push_back(std::move(c));
  }
  for (auto& c : open) c->close_if_idle();
  if ((open.empty() && in_flight == 0) || std::chrono::steady_clock::now() > stop_deadline) {
    if (in_flight > 0) spdlog::warn("stopping with {} request(s) unfinished after the grace period", in_flight.load());
    ioc.stop();
    return;
  }
  stop_timer.expires_after(std::chrono::milliseconds(20));
  stop_timer.async_wait([this](beast::error_code ec) {
    if (!ec) check_stopped();
  });
}

Server::Server(ServerConfig config, Handler handler, InlineHandler inline_handler)
    : impl_(std::make_unique<Impl>(std::move(config), std::move(handler), std::move(inline_handler))) {}
Server::~Server() = default;

void Server::listen() {
  auto& a = impl_->acceptor;
  beast::error_code ec;
  auto address = asio::ip::make_address(impl_->config.address, ec);
  if (ec) throw std::runtime_error("cannot listen on '" + impl_->config.address + "': not an IP address");
  tcp::endpoint endpoint(address, impl_->config.port);
  a.open(endpoint.protocol(), ec);
  if (!ec) a.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) a.bind(endpoint, ec);
  if (!ec) a.listen(asio::socket_base::max_listen_connections, ec);
  // A system_error, so the command can tell a port in use (the commonest case on
  // a developer's machine) from other failures and say what to do about it.
  if (ec)
    throw std::system_error(std::error_code(ec.value(), std::system_category()),
                            fmt::format("cannot listen on {}:{}", impl_->config.address, impl_->config.port));
}

std::uint16_t Server::bound_port() const { return impl_->acceptor.local_endpoint().port(); }

void Server::run() {
  auto& s = *impl_;
  s.workers = std::make_unique<asio::thread_pool>(std::size_t(std::max(1, s.config.worker_threads)));
  s.signals.async_wait([&s](beast::error_code ec, int) {
    if (!ec) s.begin_stop();
  });
  s.accept();
  std::vector<std::thread> extra;
  for (int i = 1; i < s.config.io_threads; ++i) extra.emplace_back([&s] { s.ioc.run(); });
  s.ioc.run();
  for (auto& t : extra) t.join();
  s.workers->join();
  spdlog::info("stopped");
}

void Server::stop() {
  asio::post(impl_->ioc, [this] { impl_->begin_stop(); });
}

}  // namespace patchwork::http
