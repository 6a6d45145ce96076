#include "services/monitoring_service.hpp"

#include <algorithm>

#include "core/text.hpp"
#include "domain/budgets/budget.hpp"
#include "services/ledger_service.hpp"
#include "services/payments_service.hpp"
#include "storage/repositories/budgets_repository.hpp"
#include "storage/repositories/ledger_repository.hpp"
#include "storage/repositories/payments_repository.hpp"
#include "storage/repositories/plans_repository.hpp"

namespace patchwork::services {
namespace {

using namespace monitoring;

// The plan whose controls apply on `on`: the one in force that started last,
// else the person's latest plan (a plan being drafted has controls too).
std::optional<planning::SupportPlan> plan_for_controls(storage::Connection& c, const people::Person& person, CivilDate on) {
  auto in_force = storage::plans_in_force(c, person.council_id, person.id, on);
  if (!in_force.empty()) {
    return *std::max_element(in_force.begin(), in_force.end(), [](const auto& a, const auto& b) {
      return a.effective_from.value_or(CivilDate{}) < b.effective_from.value_or(CivilDate{});
    });
  }
  auto all = storage::list_plans(c, person.council_id, person.id);
  if (all.empty()) return std::nullopt;
  return *std::max_element(all.begin(), all.end(), [](const auto& a, const auto& b) {
    return a.plan_number != b.plan_number ? a.plan_number < b.plan_number : a.version < b.version;
  });
}

constexpr std::string_view kCopiedReason = "The council's defaults, copied to this plan's controls";

storage::StoredControls defaults_entry(const Settings& s) {
  storage::StoredControls d;
  d.controls = default_controls(s);
  d.reason = std::string(kCopiedReason);
  d.what_changed = "the council's defaults";
  return d;
}

// The plan's controls in force, copying the council's defaults in first when
// it has none (a write: only from a write transaction).
Controls controls_copied(storage::Connection& c, CouncilId council, PersonId person, int plan_number, const Settings& s) {
  auto history = storage::controls_history(c, council, person, plan_number);
  if (!history.empty()) return history.front().controls;
  const auto d = default_controls(s);
  storage::insert_controls(c, council, person, plan_number, d, std::string(kCopiedReason), "the council's defaults", std::nullopt);
  return d;
}

// What the council pays into a part's account a week: the part's amount less
// the share of the person's contribution deducted from it, when the council
// deducts it (payments_service takes it off the direct-payment parts in key
// order, each down to nothing at most). The reserve is weeks of *payments*
// (rules.md: "four to eight weeks' credit"), so it is counted on this.
Money paid_weekly(const budgets::BudgetVersion& budget, const std::string& part_key, bool deducted) {
  Money left_to_deduct;
  if (deducted && budget.contribution.kind == budgets::ContributionKind::WeeklyAmount) left_to_deduct = budget.contribution.weekly;
  std::vector<const budgets::Part*> parts;
  for (const auto& p : budget.parts) parts.push_back(&p);
  std::sort(parts.begin(), parts.end(), [](const auto* a, const auto* b) { return a->key < b->key; });
  for (const auto* p : parts) {
    Money weekly = p->weekly;
    if (p->mechanism == budgets::Mechanism::DirectPayment && Money{} < left_to_deduct) {
      const Money off = left_to_deduct < weekly ? left_to_deduct : weekly;
      weekly = weekly.minus(off).value_or(Money{});
      left_to_deduct = left_to_deduct.minus(off).value_or(Money{});
    }
    if (p->key == part_key) return weekly;
  }
  return Money{};
}

}  // namespace

Settings monitoring_settings_on(storage::Connection& c, CouncilId council, CivilDate on) {
  const auto history = storage::monitoring_settings_history(c, council);
  return settings_on(history, on);
}

Result<Settings> set_monitoring_settings(storage::Connection& c, CouncilId council, const people::Fields& fields, UserId by) {
  auto s = settings_from_fields(fields);
  if (!s) return s;
  storage::save_monitoring_settings(c, council, *s, by);
  return s;
}

std::optional<PlanControls> spending_controls(storage::Connection& c, const people::Person& person, CivilDate on) {
  auto plan = plan_for_controls(c, person, on);
  if (!plan) return std::nullopt;
  PlanControls pc;
  pc.plan_number = plan->plan_number;
  pc.history = storage::controls_history(c, person.council_id, person.id, plan->plan_number);
  if (pc.history.empty()) pc.history.push_back(defaults_entry(monitoring_settings_on(c, person.council_id, on)));
  return pc;
}

Result<PlanControls> change_spending_controls(storage::Connection& c, const people::Person& person, const people::Fields& fields,
                                              UserId by) {
  const CivilDate today = CivilDate::today_utc();
  auto change = controls_change_from_fields(fields);
  if (!change) return std::unexpected(change.error());
  auto plan = plan_for_controls(c, person, today);
  if (!plan) return fail("plan", "There is no support plan yet: spending controls belong to a plan");
  const auto before = controls_copied(c, person.council_id, person.id, plan->plan_number, monitoring_settings_on(c, person.council_id, today));
  storage::insert_controls(c, person.council_id, person.id, plan->plan_number, change->controls, change->reason,
                           controls_difference(before, change->controls), by);
  return *spending_controls(c, person, today);
}

AccountMonitoring account_monitoring(storage::Connection& c, CouncilId council, std::int64_t account, CivilDate on) {
  AccountMonitoring m;
  for (const auto& t : storage::list_account_transfers(c, council, account, CivilDate(2000, 1, 1), on)) {
    if (t.transfer.credit == account && t.other_kind == ledger::AccountKind::CouncilFunding && !t.transfer.reverses) {
      m.first_payment = t.transfer.value_date;
      break;
    }
  }
  RiskInputs in;
  in.on = on;
  in.first_payment = m.first_payment;
  in.open_flags = storage::open_flag_count(c, council, account);
  for (const auto& o : storage::account_outcomes(c, council, account)) {
    if (serious(o.outcome)) in.serious_outcomes.push_back(o.on);
    if (!m.last_review || *m.last_review < o.on) m.last_review = o.on;
  }
  m.risk = risk_for(in);
  m.next_review = next_review(m.first_payment, m.last_review, m.risk.risk, monitoring_settings_on(c, council, on));
  return m;
}

Result<CheckReport> run_monitoring_check(storage::Connection& c, CouncilId council, CivilDate on) {
  if (!on.ok()) return fail("date", "Enter the date to check, like 2026-12-02");
  if (CivilDate::today_utc() < on) return fail("date", "A check cannot look at a day that has not happened yet");
  CheckReport report;
  report.on = on;
  const Settings s = monitoring_settings_on(c, council, on);
  const int reserve_weeks = storage::ledger_reserve_weeks(c, council);
  const bool deducted = storage::payment_settings(c, council).deduct_contribution;
  const CivilDate window_from = on.plus_days(-(std::max(s.no_spending_weeks, s.lookback_weeks) * 7) + 1);
  for (const auto& account : storage::council_ledger_accounts(c, council)) {
    if (!ledger::is_holding(account.kind) || !account.person_id) continue;
    ++report.accounts;
    const PersonId person = *account.person_id;
    AccountFacts f;
    f.on = on;
    f.reserve_weeks = reserve_weeks;
    f.held = storage::ledger_balance(c, council, account.id, on);
    const auto budget = storage::find_budget_on(c, council, person, on);
    if (budget) {
      f.weekly = paid_weekly(*budget, account.part_key, deducted);
      // Where the contribution is deducted from the direct payment, the person
      // pays it into the account themself; it comes off the first direct-
      // payment part (payments_service deducts it in key order), so that
      // part's account is where it should arrive.
      if (deducted && budget->contribution.kind == budgets::ContributionKind::WeeklyAmount) {
        std::string first_dp;
        for (const auto& part : budget->parts)
          if (part.mechanism == budgets::Mechanism::DirectPayment && (first_dp.empty() || part.key < first_dp)) first_dp = part.key;
        if (first_dp == account.part_key) f.expected_weekly_contribution = budget->contribution.weekly;
      }
    }
    for (const auto& t : storage::list_account_transfers(c, council, account.id, CivilDate(2000, 1, 1), on)) {
      const bool in = t.transfer.credit == account.id;
      if (in && t.other_kind == ledger::AccountKind::CouncilFunding && !t.transfer.reverses && !f.first_payment)
        f.first_payment = t.transfer.value_date;
      if (t.transfer.value_date < window_from) continue;
      if (in && t.other_kind == ledger::AccountKind::CouncilFunding && !t.transfer.reverses)
        f.council_payments.push_back({t.transfer.value_date, t.transfer.amount});
      else if (in && t.other_kind == ledger::AccountKind::PersonContribution && !t.transfer.reverses)
        f.contributions.push_back({t.transfer.value_date, t.transfer.amount});
      else if (!in && (t.other_kind == ledger::AccountKind::Spending || t.other_kind == ledger::AccountKind::ProviderPayable))
        f.other_spending.push_back({t.transfer.value_date, t.transfer.amount});
    }
    f.lines = storage::statement_lines_between(c, council, account.id, window_from, on);
    people::Person who;
    who.id = person;
    who.council_id = council;
    if (auto plan = plan_for_controls(c, who, on)) {
      for (const auto& line : plan->lines) {
        if (line.part_key != account.part_key) continue;
        PlanLineFacts pl;
        pl.service_component = line.service_component;
        pl.supplier_kind = line.supplier_kind;
        pl.supplier_name = line.supplier_name;
        pl.restricted_payee = line.payee && budgets::restricted_payee(*line.payee, line.family_in_household);
        pl.necessity_decided = line.necessity.has_value();
        f.plan_lines.push_back(std::move(pl));
      }
      f.plan_categories = plan_categories(f.plan_lines);
      f.controls = controls_copied(c, council, person, plan->plan_number, s);
    } else {
      f.controls = default_controls(s);
    }
    for (auto& finding : check_account(f, s)) {
      if (auto open = storage::find_unclosed_flag(c, council, account.id, finding.kind, finding.subject)) {
        storage::update_flag_evidence(c, council, open->id, on, finding.evidence);
        ++report.updated;
        continue;
      }
      // Already worked to an outcome: raised again only with new evidence.
      const auto before = storage::worked_before(c, council, account.id, finding.kind, finding.subject);
      if (!raise_again(finding, before.line_ids, before.last_closed_on, on, s)) continue;
      storage::Flag flag;
      flag.council_id = council;
      flag.account_id = account.id;
      flag.person_id = person;
      flag.part_key = account.part_key;
      flag.kind = finding.kind;
      flag.subject = finding.subject;
      flag.raised_on = on;
      flag.evidence = finding.evidence;
      const auto id = storage::insert_flag(c, flag);
      storage::insert_flag_event(c, council, id, FlagState::Open, std::nullopt, "Raised by the check of " + on.display(), std::nullopt);
      ++report.raised;
    }
  }
  return report;
}

Result<WorkedFlag> work_flag(storage::Connection& c, const people::Person& person, const storage::Flag& flag, const people::Fields& fields,
                             UserId by) {
  if (flag.person_id != person.id || flag.council_id != person.council_id) return fail("flag", "This flag is not on this person's account");
  auto step = step_from_fields(fields, flag.state, flag.kind);
  if (!step) return std::unexpected(step.error());
  WorkedFlag out;
  const auto it = fields.find("suspend_from");
  const std::string suspend_from = it == fields.end() ? std::string() : trim(it->second);
  if (step->outcome == Outcome::SuspendPayments) {
    if (suspend_from.empty()) return fail("suspend_from", "Enter the date payments stop from");
    auto s = suspend_payments(c, person, {{"part_key", flag.part_key}, {"from", suspend_from}, {"reason", "sanction"}, {"note", step->note}}, by);
    if (!s) {
      FieldErrors errors;
      for (auto e : s.error()) {
        if (e.field == "from") e.field = "suspend_from";
        errors.push_back(std::move(e));
      }
      return std::unexpected(errors);
    }
    out.suspension = *s;
  } else if (!suspend_from.empty()) {
    return fail("suspend_from", "A date payments stop from is only given when the outcome is to suspend payments");
  }
  const FlagState to = step->outcome ? FlagState::Closed : FlagState::LookedAt;
  if (!storage::move_flag(c, flag.council_id, flag.id, flag.state, to, step->outcome))
    return fail("step", "Someone else recorded a step on this flag at the same moment: look at it again");
  storage::insert_flag_event(c, flag.council_id, flag.id, to, step->outcome, step->note, by);
  out.flag = *storage::find_flag(c, flag.council_id, flag.id);
  return out;
}

Money surplus_now(storage::Connection& c, const storage::Flag& flag, CivilDate on) {
  const Money held = storage::ledger_balance(c, flag.council_id, flag.account_id, on);
  Money weekly;
  if (auto budget = storage::find_budget_on(c, flag.council_id, flag.person_id, on))
    weekly = paid_weekly(*budget, flag.part_key, storage::payment_settings(c, flag.council_id).deduct_contribution);
  return surplus(held, weekly, storage::ledger_reserve_weeks(c, flag.council_id));
}

Result<storage::Recovery> prepare_recovery(storage::Connection& c, const storage::Flag& flag, const people::Fields& fields, UserId by) {
  if (flag.kind != FlagKind::AboveReserve || flag.outcome != Outcome::RecoverSurplus)
    return fail("flag", "A surplus is recovered only once a balance-above-reserve flag's outcome is to recover it");
  for (const auto& r : storage::flag_recoveries(c, flag.council_id, flag.id))
    if (r.state != RecoveryState::Refused)
      return fail("flag", r.state == RecoveryState::Approved ? "The surplus on this flag has been recovered already"
                                                             : "A recovery on this flag is already waiting for approval");
  const auto it = fields.find("amount");
  const std::string text = it == fields.end() ? std::string() : trim(it->second);
  if (text.empty()) return fail("amount", "Enter the amount to recover, like 1208.80");
  auto amount = Money::parse(text);
  if (!amount) return fail("amount", "Enter the amount in pounds and pence, like 1208.80");
  if (auto refused = recovery_amount_refused(*amount, surplus_now(c, flag, CivilDate::today_utc())))
    return std::unexpected(FieldErrors{*refused});
  const auto id = storage::insert_recovery(c, flag.council_id, flag.id, *amount, by);
  return *storage::find_recovery(c, flag.council_id, id);
}

Result<storage::Recovery> approve_recovery(storage::Connection& c, const storage::Flag& flag, const storage::Recovery& r, UserId by,
                                           CivilDate on) {
  if (r.flag_id != flag.id) return fail("recovery", "This recovery is not on this flag");
  if (r.state != RecoveryState::Prepared)
    return fail("state", std::string("This recovery is ") + std::string(recovery_state_code(r.state)) + ": only a prepared one can be approved");
  if (r.prepared_by == by) return fail("approved_by", "Whoever prepared a recovery cannot approve it");
  // The money may have been spent since it was prepared: never take more
  // than is above the reserve now.
  if (auto refused = recovery_amount_refused(r.amount, surplus_now(c, flag, on))) return std::unexpected(FieldErrors{*refused});
  auto to = council_account(c, flag.council_id, ledger::AccountKind::SurplusRecovered);
  if (!to) return std::unexpected(to.error());
  ledger::Transfer t;
  t.id = recovery_transfer_id(flag.id);
  t.debit = flag.account_id;
  t.credit = *to;
  t.amount = r.amount;
  t.value_date = on;
  t.reason = "Surplus above the allowed reserve recovered (flag " + std::to_string(flag.id) + ")";
  const std::vector<ledger::Transfer> one{t};
  auto posted = post(c, flag.council_id, one);
  if (!posted) return fail("amount", posted.error().front().message);
  if (!storage::decide_recovery(c, flag.council_id, r.id, RecoveryState::Approved, by, "", t.id))
    return fail("state", "Someone else decided this recovery at the same moment");
  return *storage::find_recovery(c, flag.council_id, r.id);
}

Result<storage::Recovery> refuse_recovery(storage::Connection& c, const storage::Flag& flag, const storage::Recovery& r, UserId by,
                                          const std::string& note) {
  if (r.flag_id != flag.id) return fail("recovery", "This recovery is not on this flag");
  if (r.state != RecoveryState::Prepared)
    return fail("state", std::string("This recovery is ") + std::string(recovery_state_code(r.state)) + ": only a prepared one can be refused");
  if (r.prepared_by == by) return fail("approved_by", "Whoever prepared a recovery cannot decide it");
  const std::string why = trim(note);
  if (why.empty()) return fail("note", "Enter why the recovery is refused");
  if (has_line_break(why) || why.size() > 1000) return fail("note", "Write why on one line, in at most 1,000 characters");
  if (!storage::decide_recovery(c, flag.council_id, r.id, RecoveryState::Refused, by, why, ""))
    return fail("state", "Someone else decided this recovery at the same moment");
  return *storage::find_recovery(c, flag.council_id, r.id);
}

}  // namespace patchwork::services
