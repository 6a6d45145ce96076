#include "storage/batch.hpp"

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <tuple>

namespace patchwork::storage {

std::vector<std::size_t> batch_sizes(std::size_t n) {
  std::vector<std::size_t> out;
  for (; n >= kBatchRows; n -= kBatchRows) out.push_back(kBatchRows);
  for (std::size_t p = kBatchRows / 2; p > 0; p /= 2)
    if (n >= p) {
      out.push_back(p);
      n -= p;
    }
  return out;
}

std::string placeholders(int first, int count) {
  std::string out;
  for (int i = 0; i < count; ++i) {
    if (i > 0) out += ", ";
    out += '$' + std::to_string(first + i);
  }
  return out;
}

namespace {

struct Built {
  std::string name;
  std::string sql;
  Statement statement;
};

}  // namespace

const Statement& batched(std::string_view name, std::string_view head, int width, std::size_t rows, std::string_view tail, int fixed,
                         bool grouped) {
  static std::mutex mutex;
  static std::map<std::string, std::unique_ptr<Built>, std::less<>> built;
  std::string key = std::string(name) + "_x" + std::to_string(rows);
  std::lock_guard lock(mutex);
  if (auto it = built.find(key); it != built.end()) return it->second->statement;
  auto b = std::make_unique<Built>();
  b->name = key;
  b->sql.assign(head);
  int n = fixed;
  for (std::size_t r = 0; r < rows; ++r) {
    if (r > 0) b->sql += ", ";
    if (grouped) b->sql += '(';
    b->sql += placeholders(n + 1, width);
    n += width;
    if (grouped) b->sql += ')';
  }
  b->sql.append(tail);
  b->statement = Statement{b->name, b->sql};
  return built.emplace(std::move(key), std::move(b)).first->second->statement;
}

}  // namespace patchwork::storage
