#include <gtest/gtest.h>

#include <sys/resource.h>

#include <algorithm>
#include <cstdio>
#include <cstring>

#include "io/statements/parse.hpp"
#include "io/statements/test_support.hpp"

namespace patchwork::io::statements {
namespace {

using testing::Collected;
using testing::sample;

ParseReport run(const std::string& text, Collected& c, const ParseOptions& o = {}) {
  return parse_camt053(source_from_text(text), c.handlers(), o);
}

std::string document(const std::string& version, const std::string& entries) {
  return "<?xml version=\"1.0\"?><Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001." + version +
         "\"><BkToCstmrStmt><GrpHdr><MsgId>M</MsgId></GrpHdr><Stmt><Id>S</Id><Acct><Id><IBAN>GB29NWBK60161331926819</IBAN></Id>"
         "<Ccy>GBP</Ccy></Acct>\n" + entries + "</Stmt></BkToCstmrStmt></Document>";
}

std::string entry(const std::string& amount, const std::string& cdi, const std::string& date, const std::string& extra = "") {
  return "<Ntry><Amt Ccy=\"GBP\">" + amount + "</Amt><CdtDbtInd>" + cdi + "</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>" + date +
         "</Dt></BookgDt>" + extra + "</Ntry>\n";
}

TEST(StatementCamt053, ReadsVersion02WithSeveralStatementsAndABatchedEntry) {
  for (const ParseOptions& o : {ParseOptions{}, testing::tiny_chunks()}) {
    Collected c;
    auto r = run(sample("camt053_v02.xml"), c, o);
    ASSERT_TRUE(r.clean()) << (r.fatal ? r.fatal->reason : r.rejections.at(0).reason);
    EXPECT_EQ(r.format_detail, "camt.053.001.02");
    ASSERT_EQ(c.starts.size(), 2u);
    EXPECT_EQ(c.starts[0].account.iban, "GB33BUKB20201555555555");
    EXPECT_EQ(c.starts[0].statement_id, "STMT-2026-11-A");
    EXPECT_EQ(c.starts[0].opening->pence, 100000);
    EXPECT_EQ(c.starts[0].closing->pence, 152500);   // camt.053 gives the closing balance before the lines
    EXPECT_EQ(c.starts[1].account.other_id, "87654321");
    EXPECT_EQ(c.starts[1].opening->pence, 5000);     // PRCD: the previous statement's closing
    ASSERT_EQ(c.lines.size(), 6u);                   // the pending entry is not on the account yet
    const auto& in = c.lines[0];
    EXPECT_EQ(in.bank_id, "NTRY-0001");
    EXPECT_EQ(in.amount_pence, 96000);
    EXPECT_EQ(in.payee, "NORTHSHIRE COUNCIL");      // money in: the debtor
    EXPECT_EQ(in.reference, "DIRECT PAYMENT 4 WEEKS");
    EXPECT_EQ(in.value_date->iso(), "2026-11-02");
    // The batch: one line a transaction, each with the entry's id and its own.
    EXPECT_EQ(c.lines[1].bank_id, "NTRY-0002/PAYROLL-ANNA");
    EXPECT_EQ(c.lines[1].amount_pence, -30000);
    EXPECT_EQ(c.lines[1].payee, "A NOWAK");          // money out: the creditor
    EXPECT_EQ(c.lines[2].bank_id, "NTRY-0002/PAYROLL-HMRC");
    EXPECT_EQ(c.lines[2].amount_pence, -13500);
    EXPECT_EQ(c.lines[2].statement_index, 0u);
    // The second statement: two identical lines without ids, and a reversal.
    EXPECT_EQ(c.lines[3].statement_index, 1u);
    EXPECT_EQ(c.lines[3].bank_id, "");
    EXPECT_EQ(c.lines[3].occurrence, 1u);
    EXPECT_EQ(c.lines[4].occurrence, 2u);
    EXPECT_EQ(c.lines[4].description, "CAFE ROMA");
    EXPECT_TRUE(c.lines[5].reversal);
    EXPECT_FALSE(c.lines[4].reversal);
    EXPECT_EQ(c.lines[5].amount_pence, 5000);
  }
}

TEST(StatementCamt053, ReadsVersion08WithItsWrappedStatusAndParties) {
  for (const ParseOptions& o : {ParseOptions{}, testing::tiny_chunks()}) {
    Collected c;
    auto r = run(sample("camt053_v08.xml"), c, o);
    ASSERT_TRUE(r.clean()) << (r.fatal ? r.fatal->reason : r.rejections.at(0).reason);
    EXPECT_EQ(r.format_detail, "camt.053.001.08");
    EXPECT_EQ(c.starts.at(0).account.iban, "GB29NWBK60161331926819");
    EXPECT_EQ(c.starts.at(0).closing->pence, -1000);
    EXPECT_EQ(c.starts.at(0).period_to->iso(), "2026-11-30");
    ASSERT_EQ(c.lines.size(), 3u);
    EXPECT_EQ(c.lines[0].bank_id, "8-0001/TX-1");
    EXPECT_EQ(c.lines[0].payee, "Brightside Care Ltd");
    EXPECT_EQ(c.lines[0].reference, "INV-1001");
    EXPECT_EQ(c.lines[0].booking_date.iso(), "2026-11-14");
    EXPECT_EQ(c.lines[0].value_date->iso(), "2026-11-15");
    EXPECT_EQ(c.lines[1].bank_id, "8-0001/TX-2");
    EXPECT_EQ(c.lines[2].bank_id, "8-0001/8-0001-C");
    EXPECT_EQ(c.lines[2].description, "Day centre lunch club");
    EXPECT_EQ(c.lines[0].amount_pence + c.lines[1].amount_pence + c.lines[2].amount_pence, -21000);
  }
}

TEST(StatementCamt053, EveryVersionFrom02To08IsReadAndNoOther) {
  for (const char* v : {"02", "03", "04", "05", "06", "07", "08"}) {
    Collected c;
    auto r = run(document(v, entry("1.00", "DBIT", "2026-11-01", "<AcctSvcrRef>X</AcctSvcrRef>")), c);
    EXPECT_TRUE(r.clean()) << v;
    EXPECT_EQ(c.lines.size(), 1u) << v;
  }
  Collected c;
  auto r = run(document("09", entry("1.00", "DBIT", "2026-11-01")), c);
  ASSERT_TRUE(r.fatal);
  EXPECT_NE(r.fatal->reason.find("camt.053.001.02 to camt.053.001.08"), std::string::npos);
  Collected n;
  std::string notification = document("08", "");
  notification.replace(notification.find("camt.053"), 8, "camt.054");
  auto rn = run(notification, n);
  ASSERT_TRUE(rn.fatal);
  EXPECT_NE(rn.fatal->reason.find("not a camt.053 statement"), std::string::npos);
}

// Found by the camt053 fuzz target: expat reports the end of an empty element
// even after its start stopped the parse, and the reader popped a stack it had
// never pushed.
TEST(StatementCamt053, AnEmptyElementThatStopsTheReadIsRefusedByName) {
  Collected c;
  auto r = run(std::string("<Te/>\xff\xffNtRKp47<"), c);
  ASSERT_TRUE(r.fatal);
  EXPECT_NE(r.fatal->reason.find("its root element is Te"), std::string::npos) << r.fatal->reason;
  Collected v;
  auto rv = run("<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.09\"/>", v);
  ASSERT_TRUE(rv.fatal);
  EXPECT_NE(rv.fatal->reason.find("camt.053.001.02 to camt.053.001.08"), std::string::npos) << rv.fatal->reason;
}

TEST(StatementCamt053, RejectsBadEntriesByLine) {
  std::string batch =
      "<Ntry><Amt Ccy=\"GBP\">10.00</Amt><CdtDbtInd>DBIT</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>2026-11-03</Dt></BookgDt>"
      "<AcctSvcrRef>B1</AcctSvcrRef><NtryDtls><TxDtls><Amt Ccy=\"GBP\">4.00</Amt></TxDtls><TxDtls><Amt Ccy=\"GBP\">5.00</Amt></TxDtls>"
      "</NtryDtls></Ntry>\n";
  Collected c;
  auto r = run(document("08", entry("1.005", "DBIT", "2026-11-01") + entry("1.00", "XXXX", "2026-11-01") +
                                  entry("1.00", "DBIT", "2026-13-01") + batch +
                                  entry("3.00", "DBIT", "2026-11-04", "<AcctSvcrRef>OK</AcctSvcrRef>") +
                                  "<Ntry><Amt Ccy=\"EUR\">1.00</Amt><CdtDbtInd>DBIT</CdtDbtInd><BookgDt><Dt>2026-11-05</Dt></BookgDt></Ntry>\n"),
               c);
  EXPECT_FALSE(r.fatal);
  ASSERT_EQ(r.lines_rejected, 5u);
  EXPECT_EQ(r.rejections[0].line, 2u);
  EXPECT_NE(r.rejections[0].reason.find("3 decimal places"), std::string::npos);
  EXPECT_EQ(r.rejections[1].field, "CdtDbtInd");
  EXPECT_EQ(r.rejections[2].field, "BookgDt");
  EXPECT_NE(r.rejections[3].reason.find("add up to -900 pence, not the entry's -1000"), std::string::npos);
  EXPECT_NE(r.rejections[4].reason.find("is in EUR but the account is in GBP"), std::string::npos);
  ASSERT_EQ(c.lines.size(), 1u);
  EXPECT_EQ(c.lines[0].bank_id, "OK");
}

TEST(StatementCamt053, AFileCutShortOrNotWellFormedIsRefusedWhole) {
  std::string whole = sample("camt053_v02.xml");
  for (std::size_t cut : {whole.size() / 3, whole.size() / 2, whole.size() - 20}) {
    Collected c;
    auto r = run(whole.substr(0, cut), c);
    ASSERT_TRUE(r.fatal) << cut;
    EXPECT_NE(r.fatal->reason.find("cut short"), std::string::npos) << r.fatal->reason;
    EXPECT_FALSE(may_import(r, ImportChoice::WithoutRejectedLines));
  }
  Collected d;
  auto r = run("<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY a \"aaaa\">]><Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.08\">&a;</Document>", d);
  ASSERT_TRUE(r.fatal);
  EXPECT_NE(r.fatal->reason.find("DOCTYPE"), std::string::npos);
  Collected latin;
  auto rl = run("<?xml version=\"1.0\" encoding=\"KOI8-R\"?><Document/>", latin);
  ASSERT_TRUE(rl.fatal);
  EXPECT_NE(rl.fatal->reason.find("windows-1252"), std::string::npos);
}

TEST(StatementCamt053, ReadsWindows1252Declared) {
  std::string doc = document("08", entry("1.00", "DBIT", "2026-11-01", "<AcctSvcrRef>A</AcctSvcrRef><AddtlNtryInf>\x80 CAF\xC9</AddtlNtryInf>"));
  doc.replace(doc.find("version=\"1.0\""), 13, "version=\"1.0\" encoding=\"windows-1252\"");
  Collected c;
  auto r = run(doc, c);
  ASSERT_TRUE(r.clean()) << (r.fatal ? r.fatal->reason : "");
  EXPECT_EQ(c.lines.at(0).description, "\xE2\x82\xAC CAF\xC3\x89");
}

long max_rss_kb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss;
}

TEST(StatementStreaming, AMillionCamt053EntriesInBoundedMemory) {
  const std::size_t total = 1'000'000;
  std::size_t next = 0;
  bool head = false, tail = false;
  std::string pending;
  auto source = [&](char* buffer, std::size_t size) -> std::size_t {
    while (pending.size() < size && !tail) {
      if (!head) {
        pending += "<?xml version=\"1.0\"?><Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.08\"><BkToCstmrStmt>"
                   "<Stmt><Id>S</Id><Acct><Id><IBAN>GB29NWBK60161331926819</IBAN></Id><Ccy>GBP</Ccy></Acct>\n";
        head = true;
      } else if (next < total) {
        char e[400];
        int n = std::snprintf(e, sizeof e,
                              "<Ntry><Amt Ccy=\"GBP\">%zu.%02zu</Amt><CdtDbtInd>DBIT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts>"
                              "<BookgDt><Dt>2026-%02zu-%02zu</Dt></BookgDt><AcctSvcrRef>E%zu</AcctSvcrRef>"
                              "<AddtlNtryInf>PAYEE %zu</AddtlNtryInf></Ntry>\n",
                              1 + next % 500, next % 100, 1 + next / 84000 % 12, 1 + next / 3000 % 28, next, next % 97);
        pending.append(e, static_cast<std::size_t>(n));
        ++next;
      } else {
        pending += "</Stmt></BkToCstmrStmt></Document>\n";
        tail = true;
      }
    }
    std::size_t n = std::min(size, pending.size());
    std::memcpy(buffer, pending.data(), n);
    pending.erase(0, n);
    return n;
  };
  std::uint64_t lines = 0;
  Handlers h;
  h.line = [&](const Line&) { ++lines; };
  long before = max_rss_kb();
  auto r = parse_camt053(source, h);
  ASSERT_FALSE(r.fatal) << r.fatal->reason;
  EXPECT_EQ(lines, total);
  EXPECT_GT(r.stats.bytes_read, 200'000'000u);
  EXPECT_LT(r.stats.peak_buffer_bytes, 1024u);
  EXPECT_LT(max_rss_kb() - before, 32 * 1024);
}

}  // namespace
}  // namespace patchwork::io::statements
