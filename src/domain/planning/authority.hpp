#pragma once
// Approval by delegated authority: who may approve a support plan of a given
// weekly cost. A council's scheme of delegation is versioned council data
// (councils raise the limits each April), so a decision is always taken under
// the version in effect on the day it is taken, and records which one.
// Pure domain: no storage, HTTP or JSON. The rules are in docs/planning.md
// ("Approval by delegated authority").
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/date.hpp"
#include "core/ids.hpp"
#include "core/money.hpp"
#include "core/result.hpp"
#include "domain/access/policy.hpp"

namespace patchwork::planning {

// One version of a council's delegated authority. Every limit is a weekly cost
// in pence; a plan costing exactly the limit is within it.
struct ApprovalThresholds {
  std::int64_t id = 0;       // the stored version's id (0 before it is stored)
  int version = 0;           // the council's own numbering, rising
  std::string name{};
  CivilDate effective_from{};
  // A social worker may approve plans written by someone else up to this.
  Money social_worker{};
  Money team_manager{};
  // With a panel: the head of service's limit, above which the panel decides.
  // Without one: none, and the head of service may approve any cost.
  std::optional<Money> head_of_service{};
  bool panel = false;
  // The author of a plan may approve it themself up to this, so small packages
  // need nobody else; none: an author never approves their own plan.
  std::optional<Money> author_self_approval{};
  // Interim budgets (after reablement, in a crisis, while a personal assistant
  // is found) are approved below the head of service only up to this.
  Money interim{};
};

// Checks a version's limits fit together: each from £0 to the weekly limit
// Patchwork accepts, the social worker's at most the team manager's, at most
// the head of service's; a head of service limit exactly when there is a panel.
FieldErrors check_thresholds(const ApprovalThresholds& t);

// The version in effect on `date`: the latest effective_from on or before it
// (the higher version when two take effect the same day); none before the first.
const ApprovalThresholds* thresholds_on(std::span<const ApprovalThresholds> versions, CivilDate date);

// Who may approve: the roles of the scheme, lowest first, and the panel.
enum class Approver { SocialWorker, TeamManager, HeadOfService, Panel };
std::string_view approver_code(Approver a);   // "team_manager", "panel"
std::string_view approver_name(Approver a);   // "team manager", "the panel"
std::optional<Approver> approver_from_role(access::Role role);

struct Authority {
  bool allowed = false;
  // Plain words, kept in the audit trail and shown when refused: "Your limit as
  // a team manager is £800.00 a week; this plan costs £912.50 a week."
  std::string reason{};
  std::optional<Money> limit{};   // the limit decided by, when there is one
  // A head of service recording the panel's decision (a council with a panel,
  // a cost above the head of service's own limit).
  bool as_panel = false;
};

// May this approver approve a plan of this weekly cost? The author rule first
// (an author approves their own plan only up to the self-approval limit), then
// the role's limit, capped for an interim budget by the interim limit except
// for the head of service.
Authority may_approve(const ApprovalThresholds& t, access::Role approver_role, UserId approver, UserId author, Money weekly_cost,
                      bool interim);

// The lowest role that may approve a plan of this cost written by someone
// else: who the request is queued for.
Approver approvers_for(const ApprovalThresholds& t, Money weekly_cost, bool interim);

// Why the agreed cost differs from the indicative amount: required whenever it
// does, a code from this list and words of the approver's own.
struct VarianceReason { std::string_view code; std::string_view label; };
std::span<const VarianceReason> variance_reasons();
std::optional<std::string_view> variance_reason_label(std::string_view code);

}  // namespace patchwork::planning
