#pragma once
// The `patchwork` command's sub-commands. Each returns the process exit status
// and prints a clear message on failure.
#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>

#include "core/ids.hpp"
#include "domain/accounts/passwords.hpp"
#include "http/settings.hpp"

namespace patchwork::app {

int init_database(const std::string& db);
int migrate_database(const std::string& db);
int load_demo(const std::string& db, const accounts::HashStrength& strength, const std::string& questionnaire_file,
              const std::string& ras_file);
// `patchwork generate` (src/app/generate.cpp): synthetic councils and people.
struct GenerateOptions {
  std::string db;
  long long councils = 0, people = 0, years = 0;
  std::string seed_text;  // --seed as typed: read by generate() (synthetic::seed_from_text), which refuses "-5"
  std::uint64_t seed = 0; // set by generate()
  bool append = false;
  bool password_stdin = false;  // the generated staff's password, read from standard input
  bool progress = true;         // shown only on a terminal
  std::string today;            // the history's last day (default today), so a seed gives the same data on any day
  std::string questionnaire_file, ras_file;
  accounts::HashStrength strength = accounts::HashStrength::interactive();
  long long first_index = 0, councils_now = 0;  // set by generate()
};
// `patchwork copy-database`: every row of one database into another, empty
// one (storage/copy_database.hpp), as a move from SQLite to PostgreSQL needs.
int copy_database(const std::string& from, const std::string& to, bool show_progress);
int generate(const GenerateOptions& options, std::istream& password_in);
// Loads a questionnaire or RAS configuration file for a council (administrators' command).
enum class Definition { Questionnaire, RasConfiguration, ApprovalThresholds };
int load_definition(const std::string& db, Definition kind, const std::string& file, const std::optional<std::string>& council_code);
int serve(http::Settings settings);
struct NewUser {
  std::string username;
  std::string display_name;
  std::string role;
  std::optional<std::string> council_code;
  std::optional<PersonId> person_id;
  std::optional<ProviderId> provider_id;  // a provider account: the organisation on the council's register it belongs to
  std::string work_phone;  // printed in the decision letters a social worker signs
};
int add_user(const std::string& db, const NewUser& user, std::istream& password_in, const accounts::HashStrength& strength);
// A council with adult social care duties, by its ONS/GSS code and name.
int add_council(const std::string& db, const std::string& code, const std::string& name);
int list_councils(const std::string& db);
// The council's register of providers (docs/providers.md).
struct NewProvider {
  std::optional<std::string> council_code;
  std::string name, kind, cqc_location_id, phone, email, address;
};
int add_provider(const std::string& db, const NewProvider& provider);
int list_providers(const std::string& db, const std::optional<std::string>& council_code);
int backup_database(const std::string& db, const std::string& to);
// Prepares a payment run for a date as a finance officer (`as`), exactly as
// POST /api/v1/payment-runs does, audited under their name: a draft for
// another finance officer to approve (docs/money.md "Payments").
int prepare_payment_run(const std::string& db, const std::optional<std::string>& council_code, const std::string& date,
                        const std::string& as);

// Runs the monitoring check for a date (docs/money.md "Monitoring and flags"),
// exactly as POST /api/v1/flags/check does: flags raised, or the evidence of
// open ones brought up to date. Meant for a nightly job, so it acts as the
// system, audited as the command.
int monitoring_check(const std::string& db, const std::optional<std::string>& council_code, const std::string& date);
// Imports a statement file into a holding account (docs/statements.md
// "Importing a statement"), as one transaction: a progress bar on a terminal,
// then what was read, added, matched, already there and rejected, and the
// exceptions raised. 0 imported, 2 refused (nothing kept), 1 an error.
struct StatementImport {
  std::optional<std::string> council_code;
  std::int64_t account = 0;
  std::string file;
  std::string format = "auto";
  std::string mapping;
  bool without_rejected_lines = false;
};
int import_statement(const std::string& db, const StatementImport& request);

// The self-directed support summary (docs/reports.md): one table of every
// council (or the one named), by age band and dementia, with a total row per
// council and one for every council together, as text or CSV on `out`.
// 0 printed, 2 bad input (the date, the council, the format), 1 an error.
struct SelfDirectedSupportReport {
  std::optional<std::string> council_code;
  std::string on;              // YYYY-MM-DD; today when empty
  std::string format = "text";
};
int self_directed_support_report(const std::string& db, const SelfDirectedSupportReport& request, std::ostream& out);

}  // namespace patchwork::app
