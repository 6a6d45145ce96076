#include "domain/invoices/invoice.hpp"

#include <algorithm>

#include "core/text.hpp"
#include "domain/planning/costing.hpp"

namespace patchwork::invoices {
namespace {

constexpr State kStates[] = {State::Received, State::Checked, State::Held, State::Approved,
                             State::Released, State::Accepted, State::Rejected, State::Paid};
constexpr std::string_view kFields[] = {"number", "person_id", "part_key", "period_from", "period_to"};
constexpr std::string_view kLineFields[] = {"plan_line", "units", "unit_cost", "description"};

std::string get(const people::Fields& f, const std::string& key) {
  auto it = f.find(key);
  return it == f.end() ? std::string() : trim(it->second);
}

// Units as people say them: "14 hours", "2 and a half days", "3 sessions";
// for a line without units (a weekly or monthly cost), the count of its
// periods ("2 weeks").
std::string units_words(std::int64_t quarters, planning::CostFrequency f) {
  using planning::CostFrequency;
  if (planning::needs_units(f)) {
    auto w = planning::units_in_words(planning::UnitsPerWeek::from_quarters(quarters), f);
    constexpr std::string_view kWeek = " a week";
    if (w.ends_with(kWeek)) w.resize(w.size() - kWeek.size());
    return w;
  }
  return planning::UnitsPerWeek::from_quarters(quarters).decimal() + " × " + std::string(planning::label(f));
}

std::string period_words(CivilDate from, CivilDate to) {
  const auto days = (to.days() - from.days()).count() + 1;
  return from.display() + " to " + to.display() + " (" + std::to_string(days) + (days == 1 ? " day)" : " days)");
}

const planning::SupportLine* plan_line(const PlanInForce& p, int number) {
  for (const auto& l : p.lines)
    if (l.number == number) return &l;
  return nullptr;
}

}  // namespace

std::span<const State> states() { return kStates; }

std::string_view state_code(State s) {
  switch (s) {
    case State::Received: return "received";
    case State::Checked: return "checked";
    case State::Held: return "held";
    case State::Approved: return "approved";
    case State::Released: return "released";
    case State::Accepted: return "accepted";
    case State::Rejected: return "rejected";
    case State::Paid: return "paid";
  }
  return "received";
}

std::string_view state_label(State s) {
  switch (s) {
    case State::Received: return "Received: not checked yet";
    case State::Checked: return "Checked: it matches the plan and waits for a finance officer to approve it";
    case State::Held: return "Held: a difference must be settled before it is paid";
    case State::Approved: return "Approved: the next payment run pays it";
    case State::Released: return "Released from hold: the next payment run pays it";
    case State::Accepted: return "Accepted as it is: the next payment run pays it";
    case State::Rejected: return "Rejected: it will not be paid";
    case State::Paid: return "Paid in a payment run";
  }
  return "";
}

std::optional<State> state_from_code(std::string_view code) {
  for (auto s : kStates)
    if (state_code(s) == code) return s;
  return std::nullopt;
}

bool payable(State s) { return s == State::Approved || s == State::Released || s == State::Accepted; }

std::optional<std::string> transition_refused(State from, State to) {
  bool ok = false;
  switch (from) {
    case State::Received: ok = to == State::Checked || to == State::Held; break;
    case State::Checked: ok = to == State::Approved || to == State::Held || to == State::Rejected; break;
    case State::Held: ok = to == State::Released || to == State::Rejected || to == State::Accepted; break;
    case State::Approved: case State::Released: case State::Accepted: ok = to == State::Paid; break;
    case State::Rejected: case State::Paid: ok = false; break;
  }
  if (ok) return std::nullopt;
  std::string needs;
  switch (to) {
    case State::Checked: needs = "only a received invoice is checked"; break;
    case State::Held: needs = "only a received or checked invoice can be held"; break;
    case State::Approved: needs = "only a checked invoice can be approved; a held one is released or accepted as it is"; break;
    case State::Released: case State::Accepted: needs = "only a held invoice can be released or accepted as it is"; break;
    case State::Rejected: needs = "only a checked or held invoice can be rejected"; break;
    case State::Paid: needs = "only an invoice approved for payment is paid"; break;
    case State::Received: needs = "an invoice never goes back to received"; break;
  }
  return "This invoice is " + std::string(state_code(from)) + ", so it cannot be " + std::string(state_code(to)) + ": " + needs + ".";
}

std::string_view side_code(Side s) {
  switch (s) {
    case Side::Council: return "council";
    case Side::Provider: return "provider";
    case Side::Nobody: return "nobody";
  }
  return "nobody";
}

std::string_view side_label(Side s) {
  switch (s) {
    case Side::Council: return "The council";
    case Side::Provider: return "The provider";
    case Side::Nobody: return "Nobody";
  }
  return "";
}

std::optional<Side> side_from_code(std::string_view code) {
  for (auto s : {Side::Council, Side::Provider, Side::Nobody})
    if (side_code(s) == code) return s;
  return std::nullopt;
}

std::span<const std::string_view> submission_field_names() { return kFields; }
std::span<const std::string_view> line_field_names() { return kLineFields; }

Result<Submission> submission_from_fields(const people::Fields& f, CivilDate today) {
  FieldErrors errors;
  Submission s;
  s.number = get(f, "number");
  // The provider's own number, as printed: compared byte for byte, so ASCII
  // without spaces at either end (two numbers that look alike are one).
  if (s.number.empty()) errors.push_back({"number", "Enter the invoice number, as it is on your invoice"});
  else if (s.number.size() > 40 || std::any_of(s.number.begin(), s.number.end(), [](char c) { return c < 0x21 || c > 0x7e; }))
    errors.push_back({"number", "The invoice number must be up to 40 letters, digits or signs such as - or /, with no spaces"});
  const auto pid = parse_id(get(f, "person_id"));
  if (!pid) errors.push_back({"person_id", "Choose the person the invoice is for"});
  else s.person_id = PersonId(*pid);
  s.part_key = get(f, "part_key");
  if (s.part_key.empty() || s.part_key.size() > 10 || text_problem(s.part_key) || has_line_break(s.part_key))
    errors.push_back({"part_key", "Enter the budget part the invoice is paid from, such as B"});
  auto date = [&](const char* key, const char* what) -> std::optional<CivilDate> {
    const auto v = get(f, key);
    if (v.empty()) { errors.push_back({key, std::string("Enter ") + what}); return std::nullopt; }
    auto d = CivilDate::parse_iso(v);
    if (!d) errors.push_back({key, std::string("The ") + what + " must be a real date, like 2026-11-30"});
    return d;
  };
  auto from = date("period_from", "the first day the invoice is for");
  auto to = date("period_to", "the last day the invoice is for");
  if (from && to) {
    if (*to < *from) errors.push_back({"period_to", "The last day must be the same as or after the first day"});
    else if ((to->days() - from->days()).count() + 1 > kMaxPeriodDays)
      errors.push_back({"period_to", "An invoice covers at most " + std::to_string(kMaxPeriodDays) + " days: send one for each month or four weeks"});
    else if (*to > today)
      errors.push_back({"period_to", "The last day cannot be after today: invoice support once it has been given"});
    else {
      s.period_from = *from;
      s.period_to = *to;
    }
  }
  for (std::size_t i = 0; i < kMaxLines + 1; ++i) {
    const std::string p = "lines[" + std::to_string(i) + "].";
    const bool any = std::any_of(std::begin(kLineFields), std::end(kLineFields), [&](std::string_view k) { return f.contains(p + std::string(k)); });
    if (!any) continue;
    if (i == kMaxLines) { errors.push_back({p + "plan_line", "An invoice has at most " + std::to_string(kMaxLines) + " lines"}); break; }
    // A form's empty spare rows are not lines.
    if (get(f, p + "plan_line").empty() && get(f, p + "units").empty() && get(f, p + "unit_cost").empty() && get(f, p + "description").empty())
      continue;
    Line line;
    const auto n = parse_id(get(f, p + "plan_line"));
    if (!n || *n > 999) errors.push_back({p + "plan_line", "Choose the line of the plan this is for"});
    else line.plan_line = int(*n);
    auto units = planning::parse_units_per_week(get(f, p + "units"), p + "units");
    if (!units || units->quarters() == 0)
      errors.push_back({p + "units", "Enter how many hours, days, sessions or weeks, such as 10 or 10.25 (quarters are the smallest part)"});
    else if (units->quarters() > 4 * 24 * kMaxPeriodDays)
      errors.push_back({p + "units", "That is more units than there are hours in the period"});
    else line.quarters = units->quarters();
    const auto cost_text = get(f, p + "unit_cost");
    auto cost = Money::parse(cost_text);
    const bool cost_ok = !cost_text.empty() && cost && cost->pence() >= 0 && cost->pence() <= 100'000'00;
    if (!cost_ok) errors.push_back({p + "unit_cost", "Enter the cost of one unit in pounds and pence, such as 21.50"});
    else line.unit_cost = *cost;
    line.description = get(f, p + "description");
    if (line.description.size() > 200 || text_problem(line.description) || has_line_break(line.description))
      errors.push_back({p + "description", "The description must be one line of up to 200 characters"});
    if (line.quarters > 0 && cost_ok) {
      auto amount = line.unit_cost.scaled(line.quarters, 4);
      if (!amount || amount->pence() == 0) errors.push_back({p + "units", "The line comes to nothing: check the units and cost"});
      else line.amount = *amount;
    }
    s.lines.push_back(std::move(line));
  }
  if (s.lines.empty() && std::none_of(errors.begin(), errors.end(), [](const FieldError& e) { return e.field.starts_with("lines["); }))
    errors.push_back({"lines[0].plan_line", "Add at least one line: the plan line, the units and the cost of one unit"});
  for (const auto& l : s.lines) {
    auto sum = s.total.plus(l.amount);
    if (!sum) { errors.push_back({"lines", "The invoice's total is too large"}); break; }
    s.total = *sum;
  }
  if (!errors.empty()) return std::unexpected(errors);
  return s;
}

std::string_view difference_code(DifferenceKind k) {
  switch (k) {
    case DifferenceKind::OutsidePlan: return "outside_plan";
    case DifferenceKind::PlanChanged: return "plan_changed";
    case DifferenceKind::NotDelivered: return "not_delivered";
    case DifferenceKind::WrongPart: return "wrong_part";
    case DifferenceKind::OverUnits: return "over_units";
    case DifferenceKind::OverRate: return "over_rate";
    case DifferenceKind::OverCost: return "over_cost";
    case DifferenceKind::AlreadyInvoiced: return "already_invoiced";
  }
  return "outside_plan";
}

std::optional<DifferenceKind> difference_from_code(std::string_view code) {
  for (auto k : {DifferenceKind::OutsidePlan, DifferenceKind::PlanChanged, DifferenceKind::NotDelivered, DifferenceKind::WrongPart,
                 DifferenceKind::OverUnits, DifferenceKind::OverRate, DifferenceKind::OverCost, DifferenceKind::AlreadyInvoiced})
    if (difference_code(k) == code) return k;
  return std::nullopt;
}

std::vector<Difference> check(const Submission& s, ProviderId provider, const PlanContext& plan, std::span<const Earlier> earlier) {
  std::vector<Difference> out;
  const auto days = (s.period_to.days() - s.period_from.days()).count() + 1;
  // Dates outside the plan in force: an invoice is paid only for days an
  // approved plan covered, and against one version's lines and rates.
  if (!plan.on_first_day || !plan.on_last_day) {
    const CivilDate day = plan.on_first_day ? s.period_to : s.period_from;
    out.push_back({DifferenceKind::OutsidePlan, std::nullopt,
                   "No approved plan was in force on " + day.display() + ": the invoice is for " + period_words(s.period_from, s.period_to) +
                       ", and only days an approved plan covers can be paid"});
    return out;
  }
  if (plan.on_first_day->plan_id != plan.on_last_day->plan_id) {
    out.push_back({DifferenceKind::PlanChanged, std::nullopt,
                   "The plan changed on " + plan.on_last_day->effective_from.display() + " (version " +
                       std::to_string(plan.on_last_day->version) + " took over), within the invoice's period " +
                       period_words(s.period_from, s.period_to) + ": invoice the days before and after that date separately"});
    return out;
  }
  const auto& p = *plan.on_first_day;
  const budgets::Part* part = nullptr;
  for (const auto& x : p.parts)
    if (x.key == s.part_key) part = &x;
  const bool holds_fund = part && part->mechanism == budgets::Mechanism::IndividualServiceFund && part->service_fund &&
                          part->service_fund->provider_id == provider.value();
  // Per invoice line: is the plan line this provider's, from this part, at
  // the plan's rate?
  std::vector<int> delivered;  // plan lines that passed, in order, once each
  for (const auto& l : s.lines) {
    const auto* pl = plan_line(p, l.plan_line);
    const std::string name = "Line " + std::to_string(l.plan_line) + " of the plan";
    if (!pl) {
      out.push_back({DifferenceKind::NotDelivered, l.plan_line, name + " does not exist: the plan has " + std::to_string(p.lines.size()) + " lines"});
      continue;
    }
    // A provider is paid for the lines it delivers: named on the line, or the
    // holder of the individual service fund that pays for it.
    if (!(pl->provider_id && *pl->provider_id == provider.value()) && !(holds_fund && pl->part_key == s.part_key)) {
      out.push_back({DifferenceKind::NotDelivered, l.plan_line,
                     name + " (" + pl->description + ") is delivered by " + (pl->supplier_name.empty() ? "someone still to find" : pl->supplier_name) +
                         ", not by this provider"});
      continue;
    }
    if (pl->part_key != s.part_key) {
      out.push_back({DifferenceKind::WrongPart, l.plan_line,
                     name + " (" + pl->description + ") is paid from part " + pl->part_key + " of the budget, not part " + s.part_key});
      continue;
    }
    if (pl->cost_input.unit_cost && l.unit_cost > *pl->cost_input.unit_cost)
      out.push_back({DifferenceKind::OverRate, l.plan_line,
                     name + ": " + planning::unit_cost_in_words(l.unit_cost, pl->cost.frequency) + " invoiced; the plan's rate is " +
                         planning::unit_cost_in_words(*pl->cost_input.unit_cost, pl->cost.frequency)});
    if (std::find(delivered.begin(), delivered.end(), l.plan_line) == delivered.end()) delivered.push_back(l.plan_line);
  }
  // Per plan line: everything the invoice claims for it together (two rows
  // for one line are one claim), against what the plan allows for the days.
  for (int number : delivered) {
    const auto* pl = plan_line(p, number);
    const std::string name = "Line " + std::to_string(number) + " of the plan";
    std::int64_t quarters = 0;
    Money amount;
    for (const auto& l : s.lines)
      if (l.plan_line == number) {
        quarters += l.quarters;
        amount = amount.plus(l.amount).value_or(amount);
      }
    const auto f = pl->cost.frequency;
    if (planning::needs_units(f) && pl->cost_input.units_per_week) {
      // The plan's units a week over the days invoiced, compared exactly
      // (quarters × 7 against planned quarters × days), never rounded.
      const auto planned = pl->cost_input.units_per_week->quarters();
      if (quarters * 7 > planned * days) {
        const auto allowed_quarters = planned * days / 7;
        out.push_back({DifferenceKind::OverUnits, number,
                       name + ": " + units_words(quarters, f) + " invoiced for " + period_words(s.period_from, s.period_to) +
                           "; the plan allows " + planning::units_in_words(*pl->cost_input.units_per_week, f) + ", " +
                           (allowed_quarters == 0 ? std::string("less than a quarter") : units_words(allowed_quarters, f)) + " for these days"});
      }
    } else if (f == planning::CostFrequency::OneOff) {
      if (amount > pl->cost.one_off)
        out.push_back({DifferenceKind::OverCost, number,
                       name + ": " + amount.display() + " invoiced; the plan allows " + pl->cost.one_off.display() + " once"});
    } else {
      // A cost by the week, month or year: the line's weekly cost over the
      // days invoiced, rounded once to the penny.
      auto allowed = pl->cost.weekly.scaled(days, 7);
      if (allowed && amount > *allowed)
        out.push_back({DifferenceKind::OverCost, number,
                       name + ": " + amount.display() + " invoiced for " + period_words(s.period_from, s.period_to) +
                           "; the plan allows " + allowed->display() + " for these days (" + pl->cost.weekly.display() + " a week)"});
    }
    for (const auto& e : earlier) {
      if (e.state == State::Rejected) continue;
      if (e.period_to < s.period_from || s.period_to < e.period_from) continue;
      if (std::find(e.plan_lines.begin(), e.plan_lines.end(), number) == e.plan_lines.end()) continue;
      const CivilDate from = std::max(e.period_from, s.period_from), to = std::min(e.period_to, s.period_to);
      out.push_back({DifferenceKind::AlreadyInvoiced, number,
                     name + ": invoice " + e.number + " already covers " + period_words(from, to) + " of this line"});
    }
  }
  return out;
}

Result<Message> message_from_fields(const people::Fields& f, Side writer) {
  FieldErrors errors;
  Message m;
  m.side = writer;
  m.body = get(f, "message");
  if (m.body.empty()) errors.push_back({"message", "Write your message"});
  else if (m.body.size() > 4000) errors.push_back({"message", "The message is too long: at most 4,000 characters"});
  else if (auto p = text_problem(m.body)) errors.push_back({"message", "The message " + *p});
  if (writer == Side::Provider) {
    // A provider's reply always passes the invoice back to the council.
    m.must_act = Side::Council;
    if (!get(f, "must_act").empty() && get(f, "must_act") != "council")
      errors.push_back({"must_act", "Your reply goes to the council, which acts next"});
  } else {
    const auto who = get(f, "must_act");
    auto side = side_from_code(who.empty() ? "provider" : who);
    if (!side || *side == Side::Nobody) errors.push_back({"must_act", "Choose who must act next: the provider or the council"});
    else m.must_act = *side;
  }
  if (!errors.empty()) return std::unexpected(errors);
  return m;
}

std::string transfer_id(ProviderId provider, std::string_view number) { return "inv:" + provider.text() + ":" + std::string(number); }

std::string payment_reference(std::string_view number) {
  std::string r = "INV " + std::string(number);
  if (r.size() > 18) r.resize(18);
  return r;
}

}  // namespace patchwork::invoices
