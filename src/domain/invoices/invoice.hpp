#pragma once
// Provider invoices (#16, docs/money.md "Provider invoices"): a provider's
// claim for the support it gave one person, paid from that person's
// individual service fund or council-managed part, line by line against the
// approved plan in force on the service dates. The checks name every
// difference with its figures; the states say where the invoice is and who
// must act next. Pure domain: no storage, HTTP or JSON.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"
#include "core/ids.hpp"
#include "core/money.hpp"
#include "core/result.hpp"
#include "domain/budgets/parts.hpp"
#include "domain/people/records.hpp"
#include "domain/planning/plan.hpp"

namespace patchwork::invoices {

// received → checked → approved, or → held → released | rejected | accepted
// (as it is); approved, released and accepted invoices are paid in a run.
// A checked invoice may also be held or rejected by finance.
enum class State { Received, Checked, Held, Approved, Released, Accepted, Rejected, Paid };
std::span<const State> states();
std::string_view state_code(State s);    // "received", "checked", "held", ...
std::string_view state_label(State s);   // "Held: a difference must be settled before it is paid"
std::optional<State> state_from_code(std::string_view code);
// Approved for payment: the next payment run pays it.
bool payable(State s);
// Why an invoice in `from` cannot move to `to`, naming its state, or nothing.
std::optional<std::string> transition_refused(State from, State to);

// Who must act next on an invoice: the provider (answer the council's
// question, send a corrected invoice), the council (look at a difference,
// approve), or nobody (it waits for the next run, or is finished).
enum class Side { Council, Provider, Nobody };
std::string_view side_code(Side s);    // "council", "provider", "nobody"
std::string_view side_label(Side s);   // "The council", "The provider", "Nobody"
std::optional<Side> side_from_code(std::string_view code);

struct Line {
  int plan_line = 0;           // the number of the plan's support line
  std::string description;     // what the provider calls it (optional)
  std::int64_t quarters = 0;   // units claimed, in quarters (hours, days, sessions; weeks or months for other lines)
  Money unit_cost;
  Money amount;                // unit_cost × units, rounded once to the penny
};

// What a provider sends: one person, one budget part, one period.
struct Submission {
  std::string number;          // the provider's own invoice number
  PersonId person_id{};
  std::string part_key;
  CivilDate period_from;
  CivilDate period_to;
  std::vector<Line> lines;
  Money total;
};

// The most lines one invoice may have, and the longest period it may cover
// (a quarter: providers invoice weekly, four-weekly or monthly).
inline constexpr std::size_t kMaxLines = 30;
inline constexpr int kMaxPeriodDays = 92;

// Reads number, person_id, part_key, period_from, period_to and
// lines[0].plan_line, lines[0].units, lines[0].unit_cost,
// lines[0].description, lines[1]…, each problem named by its field. The
// period may not end after `today`: support is invoiced once it was given.
Result<Submission> submission_from_fields(const people::Fields& f, CivilDate today);
// The member names submission_from_fields reads at the top level.
std::span<const std::string_view> submission_field_names();
std::span<const std::string_view> line_field_names();

// The approved plan version in force on the period's first and last days
// (nothing when none was), with its lines and parts.
struct PlanInForce {
  std::int64_t plan_id = 0;
  int version = 0;
  CivilDate effective_from;
  std::vector<planning::SupportLine> lines;
  std::vector<budgets::Part> parts;
};
struct PlanContext {
  std::optional<PlanInForce> on_first_day;
  std::optional<PlanInForce> on_last_day;
};

// An invoice from the same provider for the same person already recorded.
struct Earlier {
  std::string number;
  CivilDate period_from;
  CivilDate period_to;
  std::vector<int> plan_lines;
  State state = State::Received;
};

enum class DifferenceKind { OutsidePlan, PlanChanged, NotDelivered, WrongPart, OverUnits, OverRate, OverCost, AlreadyInvoiced };
std::string_view difference_code(DifferenceKind k);  // "outside_plan", "over_units", ...
std::optional<DifferenceKind> difference_from_code(std::string_view code);

struct Difference {
  DifferenceKind kind = DifferenceKind::OutsidePlan;
  std::optional<int> plan_line;
  std::string message;         // with the figures, in words both sides read
};

// Every difference between the invoice and the plan in force, with figures:
// service dates outside an approved plan, a plan that changed within the
// period, a plan line this provider does not deliver (or paid by another
// part), more units than the plan allows for the days invoiced, a rate above
// the plan's, more money than the plan allows for a line without units, and
// days of a line already invoiced (by an invoice not rejected). Nothing: the
// invoice matches the plan.
std::vector<Difference> check(const Submission& s, ProviderId provider, const PlanContext& plan, std::span<const Earlier> earlier);

// A stored invoice, as both sides see it.
struct Invoice {
  std::int64_t id = 0;
  CouncilId council_id{};
  ProviderId provider_id{};
  std::string provider_name;
  PersonId person_id{};
  std::string person_name;
  std::string number;
  std::string part_key;
  budgets::Mechanism mechanism = budgets::Mechanism::CouncilManaged;
  std::int64_t plan_id = 0;
  CivilDate period_from;
  CivilDate period_to;
  Money total;
  State state = State::Received;
  Side must_act = Side::Council;
  UserId entered_by{};
  std::string entered_by_name;
  std::string entered_at;
  std::optional<UserId> decided_by;
  std::string decided_at;
  std::optional<std::int64_t> run_id;   // the payment run that pays it, once in one
  std::vector<Line> lines;
  std::vector<Difference> differences;
};

// One entry of the dispute thread.
struct Message {
  std::int64_t id = 0;
  Side side = Side::Council;    // who wrote it: the council or the provider
  std::string body;
  Side must_act = Side::Provider;
  UserId written_by{};
  std::string written_by_name;
  std::string written_at;
};
// A message from fields `message` (required, up to 4,000 characters) and, for
// the council, `must_act` (provider or council; the provider's replies always
// pass it back to the council).
Result<Message> message_from_fields(const people::Fields& f, Side writer);

// One move in an invoice's history.
struct Event {
  State state = State::Received;
  std::string note;
  std::string by_name;
  std::string at;
};

// The ledger transfer id of an invoice's payment: what it is, never which run
// paid it, so no run pays it twice ("inv:5:BC-1042").
std::string transfer_id(ProviderId provider, std::string_view number);
// What the provider's bank statement shows: "INV BC-1042", cut to BACS's 18.
std::string payment_reference(std::string_view number);

}  // namespace patchwork::invoices
