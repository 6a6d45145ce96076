#include "domain/budgets/budget.hpp"

#include <array>
#include <chrono>
#include <fmt/format.h>
#include <set>

#include "core/text.hpp"
#include "domain/allocation/ras.hpp"

namespace patchwork::budgets {
namespace {

constexpr std::array<ContributionKind, 3> kKinds{ContributionKind::NotYetAssessed, ContributionKind::WeeklyAmount,
                                                 ContributionKind::FullCost};
constexpr std::size_t kMaxName = 200;
constexpr std::size_t kMaxReason = 2000;

std::string get(const people::Fields& f, const std::string& key) {
  auto it = f.find(key);
  return it == f.end() ? std::string() : trim(it->second);
}

std::optional<CivilDate> read_date(const people::Fields& f, const std::string& key, const char* what, bool required,
                                   FieldErrors& errors) {
  std::string v = get(f, key);
  if (v.empty()) {
    if (required) errors.push_back({key, fmt::format("Enter the {}", what)});
    return std::nullopt;
  }
  auto d = CivilDate::parse_iso(v);
  if (!d) errors.push_back({key, fmt::format("The {} must be a real date, like 2026-11-27", what)});
  return d;
}

std::string read_name(const people::Fields& f, const std::string& key, const char* what, FieldErrors& errors) {
  std::string v = get(f, key);
  if (v.empty()) errors.push_back({key, fmt::format("Enter {}", what)});
  else if (text_problem(v) || has_line_break(v)) errors.push_back({key, fmt::format("Enter {} on one line, in plain text", what)});
  else if (v.size() > kMaxName) errors.push_back({key, fmt::format("{} must be {} characters or fewer", what, kMaxName)});
  return v;
}

}  // namespace

std::span<const ContributionKind> contribution_kinds() { return kKinds; }

std::string_view contribution_code(ContributionKind k) {
  switch (k) {
    case ContributionKind::NotYetAssessed: return "not_yet_assessed";
    case ContributionKind::WeeklyAmount: return "weekly_amount";
    case ContributionKind::FullCost: return "full_cost";
  }
  return "not_yet_assessed";
}

std::string_view contribution_label(ContributionKind k) {
  switch (k) {
    case ContributionKind::NotYetAssessed: return "Not worked out yet";
    case ContributionKind::WeeklyAmount: return "An amount each week";
    case ContributionKind::FullCost: return "The full cost";
  }
  return "Not worked out yet";
}

std::optional<ContributionKind> contribution_from_code(std::string_view code) {
  for (auto k : kKinds)
    if (contribution_code(k) == code) return k;
  return std::nullopt;
}

Result<FinancialAssessment> financial_assessment_from_fields(const people::Fields& f, CivilDate today) {
  FieldErrors errors;
  FinancialAssessment a;
  std::string kind = get(f, "contribution");
  auto k = contribution_from_code(to_lower(kind));
  // Recording an assessment that found nothing is not an assessment.
  if (kind.empty()) errors.push_back({"contribution", "Choose what the person must pay"});
  else if (!k || *k == ContributionKind::NotYetAssessed)
    errors.push_back({"contribution", "Choose what the person must pay: an amount each week, or the full cost"});
  else a.contribution.kind = *k;

  std::string amount = get(f, "weekly_contribution");
  if (k == ContributionKind::WeeklyAmount) {
    auto m = Money::parse(amount);
    if (amount.empty()) errors.push_back({"weekly_contribution", "Enter what the person must pay each week, like 35.20 (0 if nothing)"});
    else if (!m) errors.push_back({"weekly_contribution", "Enter the weekly contribution in pounds and pence, like 35.20"});
    else if (m->pence() < 0) errors.push_back({"weekly_contribution", "The weekly contribution cannot be less than £0.00"});
    else if (*m > allocation::kWeeklyAmountLimit)
      errors.push_back({"weekly_contribution", fmt::format("The weekly contribution cannot be more than {}", allocation::kWeeklyAmountLimit.display())});
    else a.contribution.weekly = *m;
  } else if (!amount.empty() && k == ContributionKind::FullCost) {
    errors.push_back({"weekly_contribution", "Leave the weekly contribution empty when the person pays the full cost"});
  }

  if (auto d = read_date(f, "assessed_on", "date of the financial assessment", true, errors)) {
    if (*d > today) errors.push_back({"assessed_on", "The date of the financial assessment must be today or in the past"});
    else a.assessed_on = *d;
  }
  a.assessed_by = read_name(f, "assessed_by", "who did the financial assessment", errors);
  if (!errors.empty()) return std::unexpected(errors);
  return a;
}

MoneyResult yearly(Money weekly) { return weekly.times(52); }

std::optional<Money> person_share(const BudgetVersion& b) {
  switch (b.contribution.kind) {
    case ContributionKind::NotYetAssessed: return std::nullopt;
    case ContributionKind::FullCost: return b.weekly;
    case ContributionKind::WeeklyAmount: return std::min(b.contribution.weekly, b.weekly);
  }
  return std::nullopt;
}

std::optional<Money> council_share(const BudgetVersion& b) {
  auto person = person_share(b);
  if (!person) return std::nullopt;
  // person ≤ weekly, both within the limit, so this cannot overflow.
  return b.weekly.minus(*person).value_or(Money{});
}

std::string_view client_funding_status(const BudgetVersion& b) {
  auto council = council_share(b);
  if (!council) return kFundingStatusUnknown;
  if (council->pence() == 0) return "Fully client funded";
  if (*council == b.weekly) return "Fully social care funded";
  return "Joint client and social care funded";
}

const BudgetVersion* budget_on(std::span<const BudgetVersion> versions, CivilDate date) {
  const BudgetVersion* best = nullptr;
  for (const auto& v : versions) {
    if (v.effective_from > date) continue;
    if (!best || v.effective_from > best->effective_from ||
        (v.effective_from == best->effective_from && v.version > best->version))
      best = &v;
  }
  return best;
}

FieldErrors budget_problems(const BudgetVersion& b) {
  FieldErrors errors;
  if (!b.effective_from.ok()) errors.push_back({"effective_from", "Enter the date the budget starts"});
  if (b.weekly.pence() < 0) errors.push_back({"weekly", "The budget cannot be less than £0.00 a week"});
  else if (b.weekly > allocation::kWeeklyAmountLimit)
    errors.push_back({"weekly", fmt::format("The budget cannot be more than {} a week", allocation::kWeeklyAmountLimit.display())});
  // The one-off limit is costing's: 52 weeks of the weekly limit (planning::cost_line).
  const Money one_off_limit = allocation::kWeeklyAmountLimit.times(52).value_or(allocation::kWeeklyAmountLimit);
  if (b.one_off.pence() < 0) errors.push_back({"one_off", "The one-off amount cannot be less than £0.00"});
  else if (b.one_off > one_off_limit)
    errors.push_back({"one_off", fmt::format("The one-off amount cannot be more than {}", one_off_limit.display())});
  if (b.contribution.kind == ContributionKind::WeeklyAmount &&
      (b.contribution.weekly.pence() < 0 || b.contribution.weekly > allocation::kWeeklyAmountLimit))
    errors.push_back({"weekly_contribution", "The weekly contribution must be from £0.00 to the budget's limit"});
  if (b.parts.empty()) errors.push_back({"parts", "Say how the budget is managed: add at least one part"});
  std::set<std::string> keys;
  for (std::size_t i = 0; i < b.parts.size(); ++i) {
    const auto& p = b.parts[i];
    if (!keys.insert(p.key).second)
      errors.push_back({fmt::format("parts[{}].key", i), fmt::format("Each part needs its own name: \"{}\" is used twice", p.key)});
    if (p.mechanism == Mechanism::DirectPayment && !p.direct_payment)
      errors.push_back({fmt::format("parts[{}].recipient", i), "Say who receives the direct payment and where it is held"});
    if (p.mechanism == Mechanism::IndividualServiceFund && !p.service_fund)
      errors.push_back({fmt::format("parts[{}].provider_id", i), "Say which provider holds the individual service fund"});
  }
  if (!b.parts.empty() && b.weekly.pence() >= 0)
    if (auto e = parts_do_not_sum(b.parts, b.weekly)) errors.push_back(*e);
  if (auto council = council_share(b); council && council->pence() == 0)
    for (std::size_t i = 0; i < b.parts.size(); ++i)
      if (b.parts[i].mechanism == Mechanism::DirectPayment && b.parts[i].weekly.pence() > 0)
        errors.push_back({fmt::format("parts[{}].mechanism", i), std::string(kFullCostDirectPayment)});
  if (!b.parts.empty() && b.one_off.pence() >= 0)
    if (auto e = one_offs_do_not_sum(b.parts, b.one_off)) errors.push_back(*e);
  if (b.interim) {
    const auto& in = *b.interim;
    if (trim(in.reason).empty()) errors.push_back({"interim_reason", "Say why the budget is interim"});
    else if (in.reason.size() > kMaxReason || text_problem(in.reason))
      errors.push_back({"interim_reason", fmt::format("The reason must be plain text of {} characters or fewer", kMaxReason)});
    if (!in.ends_on.ok()) errors.push_back({"interim_ends_on", "Enter the date the interim budget ends"});
    else if (b.effective_from.ok() && in.ends_on <= b.effective_from)
      errors.push_back({"interim_ends_on", "An interim budget must end after it starts"});
    if (!in.review_on.ok()) errors.push_back({"interim_review_on", "Enter the date the interim budget is reviewed"});
    else if (in.ends_on.ok() && (in.review_on > in.ends_on || (b.effective_from.ok() && in.review_on < b.effective_from)))
      errors.push_back({"interim_review_on", "The review must fall between the start and the end of the interim budget"});
  }
  return errors;
}

// Care Act 2014, s.31(1) and s.32(1): each "applies where— (a) a personal
// budget for an adult specifies an amount which the local authority must pay
// towards the cost of meeting the needs to which the personal budget relates".
// s.26(1)(c) has the budget say that amount only "if on that basis the local
// authority must itself pay towards that cost". When the financial assessment
// finds the person pays the full cost there is no such amount, so there is
// nothing a direct payment could be made of: the council may still arrange the
// support at the person's request and charge for it (s.18(3): "Condition 2 is
// met if— (a) the local authority is satisfied on the basis of the financial
// assessment it carried out that the adult's financial resources are above the
// financial limit", and the adult nonetheless asks it to meet the needs), as a
// part the council arranges. docs/budgets.md, "Direct payments and the law".
const std::string_view kFullCostDirectPayment =
    "A direct payment is made only where the council pays towards the cost, and the financial assessment found the person "
    "pays the full cost (Care Act 2014, section 31(1)(a)). The council can arrange this support instead, and the person pays for it";

bool pays_full_cost(const Contribution& c) { return c.kind == ContributionKind::FullCost; }

std::vector<DirectPaymentAgreement> carried_agreements(const BudgetVersion& previous, const BudgetVersion& next,
                                                       std::span<const DirectPaymentAgreement> agreements) {
  std::vector<DirectPaymentAgreement> out;
  for (const auto& part : next.parts) {
    if (part.mechanism != Mechanism::DirectPayment) continue;
    const Part* before = nullptr;
    for (const auto& p : previous.parts)
      if (p.key == part.key) before = &p;
    if (!before || agreement_change(*before, part)) continue;
    // The latest agreement recorded for the part: a re-signed one replaces the first.
    const DirectPaymentAgreement* latest = nullptr;
    for (const auto& a : agreements)
      if (a.budget_id == previous.id && a.part_key == part.key && (!latest || a.id > latest->id)) latest = &a;
    if (!latest) continue;
    DirectPaymentAgreement carried = *latest;
    carried.id = 0;
    carried.budget_id = next.id;
    carried.carried_from = latest->carried_from.value_or(latest->id);
    out.push_back(carried);
  }
  return out;
}

CivilDate plus_months(CivilDate d, int months) {
  using namespace std::chrono;
  year_month ym = year(d.year()) / month(d.month());
  ym += std::chrono::months(months);
  auto last = year_month_day_last(ym.year(), month_day_last(ym.month())).day();
  auto day = std::min(std::chrono::day(d.day()), last);
  return CivilDate(year_month_day(ym.year(), ym.month(), day));
}

// The Care and Support (Direct Payments) Regulations 2014, reg. 7(1): "A
// local authority must conduct a review for the purpose of ascertaining
// whether the making of direct payments is an appropriate way to meet the
// adult's needs— (a) at least once within the first 6 months of the direct
// payment being made and at intervals not exceeding 12 months thereafter".
CivilDate first_review_due(const DirectPaymentAgreement& a) { return plus_months(a.first_payment_on.value_or(a.signed_on), 6); }
CivilDate next_review_due(CivilDate reviewed_on) { return plus_months(reviewed_on, 12); }

Result<DirectPaymentAgreement> agreement_from_fields(const people::Fields& f, CivilDate today) {
  FieldErrors errors;
  DirectPaymentAgreement a;
  a.part_key = get(f, "part_key");
  if (a.part_key.empty()) errors.push_back({"part_key", "Choose the direct-payment part the agreement is for"});
  auto signed_on = read_date(f, "signed_on", "date the agreement was signed", true, errors);
  if (signed_on && *signed_on > today) errors.push_back({"signed_on", "The agreement must be signed today or earlier"});
  else if (signed_on) a.signed_on = *signed_on;
  a.signed_by = read_name(f, "signed_by", "who signed the agreement", errors);
  a.first_payment_on = read_date(f, "first_payment_on", "date of the first payment", false, errors);
  if (signed_on && a.first_payment_on && *a.first_payment_on < *signed_on)
    errors.push_back({"first_payment_on", "The first payment cannot be before the agreement was signed"});
  auto review = read_date(f, "review_on", "date of the first review", true, errors);
  if (review && errors.empty()) {
    a.review_on = *review;
    const CivilDate due = first_review_due(a);
    if (*review < a.signed_on) errors.push_back({"review_on", "The first review cannot be before the agreement was signed"});
    else if (*review > due)
      errors.push_back({"review_on", fmt::format("The first review must be within six months of the first payment: by {} at the latest",
                                                 due.display())});
  }
  if (!errors.empty()) return std::unexpected(errors);
  return a;
}

CivilDate interim_review_on(CivilDate starts, CivilDate ends) {
  const CivilDate two_weeks_before = ends.plus_days(-14);
  return two_weeks_before < starts ? starts : two_weeks_before;
}

}  // namespace patchwork::budgets
