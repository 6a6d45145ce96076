#include "services/budgets_service.hpp"

#include <fmt/format.h>

#include "domain/people/capacity.hpp"
#include "storage/repositories/budgets_repository.hpp"
#include "storage/repositories/person_records_repository.hpp"

namespace patchwork::services {
namespace {

budgets::Contribution latest_contribution(storage::Connection& c, const people::Person& person) {
  auto assessments = storage::list_financial_assessments(c, person.council_id, person.id);
  return assessments.empty() ? budgets::Contribution{} : assessments.front().contribution;
}

// Checks and stores a version numbered after the latest, carrying the
// agreements of `previous` (the version it follows) where they still hold.
Result<budgets::BudgetVersion> store(storage::Connection& c, const people::Person& person, budgets::BudgetVersion b,
                                     const std::optional<budgets::BudgetVersion>& previous, std::optional<UserId> by) {
  b.council_id = person.council_id;
  b.person_id = person.id;
  // The parts give the amounts, a week and once; a sum too large is refused.
  Money total, once;
  bool overflow = false;
  for (const auto& p : b.parts) {
    auto t = total.plus(p.weekly);
    auto o = once.plus(p.one_off);
    if (!t || !o) { overflow = true; break; }
    total = *t;
    once = *o;
  }
  if (overflow) return fail("parts", "The parts' amounts are too large to add up");
  b.weekly = total;
  b.one_off = once;
  FieldErrors errors = budgets::budget_problems(b);
  // Who may receive a direct payment depends on the person's record on the day
  // the budget starts.
  if (b.effective_from.ok())
    for (auto& e : direct_payment_problems(c, person, b.parts, b.effective_from)) errors.push_back(std::move(e));
  if (!errors.empty()) return std::unexpected(errors);
  b.version = storage::latest_budget_version(c, person.council_id, person.id) + 1;
  b.id = storage::insert_budget(c, b, by);
  // A new version changes the amount, the contribution or the plan, not the
  // arrangement a signed agreement is about: the same part, paid to the same
  // person into the same place, keeps its agreement and review dates.
  if (previous)
    for (const auto& a : budgets::carried_agreements(*previous, b, storage::list_direct_payment_agreements(c, person.council_id, person.id)))
      storage::insert_direct_payment_agreement(c, a, by);
  return b;
}

}  // namespace

FieldErrors direct_payment_problems(storage::Connection& c, const people::Person& person, std::span<const budgets::Part> parts,
                                    CivilDate on, bool indexed) {
  FieldErrors errors;
  bool any = false;
  for (const auto& p : parts) any = any || p.direct_payment.has_value();
  if (!any) return errors;
  // people::capacity_for is the one way to ask about capacity: Care Act 2014
  // s.31(4)(a) and s.32(1)(b) ask about capacity to request a direct payment.
  const auto capacity = storage::list_capacity(c, person.council_id, person.id);
  const auto relationships = storage::list_relationships(c, person.council_id, person.id);
  const budgets::DirectPaymentRecord record{people::capacity_for(capacity, "requesting_direct_payment", on), relationships,
                                            person.given_name};
  for (std::size_t i = 0; i < parts.size(); ++i)
    if (parts[i].direct_payment)
      for (auto& e : budgets::direct_payment_refused(*parts[i].direct_payment, record, indexed ? fmt::format("parts[{}].", i) : std::string()))
        errors.push_back(std::move(e));
  return errors;
}

Result<budgets::BudgetVersion> create_budget(storage::Connection& c, const people::Person& person, const NewBudget& nb,
                                             std::optional<UserId> by) {
  budgets::BudgetVersion b;
  b.plan_id = nb.plan_id;
  b.effective_from = nb.effective_from;
  b.parts = nb.parts;
  b.interim = nb.interim;
  b.basis = nb.basis;
  b.contribution = latest_contribution(c, person);
  // The version it follows: the latest, whose agreements may carry over.
  std::optional<budgets::BudgetVersion> previous;
  if (const int latest = storage::latest_budget_version(c, person.council_id, person.id); latest > 0)
    previous = storage::find_budget_version(c, person.council_id, person.id, latest);
  return store(c, person, std::move(b), previous, by);
}

Result<budgets::BudgetVersion> change_budget(storage::Connection& c, const people::Person& person, const BudgetChange& change,
                                             std::optional<UserId> by) {
  if (!change.effective_from.ok()) return fail("effective_from", "Enter the date the change starts");
  auto base = storage::find_budget_on(c, person.council_id, person.id, change.effective_from);
  if (!base) {
    const int latest = storage::latest_budget_version(c, person.council_id, person.id);
    if (latest > 0) base = storage::find_budget_version(c, person.council_id, person.id, latest);
  }
  if (!base) return fail("effective_from", "There is no budget to change yet: it is set when the support plan is approved");
  budgets::BudgetVersion b = *base;
  b.id = 0;
  b.effective_from = change.effective_from;
  if (change.parts) b.parts = *change.parts;
  else
    // A one-off cost is paid once, with the version its plan made: a later
    // version for another reason (a new contribution) does not state it again,
    // or a letter would tell the person of a second riser chair.
    for (auto& p : b.parts) p.one_off = Money{};
  if (change.plan_id) b.plan_id = change.plan_id;
  if (change.interim) b.interim = change.interim;
  else if (change.end_interim) b.interim.reset();
  b.basis = change.basis;
  b.contribution = latest_contribution(c, person);
  return store(c, person, std::move(b), base, by);
}

Result<RecordedAssessment> record_financial_assessment(storage::Connection& c, const people::Person& person,
                                                       const people::Fields& fields, CivilDate today,
                                                       std::optional<UserId> by) {
  auto a = budgets::financial_assessment_from_fields(fields, today);
  const bool has_budget = storage::latest_budget_version(c, person.council_id, person.id) > 0;
  std::optional<CivilDate> from;
  auto it = fields.find("effective_from");
  const std::string from_text = it == fields.end() ? std::string() : it->second;
  FieldErrors errors = a ? FieldErrors{} : a.error();
  if (has_budget) {
    from = CivilDate::parse_iso(from_text);
    if (from_text.empty()) errors.push_back({"effective_from", "Enter the date the new contribution starts: the person has a budget"});
    else if (!from) errors.push_back({"effective_from", "The date the new contribution starts must be a real date, like 2026-11-27"});
  } else if (!from_text.empty()) {
    errors.push_back({"effective_from", "Leave the start date empty: the person has no budget yet, and the contribution applies when one is set"});
  }
  // A full-cost finding ends any direct payment (Care Act 2014 s.31(1)(a):
  // budgets::kFullCostDirectPayment), so it is refused here, on the field that
  // was filled in, while the budget from that date still has one: the plan is
  // changed first, so the council arranges that part.
  if (errors.empty() && has_budget && budgets::pays_full_cost(a->contribution)) {
    auto base = storage::find_budget_on(c, person.council_id, person.id, *from);
    if (!base) base = storage::find_budget_version(c, person.council_id, person.id, storage::latest_budget_version(c, person.council_id, person.id));
    if (base)
      for (const auto& p : base->parts)
        if (p.mechanism == budgets::Mechanism::DirectPayment && p.weekly.pence() > 0)
          errors.push_back({"contribution", "Part " + p.key + " of " + person.given_name + "'s budget is a direct payment. " +
                                                std::string(budgets::kFullCostDirectPayment) +
                                                ". Change the support plan so the council arranges that part, then record this assessment"});
  }
  if (!errors.empty()) return std::unexpected(errors);
  a->council_id = person.council_id;
  a->person_id = person.id;
  a->id = storage::insert_financial_assessment(c, *a, by);
  RecordedAssessment out{*a, std::nullopt};
  if (has_budget) {
    auto changed = change_budget(
        c, person,
        BudgetChange{*from, std::nullopt, std::nullopt, std::nullopt, false,
                     fmt::format("Financial assessment of {} ({})", a->assessed_on.display(), a->assessed_by)},
        by);
    if (!changed) return std::unexpected(changed.error());
    out.new_version = *changed;
  }
  return out;
}

Result<budgets::DirectPaymentAgreement> record_direct_payment_agreement(storage::Connection& c, const people::Person& person,
                                                                        int version, const people::Fields& fields, CivilDate today,
                                                                        std::optional<UserId> by) {
  auto budget = storage::find_budget_version(c, person.council_id, person.id, version);
  if (!budget) return fail("version", "There is no such version of the person's budget");
  auto a = budgets::agreement_from_fields(fields, today);
  if (!a) return a;
  bool found = false;
  for (const auto& p : budget->parts)
    if (p.key == a->part_key && p.mechanism == budgets::Mechanism::DirectPayment) found = true;
  if (!found) return fail("part_key", "Choose a part of this budget that is paid as a direct payment");
  a->council_id = person.council_id;
  a->person_id = person.id;
  a->budget_id = budget->id;
  a->id = storage::insert_direct_payment_agreement(c, *a, by);
  return a;
}

}  // namespace patchwork::services
