#pragma once
// One line of the audit trail: who did (or tried) what, to whom, when, and the answer.
#include <cstdint>
#include <optional>
#include <string>

#include "core/ids.hpp"

namespace patchwork::audit {

struct AuditEntry {
  std::int64_t id = 0;
  std::optional<std::int64_t> council_id;
  std::string occurred_at;  // UTC timestamp
  std::optional<std::int64_t> user_id;
  std::string username;
  std::optional<std::string> role;
  std::string action;       // an action code, e.g. view_person_record, sign_in
  std::optional<std::int64_t> person_id;
  std::string outcome;      // "allowed" or "refused"
  std::string reason;
  std::string request_id;
  std::string address;
};

struct AuditQuery {
  CouncilId council_id{};
  std::optional<std::int64_t> person_id{};
  std::optional<std::string> username{};
  std::optional<std::string> from_date{};  // inclusive civil dates, YYYY-MM-DD
  std::optional<std::string> to_date{};
  int limit = 100;
  int offset = 0;
};

}  // namespace patchwork::audit
