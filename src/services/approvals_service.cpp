#include "services/approvals_service.hpp"

#include <chrono>

#include "core/text.hpp"
#include "domain/allocation/ras.hpp"
#include "io/config/thresholds_file.hpp"
#include "storage/repositories/approvals_repository.hpp"
#include "storage/repositories/people_repository.hpp"

namespace patchwork::services {
namespace {

using planning::ApprovalStatus;

ApprovalProblem problem(ApprovalProblem::Kind kind, std::string field, std::string message) {
  return {kind, {{std::move(field), std::move(message)}}};
}

CivilDate date_of(const std::string& timestamp) {
  return CivilDate::parse_iso(std::string_view(timestamp).substr(0, 10)).value_or(CivilDate::today_utc());
}

constexpr std::size_t kTextLimit = 4000;

// A variance reason: a code from the list and words of its own.
void check_variance(const std::optional<std::string>& code, const std::string& text, FieldErrors& errors) {
  if (!code) {
    if (!trim(text).empty()) errors.push_back({"variance_reason", "Choose why the cost differs from the indicative amount"});
    return;
  }
  if (!planning::variance_reason_label(*code)) errors.push_back({"variance_reason", "Choose a reason from the list"});
  if (trim(text).empty()) errors.push_back({"variance_text", "Explain in a few words why the cost differs from the indicative amount"});
  else if (text.size() > kTextLimit) errors.push_back({"variance_text", "The explanation must be 4,000 characters or fewer"});
}

void check_amount(const char* field, Money m, FieldErrors& errors) {
  if (m.pence() < 0) errors.push_back({field, "must be £0.00 or more"});
  else if (m > allocation::kWeeklyAmountLimit)
    errors.push_back({field, "must be at most " + allocation::kWeeklyAmountLimit.display() + " a week"});
}

}  // namespace

Result<std::int64_t> load_approval_thresholds(storage::Connection& c, CouncilId council_id, const std::string& json,
                                              std::optional<UserId> user_id) {
  auto t = io::parse_approval_thresholds(json);
  if (!t) return std::unexpected(t.error());
  for (const auto& existing : storage::list_approval_thresholds(c, council_id)) {
    if (existing.version >= t->version)
      return fail("version", "Version " + std::to_string(existing.version) + " is already loaded: new thresholds need a version above " +
                                 std::to_string(existing.version));
    // Decisions already taken keep the version they were taken under; a new
    // version reaching back before a later one would make "the version in
    // effect on a date" change under them.
    if (existing.effective_from > t->effective_from)
      return fail("effective_from", "Version " + std::to_string(existing.version) + " takes effect on " + existing.effective_from.display() +
                                        ": new thresholds must take effect on that day or later");
  }
  return storage::insert_approval_thresholds(c, council_id, *t, json, user_id);
}

Result<planning::ApprovalRequest> submit(storage::Connection& c, CouncilId council_id, const ApprovalSubmission& s,
                                         const std::string& now) {
  FieldErrors errors;
  check_amount("weekly_cost", s.weekly_cost, errors);
  if (s.one_off_cost.pence() < 0) errors.push_back({"one_off_cost", "The plan's one-off costs cannot be less than £0.00"});
  else if (s.one_off_cost > planning::kOneOffCostLimit)
    errors.push_back({"one_off_cost", "The plan's one-off costs must come to at most " + planning::kOneOffCostLimit.display()});
  if (s.indicative_weekly) check_amount("indicative_weekly", *s.indicative_weekly, errors);
  if (s.plan_id <= 0) errors.push_back({"plan_id", "must name the plan submitted"});
  if (s.plan_version < 1) errors.push_back({"plan_version", "must be 1 or more"});
  check_variance(s.variance_reason, s.variance_text, errors);
  if (!storage::find_person(c, council_id, s.person_id)) errors.push_back({"person_id", "There is no such person in this council"});
  auto versions = storage::list_approval_thresholds(c, council_id);
  const auto* t = planning::thresholds_on(versions, date_of(now));
  if (!t)
    errors.push_back({"thresholds", "The council has no approval thresholds in effect on " + date_of(now).display() +
                                        ", so nobody could approve this plan: an administrator loads them first"});
  if (!errors.empty()) return std::unexpected(errors);
  for (const auto& pending : storage::list_pending_approval_requests(c, council_id))
    if (pending.plan_id == s.plan_id)
      return fail("plan_id", "This plan is already waiting for approval (request " + std::to_string(pending.id) + ")");
  planning::ApprovalRequest r;
  r.council_id = council_id;
  r.person_id = s.person_id;
  r.plan_id = s.plan_id;
  r.plan_version = s.plan_version;
  r.weekly_cost = s.weekly_cost;
  r.one_off_cost = s.one_off_cost;
  r.indicative_weekly = s.indicative_weekly;
  r.interim = s.interim;
  r.author_id = s.author_id;
  r.submitted_at = now;
  r.queued_for = std::string(planning::approver_code(planning::approvers_for(*t, r.weighed_cost(), s.interim)));
  r.variance_reason = s.variance_reason;
  r.variance_text = trim(s.variance_text);
  r.id = storage::insert_approval_request(c, r);
  return r;
}

StandingOnRequest standing_on(storage::Connection& c, const accounts::User& user, const planning::ApprovalRequest& r, CivilDate today) {
  StandingOnRequest out;
  auto versions = storage::list_approval_thresholds(c, user.council_id);
  if (const auto* t = planning::thresholds_on(versions, today)) {
    out.thresholds = *t;
    out.queued_for = planning::approvers_for(*t, r.weighed_cost(), r.interim);
    out.authority = planning::may_approve(*t, user.role, user.id, r.author_id, r.weighed_cost(), r.interim);
    out.authority.reason += planning::weighed_note(r.weekly_cost, r.one_off_cost);
  } else {
    out.authority.reason = "No approval thresholds are in effect on " + today.display() + ".";
  }
  return out;
}

ApprovalResult<DecisionOutcome> decide(storage::Connection& c, const accounts::User& approver, std::int64_t request_id,
                                       const DecisionInput& input, const std::string& now) {
  using Kind = ApprovalProblem::Kind;
  auto found = storage::find_approval_request(c, approver.council_id, request_id);
  if (!found) return std::unexpected(problem(Kind::Conflict, "request", "There is no such approval request"));
  auto r = *found;
  if (r.status != ApprovalStatus::Pending)
    return std::unexpected(problem(Kind::Conflict, "decision", "This plan was already decided: " +
                                                               std::string(planning::approval_status_label(r.status)) + "."));
  const CivilDate on = date_of(now);
  auto standing = standing_on(c, approver, r, on);
  if (!standing.thresholds) return std::unexpected(problem(Kind::Conflict, "decision", standing.authority.reason));
  if (!standing.authority.allowed) return std::unexpected(problem(Kind::NotAllowed, "decision", standing.authority.reason));

  FieldErrors errors;
  ApprovalStatus status = ApprovalStatus::Pending;
  if (input.decision == "approve") status = ApprovalStatus::Approved;
  else if (input.decision == "refuse") status = ApprovalStatus::Refused;
  else if (input.decision == "return") status = ApprovalStatus::Returned;
  else errors.push_back({"decision", "Choose whether to approve the plan, refuse it or return it with questions"});
  const std::string reasons = trim(input.reasons);
  if (reasons.size() > kTextLimit) errors.push_back({"reasons", "The reasons must be 4,000 characters or fewer"});
  if (status == ApprovalStatus::Refused && reasons.empty())
    errors.push_back({"reasons", "Give the reasons for refusing the plan: they are sent to the person and the author"});
  if (status == ApprovalStatus::Returned && reasons.empty())
    errors.push_back({"reasons", "Write the questions the author needs to answer before the plan comes back"});
  if (status == ApprovalStatus::Approved) {
    if (input.variance_reason || !trim(input.variance_text).empty()) {
      check_variance(input.variance_reason, input.variance_text, errors);
      r.variance_reason = input.variance_reason;
      r.variance_text = trim(input.variance_text);
    }
    if (r.differs_from_indicative() && !r.variance_reason)
      errors.push_back({"variance_reason", "The plan costs " + r.weekly_cost.display() + " a week and the indicative amount was " +
                                               r.indicative_weekly->display() + ": choose why they differ"});
  }
  if (!errors.empty()) return std::unexpected(ApprovalProblem{Kind::Invalid, errors});

  r.status = status;
  r.decided_by = approver.id;
  r.decided_at = now;
  r.decided_as = standing.authority.as_panel ? "panel" : std::string(planning::approver_code(*planning::approver_from_role(approver.role)));
  r.thresholds_id = standing.thresholds->id;
  r.decision_text = reasons;
  if (!storage::record_approval_decision(c, r))
    return std::unexpected(problem(Kind::Conflict, "decision", "This plan was decided by someone else a moment ago."));
  DecisionOutcome out{r, *standing.thresholds, standing.authority.reason, false};
  out.needs_finance_acknowledgement = status == ApprovalStatus::Approved && storage::finance_acknowledgement(c, approver.council_id);
  return out;
}

std::vector<QueueItem> queue_for(storage::Connection& c, const accounts::User& user, CivilDate today) {
  std::vector<QueueItem> out;
  auto versions = storage::list_approval_thresholds(c, user.council_id);
  const auto* t = planning::thresholds_on(versions, today);
  if (user.role == access::Role::FinanceOfficer) {
    if (!storage::finance_acknowledgement(c, user.council_id)) return out;
    for (auto& r : storage::list_awaiting_acknowledgement(c, user.council_id)) {
      out.push_back({std::move(r), planning::Approver::TeamManager});
    }
    return out;
  }
  if (!t || !planning::approver_from_role(user.role)) return out;
  for (auto& r : storage::list_pending_approval_requests(c, user.council_id)) {
    if (!planning::may_approve(*t, user.role, user.id, r.author_id, r.weighed_cost(), r.interim).allowed) continue;
    auto queued = planning::approvers_for(*t, r.weighed_cost(), r.interim);
    out.push_back({std::move(r), queued});
  }
  return out;
}

ApprovalResult<planning::ApprovalRequest> acknowledge(storage::Connection& c, const accounts::User& finance, std::int64_t request_id,
                                                      const std::string& now) {
  using Kind = ApprovalProblem::Kind;
  if (!storage::finance_acknowledgement(c, finance.council_id))
    return std::unexpected(problem(Kind::Conflict, "acknowledgement", "This council does not ask finance to acknowledge approved plans"));
  auto r = storage::find_approval_request(c, finance.council_id, request_id);
  if (!r) return std::unexpected(problem(Kind::Conflict, "request", "There is no such approval request"));
  if (r->status != ApprovalStatus::Approved)
    return std::unexpected(problem(Kind::Conflict, "acknowledgement", "Only an approved plan is acknowledged; this one is: " +
                                                                      std::string(planning::approval_status_label(r->status)) + "."));
  if (r->finance_acknowledged_at)
    return std::unexpected(problem(Kind::Conflict, "acknowledgement", "Finance already acknowledged this plan"));
  r->finance_acknowledged_by = finance.id;
  r->finance_acknowledged_at = now;
  if (!storage::record_finance_acknowledgement(c, *r))
    return std::unexpected(problem(Kind::Conflict, "acknowledgement", "Finance already acknowledged this plan"));
  return *r;
}

planning::DecisionTimeReport decision_times(storage::Connection& c, CouncilId council_id) {
  std::vector<planning::DecisionTimeRow> rows;
  storage::for_each_decided_request(c, council_id, [&rows](const storage::DecidedRow& d) {
    auto submitted = parse_utc_timestamp(d.submitted_at);
    auto decided = parse_utc_timestamp(d.decided_at);
    if (!submitted || !decided || *decided < *submitted) return;
    auto seconds = std::chrono::duration_cast<std::chrono::seconds>(*decided - *submitted).count();
    auto band = d.date_of_birth.ok() ? std::optional(people::age_band_on(d.date_of_birth, date_of(d.submitted_at))) : std::nullopt;
    rows.push_back({Money::from_pence(d.weekly_cost_pence), band, std::int64_t(seconds)});
  });
  return planning::decision_time_report(rows);
}

}  // namespace patchwork::services
