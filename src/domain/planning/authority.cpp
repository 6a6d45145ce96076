#include "domain/planning/authority.hpp"

#include <algorithm>
#include <array>

#include "domain/allocation/ras.hpp"

namespace patchwork::planning {
namespace {

Money cap(Money limit, const ApprovalThresholds& t, bool interim) { return interim ? std::min(limit, t.interim) : limit; }

// The role's own limit for this kind of budget; none for a head of service
// without a limit (a council without a panel).
std::optional<Money> role_limit(const ApprovalThresholds& t, Approver a, bool interim) {
  switch (a) {
    case Approver::SocialWorker: return cap(t.social_worker, t, interim);
    case Approver::TeamManager: return cap(t.team_manager, t, interim);
    case Approver::HeadOfService: return t.head_of_service;
    case Approver::Panel: return std::nullopt;
  }
  return std::nullopt;
}

std::string costs(Money weekly_cost, bool interim) {
  return std::string(interim ? "this interim budget costs " : "this plan costs ") + weekly_cost.display() + " a week";
}

// Care Act 2014 s.26(1): "A personal budget for an adult is a statement which
// specifies— (a) the cost to the local authority of meeting those of the
// adult's needs which it is required or decides to meet as mentioned in
// section 24(1)". The amount is what meeting the needs costs; the RAS amount
// is only where planning starts. So a plan may cost more or less than the
// indicative budget, and the approver records why rather than being held to it.
constexpr std::array<VarianceReason, 7> kVarianceReasons{{
    {"needs_changed", "Needs have changed since the assessment"},
    {"carer_support_changed", "What an unpaid carer is willing and able to do has changed"},
    {"local_costs", "Support costs more or less here than the resource allocation assumes"},
    {"person_choice", "The person chose another way of meeting their needs"},
    {"needs_not_reflected", "Needs the questionnaire does not reflect, such as complex or fluctuating needs"},
    {"community_support", "Community or universal services meet some needs"},
    {"other", "Another reason (explained below)"},
}};

}  // namespace

FieldErrors check_thresholds(const ApprovalThresholds& t) {
  FieldErrors errors;
  auto in_range = [&errors](const std::string& field, Money m) {
    if (m.pence() < 0) errors.push_back({field, "must be £0.00 or more"});
    else if (m > allocation::kWeeklyAmountLimit)
      errors.push_back({field, "must be at most " + allocation::kWeeklyAmountLimit.display() + " a week, the largest weekly amount Patchwork accepts"});
  };
  in_range("social_worker", t.social_worker);
  in_range("team_manager", t.team_manager);
  in_range("interim", t.interim);
  if (t.head_of_service) in_range("head_of_service", *t.head_of_service);
  if (t.author_self_approval) in_range("author_self_approval", *t.author_self_approval);
  if (!t.effective_from.ok()) errors.push_back({"effective_from", "must be a date, like 2026-04-01"});
  if (t.social_worker > t.team_manager)
    errors.push_back({"social_worker", "must be no more than the team manager's limit: a higher role may approve whatever a lower one may"});
  // Someone must be able to approve every plan: Care Act 2014 s.18(1), "A
  // local authority, having made a determination under section 13(1), must
  // meet the adult's needs for care and support which meet the eligibility
  // criteria if—" (ordinary residence, the cap, the charging conditions).
  // Needs must be met whatever they cost, so a head of service limit comes
  // only with a panel above it, and a panel only with that limit.
  if (t.panel && !t.head_of_service)
    errors.push_back({"head_of_service", "is needed when the council keeps a panel: above it, the panel decides"});
  if (!t.panel && t.head_of_service)
    errors.push_back({"head_of_service", "is only for a council with a panel; without one the head of service approves any cost, so nothing is left waiting with nobody able to approve it"});
  if (t.head_of_service && t.team_manager > *t.head_of_service)
    errors.push_back({"team_manager", "must be no more than the head of service's limit"});
  return errors;
}

const ApprovalThresholds* thresholds_on(std::span<const ApprovalThresholds> versions, CivilDate date) {
  const ApprovalThresholds* best = nullptr;
  for (const auto& v : versions) {
    if (v.effective_from > date) continue;
    if (!best || v.effective_from > best->effective_from || (v.effective_from == best->effective_from && v.version > best->version))
      best = &v;
  }
  return best;
}

std::string_view approver_code(Approver a) {
  switch (a) {
    case Approver::SocialWorker: return "social_worker";
    case Approver::TeamManager: return "team_manager";
    case Approver::HeadOfService: return "head_of_service";
    case Approver::Panel: return "panel";
  }
  return "unknown";
}

std::string_view approver_name(Approver a) {
  switch (a) {
    case Approver::SocialWorker: return "social worker";
    case Approver::TeamManager: return "team manager";
    case Approver::HeadOfService: return "head of service";
    case Approver::Panel: return "the panel";
  }
  return "unknown";
}

std::optional<Approver> approver_from_role(access::Role role) {
  switch (role) {
    case access::Role::SocialWorker: return Approver::SocialWorker;
    case access::Role::TeamManager: return Approver::TeamManager;
    case access::Role::HeadOfService: return Approver::HeadOfService;
    default: return std::nullopt;
  }
}

Authority may_approve(const ApprovalThresholds& t, access::Role approver_role, UserId approver, UserId author, Money weekly_cost,
                      bool interim) {
  auto role = approver_from_role(approver_role);
  if (!role) return {false, "A " + std::string(access::role_name(approver_role)) + " does not approve support plans.", std::nullopt, false};
  const std::string as = std::string(approver_name(*role));
  auto limit = role_limit(t, *role, interim);

  if (approver == author) {
    // Whoever wrote a plan approves it only under the author's own limit, so a
    // second pair of eyes sees everything but the smallest packages.
    if (!t.author_self_approval)
      return {false, "You wrote this plan, and this council does not let the author of a plan approve it.", std::nullopt, false};
    Money own = cap(*t.author_self_approval, t, interim);
    if (limit) own = std::min(own, *limit);
    if (weekly_cost > own)
      return {false, "You wrote this plan: the author may approve their own plan only up to " + own.display() + " a week; " +
                         costs(weekly_cost, interim) + ".", own, false};
    return {true, "the author's own plan, within the limit for authors of " + own.display() + " a week", own, false};
  }

  if (*role == Approver::HeadOfService) {
    if (!limit) return {true, "within the head of service's authority, which has no upper limit", std::nullopt, false};
    if (weekly_cost <= *limit) return {true, "within your limit as head of service of " + limit->display() + " a week", limit, false};
    if (t.panel)
      return {true, "above the head of service's limit of " + limit->display() + " a week: recorded as the panel's decision", limit, true};
    return {false, "Your limit as head of service is " + limit->display() + " a week; " + costs(weekly_cost, interim) + ".", limit, false};
  }

  if (weekly_cost <= *limit) return {true, "within your limit as a " + as + " of " + limit->display() + " a week", limit, false};
  const bool interim_bites = interim && t.interim < role_limit(t, *role, false).value_or(Money{});
  if (interim_bites)
    return {false, "Your limit for interim budgets as a " + as + " is " + limit->display() + " a week; " + costs(weekly_cost, interim) + ".",
            limit, false};
  return {false, "Your limit as a " + as + " is " + limit->display() + " a week; " + costs(weekly_cost, interim) + ".", limit, false};
}

Approver approvers_for(const ApprovalThresholds& t, Money weekly_cost, bool interim) {
  for (Approver a : {Approver::SocialWorker, Approver::TeamManager}) {
    if (weekly_cost <= *role_limit(t, a, interim)) return a;
  }
  if (t.head_of_service && weekly_cost > *t.head_of_service && t.panel) return Approver::Panel;
  return Approver::HeadOfService;
}

std::span<const VarianceReason> variance_reasons() { return kVarianceReasons; }

std::optional<std::string_view> variance_reason_label(std::string_view code) {
  for (const auto& r : kVarianceReasons)
    if (r.code == code) return r.label;
  return std::nullopt;
}

}  // namespace patchwork::planning
