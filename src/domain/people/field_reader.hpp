#pragma once
// Reading a person's sub-record from form or JSON fields, each problem named by
// its field: one reader for capacity assessments, relationships, timeline
// events (records.cpp) and carers (carers.cpp). Inline and internal to the
// people domain; the maximum lengths are the callers' to choose.
#include <charconv>
#include <cstddef>
#include <optional>
#include <string>

#include "core/date.hpp"
#include "core/result.hpp"
#include "core/text.hpp"
#include "domain/people/codes.hpp"
#include "domain/people/records.hpp"

namespace patchwork::people {

struct FieldReader {
  const Fields& f;
  FieldErrors& errors;
  CivilDate today;

  std::string text(const std::string& key, const char* what, bool required, std::size_t max = 500) {
    auto it = f.find(key);
    std::string v = it == f.end() ? std::string() : trim(it->second);
    if (required && v.empty()) errors.push_back({key, std::string("Enter ") + what});
    else if (v.size() > max) errors.push_back({key, std::string(what) + " is too long"});
    return v;
  }
  std::optional<CivilDate> date(const std::string& key, const char* what, bool required, bool past_only = true,
                                std::size_t max = 500) {
    std::string v = text(key, what, required, max);
    if (v.empty()) return std::nullopt;
    auto d = CivilDate::parse_iso(v);
    if (!d) { errors.push_back({key, std::string("The ") + what + " must be a real date, like 2026-11-27"}); return std::nullopt; }
    if (past_only && *d > today) { errors.push_back({key, std::string("The ") + what + " must be today or in the past"}); return std::nullopt; }
    return d;
  }
  std::optional<std::string> coded(const std::string& key, const CodeList& list, const char* what, bool required,
                                   std::size_t max = 500) {
    std::string v = text(key, what, required, max);
    if (v.empty()) return std::nullopt;
    auto c = canonical(list, v);
    if (!c) errors.push_back({key, std::string("Choose ") + what + " from the list"});
    return c;
  }
  std::optional<int> whole_number(const std::string& key, const char* what, int low, int high, bool required) {
    std::string v = text(key, what, required, 20);
    if (v.empty()) return std::nullopt;
    int n = 0;
    auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
    if (ec != std::errc{} || end != v.data() + v.size() || n < low || n > high) {
      errors.push_back({key, std::string("The ") + what + " must be a whole number from " + std::to_string(low) + " to " + std::to_string(high)});
      return std::nullopt;
    }
    return n;
  }
  std::optional<bool> yes_no(const std::string& key, const char* question) {
    std::string v = to_lower(text(key, question, true, 10));
    if (v.empty()) return std::nullopt;
    if (v == "yes" || v == "true") return true;
    if (v == "no" || v == "false") return false;
    errors.push_back({key, std::string("Say yes or no: ") + question});
    return std::nullopt;
  }
};

}  // namespace patchwork::people
