#include <gtest/gtest.h>

#include <sys/resource.h>

#include <algorithm>
#include <cstdio>
#include <cstring>

#include "io/statements/common.hpp"
#include "io/statements/parse.hpp"
#include "io/statements/test_support.hpp"

namespace patchwork::io::statements {
namespace {

using testing::Collected;
using testing::sample;

CsvMapping mapping(const std::string& text) {
  auto r = parse_mapping(text);
  EXPECT_TRUE(r.errors.empty()) << (r.errors.empty() ? "" : r.errors[0]);
  return *r.mapping;
}

const char* kSimple = "name = simple\ndate_format = YYYY-MM-DD\ncolumn.date = Date\ncolumn.payee = Payee\ncolumn.amount = Amount\n";

ParseReport run(const std::string& text, const CsvMapping& m, Collected& c, const ParseOptions& o = {}) {
  return parse_csv(source_from_text(text), m, c.handlers(), o);
}

TEST(StatementCsv, ReadsALloydsFileWithAByteOrderMarkQuotedCommasAndDoubledQuotes) {
  std::string file = sample("lloyds.csv");
  ASSERT_EQ(file.substr(0, 3), "\xEF\xBB\xBF");
  for (const ParseOptions& o : {ParseOptions{}, testing::tiny_chunks()}) {
    Collected c;
    auto r = run(file, *builtin_mapping("lloyds"), c, o);
    ASSERT_TRUE(r.clean()) << (r.fatal ? r.fatal->reason : r.rejections.at(0).reason);
    ASSERT_EQ(c.lines.size(), 3u);
    EXPECT_EQ(c.lines[0].description, "TESCO STORES 2041, NORTHSHIRE");
    EXPECT_EQ(c.lines[0].amount_pence, -2345);
    EXPECT_EQ(c.lines[0].booking_date.iso(), "2026-11-14");
    EXPECT_EQ(c.lines[0].running_balance_pence, 123655);
    EXPECT_EQ(c.lines[0].source_line, 2u);
    EXPECT_EQ(c.lines[1].description, "A NOWAK \"WAGES\"");
    EXPECT_EQ(c.lines[2].amount_pence, 96000);
    EXPECT_EQ(c.lines[2].currency, "GBP");
    // Newest first: the opening balance is the oldest line's less its amount.
    ASSERT_EQ(c.ends.size(), 1u);
    ASSERT_TRUE(c.ends[0].opening && c.ends[0].closing);
    EXPECT_EQ(c.ends[0].opening->pence, 60000);
    EXPECT_EQ(c.ends[0].opening->date->iso(), "2026-11-02");
    EXPECT_EQ(c.ends[0].closing->pence, 123655);
  }
}

TEST(StatementCsv, ReadsCommaDecimalsAndSemicolons) {
  Collected c;
  auto r = run(sample("comma_decimal.csv"), *builtin_mapping("comma-decimal"), c);
  ASSERT_TRUE(r.clean());
  ASSERT_EQ(c.lines.size(), 2u);
  EXPECT_EQ(c.lines[0].amount_pence, -123456);
  EXPECT_EQ(c.lines[0].running_balance_pence, 876544);
  EXPECT_EQ(c.lines[1].amount_pence, -550);
  EXPECT_EQ(c.lines[1].description, "Rezept; Zuzahlung");
}

TEST(StatementCsv, AmountsAreReadExactlyOrRefused) {
  EXPECT_EQ(parse_amount("1,234.56", DecimalStyle::Point).pence, 123456);
  EXPECT_EQ(parse_amount("-0.05", DecimalStyle::Point).pence, -5);
  EXPECT_EQ(parse_amount("\xC2\xA3" "12.5", DecimalStyle::Point).pence, 1250);
  EXPECT_EQ(parse_amount("(3.00)", DecimalStyle::Point).pence, -300);
  EXPECT_EQ(parse_amount("12.50-", DecimalStyle::Point).pence, -1250);
  EXPECT_EQ(parse_amount("1.234,56", DecimalStyle::Comma).pence, 123456);
  EXPECT_EQ(parse_amount("1 234,56", DecimalStyle::Comma).pence, 123456);
  EXPECT_EQ(parse_amount("1234", DecimalStyle::Comma).pence, 123400);
  EXPECT_FALSE(parse_amount("12.345", DecimalStyle::Point).pence);
  EXPECT_NE(parse_amount("12.345", DecimalStyle::Point).problem.find("3 decimal places"), std::string::npos);
  EXPECT_FALSE(parse_amount("1,23", DecimalStyle::Point).pence);      // wrong style for this bank
  EXPECT_FALSE(parse_amount("1.234.56", DecimalStyle::Point).pence);
  EXPECT_FALSE(parse_amount("12,34.56", DecimalStyle::Point).pence);
  EXPECT_FALSE(parse_amount("12.", DecimalStyle::Point).pence);
  EXPECT_FALSE(parse_amount("abc", DecimalStyle::Point).pence);
  EXPECT_FALSE(parse_amount("99999999999999.00", DecimalStyle::Point).pence);  // 14 digits of pounds
  EXPECT_EQ(parse_amount("9999999999999.99", DecimalStyle::Point).pence, kMaxAmountPence);
}

TEST(StatementCsv, DatesFollowTheMappingsFormat) {
  EXPECT_EQ(parse_date("03/11/2026", "DD/MM/YYYY")->iso(), "2026-11-03");
  EXPECT_EQ(parse_date("3/1/2026", "DD/MM/YYYY")->iso(), "2026-01-03");
  EXPECT_EQ(parse_date("03 Nov 2026", "DD MMM YYYY")->iso(), "2026-11-03");
  EXPECT_EQ(parse_date("2026-11-03T10:32:00", "YYYY-MM-DD")->iso(), "2026-11-03");
  EXPECT_EQ(parse_date("03.11.26", "DD.MM.YY")->iso(), "2026-11-03");
  EXPECT_FALSE(parse_date("31/02/2026", "DD/MM/YYYY"));
  EXPECT_FALSE(parse_date("2026-11-03", "DD/MM/YYYY"));
  EXPECT_FALSE(parse_date("03/11/2026x", "DD/MM/YYYY"));
  EXPECT_FALSE(valid_date_format("DD/DD/YYYY"));
  EXPECT_FALSE(valid_date_format("YYYY%MM%DD"));
}

TEST(StatementCsv, ALineWithThreeDecimalsIsRejectedByLineAndTheRestRead) {
  Collected c;
  auto r = run("Date,Payee,Amount\n2026-11-01,A,-1.00\n2026-11-02,B,-12.345\n2026-11-03,C,-2.00\n", mapping(kSimple), c);
  EXPECT_FALSE(r.fatal);
  EXPECT_EQ(c.lines.size(), 2u);
  ASSERT_EQ(r.lines_rejected, 1u);
  EXPECT_EQ(r.rejections[0].line, 3u);
  EXPECT_EQ(r.rejections[0].field, "amount");
  EXPECT_NE(r.rejections[0].reason.find("3 decimal places"), std::string::npos);
  EXPECT_TRUE(may_import(r, ImportChoice::WithoutRejectedLines));
  EXPECT_FALSE(may_import(r, ImportChoice::AllOrNothing));
}

TEST(StatementCsv, DatesOutOfTheOrderTheBankPromisesAreRejected) {
  std::string m = std::string(kSimple) + "order = oldest_first\n";
  Collected c;
  auto r = run("Date,Payee,Amount\n2026-11-01,A,-1.00\n2026-11-05,B,-2.00\n2026-11-02,C,-3.00\n2026-11-06,D,-4.00\n", mapping(m), c);
  EXPECT_EQ(c.lines.size(), 3u);
  ASSERT_EQ(r.lines_rejected, 1u);
  EXPECT_EQ(r.rejections[0].line, 4u);
  EXPECT_NE(r.rejections[0].reason.find("before the line above it (2026-11-05)"), std::string::npos);
  // Without a promise the same file is read whole (each line has its own date).
  Collected any;
  EXPECT_TRUE(run("Date,Payee,Amount\n2026-11-01,A,-1.00\n2026-11-05,B,-2.00\n2026-11-02,C,-3.00\n", mapping(kSimple), any).clean());
}

TEST(StatementCsv, IdenticalLinesOnOneDayAreCountedSoBothStay) {
  Collected c;
  auto r = run("Date,Payee,Amount\n2026-11-01,CAFE,-2.80\n2026-11-01,CAFE,-2.80\n2026-11-01,Cafe.,-2.80\n2026-11-02,CAFE,-2.80\n",
               mapping(kSimple), c);
  ASSERT_TRUE(r.clean());
  ASSERT_EQ(c.lines.size(), 4u);
  EXPECT_EQ(c.lines[0].occurrence, 1u);
  EXPECT_EQ(c.lines[1].occurrence, 2u);
  EXPECT_EQ(c.lines[2].occurrence, 3u);  // the same words once normalised
  EXPECT_EQ(c.lines[3].occurrence, 1u);  // another day
}

TEST(StatementCsv, LinesWithoutIdsMustKeepEachDateTogether) {
  Collected c;
  auto r = run("Date,Payee,Amount\n2026-11-01,A,-1.00\n2026-11-02,B,-2.00\n2026-11-01,A,-1.00\n", mapping(kSimple), c);
  ASSERT_EQ(r.lines_rejected, 1u);
  EXPECT_EQ(r.rejections[0].line, 4u);
  EXPECT_NE(r.rejections[0].reason.find("lines of that date came earlier"), std::string::npos);
}

TEST(StatementCsv, AFileCutShortInsideAQuotedFieldIsRefusedWhole) {
  Collected c;
  auto r = run("Date,Payee,Amount\n2026-11-01,A,-1.00\n2026-11-02,\"B, unfinished", mapping(kSimple), c);
  ASSERT_TRUE(r.fatal);
  EXPECT_EQ(r.fatal->line, 3u);
  EXPECT_NE(r.fatal->reason.find("cut short"), std::string::npos);
  EXPECT_FALSE(may_import(r, ImportChoice::WithoutRejectedLines));
}

TEST(StatementCsv, AFileOfAnotherShapeIsRefusedNamingTheMissingColumn) {
  Collected c;
  auto r = run(sample("ofx1_sgml.ofx"), *builtin_mapping("lloyds"), c);
  ASSERT_TRUE(r.fatal);
  EXPECT_NE(r.fatal->reason.find("no column 'Transaction Date'"), std::string::npos);
  EXPECT_TRUE(c.lines.empty());
}

TEST(StatementCsv, EncodingsOtherThanUtf8AreRefusedUnlessTheMappingSaysSo) {
  Collected utf16;
  auto r16 = run("\xFF\xFE" "D\0a\0", mapping(kSimple), utf16);
  ASSERT_TRUE(r16.fatal);
  EXPECT_NE(r16.fatal->reason.find("UTF-16"), std::string::npos);

  const std::string latin = "Date,Payee,Amount\n2026-11-01,CAF\xC9 \xA3" "5,-1.00\n2026-11-02,B,-2.00\n";
  Collected bad;
  auto r = run(latin, mapping(kSimple), bad);
  ASSERT_EQ(r.lines_rejected, 1u);
  EXPECT_EQ(r.rejections[0].line, 2u);
  EXPECT_EQ(r.rejections[0].field, "encoding");
  EXPECT_NE(r.rejections[0].reason.find("windows-1252"), std::string::npos);

  Collected good;
  auto ok = run(latin, mapping(std::string(kSimple) + "encoding = windows-1252\n"), good);
  ASSERT_TRUE(ok.clean());
  EXPECT_EQ(good.lines[0].payee, "CAF\xC3\x89 \xC2\xA3" "5");
}

TEST(StatementCsv, ShortLinesAndLongLinesAreRejectedByLine) {
  Collected c;
  std::string file = "Date,Payee,Amount\n2026-11-01,A\n2026-11-02,\"" + std::string(70000, 'x') + "\",-1.00\n2026-11-03,C,-3.00\n";
  auto r = run(file, mapping(kSimple), c);
  EXPECT_FALSE(r.fatal);
  ASSERT_EQ(r.lines_rejected, 2u);
  EXPECT_EQ(r.rejections[0].line, 2u);
  EXPECT_NE(r.rejections[0].reason.find("has 2 fields"), std::string::npos);
  EXPECT_EQ(r.rejections[1].line, 3u);
  EXPECT_NE(r.rejections[1].reason.find("64 KB"), std::string::npos);
  EXPECT_EQ(c.lines.size(), 1u);
  EXPECT_LE(r.stats.peak_buffer_bytes, 2 * 64 * 1024u + 2);
}

TEST(StatementCsv, DebitAndCreditColumnsAndAnInvertedSign) {
  auto m = mapping("name = dc\ndate_format = DD/MM/YYYY\ncolumn.date = #1\ncolumn.description = #2\ncolumn.debit = #3\ncolumn.credit = #4\nheader = no\n");
  Collected c;
  auto r = run("01/11/2026,Rent,10.00,\n02/11/2026,Refund,,4.00\n03/11/2026,Both,1.00,2.00\n", m, c);
  ASSERT_EQ(c.lines.size(), 2u);
  EXPECT_EQ(c.lines[0].amount_pence, -1000);
  EXPECT_EQ(c.lines[1].amount_pence, 400);
  ASSERT_EQ(r.lines_rejected, 1u);
  EXPECT_NE(r.rejections[0].reason.find("both a debit and a credit"), std::string::npos);

  auto inverted = mapping(std::string(kSimple) + "sign = inverted\n");
  Collected i;
  run("Date,Payee,Amount\n2026-11-01,SHOP,5.00\n", inverted, i);
  ASSERT_EQ(i.lines.size(), 1u);
  EXPECT_EQ(i.lines[0].amount_pence, -500);
}

TEST(StatementCardCsv, ReadsMerchantCategoryCodesAndKeepsOnlyAMaskedCard) {
  Collected c;
  auto r = run(sample("prepaid_card.csv"), *builtin_mapping("prepaid-card"), c, testing::tiny_chunks());
  ASSERT_TRUE(r.clean());
  EXPECT_EQ(r.format, Format::Card);
  ASSERT_EQ(c.lines.size(), 3u);
  EXPECT_EQ(c.lines[0].merchant_category, 4121);
  EXPECT_EQ(c.lines[1].merchant_category, 7995);
  EXPECT_EQ(c.lines[0].bank_id, "PC-1001");
  ASSERT_EQ(c.starts.size(), 1u);
  EXPECT_EQ(c.starts[0].account.masked_card, "************4321");
  EXPECT_EQ(c.ends[0].opening->pence, 50000);

  // A file that gives the whole card number: only the last four digits are kept.
  Collected full;
  auto rf = run("Transaction ID,Date,Card,Merchant,MCC,Description,Amount,Balance\n"
                "X1,2026-11-03,4929 1234 5678 4321,SHOP,5411,Food,-1.00,\n"
                "X2,2026-11-04,4929 1234 5678 9999,SHOP,5411,Food,-1.00,\n"
                "X3,2026-11-05,4929123456784321,SHOP,54x1,Food,-1.00,\n",
                *builtin_mapping("prepaid-card"), full);
  EXPECT_EQ(full.starts.at(0).account.masked_card, "************4321");
  ASSERT_EQ(rf.lines_rejected, 2u);
  EXPECT_NE(rf.rejections[0].reason.find("is for card ************9999"), std::string::npos);
  EXPECT_EQ(rf.rejections[1].field, "merchant_category");
  EXPECT_EQ(mask_card("XXXXXXXXXXXX1234"), "************1234");
  EXPECT_EQ(mask_card("not a card"), "");
}

TEST(StatementMapping, IsDataThatReadsBackUnchangedAndNamesEachMistake) {
  for (const auto& m : builtin_mappings()) {
    auto again = parse_mapping(write_mapping(m));
    ASSERT_TRUE(again.errors.empty()) << m.name;
    EXPECT_EQ(write_mapping(*again.mapping), write_mapping(m));
  }
  auto bad = parse_mapping("name = Bad Name\ndate_format = YYYY/DD\ncolumn.amount = Amount\ncolumn.debit = Out\ncolumn.colour = x\n");
  EXPECT_FALSE(bad.mapping);
  auto has = [&](const std::string& start) {
    for (const auto& e : bad.errors)
      if (e.rfind(start, 0) == 0) return true;
    return false;
  };
  EXPECT_TRUE(has("name:"));
  EXPECT_TRUE(has("date_format:"));
  EXPECT_TRUE(has("column.colour:"));
  EXPECT_TRUE(has("column.date:"));
  EXPECT_TRUE(has("column.amount:"));
}

TEST(StatementDetection, KnowsEachFormatFromItsFirstBytes) {
  EXPECT_EQ(detect_format(sample("ofx1_sgml.ofx")).format, Format::Ofx);
  EXPECT_EQ(detect_format(sample("ofx2.ofx")).format, Format::Ofx);
  EXPECT_EQ(detect_format(sample("camt053_v02.xml")).format, Format::Camt053);
  auto lloyds = detect_format(sample("lloyds.csv"));
  EXPECT_EQ(lloyds.format, Format::Csv);
  EXPECT_EQ(lloyds.mapping, "lloyds");
  auto card = detect_format(sample("prepaid_card.csv"));
  EXPECT_EQ(card.format, Format::Card);
  EXPECT_EQ(card.mapping, "prepaid-card");
  EXPECT_FALSE(detect_format("%PDF-1.7").format);
  EXPECT_NE(detect_format("%PDF-1.7").why.find("PDF"), std::string::npos);
  EXPECT_FALSE(detect_format("Some,Other,Header\n1,2,3\n").format);
  EXPECT_NE(detect_format("<?xml version=\"1.0\"?><Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.054.001.08\"/>").why.find("camt.054"),
            std::string::npos);

  Collected c;
  auto r = parse_statement(source_from_text(sample("lloyds.csv")), std::nullopt, nullptr, c.handlers(), testing::tiny_chunks());
  EXPECT_TRUE(r.clean());
  EXPECT_EQ(c.lines.size(), 3u);
  Collected none;
  auto unknown = parse_statement(source_from_text("Some,Other,Header\n1,2,3\n"), std::nullopt, nullptr, none.handlers());
  ASSERT_TRUE(unknown.fatal);
  EXPECT_NE(unknown.fatal->reason.find("lloyds"), std::string::npos);
}

// A generated file is read as it is made, never held whole, so the parser's
// own buffers and the process's memory show whether the parser holds lines.
class GeneratedCsv {
 public:
  explicit GeneratedCsv(std::size_t lines) : lines_(lines) {}
  std::size_t read(char* buffer, std::size_t size) {
    while (pending_.size() < size && next_ <= lines_) {
      if (next_ == 0) pending_ += "Id,Date,Payee,Description,Reference,Amount,Balance\n";
      else {
        int day = static_cast<int>(1 + (next_ - 1) / 4000 % 28);
        int month = static_cast<int>(1 + (next_ - 1) / (4000 * 28) % 12);
        int year = 2020 + static_cast<int>((next_ - 1) / (4000 * 28 * 12));
        char line[160];
        int n = std::snprintf(line, sizeof line, "T%zu,%04d-%02d-%02d,PAYEE %zu,\"Line, %zu\",REF,-%zu.%02zu,\n", next_, year,
                              month, day, next_ % 97, next_, 1 + next_ % 500, next_ % 100);
        pending_.append(line, static_cast<std::size_t>(n));
      }
      ++next_;
    }
    std::size_t n = std::min(size, pending_.size());
    std::memcpy(buffer, pending_.data(), n);
    pending_.erase(0, n);
    return n;
  }

 private:
  std::size_t lines_;
  std::size_t next_ = 0;
  std::string pending_;
};

long max_rss_kb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss;
}

TEST(StatementStreaming, AMillionCsvLinesInBoundedMemory) {
  GeneratedCsv file(1'000'000);
  std::uint64_t lines = 0, pence = 0;
  Handlers h;
  h.line = [&](const Line& l) { ++lines; pence += static_cast<std::uint64_t>(-l.amount_pence); };
  long before = max_rss_kb();
  auto r = parse_csv([&](char* b, std::size_t n) { return file.read(b, n); }, *builtin_mapping("patchwork"), h);
  ASSERT_TRUE(r.clean()) << (r.fatal ? r.fatal->reason : r.rejections.at(0).reason);
  EXPECT_EQ(lines, 1'000'000u);
  EXPECT_GT(r.stats.bytes_read, 50'000'000u);  // the file is over 50 MB…
  EXPECT_LT(r.stats.peak_buffer_bytes, 1024u); // …read a record at a time
  EXPECT_EQ(r.stats.peak_identity_keys, 0u);   // every line has the bank's id
  EXPECT_LT(max_rss_kb() - before, 32 * 1024); // and the process grew by less than 32 MB
}

}  // namespace
}  // namespace patchwork::io::statements
