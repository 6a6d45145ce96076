#include <gtest/gtest.h>

#include "io/statements/parse.hpp"
#include "io/statements/test_support.hpp"

namespace patchwork::io::statements {
namespace {

using testing::Collected;
using testing::sample;

ParseReport run(const std::string& text, Collected& c, const ParseOptions& o = {}) {
  return parse_ofx(source_from_text(text), c.handlers(), o);
}

const std::string kHeader =
    "OFXHEADER:100\nDATA:OFXSGML\nVERSION:102\nSECURITY:NONE\nENCODING:USASCII\nCHARSET:NONE\n\n";

std::string statement(const std::string& transactions) {
  return kHeader +
         "<OFX><BANKMSGSRSV1><STMTTRNRS><STMTRS><CURDEF>GBP<BANKACCTFROM><BANKID>309634<ACCTID>12345678<ACCTTYPE>CHECKING"
         "</BANKACCTFROM><BANKTRANLIST><DTSTART>20261101<DTEND>20261130" +
         transactions + "</BANKTRANLIST></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>\n";
}

TEST(StatementOfx, ReadsOfx1SgmlWithoutClosingTagsInItsDeclaredCharset) {
  for (const ParseOptions& o : {ParseOptions{}, testing::tiny_chunks()}) {
    Collected c;
    auto r = run(sample("ofx1_sgml.ofx"), c, o);
    ASSERT_TRUE(r.clean()) << (r.fatal ? r.fatal->reason : r.rejections.at(0).reason);
    EXPECT_EQ(r.format_detail, "OFX 1.02 (SGML)");
    ASSERT_EQ(c.starts.size(), 1u);
    EXPECT_EQ(c.starts[0].account.sort_code, "309634");
    EXPECT_EQ(c.starts[0].account.account_number, "12345678");
    EXPECT_EQ(c.starts[0].currency, "GBP");
    EXPECT_EQ(c.starts[0].period_from->iso(), "2026-11-01");
    ASSERT_EQ(c.lines.size(), 3u);
    EXPECT_EQ(c.lines[0].bank_id, "2026110200001");
    EXPECT_EQ(c.lines[0].amount_pence, 96000);
    EXPECT_EQ(c.lines[0].payee, "NORTHSHIRE COUNCIL");
    EXPECT_EQ(c.lines[1].description, "WAGES WEEK 45 & 46");
    EXPECT_EQ(c.lines[1].value_date->iso(), "2026-11-07");  // DTAVAIL
    EXPECT_FALSE(c.lines[0].value_date);
    EXPECT_EQ(c.lines[1].booking_date.iso(), "2026-11-06");
    EXPECT_EQ(c.lines[1].source_line, 47u);
    // CHARSET:1252: É and £ become UTF-8.
    EXPECT_EQ(c.lines[2].payee, "CAF\xC3\x89 ROMA \xC2\xA3 TEA");
    // LEDGERBAL comes after the lines: the statement's end carries it.
    ASSERT_EQ(c.ends.size(), 1u);
    ASSERT_TRUE(c.ends[0].closing);
    EXPECT_EQ(c.ends[0].closing->pence, 165580);
    EXPECT_EQ(c.ends[0].closing->date->iso(), "2026-11-30");
  }
}

TEST(StatementOfx, ReadsOfx2XmlCardStatementsWithMerchantCodes) {
  for (const ParseOptions& o : {ParseOptions{}, testing::tiny_chunks()}) {
    Collected c;
    auto r = run(sample("ofx2.ofx"), c, o);
    ASSERT_TRUE(r.clean()) << (r.fatal ? r.fatal->reason : r.rejections.at(0).reason);
    EXPECT_EQ(r.format_detail, "OFX 2.x (XML)");
    EXPECT_EQ(c.starts.at(0).account.masked_card, "************1234");
    ASSERT_EQ(c.lines.size(), 2u);
    EXPECT_EQ(c.lines[0].merchant_category, 4121);
    EXPECT_EQ(c.lines[0].amount_pence, -1840);
    EXPECT_EQ(c.lines[1].payee, "ROXY CINEMA");
    EXPECT_EQ(c.lines[1].description, "");
    EXPECT_EQ(c.ends.at(0).closing->pence, -2590);
  }
}

TEST(StatementOfx, AFileCutShortIsRefusedWhole) {
  std::string whole = sample("ofx1_sgml.ofx");
  Collected c;
  auto r = run(whole.substr(0, whole.find("<LEDGERBAL>")), c);
  ASSERT_TRUE(r.fatal);
  EXPECT_NE(r.fatal->reason.find("cut short"), std::string::npos);
  EXPECT_FALSE(may_import(r, ImportChoice::WithoutRejectedLines));

  std::string xml = sample("ofx2.ofx");
  Collected x;
  auto rx = run(xml.substr(0, xml.size() / 2), x);
  ASSERT_TRUE(rx.fatal);
  EXPECT_NE(rx.fatal->reason.find("cut short"), std::string::npos);
}

TEST(StatementOfx, RejectsBadTransactionsByLine) {
  Collected c;
  auto r = run(statement("\n<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20261102<TRNAMT>-1.005<FITID>A</STMTTRN>"
                         "\n<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20261202<TRNAMT>-1.00<FITID>B</STMTTRN>"
                         "\n<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>2026110<TRNAMT>-1.00<FITID>C</STMTTRN>"
                         "\n<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20261103<TRNAMT>-1,50<FITID>D<NAME>Caf\xE9</STMTTRN>"
                         "\n<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20261103<TRNAMT>-2.50<FITID>E</STMTTRN>"),
               c);
  EXPECT_FALSE(r.fatal);
  ASSERT_EQ(r.lines_rejected, 4u);
  EXPECT_EQ(r.rejections[0].line, 9u);
  EXPECT_NE(r.rejections[0].reason.find("3 decimal places"), std::string::npos);
  EXPECT_NE(r.rejections[1].reason.find("after the statement's period ends"), std::string::npos);
  EXPECT_EQ(r.rejections[2].field, "DTPOSTED");
  EXPECT_NE(r.rejections[3].reason.find("not US-ASCII"), std::string::npos);
  ASSERT_EQ(c.lines.size(), 1u);
  EXPECT_EQ(c.lines[0].bank_id, "E");
}

TEST(StatementOfx, RefusesCharsetsItDoesNotReadAndFilesThatAreNotOfx) {
  std::string s = statement("");
  s.replace(s.find("CHARSET:NONE"), 12, "CHARSET:KOI8-R");
  Collected c;
  auto r = run(s, c);
  ASSERT_TRUE(r.fatal);
  EXPECT_NE(r.fatal->reason.find("KOI8-R"), std::string::npos);
  Collected inv;
  auto ri = run(kHeader + "<OFX><INVSTMTMSGSRSV1><INVSTMTTRNRS><INVSTMTRS><CURDEF>GBP</INVSTMTRS></INVSTMTTRNRS></INVSTMTMSGSRSV1></OFX>", inv);
  ASSERT_TRUE(ri.fatal);
  EXPECT_NE(ri.fatal->reason.find("no bank or credit card statement"), std::string::npos);
  Collected n;
  auto rn = run("Date,Amount\n", n);
  ASSERT_TRUE(rn.fatal);
  EXPECT_NE(rn.fatal->reason.find("not an OFX file"), std::string::npos);
}

TEST(StatementOfx, RefusesADoctypeSoNoEntityCanExpand) {
  Collected c;
  auto r = run("<?xml version=\"1.0\"?><!DOCTYPE OFX [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;\">]><OFX>&b;</OFX>", c);
  ASSERT_TRUE(r.fatal);
  EXPECT_NE(r.fatal->reason.find("DOCTYPE"), std::string::npos);
}

}  // namespace
}  // namespace patchwork::io::statements
