#pragma once
// A bounded pool of connections shared by both adapters: connections are made on
// first need, at most `capacity` at once, and handed back when a lease ends.
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "storage/db.hpp"

namespace patchwork::storage {

class ConnectionPool {
 public:
  using Factory = std::function<std::unique_ptr<Connection>()>;
  ConnectionPool(std::size_t capacity, Factory factory) : capacity_(capacity), factory_(std::move(factory)) {}

  Database::Lease acquire(std::chrono::milliseconds wait = std::chrono::seconds(10)) {
    std::unique_ptr<Connection> connection;
    {
      std::unique_lock lock(mutex_);
      if (!available_.wait_for(lock, wait, [&] { return !idle_.empty() || created_ < capacity_; }))
        throw DatabaseUnavailable("every database connection is busy");
      if (!idle_.empty()) {
        connection = std::move(idle_.back());
        idle_.pop_back();
      } else {
        ++created_;
      }
    }
    if (!connection) {
      try {
        connection = factory_();
      } catch (...) {
        std::lock_guard lock(mutex_);
        --created_;
        available_.notify_one();
        throw;
      }
    }
    return Database::Lease(connection.release(), [this](Connection* c) { give_back(c); });
  }

 private:
  void give_back(Connection* c) {
    std::lock_guard lock(mutex_);
    idle_.emplace_back(c);
    available_.notify_one();
  }

  std::size_t capacity_;
  Factory factory_;
  std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<Connection>> idle_;
  std::size_t created_ = 0;
};

}  // namespace patchwork::storage
