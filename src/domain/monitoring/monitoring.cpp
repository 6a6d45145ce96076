#include "domain/monitoring/monitoring.hpp"

#include <algorithm>
#include <charconv>
#include <iterator>
#include <limits>
#include <map>

#include "core/text.hpp"
#include "domain/people/field_reader.hpp"

namespace patchwork::monitoring {
namespace {

using ledger::SpendingCategory;

// Sums of statement amounts. A statement line is at most what an import
// accepts, so a real account never comes near 64 bits; a sum that would
// overflow stops at the largest amount rather than wrap, so a flag still
// shows "a very large amount" instead of a wrong small one.
Money add(Money a, Money b) {
  auto r = a.plus(b);
  return r ? *r : Money::from_pence(std::numeric_limits<std::int64_t>::max());
}
Money out_of(const Line& l) { return l.amount.negated().value_or(Money{}); }
bool is_spending(const Line& l) { return l.amount < Money{}; }

CivilDate window_start(CivilDate on, int weeks) { return on.plus_days(-(weeks * 7) + 1); }
bool within(CivilDate d, CivilDate from, CivilDate to) { return !(d < from) && !(to < d); }

std::string short_date(CivilDate d) { return d.display(); }

std::string line_words(const Line& l) {
  std::string s = short_date(l.booked_on) + ": " + out_of(l).display() + " to " + (l.payee.empty() ? std::string("(no payee given)") : l.payee);
  if (l.merchant_code) s += " (" + merchant_code_label(*l.merchant_code) + ")";
  if (!l.description.empty() && l.description != l.payee) s += ", \"" + l.description + "\"";
  return s;
}

std::string weeks_words(int n) { return std::to_string(n) + (n == 1 ? " week" : " weeks"); }

std::string normalised_name(std::string_view s) {
  std::string out;
  bool space = false;
  for (char ch : to_lower(trim(s))) {
    if (ch == ' ' || ch == '\t') { space = true; continue; }
    if (space && !out.empty()) out.push_back(' ');
    space = false;
    out.push_back(ch);
  }
  return out;
}

// "7995,7800" -> sorted unique codes; each must be four digits (ISO 18245).
std::optional<std::vector<int>> parse_codes(std::string_view text) {
  std::vector<int> codes;
  for (const auto& piece : split(text, ',')) {
    const std::string t = trim(piece);
    if (t.empty()) continue;
    int n = 0;
    auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), n);
    if (ec != std::errc{} || end != t.data() + t.size() || t.size() != 4) return std::nullopt;
    codes.push_back(n);
  }
  std::sort(codes.begin(), codes.end());
  codes.erase(std::unique(codes.begin(), codes.end()), codes.end());
  return codes;
}

std::string codes_text(const std::vector<int>& codes) {
  std::string s;
  for (int c : codes) s += (s.empty() ? "" : ", ") + merchant_code_label(c);
  return s.empty() ? "none" : s;
}

// Plan lines -> spending categories, as data. The first rule whose component
// matches and whose supplier kind matches (or is "", any) applies.
// Personal assistants (and paid family members) are employed: their wages,
// the PAYE and pension on them and the employer's insurance all follow.
// A provider, agency or micro-enterprise is paid as agency care; day
// opportunities usually need transport there; "other" support is what a
// plan's own words describe, so activities, transport and other.
struct CategoryRule {
  std::string_view component;
  std::string_view supplier_kind;
  std::vector<SpendingCategory> categories;
};
const std::vector<CategoryRule>& category_rules() {
  using C = SpendingCategory;
  static const std::vector<CategoryRule> rules = {
      {"Home Care", "personal_assistant", {C::PaWages, C::PayeAndPension, C::EmployersInsurance}},
      {"Home Care", "family_member", {C::PaWages, C::PayeAndPension, C::EmployersInsurance}},
      {"Home Care", "", {C::AgencyCare}},
      {"Direct Payment", "personal_assistant", {C::PaWages, C::PayeAndPension, C::EmployersInsurance}},
      {"Direct Payment", "family_member", {C::PaWages, C::PayeAndPension, C::EmployersInsurance}},
      {"Direct Payment", "community_group", {C::Activities, C::DayOpportunities}},
      {"Direct Payment", "", {C::AgencyCare}},
      {"Day Care", "", {C::DayOpportunities, C::Transport, C::Activities}},
      {"Carer Respite", "", {C::Respite}},
      {"Short Term Residential Care", "", {C::Respite}},
      {"Short Term Nursing Care", "", {C::Respite}},
      {"Reablement", "", {C::AgencyCare}},
      {"Supported Living", "", {C::AgencyCare}},
      {"Shared Lives", "", {C::AgencyCare}},
      {"Equipment and Adaptations", "", {C::EquipmentAndAdaptations}},
      {"Other Long Term Support", "", {C::Activities, C::Transport, C::Other}},
      {"Other Short Term Support", "", {C::Activities, C::Transport, C::Other}},
  };
  return rules;
}

struct KindInfo { FlagKind kind; std::string_view code; std::string_view label; };
constexpr KindInfo kKinds[] = {
    {FlagKind::AboveReserve, "above_reserve", "Balance above the allowed reserve"},
    {FlagKind::NoSpending, "no_spending", "No spending while payments continue"},
    {FlagKind::OutsidePlan, "outside_plan", "Spending outside the plan"},
    {FlagKind::Cash, "cash", "Cash taken out"},
    {FlagKind::MerchantCategory, "merchant_category", "A kind of shop this plan does not allow"},
    {FlagKind::FamilyPayee, "family_payee", "Family member in the household paid without the council's decision"},
    {FlagKind::ContributionShort, "contribution_short", "Contribution not paid in"},
};

struct OutcomeInfo { Outcome outcome; std::string_view code; std::string_view label; };
constexpr OutcomeInfo kOutcomes[] = {
    {Outcome::NoAction, "no_action", "No action needed"},
    {Outcome::AdviceGiven, "advice_given", "Advice given"},
    {Outcome::RecoverSurplus, "recover_surplus", "Recover the surplus"},
    {Outcome::MoveToPrepaidCard, "move_to_prepaid_card", "Move to a prepaid card"},
    {Outcome::MoveToManagedAccount, "move_to_managed_account", "Move to a managed account"},
    {Outcome::SuspendPayments, "suspend_payments", "Suspend payments"},
    {Outcome::SafeguardingReferral, "safeguarding_referral", "Safeguarding referral"},
};

constexpr std::string_view kSettingsFields[] = {"effective_from", "first_review_from_weeks", "first_review_by_weeks", "low_risk_weeks",
                                                "higher_risk_weeks", "no_spending_weeks", "lookback_weeks", "cash_threshold",
                                                "default_blocked_merchant_codes"};
constexpr std::string_view kControlsFields[] = {"blocked_merchant_codes", "cash_allowed", "cash_threshold", "reason"};

}  // namespace

// ----- settings -------------------------------------------------------------

Settings settings_on(std::span<const Settings> history, CivilDate on) {
  const Settings* best = nullptr;
  for (const auto& s : history)
    if (!(on < s.effective_from) && (!best || best->effective_from < s.effective_from)) best = &s;
  return best ? *best : Settings{};
}

std::span<const std::string_view> settings_field_names() { return kSettingsFields; }

Result<Settings> settings_from_fields(const people::Fields& f) {
  FieldErrors errors;
  people::FieldReader r{f, errors, CivilDate::today_utc()};
  Settings s;
  // A change may be set to start in the future: the council announces it first.
  if (auto d = r.date("effective_from", "date the settings apply from", true, false)) s.effective_from = *d;
  auto whole = [&](const char* key, const char* what, int low, int high, int& into) {
    if (auto n = r.whole_number(key, what, low, high, false)) into = *n;
  };
  whole("first_review_from_weeks", "earliest first review, in weeks after the first payment", 1, 26, s.first_review_from_weeks);
  whole("first_review_by_weeks", "latest first review, in weeks after the first payment", 1, 26, s.first_review_by_weeks);
  whole("low_risk_weeks", "weeks between reviews at low risk", 1, 104, s.low_risk_weeks);
  whole("higher_risk_weeks", "weeks between reviews at higher risk", 1, 104, s.higher_risk_weeks);
  whole("no_spending_weeks", "weeks without spending that raise a flag", 1, 52, s.no_spending_weeks);
  whole("lookback_weeks", "weeks of statement lines a check reads", 1, 26, s.lookback_weeks);
  if (s.first_review_by_weeks < s.first_review_from_weeks)
    errors.push_back({"first_review_by_weeks", "The latest first review must be on or after the earliest"});
  if (s.low_risk_weeks < s.higher_risk_weeks)
    errors.push_back({"low_risk_weeks", "Low-risk accounts are reviewed no more often than higher-risk ones"});
  const std::string cash = r.text("cash_threshold", "cash threshold", false, 20);
  if (!cash.empty()) {
    auto m = Money::parse(cash);
    if (!m || *m < Money{}) errors.push_back({"cash_threshold", "Enter the cash threshold in pounds and pence, like 150.00"});
    else s.cash_threshold = *m;
  }
  if (f.contains("default_blocked_merchant_codes")) {
    auto codes = parse_codes(r.text("default_blocked_merchant_codes", "merchant category codes", false, 2000));
    if (!codes) errors.push_back({"default_blocked_merchant_codes", "Merchant category codes are four digits each, separated by commas, like 7995, 7800"});
    else s.default_blocked_merchant_codes = *codes;
  }
  if (!errors.empty()) return std::unexpected(errors);
  return s;
}

// ----- risk and review frequency ---------------------------------------------

std::string_view risk_code(Risk r) { return r == Risk::Low ? "low" : "higher"; }
std::string_view risk_label(Risk r) { return r == Risk::Low ? "Low risk" : "Higher risk"; }

RiskFinding risk_for(const RiskInputs& in) {
  RiskFinding f;
  if (in.first_payment && in.on < in.first_payment->plus_days(365))
    f.reasons.push_back("in the first year of payments (first paid on " + in.first_payment->display() + ")");
  if (in.open_flags > 0)
    f.reasons.push_back(std::to_string(in.open_flags) + (in.open_flags == 1 ? " flag is" : " flags are") + " still open");
  const CivilDate year_ago = in.on.plus_days(-364);
  int recent = 0;
  for (const auto& d : in.serious_outcomes)
    if (within(d, year_ago, in.on)) ++recent;
  if (recent > 0)
    f.reasons.push_back("a problem was found in the last year (" + std::to_string(recent) + (recent == 1 ? " outcome)" : " outcomes)"));
  if (f.reasons.empty()) {
    f.risk = Risk::Low;
    f.reasons.push_back("past the first year, no open flags and no problem found in the last year");
  } else {
    f.risk = Risk::Higher;
  }
  return f;
}

std::optional<ReviewDue> next_review(std::optional<CivilDate> first_payment, std::optional<CivilDate> last_review, Risk risk,
                                     const Settings& s) {
  if (!first_payment) return std::nullopt;
  if (!last_review || *last_review < *first_payment)
    return ReviewDue{first_payment->plus_days(s.first_review_from_weeks * 7), first_payment->plus_days(s.first_review_by_weeks * 7), true};
  const int weeks = risk == Risk::Low ? s.low_risk_weeks : s.higher_risk_weeks;
  const CivilDate due = last_review->plus_days(weeks * 7);
  return ReviewDue{due, due, false};
}

// ----- controls ---------------------------------------------------------------

Controls default_controls(const Settings& s) {
  Controls c;
  c.blocked_merchant_codes = s.default_blocked_merchant_codes;
  std::sort(c.blocked_merchant_codes.begin(), c.blocked_merchant_codes.end());
  c.cash_allowed = true;
  c.cash_threshold = s.cash_threshold;
  return c;
}

std::span<const std::string_view> controls_field_names() { return kControlsFields; }

Result<ControlsChange> controls_change_from_fields(const people::Fields& f) {
  FieldErrors errors;
  people::FieldReader r{f, errors, CivilDate::today_utc()};
  ControlsChange ch;
  auto codes = parse_codes(r.text("blocked_merchant_codes", "merchant category codes", false, 2000));
  if (!codes) errors.push_back({"blocked_merchant_codes", "Merchant category codes are four digits each, separated by commas, like 7995, 7800"});
  else ch.controls.blocked_merchant_codes = *codes;
  if (auto yes = r.yes_no("cash_allowed", "may the money be taken as cash?")) ch.controls.cash_allowed = *yes;
  const std::string cash = r.text("cash_threshold", "the cash threshold", true, 20);
  if (!cash.empty()) {
    auto m = Money::parse(cash);
    if (!m || *m < Money{}) errors.push_back({"cash_threshold", "Enter the cash threshold in pounds and pence, like 150.00"});
    else ch.controls.cash_threshold = *m;
  }
  ch.reason = r.text("reason", "why the controls are changing", true, 1000);
  if (!ch.reason.empty() && has_line_break(ch.reason)) errors.push_back({"reason", "Write the reason on one line"});
  if (!errors.empty()) return std::unexpected(errors);
  return ch;
}

std::string merchant_code_label(int code) {
  // The ISO 18245 codes a council is most often asked about; any other is
  // shown by its number.
  static const std::map<int, std::string_view> names = {
      {5813, "bars and pubs"}, {5921, "off-licences"}, {5993, "tobacconists"}, {6010, "cash over the counter"},
      {6011, "cash machines"}, {7800, "government-owned lotteries"}, {7801, "online casinos"},
      {7802, "horse and dog racing"}, {7995, "betting and casino gaming"},
  };
  auto it = names.find(code);
  std::string s = std::to_string(code);
  while (s.size() < 4) s.insert(s.begin(), '0');
  return it == names.end() ? "merchant category " + s : s + ", " + std::string(it->second);
}

std::string controls_difference(const Controls& before, const Controls& after) {
  std::vector<std::string> parts;
  std::vector<int> added, removed;
  std::set_difference(after.blocked_merchant_codes.begin(), after.blocked_merchant_codes.end(), before.blocked_merchant_codes.begin(),
                      before.blocked_merchant_codes.end(), std::back_inserter(added));
  std::set_difference(before.blocked_merchant_codes.begin(), before.blocked_merchant_codes.end(), after.blocked_merchant_codes.begin(),
                      after.blocked_merchant_codes.end(), std::back_inserter(removed));
  if (!added.empty()) parts.push_back("not allowed now: " + codes_text(added));
  if (!removed.empty()) parts.push_back("allowed now: " + codes_text(removed));
  if (before.cash_allowed != after.cash_allowed) parts.push_back(after.cash_allowed ? "cash allowed" : "no cash allowed");
  if (before.cash_threshold != after.cash_threshold)
    parts.push_back("cash threshold " + before.cash_threshold.display() + " to " + after.cash_threshold.display());
  std::string s;
  for (const auto& p : parts) s += (s.empty() ? "" : "; ") + p;
  return s.empty() ? "no change" : s;
}

// ----- plan lines -> categories ------------------------------------------------

std::set<SpendingCategory> categories_for(const PlanLineFacts& line) {
  for (const auto& rule : category_rules()) {
    if (to_lower(rule.component) != to_lower(trim(line.service_component))) continue;
    if (!rule.supplier_kind.empty() && rule.supplier_kind != line.supplier_kind) continue;
    return {rule.categories.begin(), rule.categories.end()};
  }
  return {};
}

std::set<SpendingCategory> plan_categories(std::span<const PlanLineFacts> lines) {
  std::set<SpendingCategory> all;
  for (const auto& l : lines) all.merge(categories_for(l));
  return all;
}

// ----- flags ---------------------------------------------------------------------

std::span<const FlagKind> flag_kinds() {
  static const std::vector<FlagKind> kinds = [] {
    std::vector<FlagKind> k;
    for (const auto& i : kKinds) k.push_back(i.kind);
    return k;
  }();
  return kinds;
}
std::string_view flag_kind_code(FlagKind k) {
  for (const auto& i : kKinds) if (i.kind == k) return i.code;
  return "unknown";
}
std::string_view flag_kind_label(FlagKind k) {
  for (const auto& i : kKinds) if (i.kind == k) return i.label;
  return "Unknown";
}
std::optional<FlagKind> flag_kind_from_code(std::string_view code) {
  for (const auto& i : kKinds) if (i.code == code) return i.kind;
  return std::nullopt;
}

Money surplus(Money held, Money weekly, int reserve_weeks) {
  const Money allowed = weekly.times(reserve_weeks).value_or(Money::from_pence(std::numeric_limits<std::int64_t>::max()));
  if (!(allowed < held)) return Money{};
  return held.minus(allowed).value_or(Money{});
}

std::optional<Finding> above_reserve(const AccountFacts& f) {
  const Money allowed = f.weekly.times(f.reserve_weeks).value_or(Money::from_pence(std::numeric_limits<std::int64_t>::max()));
  if (!(allowed < f.held)) return std::nullopt;  // at the reserve exactly is allowed
  Finding x;
  x.kind = FlagKind::AboveReserve;
  x.evidence.amount = surplus(f.held, f.weekly, f.reserve_weeks);
  x.evidence.summary = f.held.display() + " held, the plan allows " + allowed.display() + " (" + weeks_words(f.reserve_weeks) + ")";
  x.evidence.details.push_back("Held at the end of " + f.on.display() + ": " + f.held.display());
  x.evidence.details.push_back("Reserve allowed: " + weeks_words(f.reserve_weeks) + " of " + f.weekly.display() + " a week = " +
                               allowed.display());
  x.evidence.details.push_back("Above the reserve: " + x.evidence.amount.display());
  return x;
}

std::optional<Finding> no_spending(const AccountFacts& f, const Settings& s) {
  const CivilDate from = window_start(f.on, s.no_spending_weeks);
  // Only an account paid for the whole window can have gone N weeks unspent.
  if (!f.first_payment || from < *f.first_payment) return std::nullopt;
  Money paid;
  int payments = 0;
  for (const auto& p : f.council_payments)
    if (within(p.on, from, f.on)) { paid = add(paid, p.amount); ++payments; }
  if (payments == 0) return std::nullopt;  // payments have stopped: nothing to spend
  for (const auto& l : f.lines)
    if (is_spending(l) && within(l.booked_on, from, f.on)) return std::nullopt;
  for (const auto& o : f.other_spending)
    if (within(o.on, from, f.on)) return std::nullopt;
  Finding x;
  x.kind = FlagKind::NoSpending;
  x.evidence.amount = paid;
  x.evidence.summary = "Nothing spent in the " + weeks_words(s.no_spending_weeks) + " from " + from.display() + " to " + f.on.display() +
                       ", while the council paid in " + paid.display();
  x.evidence.details.push_back(std::to_string(payments) + (payments == 1 ? " payment" : " payments") + " in, " + paid.display() +
                               " in all; no statement line or invoice spent money");
  return x;
}

std::vector<Finding> outside_plan(const AccountFacts& f, const Settings& s) {
  std::vector<Finding> out;
  // With no plan in force (or a plan whose lines name no component) there is
  // nothing to compare with: the flag is about the plan, not a guess.
  if (f.plan_categories.empty()) return out;
  const CivilDate from = window_start(f.on, s.lookback_weeks);
  std::map<SpendingCategory, Finding> by_category;
  for (const auto& l : f.lines) {
    if (!is_spending(l) || l.cash || !l.category || !within(l.booked_on, from, f.on)) continue;
    if (f.plan_categories.contains(*l.category)) continue;
    auto& x = by_category[*l.category];
    x.kind = FlagKind::OutsidePlan;
    x.subject = std::string(ledger::spending_category_code(*l.category));
    x.evidence.amount = add(x.evidence.amount, out_of(l));
    x.evidence.details.push_back(line_words(l));
    x.evidence.line_ids.push_back(l.id);
  }
  for (auto& [category, x] : by_category) {
    const auto n = x.evidence.line_ids.size();
    x.evidence.summary = x.evidence.amount.display() + " spent on " + to_lower(ledger::spending_category_label(category)) + " (" +
                         std::to_string(n) + (n == 1 ? " payment" : " payments") + " in the " + weeks_words(s.lookback_weeks) +
                         " to " + f.on.display() + "), which the plan's support does not include";
    out.push_back(std::move(x));
  }
  return out;
}

std::optional<Finding> cash(const AccountFacts& f, const Settings& s) {
  const CivilDate from = window_start(f.on, s.lookback_weeks);
  Finding x;
  x.kind = FlagKind::Cash;
  for (const auto& l : f.lines) {
    if (!is_spending(l) || !l.cash || !within(l.booked_on, from, f.on)) continue;
    x.evidence.amount = add(x.evidence.amount, out_of(l));
    x.evidence.details.push_back(line_words(l));
    x.evidence.line_ids.push_back(l.id);
  }
  if (x.evidence.line_ids.empty()) return std::nullopt;
  const std::string when = " in the " + weeks_words(s.lookback_weeks) + " to " + f.on.display();
  if (!f.controls.cash_allowed) {
    x.evidence.summary = x.evidence.amount.display() + " taken as cash" + when + "; this plan allows no cash";
    return x;
  }
  if (!(f.controls.cash_threshold < x.evidence.amount)) return std::nullopt;  // at the threshold exactly is allowed
  x.evidence.summary = x.evidence.amount.display() + " taken as cash" + when + "; the plan allows up to " +
                       f.controls.cash_threshold.display();
  return x;
}

std::vector<Finding> merchant_categories(const AccountFacts& f, const Settings& s) {
  std::vector<Finding> out;
  const CivilDate from = window_start(f.on, s.lookback_weeks);
  std::map<int, Finding> by_code;
  for (const auto& l : f.lines) {
    if (!is_spending(l) || !l.merchant_code || !within(l.booked_on, from, f.on)) continue;
    if (!std::binary_search(f.controls.blocked_merchant_codes.begin(), f.controls.blocked_merchant_codes.end(), *l.merchant_code)) continue;
    auto& x = by_code[*l.merchant_code];
    x.kind = FlagKind::MerchantCategory;
    x.subject = std::to_string(*l.merchant_code);
    x.evidence.amount = add(x.evidence.amount, out_of(l));
    x.evidence.details.push_back(line_words(l));
    x.evidence.line_ids.push_back(l.id);
  }
  for (auto& [code, x] : by_code) {
    const auto n = x.evidence.line_ids.size();
    x.evidence.summary = x.evidence.amount.display() + " spent at " + merchant_code_label(code) + " (" + std::to_string(n) +
                         (n == 1 ? " payment" : " payments") + " in the " + weeks_words(s.lookback_weeks) + " to " + f.on.display() +
                         "), which this person's plan does not allow";
    out.push_back(std::move(x));
  }
  return out;
}

std::vector<Finding> family_payees(const AccountFacts& f, const Settings& s) {
  std::vector<Finding> out;
  const CivilDate from = window_start(f.on, s.lookback_weeks);
  std::set<std::string> seen;
  for (const auto& pl : f.plan_lines) {
    // Care and Support (Direct Payments) Regulations 2014, reg. 3: a spouse
    // or partner, or a close relative living in the same household, may be
    // paid from a direct payment only where the council decides it is
    // necessary (budgets::restricted_payee holds the rule).
    if (!pl.restricted_payee || pl.necessity_decided) continue;
    const std::string name = normalised_name(pl.supplier_name);
    if (name.empty() || !seen.insert(name).second) continue;
    Finding x;
    x.kind = FlagKind::FamilyPayee;
    x.subject = name;
    for (const auto& l : f.lines) {
      if (!is_spending(l) || !within(l.booked_on, from, f.on)) continue;
      const std::string payee = normalised_name(l.payee);
      if (payee.empty() || payee.find(name) == std::string::npos) continue;
      x.evidence.amount = add(x.evidence.amount, out_of(l));
      x.evidence.details.push_back(line_words(l));
      x.evidence.line_ids.push_back(l.id);
    }
    if (x.evidence.line_ids.empty()) continue;
    x.evidence.summary = x.evidence.amount.display() + " paid to " + pl.supplier_name + ", a family member in the household, in the " +
                         weeks_words(s.lookback_weeks) + " to " + f.on.display() +
                         ", with no council decision that paying them is necessary";
    out.push_back(std::move(x));
  }
  return out;
}

std::optional<Finding> contribution_short(const AccountFacts& f, const Settings& s) {
  if (!f.expected_weekly_contribution || !(Money{} < *f.expected_weekly_contribution) || !f.first_payment) return std::nullopt;
  CivilDate from = window_start(f.on, s.no_spending_weeks);
  if (from < *f.first_payment) from = *f.first_payment;
  const int weeks = int((f.on.days() - from.days()).count() + 1) / 7;
  if (weeks < 1) return std::nullopt;  // not a whole week due yet
  const Money expected = f.expected_weekly_contribution->times(weeks).value_or(Money{});
  Money paid;
  for (const auto& c : f.contributions)
    if (within(c.on, from, f.on)) paid = add(paid, c.amount);
  if (!(paid < expected)) return std::nullopt;
  Finding x;
  x.kind = FlagKind::ContributionShort;
  x.evidence.amount = expected.minus(paid).value_or(Money{});
  x.evidence.summary = paid.display() + " of the person's contribution paid in from " + from.display() + " to " + f.on.display() +
                       "; " + expected.display() + " was due (" + weeks_words(weeks) + " of " + f.expected_weekly_contribution->display() + ")";
  x.evidence.details.push_back("Short by " + x.evidence.amount.display());
  return x;
}

std::vector<Finding> check_account(const AccountFacts& f, const Settings& s) {
  std::vector<Finding> all;
  auto one = [&](std::optional<Finding> x) { if (x) all.push_back(std::move(*x)); };
  auto many = [&](std::vector<Finding> xs) { for (auto& x : xs) all.push_back(std::move(x)); };
  one(above_reserve(f));
  one(no_spending(f, s));
  many(outside_plan(f, s));
  one(cash(f, s));
  many(merchant_categories(f, s));
  many(family_payees(f, s));
  one(contribution_short(f, s));
  return all;
}

bool raise_again(const Finding& f, const std::vector<std::int64_t>& lines_already_worked, std::optional<CivilDate> last_closed_on,
                 CivilDate on, const Settings& s) {
  if (!last_closed_on) return true;
  if (!f.evidence.line_ids.empty()) {
    for (auto id : f.evidence.line_ids)
      if (std::find(lines_already_worked.begin(), lines_already_worked.end(), id) == lines_already_worked.end()) return true;
    return false;
  }
  return !(on < last_closed_on->plus_days(s.higher_risk_weeks * 7));
}

// ----- workflow -------------------------------------------------------------------

std::string_view flag_state_code(FlagState s) {
  switch (s) {
    case FlagState::Open: return "open";
    case FlagState::LookedAt: return "looked_at";
    case FlagState::Closed: return "closed";
  }
  return "open";
}
std::string_view flag_state_label(FlagState s) {
  switch (s) {
    case FlagState::Open: return "Open";
    case FlagState::LookedAt: return "Looked at";
    case FlagState::Closed: return "Outcome recorded";
  }
  return "Open";
}
std::optional<FlagState> flag_state_from_code(std::string_view code) {
  for (auto s : {FlagState::Open, FlagState::LookedAt, FlagState::Closed})
    if (flag_state_code(s) == code) return s;
  return std::nullopt;
}

std::span<const Outcome> outcomes() {
  static const std::vector<Outcome> all = [] {
    std::vector<Outcome> v;
    for (const auto& i : kOutcomes) v.push_back(i.outcome);
    return v;
  }();
  return all;
}
std::string_view outcome_code(Outcome o) {
  for (const auto& i : kOutcomes) if (i.outcome == o) return i.code;
  return "unknown";
}
std::string_view outcome_label(Outcome o) {
  for (const auto& i : kOutcomes) if (i.outcome == o) return i.label;
  return "Unknown";
}
std::optional<Outcome> outcome_from_code(std::string_view code) {
  for (const auto& i : kOutcomes) if (i.code == code) return i.outcome;
  return std::nullopt;
}
bool serious(Outcome o) { return o != Outcome::NoAction && o != Outcome::AdviceGiven; }

Result<Step> step_from_fields(const people::Fields& f, FlagState state, FlagKind kind) {
  FieldErrors errors;
  people::FieldReader r{f, errors, CivilDate::today_utc()};
  Step step;
  const std::string what = r.text("step", "what you are recording", true, 40);
  step.note = r.text("note", "a note of what you found or did", true, 4000);
  if (!errors.empty()) return std::unexpected(errors);
  if (state == FlagState::Closed) return fail("step", "This flag's outcome is already recorded, so nothing more can be added");
  if (what == "looked_at") {
    if (state != FlagState::Open) return fail("step", "This flag has been looked at already: record the outcome");
    return step;
  }
  if (what != "outcome") return fail("step", "Choose whether you have looked at the flag or are recording its outcome");
  if (state != FlagState::LookedAt) return fail("step", "Record that the flag has been looked at before recording its outcome");
  const std::string code = r.text("outcome", "the outcome", true, 40);
  if (code.empty()) return std::unexpected(errors);
  step.outcome = outcome_from_code(code);
  if (!step.outcome) return fail("outcome", "Choose the outcome from the list");
  if (*step.outcome == Outcome::RecoverSurplus && kind != FlagKind::AboveReserve)
    return fail("outcome", "A surplus is recovered only from a balance above the allowed reserve");
  return step;
}

std::string_view recovery_state_code(RecoveryState s) {
  switch (s) {
    case RecoveryState::Prepared: return "prepared";
    case RecoveryState::Approved: return "approved";
    case RecoveryState::Refused: return "refused";
  }
  return "prepared";
}
std::optional<RecoveryState> recovery_state_from_code(std::string_view code) {
  for (auto s : {RecoveryState::Prepared, RecoveryState::Approved, RecoveryState::Refused})
    if (recovery_state_code(s) == code) return s;
  return std::nullopt;
}

std::optional<FieldError> recovery_amount_refused(Money amount, Money surplus_now) {
  if (!(Money{} < amount)) return FieldError{"amount", "Enter an amount above £0.00 to recover"};
  if (surplus_now < amount)
    return FieldError{"amount", "At most " + surplus_now.display() + " can be recovered: the money held above the allowed reserve today"};
  return std::nullopt;
}

std::string recovery_transfer_id(std::int64_t flag_id) { return "surplus:" + std::to_string(flag_id); }

}  // namespace patchwork::monitoring
