#pragma once
// Maps a method and a path like /api/v1/people/{id} to a route, capturing {id}.
#include <string>
#include <string_view>
#include <vector>

#include "core/text.hpp"
#include "http/message.hpp"

namespace patchwork::http {

template <typename Route>
class Router {
 public:
  void add(Method method, std::string_view pattern, Route route) {
    entries_.push_back({method, split(pattern.substr(1), '/'), std::move(route)});
  }

  struct Match {
    const Route* route = nullptr;
    Params params;
    bool path_known = false;             // some route has this path, perhaps for another method
    std::vector<Method> allowed;         // for a 405's Allow header
  };

  Match match(Method method, std::string_view path) const {
    Match result;
    if (path.empty() || path[0] != '/') return result;
    auto segments = split(path.substr(1), '/');
    for (const auto& e : entries_) {
      Params params;
      if (!matches(e.segments, segments, params)) continue;
      result.path_known = true;
      result.allowed.push_back(e.method);
      // HEAD is answered by the GET route, without the body.
      if (!result.route && (e.method == method || (method == Method::Head && e.method == Method::Get))) {
        result.route = &e.route;
        result.params = std::move(params);
      }
    }
    return result;
  }

 private:
  struct Entry {
    Method method;
    std::vector<std::string> segments;
    Route route;
  };

  static bool matches(const std::vector<std::string>& pattern, const std::vector<std::string>& path, Params& params) {
    if (pattern.size() != path.size()) return false;
    for (std::size_t i = 0; i < pattern.size(); ++i) {
      const auto& p = pattern[i];
      if (p.size() > 2 && p.front() == '{' && p.back() == '}') {
        if (path[i].empty()) return false;
        params[p.substr(1, p.size() - 2)] = path[i];
      } else if (p != path[i]) {
        return false;
      }
    }
    return true;
  }

  std::vector<Entry> entries_;
};

}  // namespace patchwork::http
