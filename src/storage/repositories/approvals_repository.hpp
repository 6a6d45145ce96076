#pragma once
// Approval thresholds (versioned council data) and approval requests with
// their decisions. Every function takes the council and filters by it in SQL.
#include <optional>
#include <string>
#include <vector>

#include "domain/planning/approval_request.hpp"
#include "domain/planning/authority.hpp"
#include "storage/db.hpp"

namespace patchwork::storage {

std::int64_t insert_approval_thresholds(Connection& c, CouncilId council_id, const planning::ApprovalThresholds& t,
                                        const std::string& definition, std::optional<UserId> loaded_by);
// Every version, the highest version first.
std::vector<planning::ApprovalThresholds> list_approval_thresholds(Connection& c, CouncilId council_id);
std::optional<planning::ApprovalThresholds> find_approval_thresholds(Connection& c, CouncilId council_id, std::int64_t id);
// When each version was loaded and by whom, for the administrator's list.
struct ThresholdsLoad { std::int64_t id; std::string loaded_at; std::string loaded_by; };
std::vector<ThresholdsLoad> approval_thresholds_loads(Connection& c, CouncilId council_id);

std::int64_t insert_approval_request(Connection& c, const planning::ApprovalRequest& r);
std::optional<planning::ApprovalRequest> find_approval_request(Connection& c, CouncilId council_id, std::int64_t id);
// Waiting for a decision, the longest waiting first.
std::vector<planning::ApprovalRequest> list_pending_approval_requests(Connection& c, CouncilId council_id);
// Approved and not yet acknowledged by finance, the oldest decision first.
std::vector<planning::ApprovalRequest> list_awaiting_acknowledgement(Connection& c, CouncilId council_id);
// Every request for one person, the newest first.
std::vector<planning::ApprovalRequest> list_approval_requests_for_person(Connection& c, CouncilId council_id, PersonId person_id);
// Records the decision on a request still pending; false when it was no longer
// pending (decided by someone else in the meantime).
bool record_approval_decision(Connection& c, const planning::ApprovalRequest& r);
// Records finance's acknowledgement of an approved request not yet acknowledged.
bool record_finance_acknowledgement(Connection& c, const planning::ApprovalRequest& r);

// Each decided request's weekly cost, the person's date of birth and the two
// timestamps, for the decision-time report.
struct DecidedRow { std::int64_t weekly_cost_pence; CivilDate date_of_birth; std::string submitted_at; std::string decided_at; };
void for_each_decided_request(Connection& c, CouncilId council_id, const std::function<void(const DecidedRow&)>& row);

// The council setting: whether finance acknowledges approved plans.
bool finance_acknowledgement(Connection& c, CouncilId council_id);
void set_finance_acknowledgement(Connection& c, CouncilId council_id, bool on);

}  // namespace patchwork::storage
