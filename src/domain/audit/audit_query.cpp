#include "domain/audit/audit_query.hpp"

#include <charconv>

#include "core/date.hpp"
#include "core/text.hpp"

namespace patchwork::audit {

// Reads the audit filters shared by the page and the API, naming any bad field.
Result<AuditQuery> audit_query_from(const std::map<std::string, std::string, std::less<>>& params, CouncilId council_id) {
  AuditQuery q;
  q.council_id = council_id;
  FieldErrors errors;
  auto get = [&](std::string_view k) {
    auto it = params.find(k);
    return it == params.end() ? std::string() : trim(it->second);
  };
  if (std::string v = get("person_id"); !v.empty()) {
    std::int64_t id = 0;
    auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), id);
    if (ec != std::errc() || p != v.data() + v.size() || id <= 0) errors.push_back({"person_id", "Person reference must be a whole number, like 42"});
    else q.person_id = id;
  }
  if (std::string v = get("username"); !v.empty()) q.username = to_lower(v);
  std::optional<CivilDate> from, to;
  if (std::string v = get("from"); !v.empty()) {
    from = CivilDate::parse_iso(v);
    if (!from) errors.push_back({"from", "From date must be a real date, like 2026-11-01"});
    else q.from_date = from->iso();
  }
  if (std::string v = get("to"); !v.empty()) {
    to = CivilDate::parse_iso(v);
    if (!to) errors.push_back({"to", "To date must be a real date, like 2026-11-30"});
    else q.to_date = to->iso();
  }
  if (from && to && *to < *from) errors.push_back({"to", "To date must be the same as or after the from date"});
  if (std::string v = get("page"); !v.empty()) {
    int page = 0;
    auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), page);
    if (ec != std::errc() || p != v.data() + v.size() || page < 1 || page > 100000) errors.push_back({"page", "Page must be a whole number from 1"});
    else q.offset = (page - 1) * q.limit;
  }
  if (!errors.empty()) return std::unexpected(errors);
  return q;
}

}  // namespace patchwork::audit
