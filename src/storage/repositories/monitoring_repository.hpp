#pragma once
// Monitoring (migration 0022): the council's settings, each plan's spending
// controls with their history, flags with their evidence and history, and
// surplus recoveries; and the statement lines (migration 0019's SEAM columns)
// a check reads. Every function takes the council and filters by it in the
// SQL. The rules are domain/monitoring's; services/monitoring_service uses them.
#include <optional>
#include <string>
#include <vector>

#include "domain/ledger/accounts.hpp"
#include "domain/monitoring/monitoring.hpp"
#include "storage/db.hpp"

namespace patchwork::storage {

std::vector<monitoring::Settings> monitoring_settings_history(Connection& c, CouncilId council);
// Adds the settings from their day, or replaces those already set for that day.
void save_monitoring_settings(Connection& c, CouncilId council, const monitoring::Settings& s, std::optional<UserId> by);

struct StoredControls {
  std::int64_t id = 0;
  monitoring::Controls controls;
  std::string reason;
  std::string what_changed;
  std::string changed_by_name;  // "" when set by the system (the council's defaults copied)
  std::string changed_at;
};
// The controls of a person's plan (by plan number), newest first: the first is in force.
std::vector<StoredControls> controls_history(Connection& c, CouncilId council, PersonId person, int plan_number);
void insert_controls(Connection& c, CouncilId council, PersonId person, int plan_number, const monitoring::Controls& controls,
                     const std::string& reason, const std::string& what_changed, std::optional<UserId> by);

struct Flag {
  std::int64_t id = 0;
  CouncilId council_id{};
  ledger::AccountId account_id = 0;
  PersonId person_id{};
  std::string person_name;
  std::string part_key;
  monitoring::FlagKind kind = monitoring::FlagKind::AboveReserve;
  std::string subject;
  monitoring::FlagState state = monitoring::FlagState::Open;
  std::optional<monitoring::Outcome> outcome;
  CivilDate raised_on;
  CivilDate last_seen_on;
  monitoring::Evidence evidence;
  std::string raised_at;
};
std::optional<Flag> find_flag(Connection& c, CouncilId council, std::int64_t id);
// The open (or looked at) flag for this condition, if there is one.
std::optional<Flag> find_unclosed_flag(Connection& c, CouncilId council, ledger::AccountId account, monitoring::FlagKind kind,
                                       const std::string& subject);
std::int64_t insert_flag(Connection& c, const Flag& f);
void update_flag_evidence(Connection& c, CouncilId council, std::int64_t id, CivilDate seen_on, const monitoring::Evidence& e);
// Moves a flag on, guarded by the state it moves from: false when it was not
// in that state (someone else moved it first).
bool move_flag(Connection& c, CouncilId council, std::int64_t id, monitoring::FlagState from, monitoring::FlagState to,
               std::optional<monitoring::Outcome> outcome);

struct FlagFilter {
  std::optional<monitoring::FlagState> state{};
  std::optional<monitoring::FlagKind> kind{};
  std::optional<PersonId> person{};
  std::optional<UserId> allocated_to{};  // only the people this worker is allocated to
};
// Open first, then looked at, then closed; oldest raised first within each.
std::vector<Flag> list_flags(Connection& c, CouncilId council, const FlagFilter& filter);
// What flags of this account, kind and subject already worked to an outcome
// rest on: their statement lines, and the day the latest was closed.
struct WorkedBefore {
  std::vector<std::int64_t> line_ids;
  std::optional<CivilDate> last_closed_on;
};
WorkedBefore worked_before(Connection& c, CouncilId council, ledger::AccountId account, monitoring::FlagKind kind,
                           const std::string& subject);
int open_flag_count(Connection& c, CouncilId council, ledger::AccountId account);

struct FlagEvent {
  monitoring::FlagState state = monitoring::FlagState::Open;
  std::optional<monitoring::Outcome> outcome;
  std::string note;
  std::string by_name;
  std::string at;
};
void insert_flag_event(Connection& c, CouncilId council, std::int64_t flag_id, monitoring::FlagState state,
                       std::optional<monitoring::Outcome> outcome, const std::string& note, std::optional<UserId> by);
std::vector<FlagEvent> flag_events(Connection& c, CouncilId council, std::int64_t flag_id);
// When each outcome on the account's flags was recorded (for risk), and the
// latest (a flag worked to its outcome is a monitoring review of the account).
struct OutcomeOn {
  monitoring::Outcome outcome;
  CivilDate on;
};
std::vector<OutcomeOn> account_outcomes(Connection& c, CouncilId council, ledger::AccountId account);

struct Recovery {
  std::int64_t id = 0;
  std::int64_t flag_id = 0;
  Money amount;
  monitoring::RecoveryState state = monitoring::RecoveryState::Prepared;
  UserId prepared_by{};
  std::string prepared_by_name;
  std::string prepared_at;
  std::optional<UserId> decided_by;
  std::string decided_by_name;
  std::string decided_at;
  std::string decision_note;
  std::string transfer_id;
};
std::int64_t insert_recovery(Connection& c, CouncilId council, std::int64_t flag_id, Money amount, UserId by);
// The flag's recoveries, newest first.
std::vector<Recovery> flag_recoveries(Connection& c, CouncilId council, std::int64_t flag_id);
std::optional<Recovery> find_recovery(Connection& c, CouncilId council, std::int64_t id);
// prepared -> approved or refused, guarded: false when it was no longer prepared.
bool decide_recovery(Connection& c, CouncilId council, std::int64_t id, monitoring::RecoveryState to, UserId by,
                     const std::string& note, const std::string& transfer_id);

// The account's statement lines booked from `from` to `to`, oldest first.
std::vector<monitoring::Line> statement_lines_between(Connection& c, CouncilId council, ledger::AccountId account, CivilDate from,
                                                      CivilDate to);

}  // namespace patchwork::storage
