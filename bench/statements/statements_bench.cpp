// Statement import at a large council's size: writes a bank CSV and a
// camt.053 file of N lines each (default 1,000,000) into a folder, then
//   1. reads each back through its parser, categorising every line (parse only);
//   2. imports each through the product (services::import_statement: line
//      identity, categorisation by the defaults and learned rules, a ledger
//      transfer and a statement line for every line, in one transaction) into
//      a fresh SQLite database;
//   3. times the sqlite3 shell's `.import` of the same CSV into a bare table,
//      the floor, and prints the ratio of the two (issue 16's goal: at least 0.5).
// docs/performance.md has the figures.
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>

#include "domain/statements/categorise.hpp"
#include "io/statements/parse.hpp"
#include "services/ledger_service.hpp"
#include "services/statements_service.hpp"
#include "storage/migrations.hpp"
#include "storage/repositories/accounts_repository.hpp"
#include "storage/repositories/people_repository.hpp"
#include "storage/repositories/statements_repository.hpp"

using namespace patchwork;
using namespace patchwork::io::statements;

namespace {

const char* kPayees[] = {"A NOWAK", "HMRC CUMBERNAULD", "BRIGHTSIDE CARE LTD", "NORTHSHIRE TAXIS", "TESCO STORES 2041"};

void write_csv(const std::string& path, std::size_t lines) {
  std::ofstream out(path, std::ios::binary);
  out << "Id,Date,Payee,Description,Reference,Amount,Balance\n";
  char buf[256];
  for (std::size_t i = 0; i < lines; ++i) {
    int n = std::snprintf(buf, sizeof buf, "T%zu,2026-%02zu-01,%s,\"Payment, %zu\",REF%zu,-%zu.%02zu,\n", i,
                          1 + i * 12 / lines, kPayees[i % 5], i, i % 1000, 1 + i % 400, i % 100);
    out.write(buf, n);
  }
}

void write_camt(const std::string& path, std::size_t lines) {
  std::ofstream out(path, std::ios::binary);
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.08\">"
         "<BkToCstmrStmt><GrpHdr><MsgId>BENCH</MsgId></GrpHdr><Stmt><Id>S1</Id><Acct><Id><IBAN>GB29NWBK60161331926819</IBAN>"
         "</Id><Ccy>GBP</Ccy></Acct>\n";
  char buf[600];
  for (std::size_t i = 0; i < lines; ++i) {
    int n = std::snprintf(buf, sizeof buf,
                          "<Ntry><Amt Ccy=\"GBP\">%zu.%02zu</Amt><CdtDbtInd>DBIT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts>"
                          "<BookgDt><Dt>2026-%02zu-01</Dt></BookgDt><AcctSvcrRef>E%zu</AcctSvcrRef><NtryDtls><TxDtls>"
                          "<RltdPties><Cdtr><Pty><Nm>%s</Nm></Pty></Cdtr></RltdPties><RmtInf><Ustrd>REF%zu</Ustrd></RmtInf>"
                          "</TxDtls></NtryDtls></Ntry>\n",
                          1 + i % 400, i % 100, 1 + i * 12 / lines, i, kPayees[i % 5], i % 1000);
    out.write(buf, n);
  }
  out << "</Stmt></BkToCstmrStmt></Document>\n";
}

void measure(const char* what, const std::string& path, std::optional<Format> format) {
  std::ifstream in(path, std::ios::binary);
  std::size_t lines = 0, categorised = 0;
  const auto& rules = statements::default_rules();
  Handlers h;
  h.line = [&](const statements::Line& l) {
    ++lines;
    if (statements::categorise(l, rules).category) ++categorised;
  };
  auto start = std::chrono::steady_clock::now();
  auto report = parse_statement(source_from(in), format, builtin_mapping("patchwork"), h);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (report.fatal || report.lines_rejected) {
    std::cerr << what << ": the generated file was refused: "
              << (report.fatal ? report.fatal->reason : report.rejections.at(0).reason) << "\n";
    std::exit(1);
  }
  std::printf("%-26s %9zu lines %8.1f MB %7.2f s %10.0f lines/s  (%zu categorised; buffer peak %zu bytes)\n", what, lines,
              static_cast<double>(report.stats.bytes_read) / 1e6, seconds, static_cast<double>(lines) / seconds, categorised,
              report.stats.peak_buffer_bytes);
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// One import through the product into a new person's direct payment account,
// paid enough by the council first that no spending runs it below zero.
double import_through_product(storage::Connection& c, CouncilId council, int n, const std::string& path, Format format) {
  storage::Transaction setup(c, storage::TxMode::Write);
  auto person = storage::insert_person(c, {PersonId(), council, "Bench", "Person " + std::to_string(n), CivilDate(1940, 1, 1),
                                           std::nullopt, std::nullopt});
  auto holding = services::holding_account(c, council, person, "A", budgets::Mechanism::DirectPayment).value();
  auto funding = services::council_account(c, council, ledger::AccountKind::CouncilFunding).value();
  const std::vector<ledger::Transfer> paid{{"pay:" + std::to_string(person.value()) + ":A:2025-12-01", funding, holding,
                                            Money::from_pence(100'000'000'000), CivilDate(2025, 12, 1), "Bench payment", std::nullopt}};
  services::post(c, council, paid).value();
  setup.commit();

  std::ifstream in(path, std::ios::binary);
  auto start = std::chrono::steady_clock::now();
  storage::Transaction tx(c, storage::TxMode::Write);
  services::StatementImportRequest req;
  req.council = council;
  req.account = holding;
  req.format = format;
  req.mapping = format == Format::Csv ? "patchwork" : "";
  req.file_name = path;
  auto r = services::import_statement(c, req, source_from(in));
  if (!r || r->outcome != services::StatementImportResult::Outcome::Imported) {
    std::cerr << "the import was refused: " << (r ? r->refusal : r.error().front().message) << "\n";
    std::exit(1);
  }
  tx.commit();
  const double seconds = seconds_since(start);
  std::printf("%-26s %9lld lines %7.2f s %10.0f lines/s  (%lld added, %lld exceptions)\n",
              format == Format::Csv ? "CSV, import" : "camt.053, import", static_cast<long long>(r->totals.lines_read), seconds,
              static_cast<double>(r->totals.lines_read) / seconds, static_cast<long long>(r->totals.lines_added),
              static_cast<long long>(r->totals.exceptions));
  return seconds;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: statements_bench FOLDER [LINES]\n";
    return 2;
  }
  std::string dir = argv[1];
  std::size_t lines = argc > 2 ? std::stoul(argv[2]) : 1'000'000;
  write_csv(dir + "/statement.csv", lines);
  write_camt(dir + "/statement.xml", lines);
  measure("CSV, parse + categorise", dir + "/statement.csv", Format::Csv);
  measure("camt.053, parse + categorise", dir + "/statement.xml", Format::Camt053);

  // The product's import into a fresh SQLite ledger.
  const std::string db_path = dir + "/ledger.db";
  std::filesystem::remove(db_path);
  auto db = storage::open_database(db_path, {1, true});
  auto lease = db->acquire();
  storage::migrate(*lease);
  CouncilId council;
  {
    storage::Transaction tx(*lease, storage::TxMode::Write);
    council = storage::insert_council(*lease, "E06000001", "Bench");
    // What a worker would have taught: the PA and the supermarket (the
    // defaults know HMRC; taxis and care are learned too, as a council would).
    storage::insert_learned_category_rule(*lease, council, "pa_wages payee=\"a nowak\"", "bench", std::nullopt);
    storage::insert_learned_category_rule(*lease, council, "other payee=\"tesco stores 2041\"", "bench", std::nullopt);
    storage::insert_learned_category_rule(*lease, council, "transport payee=\"northshire taxis\"", "bench", std::nullopt);
    storage::insert_learned_category_rule(*lease, council, "agency_care payee=\"brightside care ltd\"", "bench", std::nullopt);
    tx.commit();
  }
  const double csv_import = import_through_product(*lease, council, 1, dir + "/statement.csv", Format::Csv);
  import_through_product(*lease, council, 2, dir + "/statement.xml", Format::Camt053);

  // The floor: the sqlite3 shell's .import of the same CSV into a bare table.
  const std::string floor_db = dir + "/floor.db";
  std::filesystem::remove(floor_db);
  const std::string command = "sqlite3 '" + floor_db + "' '.import --csv " + dir + "/statement.csv bare'";
  auto start = std::chrono::steady_clock::now();
  if (std::system(command.c_str()) != 0) {
    std::cerr << "sqlite3 .import failed (is the sqlite3 shell installed?)\n";
    return 1;
  }
  const double floor = seconds_since(start);
  std::printf("%-26s %9zu lines %7.2f s %10.0f lines/s\n", "sqlite3 .import (floor)", lines, floor, static_cast<double>(lines) / floor);
  const double ratio = floor / csv_import;
  std::printf("ratio: Patchwork's CSV import runs at %.2f of the bare .import's speed (goal: at least 0.50) -> %s\n", ratio,
              ratio >= 0.5 ? "met" : "NOT met");
  return 0;
}
