#include "domain/payments/run.hpp"

#include <cstdio>

#include "core/text.hpp"

namespace patchwork::payments {
namespace {
constexpr RunState kStates[] = {RunState::Draft, RunState::Approved, RunState::Exported, RunState::Reconciled};
}

std::span<const RunState> run_states() { return kStates; }

std::string_view run_state_code(RunState s) {
  switch (s) {
    case RunState::Draft: return "draft";
    case RunState::Approved: return "approved";
    case RunState::Exported: return "exported";
    case RunState::Reconciled: return "reconciled";
  }
  return "draft";
}

std::string_view run_state_label(RunState s) {
  switch (s) {
    case RunState::Draft: return "Draft: waiting for another finance officer to approve it";
    case RunState::Approved: return "Approved: ready to export the payment file";
    case RunState::Exported: return "Exported: the payment file has been made and the money recorded as paid";
    case RunState::Reconciled: return "Reconciled: the bank has confirmed the payments";
  }
  return "";
}

std::optional<RunState> run_state_from_code(std::string_view code) {
  for (auto s : kStates)
    if (run_state_code(s) == code) return s;
  return std::nullopt;
}

std::optional<std::string> transition_refused(RunState from, RunState to) {
  const auto next = [](RunState s) -> std::optional<RunState> {
    switch (s) {
      case RunState::Draft: return RunState::Approved;
      case RunState::Approved: return RunState::Exported;
      case RunState::Exported: return RunState::Reconciled;
      case RunState::Reconciled: return std::nullopt;
    }
    return std::nullopt;
  };
  if (next(from) == to) return std::nullopt;
  const std::string verb = to == RunState::Approved ? "approved" : to == RunState::Exported ? "exported" : to == RunState::Reconciled ? "reconciled" : "made a draft again";
  const std::string needs = to == RunState::Approved ? "only a draft run can be approved"
                            : to == RunState::Exported ? "only an approved run can be exported"
                            : to == RunState::Reconciled ? "only an exported run can be reconciled"
                                                         : "a run never goes back to draft";
  return "This run is " + std::string(run_state_code(from)) + ", so it cannot be " + verb + ": " + needs + ".";
}

std::string_view shown_state_code(const PaymentRun& r) { return r.withdrawn() ? "withdrawn" : run_state_code(r.state); }
std::string_view shown_state_label(const PaymentRun& r) {
  return r.withdrawn() ? "Withdrawn: nobody was paid from it" : run_state_label(r.state);
}

std::string payment_reference(PersonId person, std::string_view part_key, CivilDate period_start) {
  static constexpr const char* kMonths[] = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};
  char date[16];
  std::snprintf(date, sizeof date, "%02u%s%02d", period_start.day(), kMonths[(period_start.month() + 11) % 12], period_start.year() % 100);
  return "PB" + person.text() + " " + to_upper(part_key) + " " + date;
}

Result<PaymentSettings> payment_settings_from_fields(const people::Fields& f) {
  FieldErrors errors;
  auto get = [&](const char* k) {
    auto it = f.find(k);
    return it == f.end() ? std::string() : trim(it->second);
  };
  auto digits = [](const std::string& v, std::size_t n) {
    return v.size() == n && v.find_first_not_of("0123456789") == std::string::npos;
  };
  PaymentSettings s;
  const auto deduct = to_lower(get("deduct_contribution"));
  if (deduct == "yes" || deduct == "true") s.deduct_contribution = true;
  else if (deduct == "no" || deduct == "false") s.deduct_contribution = false;
  else errors.push_back({"deduct_contribution", "Say yes or no: is the person's contribution deducted from the direct payment?"});
  s.originator_name = get("originator_name");
  if (s.originator_name.size() > 70 || text_problem(s.originator_name) || has_line_break(s.originator_name))
    errors.push_back({"originator_name", "The council's account name must be one line of up to 70 characters"});
  s.originator_sort_code = get("originator_sort_code");
  std::erase(s.originator_sort_code, '-');
  if (!s.originator_sort_code.empty() && !digits(s.originator_sort_code, 6))
    errors.push_back({"originator_sort_code", "Enter the council's sort code as 6 digits, like 40-12-76"});
  s.originator_account_number = get("originator_account_number");
  if (!s.originator_account_number.empty() && !digits(s.originator_account_number, 8))
    errors.push_back({"originator_account_number", "Enter the council's account number as 8 digits"});
  s.service_user_number = get("service_user_number");
  if (!s.service_user_number.empty() &&
      (s.service_user_number.size() != 6 || s.service_user_number.find_first_not_of("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ") != std::string::npos))
    errors.push_back({"service_user_number", "The BACS service user number is 6 digits or capital letters, as the council's bank gave it"});
  if (!errors.empty()) return std::unexpected(errors);
  return s;
}

Result<CivilDate> run_date_from_fields(const people::Fields& f, CivilDate today) {
  auto it = f.find("pay_up_to");
  const std::string v = it == f.end() ? std::string() : trim(it->second);
  if (v.empty()) return fail("pay_up_to", "Enter the date to pay up to");
  auto d = CivilDate::parse_iso(v);
  if (!d) return fail("pay_up_to", "The date to pay up to must be a real date, like 2026-12-07");
  if (*d > today.plus_days(366)) return fail("pay_up_to", "The date to pay up to must be within a year from today");
  return *d;
}

}  // namespace patchwork::payments
