#pragma once
// The HTTP/1.1 server: Boost.Beast for the protocol and asynchronous I/O on a
// small number of threads; handlers run on a separate worker pool so a slow
// handler (a password hash, a big query) never stalls other connections.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <thread>

#include "http/message.hpp"

namespace patchwork::http {

inline int default_worker_threads() {
  const unsigned cores = std::thread::hardware_concurrency();
  return cores < 2 ? 2 : cores > 64 ? 64 : int(cores);
}

struct ServerConfig {
  std::string address = "127.0.0.1";
  std::uint16_t port = 8080;
  int io_threads = 1;
  // One handler thread per core (at least two): measured on 2 cores, four
  // threads lost a fifth of the throughput to switching between them while
  // waiting on the database (docs/performance.md).
  int worker_threads = default_worker_threads();
  std::size_t header_limit = 16 * 1024;       // larger headers get 431
  std::size_t body_limit = 1024 * 1024;       // larger bodies get 413
  // A request must arrive in full within this time: a partial one then gets 408,
  // and a keep-alive connection that sent nothing is closed quietly.
  std::chrono::seconds request_timeout{30};
  std::chrono::seconds stop_grace{15};        // on SIGTERM, requests in flight get this long to finish
  bool trust_proxy = false;                   // believe X-Forwarded-Proto/For from a TLS proxy in front
};

using Handler = std::function<Response(Request&)>;
// Answers cheap requests (static assets, liveness) straight on the I/O thread,
// saving two thread hops; returns nothing for requests that need the workers.
using InlineHandler = std::function<std::optional<Response>(Request&)>;

// The headers every response carries, whatever produced it.
void add_security_headers(Response& response, bool secure);

class Server {
 public:
  Server(ServerConfig config, Handler handler, InlineHandler inline_handler = {});
  ~Server();
  // Binds and listens; throws with a clear message if the address is unusable.
  void listen();
  std::uint16_t bound_port() const;
  // Serves until SIGINT/SIGTERM or stop(), then finishes requests in flight.
  void run();
  void stop();

  struct Impl;  // public so the connection class in server.cpp can reach it

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace patchwork::http
