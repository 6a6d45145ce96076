// The `patchwork` command.
#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>

#include <charconv>
#include <iostream>

#include "app/commands.hpp"
#include "http/public_url.hpp"

namespace {

// "127.0.0.1:8080" or "[::1]:8080" -> address and port.
bool split_listen(const std::string& listen, std::string& address, std::uint16_t& port) {
  auto colon = listen.rfind(':');
  if (colon == std::string::npos || colon == 0) return false;
  address = listen.substr(0, colon);
  if (address.size() > 2 && address.front() == '[' && address.back() == ']') address = address.substr(1, address.size() - 2);
  unsigned value = 0;
  auto rest = std::string_view(listen).substr(colon + 1);
  auto [p, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), value);
  if (ec != std::errc() || p != rest.data() + rest.size() || value > 65535) return false;
  port = std::uint16_t(value);
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace patchwork;
  CLI::App cli{"Patchwork: personal budgets in adult social care"};
  cli.require_subcommand(1);
  cli.set_version_flag("--version", PATCHWORK_VERSION);

  std::string db;
  auto add_db = [&db](CLI::App* sub) {
    sub->add_option("--db", db, "SQLite file, or a PostgreSQL connection string (postgresql://user@host:port/name)")
        ->envname("PATCHWORK_DB")
        ->required();
  };
  bool strong_hashes = false;
  auto add_strength = [&strong_hashes](CLI::App* sub) {
    sub->add_flag("--strong-password-hashes", strong_hashes, "hash passwords with Argon2id's 'moderate' cost instead of 'interactive'");
  };

  auto* init = cli.add_subcommand("init", "create Patchwork's tables in a new database (or bring an existing one up to date)");
  add_db(init);
  auto* migrate = cli.add_subcommand("migrate", "apply any migrations this Patchwork has that the database lacks");
  add_db(migrate);
  auto* demo = cli.add_subcommand("demo", "load a fictional council with one account of every role and a handful of people");
  add_db(demo);
  add_strength(demo);
  std::string questionnaire_file = PATCHWORK_SOURCE_DIR "/config/questionnaire.json";
  std::string ras_file = PATCHWORK_SOURCE_DIR "/config/ras.json";
  demo->add_option("--questionnaire", questionnaire_file, "the demo council's self-assessment questionnaire")->capture_default_str();
  demo->add_option("--ras", ras_file, "the demo council's resource allocation configuration")->capture_default_str();

  app::GenerateOptions generate_options;
  generate_options.questionnaire_file = questionnaire_file;
  generate_options.ras_file = ras_file;
  auto* generate = cli.add_subcommand("generate", "create synthetic councils and people, with their budgets, payments and statements, "
                                                  "for measuring Patchwork at scale (docs/performance.md)");
  add_db(generate);
  add_strength(generate);
  generate->add_option("--councils", generate_options.councils, "how many councils (153 is England)")->required();
  generate->add_option("--people", generate_options.people, "how many people in all councils together (about 1,500,000 is England)")->required();
  generate->add_option("--years", generate_options.years, "years of history before today, 1 to 10")->required();
  // As text: CLI11 would read "-5" into an unsigned number by wrapping it.
  generate->add_option("--seed", generate_options.seed_text, "the same seed gives the same data (0 to 18446744073709551615)")->required();
  generate->add_flag("--append", generate_options.append, "add councils to a database that already has some");
  generate->add_option("--today", generate_options.today, "the history's last day (YYYY-MM-DD), default today");
  generate->add_flag("--password-stdin", generate_options.password_stdin,
                     "read a password for the generated staff accounts from standard input (otherwise nobody can sign in as them)");
  generate->add_flag("!--no-progress", generate_options.progress, "do not show progress on the terminal");
  auto* questionnaire = cli.add_subcommand("questionnaire", "self-assessment questionnaires");
  questionnaire->require_subcommand(1);
  auto* questionnaire_load = questionnaire->add_subcommand("load", "load a new version of the council's questionnaire from a JSON file");
  auto* ras = cli.add_subcommand("ras", "resource allocation (RAS) configurations");
  ras->require_subcommand(1);
  auto* ras_load = ras->add_subcommand("load", "load a new RAS configuration from a JSON file (applied only when activated)");
  auto* thresholds = cli.add_subcommand("thresholds", "approval thresholds: the council's delegated authority, versioned by the date each takes effect");
  thresholds->require_subcommand(1);
  auto* thresholds_load = thresholds->add_subcommand("load", "load a new version of the council's approval thresholds from a JSON file");
  std::string definition_file, definition_council;
  for (auto* sub : {questionnaire_load, ras_load, thresholds_load}) {
    add_db(sub);
    sub->add_option("--file", definition_file, "the JSON file")->required();
    sub->add_option("--council", definition_council, "the council's code (needed when the database holds several)");
  }

  auto* serve = cli.add_subcommand("serve", "serve the web pages and the API");
  add_db(serve);
  add_strength(serve);
  std::string listen = "127.0.0.1:8080";
  http::Settings settings;
  settings.assets_folder = PATCHWORK_SOURCE_DIR "/node_modules/govuk-frontend/dist/govuk";
  settings.stylesheet = PATCHWORK_STYLESHEET;
  settings.scripts_folder = PATCHWORK_SOURCE_DIR "/src/web/scripts";
  int session_idle_minutes = 30, session_hours = 12;
  serve->add_option("--listen", listen, "address and port to listen on (:0 picks a free port)")->envname("PATCHWORK_LISTEN")->capture_default_str();
  serve->add_option("--workers", settings.server.worker_threads, "threads that run request handlers")->capture_default_str()->check(CLI::Range(1, 64));
  serve->add_option("--io-threads", settings.server.io_threads, "threads that do network I/O")->capture_default_str()->check(CLI::Range(1, 16));
  serve->add_option("--service-name", settings.service_name, "the name shown in the header")->capture_default_str();
  serve->add_flag("--secure-cookies", settings.secure_cookies, "mark cookies Secure with the __Host- prefix (use when served over HTTPS)");
  serve->add_flag("--trust-proxy", settings.server.trust_proxy, "believe X-Forwarded-Proto and X-Forwarded-For from a TLS proxy in front");
  serve->add_option("--session-idle-minutes", session_idle_minutes, "sign out after this long without a request")->capture_default_str()->check(CLI::Range(1, 24 * 60));
  serve->add_option("--session-hours", session_hours, "sign out this long after sign-in, whatever happens")->capture_default_str()->check(CLI::Range(1, 24 * 7));
  serve->add_option("--sign-in-failures", settings.sign_in.failures_per_account, "failed sign-ins for one username before it is paused")->capture_default_str()->check(CLI::Range(1, 1000));
  serve->add_option("--sign-in-failures-per-address", settings.sign_in.failures_per_address, "failed sign-ins from one address before it is paused")->capture_default_str()->check(CLI::Range(1, 100000));
  serve->add_option("--sqlite-optimize-seconds", settings.sqlite_optimize_seconds,
                    "SQLite: at most how often the query planner's statistics are refreshed while serving (0: whenever a connection is handed back)")
      ->envname("PATCHWORK_SQLITE_OPTIMIZE_SECONDS")->capture_default_str()->check(CLI::Range(0, 7 * 24 * 3600));
  int request_timeout = 30;
  serve->add_option("--request-timeout-seconds", request_timeout, "a request must arrive in full within this time (else 408)")->capture_default_str()->check(CLI::Range(1, 600));
  std::string public_url;
  serve->add_option("--public-url", public_url, "the address people reach Patchwork at, like https://patchwork.example.gov.uk (for links in letters)");
  serve->add_option("--assets", settings.assets_folder, "GOV.UK Frontend's dist/govuk folder")->capture_default_str();
  serve->add_option("--stylesheet", settings.stylesheet, "the compiled Patchwork stylesheet")->capture_default_str();

  auto* user = cli.add_subcommand("user", "manage accounts");
  user->require_subcommand(1);
  auto* user_add = user->add_subcommand("add", "add an account; the password is read from standard input");
  add_db(user_add);
  add_strength(user_add);
  app::NewUser new_user;
  bool password_stdin = false;
  std::string council_code;
  std::int64_t person_id = 0;
  user_add->add_option("--username", new_user.username, "lower-case letters, numbers, dots, hyphens, underscores")->required();
  user_add->add_option("--role", new_user.role, "administrator, social_worker, team_manager, finance_officer, commissioner, safeguarding_lead, provider, budget_holder, representative or head_of_service")->required();
  user_add->add_option("--name", new_user.display_name, "the person's name as shown on pages");
  user_add->add_option("--council", council_code, "the council's code (needed when the database holds several)");
  user_add->add_option("--person-id", person_id, "for a budget holder: the person the account belongs to");
  std::int64_t provider_id = 0;
  user_add->add_option("--provider", provider_id, "for a provider account: its organisation's id on the register (see `patchwork provider list`)");
  user_add->add_option("--phone", new_user.work_phone, "a work phone number, printed in the decision letters a social worker signs");
  user_add->add_flag("--password-stdin", password_stdin, "read the password from standard input")->required();

  auto* council = cli.add_subcommand("council", "councils: each holds its own people, staff and configuration");
  council->require_subcommand(1);
  auto* council_add = council->add_subcommand("add", "add a council with adult social care duties");
  add_db(council_add);
  std::string new_council_code, new_council_name;
  council_add->add_option("--code", new_council_code, "its ONS/GSS code: E06, E08, E09 or E10 and six digits, like E06000014")->required();
  council_add->add_option("--name", new_council_name, "its name, like \"City of York Council\"")->required();
  auto* council_list = council->add_subcommand("list", "the councils in the database, with their codes");
  add_db(council_list);

  auto* provider = cli.add_subcommand("provider", "the council's register of providers");
  provider->require_subcommand(1);
  auto* provider_add = provider->add_subcommand("add", "add a provider organisation to a council's register");
  auto* provider_list = provider->add_subcommand("list", "a council's register of providers, with their ids");
  app::NewProvider new_provider;
  std::string provider_council;
  for (auto* sub : {provider_add, provider_list}) {
    add_db(sub);
    sub->add_option("--council", provider_council, "the council's code (needed when the database holds several)");
  }
  provider_add->add_option("--name", new_provider.name, "the organisation's name")->required();
  provider_add->add_option("--kind", new_provider.kind,
                           "home_care_agency, day_service, micro_enterprise, community_group, personal_assistant or other")->required();
  provider_add->add_option("--cqc", new_provider.cqc_location_id, "its CQC location id when registered, like 1-123456789");
  provider_add->add_option("--phone", new_provider.phone, "a phone number");
  provider_add->add_option("--email", new_provider.email, "an email address");
  provider_add->add_option("--address", new_provider.address, "its address");

  auto* payment_run = cli.add_subcommand("payment-run", "prepare a payment run for a date, as a finance officer, for another to approve");
  add_db(payment_run);
  std::string run_council, run_date, run_as;
  payment_run->add_option("--council", run_council, "the council's code (needed when the database holds several)");
  payment_run->add_option("--date", run_date, "pay everything due up to this date, YYYY-MM-DD")->required();
  payment_run->add_option("--as", run_as, "the finance officer's username: whoever prepares a run cannot approve it")->required();

  auto* monitoring_check = cli.add_subcommand("monitoring-check", "check every budget holding account and raise monitoring flags with their evidence");
  add_db(monitoring_check);
  std::string check_council, check_date;
  monitoring_check->add_option("--council", check_council, "the council's code (needed when the database holds several)");
  monitoring_check->add_option("--date", check_date, "the day to check, YYYY-MM-DD (today when left out)");
  auto* import_statement = cli.add_subcommand("import-statement", "import a bank, card or camt.053 statement into a budget's holding account");
  add_db(import_statement);
  app::StatementImport statement_import;
  std::string import_council;
  import_statement->add_option("--council", import_council, "the council's code (needed when the database holds several)");
  import_statement->add_option("--account", statement_import.account, "the ledger account the statement is for (a direct payment or individual service fund)")->required();
  import_statement->add_option("--file", statement_import.file, "the statement file")->required();
  import_statement->add_option("--format", statement_import.format, "auto (the default), csv, ofx, camt053 or card");
  import_statement->add_option("--mapping", statement_import.mapping, "for a CSV: the bank's mapping (patchwork, lloyds, barclays, monzo, comma-decimal, prepaid-card)");
  import_statement->add_flag("--without-rejected-lines", statement_import.without_rejected_lines,
                             "import the lines that can be, and list the rest to be worked (otherwise any bad line refuses the file)");

  auto* report = cli.add_subcommand("report", "council-wide figures");
  report->require_subcommand(1);
  auto* report_sds = report->add_subcommand(
      "self-directed-support",
      "adults in long-term community support with a personal budget or a direct payment, by council, age band and dementia (docs/reports.md)");
  add_db(report_sds);
  app::SelfDirectedSupportReport sds_request;
  std::string sds_council;
  report_sds->add_option("--on", sds_request.on, "the date the figures are as at, YYYY-MM-DD (today when left out)");
  report_sds->add_option("--council", sds_council, "one council's code (every council when left out)");
  report_sds->add_option("--format", sds_request.format, "text (a table to read, the default) or csv");

  auto* backup = cli.add_subcommand("backup", "copy an SQLite database safely while Patchwork is running");
  add_db(backup);
  std::string backup_to;
  backup->add_option("--to", backup_to, "the new file to write")->required();

  auto* copy = cli.add_subcommand("copy-database",
                                  "copy every row of a Patchwork database into an empty one, such as from SQLite to PostgreSQL (README, \"Moving a council from SQLite to PostgreSQL\")");
  std::string copy_from, copy_to;
  bool copy_quiet = false;
  copy->add_option("--from", copy_from, "the database to copy: an SQLite file or a postgresql:// connection string")->required();
  copy->add_option("--to", copy_to, "the empty database to copy into (a new SQLite file is created)")->required();
  copy->add_flag("--no-progress", copy_quiet, "no progress line on the terminal");

  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return cli.exit(e);
  }

  auto strength = strong_hashes ? accounts::HashStrength::moderate() : accounts::HashStrength::interactive();
  if (init->parsed()) return app::init_database(db);
  if (migrate->parsed()) return app::migrate_database(db);
  if (demo->parsed()) return app::load_demo(db, strength, questionnaire_file, ras_file);
  if (generate->parsed()) {
    generate_options.db = db;
    generate_options.strength = strength;
    return app::generate(generate_options, std::cin);
  }
  if (questionnaire_load->parsed() || ras_load->parsed() || thresholds_load->parsed())
    return app::load_definition(db, questionnaire_load->parsed() ? app::Definition::Questionnaire
                                    : thresholds_load->parsed()  ? app::Definition::ApprovalThresholds
                                                                 : app::Definition::RasConfiguration,
                                definition_file, definition_council.empty() ? std::nullopt : std::optional(definition_council));
  if (user_add->parsed()) {
    if (!council_code.empty()) new_user.council_code = council_code;
    if (person_id > 0) new_user.person_id = PersonId(person_id);
    if (provider_id > 0) new_user.provider_id = ProviderId(provider_id);
    return app::add_user(db, new_user, std::cin, strength);
  }
  if (backup->parsed()) return app::backup_database(db, backup_to);
  if (copy->parsed()) return app::copy_database(copy_from, copy_to, !copy_quiet);
  if (report_sds->parsed()) {
    if (!sds_council.empty()) sds_request.council_code = sds_council;
    return app::self_directed_support_report(db, sds_request, std::cout);
  }
  if (monitoring_check->parsed())
    return app::monitoring_check(db, check_council.empty() ? std::nullopt : std::optional(check_council), check_date);
  if (import_statement->parsed()) {
    if (!import_council.empty()) statement_import.council_code = import_council;
    return app::import_statement(db, statement_import);
  }
  if (payment_run->parsed())
    return app::prepare_payment_run(db, run_council.empty() ? std::nullopt : std::optional(run_council), run_date, run_as);
  if (provider_add->parsed() || provider_list->parsed()) {
    std::optional<std::string> code = provider_council.empty() ? std::nullopt : std::optional(provider_council);
    if (provider_list->parsed()) return app::list_providers(db, code);
    new_provider.council_code = code;
    return app::add_provider(db, new_provider);
  }
  if (council_add->parsed()) return app::add_council(db, new_council_code, new_council_name);
  if (council_list->parsed()) return app::list_councils(db);
  if (serve->parsed()) {
    if (!split_listen(listen, settings.server.address, settings.server.port)) {
      std::cerr << "patchwork: --listen must be HOST:PORT, like 127.0.0.1:8080\n";
      return 2;
    }
    if (!public_url.empty()) {
      auto parsed = http::parse_public_url(public_url);
      if (!parsed) {
        std::cerr << "patchwork: --public-url: " << parsed.error() << "\n";
        return 2;
      }
      settings.public_url = *parsed;
    }
    settings.database = db;
    settings.hash_strength = strength;
    settings.server.request_timeout = std::chrono::seconds(request_timeout);
    settings.sessions.idle = std::chrono::minutes(session_idle_minutes);
    settings.sessions.absolute = std::chrono::hours(session_hours);
    spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%eZ %l %v", spdlog::pattern_time_type::utc);
    return app::serve(std::move(settings));
  }
  return 2;
}
