// Statement parsing at a large council's size: writes a bank CSV and a
// camt.053 file of N lines each (default 1,000,000) into a folder, then reads
// each back from disk through its parser, categorising every line by the
// council defaults, and prints lines per second. Parse only: the import into
// the ledger and the sqlite3 `.import` floor join it when the import lands
// (docs/performance.md).
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>

#include "domain/statements/categorise.hpp"
#include "io/statements/parse.hpp"

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
  return 0;
}
