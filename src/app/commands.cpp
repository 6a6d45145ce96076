#include "app/commands.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <system_error>
#include <unistd.h>

#include "api/routes.hpp"
#include "core/text.hpp"
#include "domain/accounts/passwords.hpp"
#include "domain/councils/council_code.hpp"
#include "http/dispatcher.hpp"
#include "services/accounts_service.hpp"
#include "services/agreed_plan_rows.hpp"
#include "services/approvals_service.hpp"
#include "services/assessment_service.hpp"
#include "services/councils_service.hpp"
#include "services/monitoring_service.hpp"
#include "services/payments_service.hpp"
#include "services/statements_service.hpp"
#include "storage/repositories/statements_repository.hpp"
#include "storage/repositories/audit_repository.hpp"
#include "services/providers_service.hpp"
#include "services/reports_service.hpp"
#include "storage/copy_database.hpp"
#include "storage/migrations.hpp"
#include "storage/postgres/postgres_database.hpp"
#include "storage/repositories/accounts_repository.hpp"
#include "storage/repositories/people_repository.hpp"
#include "storage/repositories/providers_repository.hpp"
#include "storage/sqlite/sqlite_database.hpp"
#include "web/render.hpp"
#include "web/routes.hpp"
#include "web/statements/statement_pages.hpp"

namespace patchwork::app {

namespace {

void say_error(const std::string& message) { std::cerr << "patchwork: " << message << "\n"; }

// An address as it is written in a URL: IPv6 in brackets.
std::string url_host(const std::string& address) {
  return address.find(':') == std::string::npos ? address : "[" + address + "]";
}

// Opens the database and checks it holds the schema this build expects.
std::unique_ptr<storage::Database> open_current(const std::string& target, std::size_t pool,
                                                std::chrono::seconds sqlite_optimize_every = std::chrono::hours(1)) {
  auto db = storage::open_database(target, {pool, false, sqlite_optimize_every});
  auto lease = db->acquire();
  auto status = storage::inspect_schema(*lease);
  if (status.state == storage::SchemaState::Empty)
    throw storage::DatabaseError("the database is empty; create Patchwork's tables with `patchwork init --db ...` first");
  if (status.state != storage::SchemaState::Current) throw storage::DatabaseError(status.message);
  return db;
}

}  // namespace

int init_database(const std::string& target) {
  try {
    auto db = storage::open_database(target, {1, true});
    auto lease = db->acquire();
    auto applied = storage::migrate(*lease);
    if (applied.empty()) std::cout << "The database is already at schema version " << storage::latest_schema_version() << ".\n";
    else std::cout << "Created Patchwork's tables in " << db->describe() << " (schema version " << applied.back() << ").\n";
    return 0;
  } catch (const std::exception& e) {
    say_error(e.what());
    return 1;
  }
}

int migrate_database(const std::string& target) {
  try {
    auto db = storage::open_database(target, {1, false});
    auto lease = db->acquire();
    auto status = storage::inspect_schema(*lease);
    if (status.state == storage::SchemaState::Empty) {
      say_error("the database is empty; use `patchwork init` to create Patchwork's tables");
      return 1;
    }
    auto applied = storage::migrate(*lease);
    if (applied.empty()) std::cout << "Nothing to do: the database is at schema version " << status.version << ".\n";
    for (int v : applied) std::cout << "Applied migration " << v << ".\n";
    return 0;
  } catch (const std::exception& e) {
    say_error(e.what());
    return 1;
  }
}

int add_user(const std::string& target, const NewUser& u, std::istream& password_in, const accounts::HashStrength& strength) {
  std::string username = to_lower(trim(u.username));
  if (auto problem = accounts::username_problem(username); !problem.empty()) { say_error(problem); return 2; }
  auto role = access::role_from_code(u.role);
  if (!role) {
    std::string known;
    for (auto r : access::all_roles()) known += (known.empty() ? "" : ", ") + std::string(access::role_code(r));
    say_error("unknown role '" + u.role + "'; use one of: " + known);
    return 2;
  }
  std::string phone = trim(u.work_phone);
  if (auto problem = accounts::work_phone_problem(phone); !problem.empty()) { say_error("--phone: " + problem); return 2; }
  std::string password;
  std::getline(password_in, password);
  if (!password.empty() && password.back() == '\r') password.pop_back();
  if (auto problem = accounts::password_problem(password); !problem.empty()) { say_error(problem + " (read from standard input)"); return 2; }
  if ((*role == access::Role::BudgetHolder) != u.person_id.has_value()) {
    say_error(*role == access::Role::BudgetHolder ? "a budget holder account needs --person-id: the person it belongs to"
                                                  : "--person-id is only for budget holder accounts");
    return 2;
  }
  if ((*role == access::Role::Provider) != u.provider_id.has_value()) {
    say_error(*role == access::Role::Provider ? "a provider account needs --provider: the id of its organisation on the register "
                                                "(see `patchwork provider list`)"
                                              : "--provider is only for provider accounts");
    return 2;
  }
  try {
    auto db = open_current(target, 1);
    auto lease = db->acquire();
    storage::Transaction tx(*lease, storage::TxMode::Write);
    std::optional<accounts::Council> council;
    if (u.council_code) {
      council = storage::find_council_by_code(*lease, services::normalise_council_code(*u.council_code));
      if (!council) { say_error("there is no council with code " + *u.council_code); return 1; }
    } else {
      auto councils = storage::list_councils(*lease);
      if (councils.size() != 1) {
        say_error(councils.empty() ? "the database has no council yet; add one with `patchwork council add --code ... --name ...`"
                                   : "the database holds several councils; name one with --council CODE (see `patchwork council list`)");
        return 1;
      }
      council = councils.front();
    }
    accounts::User user;
    user.council_id = council->id;
    user.username = username;
    user.display_name = u.display_name;
    user.role = *role;
    user.person_id = u.person_id;
    user.provider_id = u.provider_id;
    // Checked before the slow hash, so a taken name is refused at once.
    if (storage::find_user_by_username(*lease, username)) { say_error("the username " + username + " is already taken"); return 1; }
    user.password_hash = accounts::hash_password(password, strength);
    auto id = services::add_account(*lease, user);
    if (!id) { say_error(id.error().front().message); return 1; }
    if (!phone.empty()) storage::set_work_phone(*lease, council->id, *id, phone);
    tx.commit();
    std::cout << "Added " << access::role_name(*role) << " " << username << " (account " << id->value() << ") to " << council->name << ".\n";
    return 0;
  } catch (const std::exception& e) {
    say_error(e.what());
    return 1;
  }
}

int add_council(const std::string& target, const std::string& code_typed, const std::string& name_typed) {
  // Shape first, without opening the database: a typing mistake is exit 2.
  const std::string code = services::normalise_council_code(code_typed);
  if (auto problem = councils::council_code_problem(code)) { say_error("--code: " + *problem); return 2; }
  if (auto problem = councils::council_name_problem(name_typed)) { say_error("--name: " + *problem); return 2; }
  try {
    auto db = open_current(target, 1);
    auto lease = db->acquire();
    storage::Transaction tx(*lease, storage::TxMode::Write);
    auto id = services::add_council(*lease, code, name_typed);
    if (!id) {
      say_error(id.error().front().message);
      return 1;
    }
    tx.commit();
    std::cout << "Added " << trim(name_typed) << " (" << code << ", council " << id->value() << ").\n"
              << "Next, add its first administrator (usernames are unique across the database):\n  patchwork user add --db "
              << target << " --council " << code << " --username <name>.admin --role administrator --password-stdin\n";
    return 0;
  } catch (const std::exception& e) {
    say_error(e.what());
    return 1;
  }
}

int list_councils(const std::string& target) {
  try {
    auto db = open_current(target, 1);
    auto lease = db->acquire();
    auto all = storage::list_councils(*lease);
    if (all.empty()) std::cout << "No councils yet. Add one with `patchwork council add --db " << target << " --code E06000014 --name ...`.\n";
    for (const auto& c : all) std::cout << c.code << "  " << c.name << "\n";
    return 0;
  } catch (const std::exception& e) {
    say_error(e.what());
    return 1;
  }
}

int load_definition(const std::string& target, Definition kind, const std::string& file, const std::optional<std::string>& council_code) {
  std::ifstream in(file);
  if (!in) { say_error("cannot read " + file); return 1; }
  std::stringstream text;
  text << in.rdbuf();
  try {
    auto db = open_current(target, 1);
    auto lease = db->acquire();
    storage::Transaction tx(*lease, storage::TxMode::Write);
    std::optional<accounts::Council> council;
    if (council_code) council = storage::find_council_by_code(*lease, services::normalise_council_code(*council_code));
    else if (auto all = storage::list_councils(*lease); all.size() == 1) council = all.front();
    if (!council) {
      if (council_code) say_error("there is no council with code " + *council_code + " (see `patchwork council list`)");
      else if (storage::list_councils(*lease).empty()) say_error("the database has no council yet; add one with `patchwork council add --code ... --name ...`");
      else say_error("the database holds several councils; name one with --council CODE (see `patchwork council list`)");
      return 1;
    }
    auto id = kind == Definition::Questionnaire      ? services::load_questionnaire(*lease, council->id, text.str(), std::nullopt)
              : kind == Definition::ApprovalThresholds ? services::load_approval_thresholds(*lease, council->id, text.str(), std::nullopt)
                                                       : services::load_ras_configuration(*lease, council->id, text.str(), std::nullopt);
    if (!id) {
      std::cerr << "patchwork: " << file << " was not loaded:\n";
      for (const auto& e : id.error()) std::cerr << "  " << e.field << ": " << e.message << "\n";
      return 1;
    }
    tx.commit();
    std::cout << "Loaded " << file << " for " << council->name << " (id " << *id << ").\n";
    if (kind == Definition::RasConfiguration)
      std::cout << "A new configuration is not applied until an administrator activates it, after seeing its effect.\n";
    return 0;
  } catch (const std::exception& e) {
    say_error(e.what());
    return 1;
  }
}

namespace {

// The council a command acts for: the one named, or the only one there is.
std::optional<accounts::Council> council_for_command(storage::Connection& c, const std::optional<std::string>& council_code) {
  if (council_code) {
    auto council = storage::find_council_by_code(c, services::normalise_council_code(*council_code));
    if (!council) say_error("there is no council with code " + *council_code + " (see `patchwork council list`)");
    return council;
  }
  auto all = storage::list_councils(c);
  if (all.size() == 1) return all.front();
  say_error(all.empty() ? "the database has no council yet; add one with `patchwork council add --code ... --name ...`"
                        : "the database holds several councils; name one with --council CODE (see `patchwork council list`)");
  return std::nullopt;
}

}  // namespace

int add_provider(const std::string& target, const NewProvider& p) {
  try {
    auto db = open_current(target, 1);
    auto lease = db->acquire();
    storage::Transaction tx(*lease, storage::TxMode::Write);
    auto council = council_for_command(*lease, p.council_code);
    if (!council) return 1;
    people::Fields fields{{"name", p.name}, {"kind", p.kind}, {"cqc_location_id", p.cqc_location_id},
                          {"phone", p.phone}, {"email", p.email}, {"address", p.address}};
    auto id = services::add_provider(*lease, council->id, fields);
    if (!id) {
      std::cerr << "patchwork: the provider was not added:\n";
      for (const auto& e : id.error()) std::cerr << "  --" << (e.field == "cqc_location_id" ? "cqc" : e.field) << ": " << e.message << "\n";
      return 2;
    }
    tx.commit();
    std::cout << "Added " << trim(p.name) << " (provider " << id->value() << ") to " << council->name << "'s register.\n"
              << "A provider account belongs to it with: patchwork user add --role provider --provider " << id->value() << " ...\n";
    return 0;
  } catch (const std::exception& e) {
    say_error(e.what());
    return 1;
  }
}

int prepare_payment_run(const std::string& target, const std::optional<std::string>& council_code, const std::string& date,
                        const std::string& as) {
  try {
    auto db = open_current(target, 1);
    auto lease = db->acquire();
    storage::Transaction tx(*lease, storage::TxMode::Write);
    auto council = council_for_command(*lease, council_code);
    if (!council) return 1;
    auto user = storage::find_user_by_username(*lease, council->id, to_lower(trim(as)));
    if (!user) {
      std::cerr << "patchwork: --as: " << council->name << " has no account named " << as << "\n";
      return 2;
    }
    // The same policy as the API: only a finance officer prepares a run.
    auto decision = access::decide(user->actor(), access::Action::PreparePaymentRun);
    audit::AuditEntry entry;
    entry.council_id = council->id.value();
    entry.occurred_at = utc_timestamp_now();
    entry.user_id = user->id.value();
    entry.username = user->username;
    entry.role = std::string(access::role_code(user->role));
    entry.action = std::string(audit::audit_action_code(audit::AuditAction::PreparePaymentRun));
    entry.address = "patchwork payment-run";
    if (!decision.allowed()) {
      entry.outcome = "refused";
      entry.reason = decision.reason;
      storage::append_audit(*lease, entry);
      tx.commit();
      std::cerr << "patchwork: --as: " << decision.reason << "\n";
      return 2;
    }
    auto when = payments::run_date_from_fields({{"pay_up_to", date}}, CivilDate::today_utc());
    if (!when) {
      std::cerr << "patchwork: --date: " << when.error().front().message << "\n";
      return 2;
    }
    auto prepared = services::prepare_payment_run(*lease, council->id, *when, user->id);
    if (!prepared) {
      std::cerr << "patchwork: " << prepared.error().front().message << "\n";
      return 2;
    }
    const auto& run = prepared->run;
    entry.outcome = "allowed";
    entry.reason = "payment run " + std::to_string(run.id) + " up to " + run.pay_up_to.iso() + ": " + std::to_string(run.item_count) +
                   " payments, " + run.total.decimal() + ", " + std::to_string(prepared->held.size()) + " held";
    storage::append_audit(*lease, entry);
    tx.commit();
    std::cout << "Prepared payment run " << run.id << " for " << council->name << ": " << run.item_count << " payments, "
              << run.total.display() << " in all, up to " << run.pay_up_to.display() << ".\n";
    for (const auto& h : prepared->held)
      std::cout << "  Held back: " << h.person_name << ", part " << h.part_key << ", from " << h.period_start.display() << ": " << h.reason
                << ".\n";
    std::cout << "Another finance officer approves it at /finance/payment-runs/" << run.id << ".\n";
    return 0;
  } catch (const std::exception& e) {
    say_error(e.what());
    return 1;
  }
}

int list_providers(const std::string& target, const std::optional<std::string>& council_code) {
  try {
    auto db = open_current(target, 1);
    auto lease = db->acquire();
    auto council = council_for_command(*lease, council_code);
    if (!council) return 1;
    auto all = storage::list_providers(*lease, council->id);
    if (all.empty()) std::cout << council->name << "'s register of providers is empty. Add one with `patchwork provider add`.\n";
    for (const auto& p : all)
      std::cout << p.id.value() << "  " << p.name << "  (" << people::label_for(providers::provider_kinds(), p.kind)
                << (p.cqc_location_id ? ", CQC location " + *p.cqc_location_id : std::string()) << ")\n";
    return 0;
  } catch (const std::exception& e) {
    say_error(e.what());
    return 1;
  }
}

int monitoring_check(const std::string& target, const std::optional<std::string>& council_code, const std::string& date) {
  try {
    auto db = open_current(target, 1);
    auto lease = db->acquire();
    storage::Transaction tx(*lease, storage::TxMode::Write);
    auto council = council_for_command(*lease, council_code);
    if (!council) return 1;
    CivilDate on = CivilDate::today_utc();
    if (!date.empty()) {
      auto parsed = CivilDate::parse_iso(trim(date));
      if (!parsed) {
        std::cerr << "patchwork: --date: the date must be a real date, like 2026-12-02\n";
        return 2;
      }
      on = *parsed;
    }
    auto report = services::run_monitoring_check(*lease, council->id, on);
    if (!report) {
      std::cerr << "patchwork: --" << report.error().front().field << ": " << report.error().front().message << "\n";
      return 2;
    }
    audit::AuditEntry entry;
    entry.council_id = council->id.value();
    entry.occurred_at = utc_timestamp_now();
    entry.username = "patchwork monitoring-check";
    entry.action = std::string(audit::audit_action_code(audit::AuditAction::RunMonitoringCheck));
    entry.address = "patchwork monitoring-check";
    entry.outcome = "allowed";
    entry.reason = "check of " + on.iso() + ": " + std::to_string(report->accounts) + " accounts, " + std::to_string(report->raised) +
                   " flags raised, " + std::to_string(report->updated) + " brought up to date";
    storage::append_audit(*lease, entry);
    tx.commit();
    std::cout << "Checked " << report->accounts << (report->accounts == 1 ? " account" : " accounts") << " for " << council->name << " on "
              << on.display() << ": " << report->raised << " new " << (report->raised == 1 ? "flag" : "flags") << ", " << report->updated
              << " open " << (report->updated == 1 ? "flag" : "flags") << " brought up to date.\n";
    if (report->raised + report->updated > 0) std::cout << "Finance works them at /finance/flags.\n";
    return 0;
  } catch (const std::exception& e) {
    say_error(e.what());
    return 1;
  }
}

namespace {

// One line of the report's table, as text cells.
std::vector<std::string> report_cells(const std::string& code, const std::string& name, const std::string& band, const std::string& dementia,
                                      const reports::Counts& c, std::optional<std::int64_t> under_18, bool csv) {
  auto pct = [csv](const reports::Share& s) {
    auto p = s.percent();
    if (csv && !p.empty()) p.pop_back();  // a number in a spreadsheet: "52.1", its heading says per cent
    return p.empty() ? std::string(csv ? "" : "-") : p;
  };
  return {code, name, band, dementia,
          std::to_string(c.people), std::to_string(c.personal_budget), pct(reports::personal_budget_share(c)),
          std::to_string(c.direct_payment), pct(reports::direct_payment_share(c)),
          std::to_string(c.managed()), pct(reports::managed_share(c)),
          under_18 ? std::to_string(*under_18) : std::string()};
}

std::string csv_cell(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string out = "\"";
  for (char ch : text) out += ch == '"' ? std::string("\"\"") : std::string(1, ch);
  return out + "\"";
}

// Display width of UTF-8 text: one per character (the names and labels hold
// no wide characters), so the columns line up when a name has an accent.
std::size_t text_width(const std::string& s) {
  std::size_t n = 0;
  for (unsigned char ch : s) n += (ch & 0xC0) != 0x80;
  return n;
}

}  // namespace

int self_directed_support_report(const std::string& target, const SelfDirectedSupportReport& request, std::ostream& out) {
  const bool csv = request.format == "csv";
  if (!csv && request.format != "text") {
    say_error("--format: '" + request.format + "' is not a format; use text or csv");
    return 2;
  }
  auto on = reports::as_at_date(request.on, CivilDate::today_utc());
  if (!on) {
    say_error("--on: " + on.error().front().message);
    return 2;
  }
  try {
    auto db = open_current(target, 1);
    auto lease = db->acquire();
    std::optional<CouncilId> council_id;
    if (request.council_code) {
      auto council = storage::find_council_by_code(*lease, services::normalise_council_code(*request.council_code));
      if (!council) {
        say_error("--council: there is no council with code " + *request.council_code + " (see `patchwork council list`)");
        return 2;
      }
      council_id = council->id;
    }
    storage::Transaction tx(*lease, storage::TxMode::Write);
    auto summary = services::self_directed_support(*lease, *on, council_id);
    // Figures with no person in them, but who looked at which council's, and
    // as at when, is kept as the page and the API keep it.
    for (const auto& f : summary.councils) {
      audit::AuditEntry entry;
      entry.council_id = f.council_id.value();
      entry.occurred_at = utc_timestamp_now();
      entry.username = "patchwork report";
      entry.action = std::string(audit::audit_action_code(audit::AuditAction::ViewSelfDirectedSupport));
      entry.address = "patchwork report self-directed-support";
      entry.outcome = "allowed";
      entry.reason = "as at " + on->iso() + (council_id ? "" : ", every council");
      storage::append_audit(*lease, entry);
    }
    tx.commit();

    std::vector<std::vector<std::string>> rows;
    rows.push_back({"council_code", "council_name", "age_band", "dementia", "people", "personal_budget", "personal_budget_percent",
                    "direct_payment", "direct_payment_percent", "managed_budget", "managed_percent_of_budgets", "under_18_left_out"});
    if (!csv)
      rows.back() = {"Code", "Council", "Age band", "Dementia", "People", "Budget", "Budget %", "DP", "DP %", "Managed", "Managed %",
                     "Under 18 (left out)"};
    auto add_lines = [&](const std::string& code, const std::string& name, const std::vector<reports::Line>& lines,
                         const reports::Counts& total, std::int64_t under_18) {
      for (const auto& l : lines)
        rows.push_back(report_cells(code, name, std::string(csv ? reports::band_code(l.band) : reports::band_label(l.band)),
                                    l.dementia.empty() ? "All" : l.dementia, l.counts, std::nullopt, csv));
      rows.push_back(report_cells(code, name, csv ? "18+" : "Total, 18 and over", "All", total, under_18, csv));
    };
    for (const auto& f : summary.councils) add_lines(f.code, f.name, f.lines, f.total, f.under_18);
    if (!council_id) add_lines("ALL", "All councils", summary.national_lines, summary.national, summary.under_18);

    if (csv) {
      for (const auto& r : rows) {
        for (std::size_t i = 0; i < r.size(); ++i) out << (i ? "," : "") << csv_cell(r[i]);
        out << "\r\n";
      }
      return 0;
    }
    out << "Self-directed support on " << on->display() << ": adults in long-term community support (a personal budget in force, or an\n"
        << "open Service event), with a personal budget, with a direct payment (whole or part), and budgets managed with no direct\n"
        << "payment. Age the national way (from the 1st of the birth month, years of 365.25 days); under-18s left out.\n"
        << "Budget % and DP % are of People; Managed % is of budgets. docs/reports.md says exactly what is counted.\n\n";
    std::vector<std::size_t> width(rows.front().size(), 0);
    for (const auto& r : rows)
      for (std::size_t i = 0; i < r.size(); ++i) width[i] = std::max(width[i], text_width(r[i]));
    for (const auto& r : rows) {
      std::string line;
      for (std::size_t i = 0; i < r.size(); ++i) {
        const auto pad = std::string(width[i] - text_width(r[i]), ' ');
        // Words to the left, figures to the right, two spaces between.
        line += (i ? "  " : "") + (i < 4 ? r[i] + pad : pad + r[i]);
      }
      while (!line.empty() && line.back() == ' ') line.pop_back();
      out << line << "\n";
    }
    return 0;
  } catch (const std::exception& e) {
    say_error(e.what());
    return 1;
  }
}

int backup_database(const std::string& target, const std::string& to) {
  if (storage::names_postgres(target)) {
    say_error("backup copies SQLite files. For PostgreSQL use pg_dump, which is consistent while Patchwork runs:\n"
              "  pg_dump --format=custom --file=patchwork.dump '<the same connection string>'\n"
              "and restore with pg_restore --dbname='<connection string>' patchwork.dump");
    return 2;
  }
  if (!std::filesystem::exists(target)) { say_error("there is no database file " + target); return 1; }
  if (std::filesystem::exists(to)) { say_error(to + " already exists; choose a new file so no backup is overwritten"); return 1; }
  try {
    { auto db = open_current(target, 1); }
    storage::sqlite_backup(target, to);
    std::cout << "Backed up " << target << " to " << to << ".\n";
    return 0;
  } catch (const std::exception& e) {
    std::error_code ignored;
    std::filesystem::remove(to, ignored);
    say_error(e.what());
    return 1;
  }
}

int copy_database(const std::string& from, const std::string& to, bool show_progress) {
  if (from == to) {
    say_error("--from and --to name the same database");
    return 2;
  }
  try {
    // Both schemas are checked by storage::copy_database, which says which
    // database is behind.
    // Read-only: copying a council out of its SQLite file leaves the file as it was.
    auto source = storage::open_database(from, {.pool_size = 1, .create_if_missing = false, .read_only = true});
    auto target = storage::open_database(to, {1, true});
    auto source_lease = source->acquire();
    auto target_lease = target->acquire();
    const bool terminal = show_progress && isatty(STDERR_FILENO);
    const auto started = std::chrono::steady_clock::now();
    auto outcome = storage::copy_database(*source_lease, *target_lease, [&](std::string_view table, std::int64_t rows) {
      if (terminal) std::cerr << "\r\x1b[2K" << table << ": " << rows << " rows" << std::flush;
    });
    if (terminal) std::cerr << "\r\x1b[2K" << std::flush;
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::cout << fmt::format("Copied {} rows in {} tables from {} to {} in {:.1f} s.\n", outcome.rows, outcome.tables.size(),
                             source->describe(), target->describe(), seconds);
    for (const auto& t : outcome.tables)
      if (t.rows > 0) std::cout << fmt::format("  {:<36} {:>12}\n", t.name, t.rows);
    if (outcome.problem_after_commit) say_error(*outcome.problem_after_commit);
    return 0;
  } catch (const storage::CopyRefused& e) {
    say_error(e.what());
    return 1;
  } catch (const std::exception& e) {
    std::string what = e.what();
    if (!what.empty() && what.back() != '.') what += '.';
    say_error(what + " Nothing was copied.");
    return 1;
  }
}

int serve(http::Settings settings) {
  std::unique_ptr<storage::Database> db;
  http::StaticFiles assets;
  try {
    db = open_current(settings.database, std::size_t(settings.server.worker_threads) + 1,
                      std::chrono::seconds(settings.sqlite_optimize_seconds));
    // GOV.UK's own typeface is licensed for GOV.UK only: Patchwork never serves it.
    assets.add_folder("/assets/govuk/", settings.assets_folder + "/assets", {"fonts"});
    assets.add_file("/assets/govuk-frontend.min.js", settings.assets_folder + "/govuk-frontend.min.js");
    assets.add_file("/assets/patchwork.css", settings.stylesheet);
    assets.add_file("/assets/patchwork.js", settings.scripts_folder + "/patchwork.js");
  } catch (const std::exception& e) {
    say_error(e.what());
    return 1;
  }
  http::Dispatcher dispatcher(*db, settings, std::move(assets), web::error_page);
  api::add_health_api(dispatcher, *db);
  api::add_session_api(dispatcher);
  api::add_audit_api(dispatcher);
  api::add_people_api(dispatcher);
  api::add_carers_api(dispatcher);
  api::add_plans_api(dispatcher);
  api::add_reviews_api(dispatcher);
  api::add_assessment_api(dispatcher);
  api::add_approvals_api(dispatcher);
  api::add_budgets_api(dispatcher);
  api::add_ledger_api(dispatcher);
  api::add_payments_api(dispatcher);
  api::add_invoices_api(dispatcher);
  api::add_recovery_api(dispatcher);
  api::add_monitoring_api(dispatcher);
  api::add_statements_api(dispatcher);
  api::add_me_api(dispatcher);
  web::add_shell_pages(dispatcher);
  web::add_admin_pages(dispatcher);
  web::add_people_pages(dispatcher);
  web::add_access_pages(dispatcher);
  web::add_carer_pages(dispatcher);
  web::add_plan_pages(dispatcher);
  web::add_involvement_pages(dispatcher);
  web::add_review_pages(dispatcher);
  web::add_assessment_pages(dispatcher);
  web::add_configuration_pages(dispatcher);
  web::add_approval_pages(dispatcher);
  api::add_providers_api(dispatcher);
  web::add_provider_pages(dispatcher);
  web::add_budget_pages(dispatcher);
  web::add_ledger_pages(dispatcher);
  web::add_statement_pages(dispatcher);
  web::add_my_pages(dispatcher);
  web::add_payment_pages(dispatcher);
  web::add_invoice_pages(dispatcher);
  web::add_recovery_pages(dispatcher);
  web::add_monitoring_pages(dispatcher);
  api::add_ras_learning_api(dispatcher, services::agreed_plan_rows);
  web::add_report_pages(dispatcher);
  api::add_reports_api(dispatcher);
  web::add_self_directed_support_pages(dispatcher);

  http::Server server(settings.server, [&dispatcher](http::Request& r) { return dispatcher(r); },
                      [&dispatcher](http::Request& r) { return dispatcher.answer_inline(r); });
  try {
    server.listen();
  } catch (const std::system_error& e) {
    if (e.code() == std::errc::address_in_use) {
      // One line that says what happened and what to set, for someone whose
      // port 8080 is taken by another program (or another Patchwork).
      auto other = settings.server.port == 65535 ? 8080 : settings.server.port + 1;
      say_error(fmt::format("cannot listen on {}:{}: another program is already using port {}. "
                            "Choose another with PATCHWORK_LISTEN={}:{} (or --listen {}:{}).",
                            url_host(settings.server.address), settings.server.port, settings.server.port,
                            url_host(settings.server.address), other, url_host(settings.server.address), other));
    } else {
      say_error(e.what());
    }
    return 1;
  } catch (const std::exception& e) {
    say_error(e.what());
    return 1;
  }
  // The address actually served, with the port the system chose for :0.
  const auto url = fmt::format("http://{}:{}/", url_host(settings.server.address), server.bound_port());
  if (settings.server.address == "0.0.0.0" || settings.server.address == "::")
    spdlog::info("Patchwork is serving {} at {} (every network address of this machine; on this machine open http://{}:{}/ "
                 "in a browser). Stop with Ctrl+C.",
                 db->describe(), url, settings.server.address == "::" ? "[::1]" : "127.0.0.1", server.bound_port());
  else
    spdlog::info("Patchwork is serving {} at {}. Open it in a browser; stop with Ctrl+C.", db->describe(), url);
  server.run();
  return 0;
}

namespace {

// A progress bar on standard error, redrawn in place, only when it is a
// terminal: a log file or a pipe gets the summary alone.
class ProgressBar {
 public:
  explicit ProgressBar(std::uint64_t total) : total_(total), on_(isatty(STDERR_FILENO) == 1 && total > 0) {}
  void update(std::uint64_t done) {
    if (!on_) return;
    const int percent = int(std::min<std::uint64_t>(100, done * 100 / total_));
    if (percent == last_) return;
    last_ = percent;
    const int filled = percent * 40 / 100;
    std::cerr << "\r[" << std::string(std::size_t(filled), '#') << std::string(std::size_t(40 - filled), ' ') << "] " << percent << "% of "
              << (total_ / 1024) << " KB" << std::flush;
  }
  void done() {
    if (on_ && last_ >= 0) std::cerr << "\n";
  }

 private:
  std::uint64_t total_;
  bool on_;
  int last_ = -1;
};

}  // namespace

int import_statement(const std::string& target, const StatementImport& request) {
  try {
    std::optional<statements::Format> format;
    if (request.format != "auto") {
      format = io::statements::format_from_code(request.format);
      if (!format) {
        std::cerr << "patchwork: --format: use auto, csv, ofx, camt053 or card\n";
        return 2;
      }
    }
    std::ifstream file(request.file, std::ios::binary);
    if (!file) {
      std::cerr << "patchwork: --file: cannot read " << request.file << "\n";
      return 2;
    }
    std::error_code size_error;
    const auto size = std::filesystem::file_size(request.file, size_error);
    auto db = open_current(target, 1);
    auto lease = db->acquire();
    std::optional<accounts::Council> council;
    {
      storage::Transaction look(*lease, storage::TxMode::Read);
      // The account names its council, unless --council says which.
      if (!request.council_code) {
        if (auto id = storage::council_of_ledger_account(*lease, request.account)) council = storage::find_council(*lease, *id);
        if (!council) {
          std::cerr << "patchwork: --account: there is no ledger account " << request.account << "\n";
          return 2;
        }
      } else {
        council = council_for_command(*lease, request.council_code);
      }
    }
    if (!council) return 1;
    services::StatementImportRequest req;
    req.council = council->id;
    req.account = request.account;
    req.format = format;
    req.mapping = request.mapping;
    req.file_name = std::filesystem::path(request.file).filename().string();
    req.choice = request.without_rejected_lines ? io::statements::ImportChoice::WithoutRejectedLines
                                                : io::statements::ImportChoice::AllOrNothing;
    ProgressBar bar(size_error ? 0 : std::uint64_t(size));
    req.progress = [&](std::uint64_t bytes) { bar.update(bytes); };

    audit::AuditEntry entry;
    entry.council_id = council->id.value();
    entry.occurred_at = utc_timestamp_now();
    entry.action = std::string(audit::audit_action_code(audit::AuditAction::ImportStatement));
    entry.address = "patchwork import-statement";

    // One transaction: committed only when the import says so, so a refused
    // file, an error or a kill half way leaves nothing of it.
    std::optional<services::StatementImportResult> result;
    {
      storage::Transaction tx(*lease, storage::TxMode::Write);
      auto imported = services::import_statement(*lease, req, io::statements::source_from(file));
      bar.done();
      if (!imported) {
        std::cerr << "patchwork: --" << imported.error().front().field << ": " << imported.error().front().message << "\n";
        return 2;
      }
      result = std::move(*imported);
      if (result->account.person_id) entry.person_id = result->account.person_id->value();
      if (result->outcome == services::StatementImportResult::Outcome::Imported) {
        const auto& t = result->totals;
        entry.outcome = "allowed";
        entry.reason = fmt::format("statement {} imported into account {} as import {}: {} read, {} added, {} matched, {} already there, "
                                   "{} rejected, {} exceptions",
                                   req.file_name, req.account, t.id, t.lines_read, t.lines_added, t.lines_matched, t.lines_already,
                                   t.lines_rejected, t.exceptions);
        storage::append_audit(*lease, entry);
        tx.commit();
      }
    }
    const auto& r = *result;
    const auto& t = r.totals;
    if (r.outcome != services::StatementImportResult::Outcome::Imported) {
      // Rolled back; the refusal (and a wrong account's exception) kept on its own.
      storage::Transaction tx(*lease, storage::TxMode::Write);
      if (r.outcome == services::StatementImportResult::Outcome::WrongAccount) services::record_wrong_account(*lease, req, r);
      entry.outcome = "refused";
      entry.reason = "statement " + req.file_name + " for account " + std::to_string(req.account) + " refused: " + r.refusal;
      storage::append_audit(*lease, entry);
      tx.commit();
      std::cerr << "patchwork: " << req.file_name << " was not imported. " << r.refusal << "\n";
      std::size_t shown = 0;
      for (const auto* list : {&r.report.rejections, &r.rejections})
        for (const auto& rej : *list)
          if (shown++ < 20) std::cerr << "  line " << rej.line << ", " << rej.field << ": " << rej.reason << "\n";
      const auto all = r.report.lines_rejected + r.rejections.size();
      if (all > 20) std::cerr << "  and " << (all - 20) << " more.\n";
      return 2;
    }
    std::cout << "Imported " << req.file_name << " (" << r.report.format_detail << ") into "
              << ledger::account_label(r.account) << " (account " << r.account.id << "), import " << t.id << ":\n"
              << "  " << t.lines_read << " lines read\n"
              << "  " << t.lines_added << " added\n"
              << "  " << t.lines_matched << " matched to the council's payments\n"
              << "  " << t.lines_already << " already imported (duplicates of lines read before: nothing added)\n"
              << "  " << t.lines_rejected << " rejected\n"
              << "  " << t.exceptions << " exceptions to work\n";
    for (const auto& rej : r.report.rejections) std::cout << "  Rejected line " << rej.line << ", " << rej.field << ": " << rej.reason << "\n";
    for (const auto& rej : r.rejections) std::cout << "  Rejected line " << rej.line << ", " << rej.field << ": " << rej.reason << "\n";
    std::size_t shown = 0;
    for (const auto& e : r.exceptions) {
      if (shown++ >= 50) break;
      std::cout << "  Exception " << e.id << " (" << services::exception_kind_label(e.kind) << "): " << e.detail << "\n";
    }
    if (t.exceptions > 0) std::cout << "Work the exceptions at /finance/statement-exceptions.\n";
    return 0;
  } catch (const std::exception& e) {
    say_error(e.what());
    return 1;
  }
}

}  // namespace patchwork::app
