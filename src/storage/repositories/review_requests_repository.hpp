#pragma once
// Review requests (migration 0024, docs/my-pages.md "Ask for a review"), the
// council's days to act on each reason, and the latest looks at a person's
// record by other people (read from the audit trail, for "Who can see my
// information"). Every function takes the council and filters by it.
#include <optional>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "core/ids.hpp"
#include "storage/db.hpp"

namespace patchwork::storage {

struct ReviewRequestRow {
  std::int64_t id = 0;
  CouncilId council_id{};
  PersonId person_id{};
  std::int64_t review_id = 0;
  std::string reason;
  std::string details;
  std::string asked_by_name;
  std::string asked_at;
  // From the review it became.
  CivilDate due_on;
  std::string review_status;  // due, done, replaced
  std::optional<CivilDate> done_on;
  std::string outcome;
};

std::int64_t insert_review_request(Connection& c, CouncilId council_id, PersonId person_id, std::int64_t review_id,
                                   const std::string& reason, const std::string& details, std::optional<UserId> asked_by,
                                   const std::string& asked_by_name);
// Latest first.
std::vector<ReviewRequestRow> list_review_requests(Connection& c, CouncilId council_id, PersonId person_id);
std::optional<ReviewRequestRow> review_request_for_review(Connection& c, CouncilId council_id, std::int64_t review_id);

// The council's days for a reason, when it has set them.
std::optional<int> review_request_days(Connection& c, CouncilId council_id, const std::string& reason);
void set_review_request_days(Connection& c, CouncilId council_id, const std::string& reason, int days);

// A look at the person's record by someone other than `except` (the reader):
// when, and in which role (never who: the person asks which kind of person).
struct RecordLook {
  std::string occurred_at;
  std::string role;
  std::string action;
};
std::vector<RecordLook> latest_looks(Connection& c, CouncilId council_id, PersonId person_id, UserId except, int limit);

}  // namespace patchwork::storage
