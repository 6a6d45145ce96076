#include "io/payments/payment_files.hpp"

#include <gtest/gtest.h>

#include <sstream>
#include <vector>

namespace patchwork::io {
namespace {

Originator council() { return {"Northshire Council", "401276", "61781913", "123456"}; }

RunFile run() { return {7, CivilDate(2026, 12, 7), CivilDate(2026, 12, 3), CivilDate(2026, 12, 7)}; }

payments::RunItem item(std::string name, std::int64_t pence, std::string ref = "PB12 A 07DEC26") {
  payments::RunItem i;
  i.transfer_id = "pay:12:A:2026-12-07";
  i.person_id = PersonId(12);
  i.person_name = "Margaret Ellis";
  i.part_key = "A";
  i.period_start = CivilDate(2026, 12, 7);
  i.period_end = CivilDate(2027, 1, 3);
  i.amount = Money::from_pence(pence);
  i.payee_name = std::move(name);
  i.sort_code = "309457";
  i.account_number = "31926819";
  i.reference = std::move(ref);
  return i;
}

std::vector<std::string> lines_of(const std::string& file) {
  std::vector<std::string> out;
  std::size_t at = 0;
  while (at < file.size()) {
    auto end = file.find("\r\n", at);
    EXPECT_NE(end, std::string::npos) << "every record ends with CR LF";
    if (end == std::string::npos) break;
    out.push_back(file.substr(at, end - at));
    at = end + 2;
  }
  return out;
}

TEST(Bacs18, RecordsHaveTheStandardLengthsAndOrder) {
  std::vector<payments::RunItem> items{item("Sarah Ellis", 550'80), item("Kofi Mensah", 960'00, "PB13 A 07DEC26")};
  auto file = bacs_standard18(council(), run(), items);
  ASSERT_TRUE(file.has_value()) << file.error();
  auto l = lines_of(*file);
  ASSERT_EQ(l.size(), 10u);  // VOL1 HDR1 HDR2 UHL1, 2 data, contra, EOF1 EOF2 UTL1
  const char* labels[] = {"VOL1", "HDR1", "HDR2", "UHL1"};
  for (int i = 0; i < 4; ++i) {
    EXPECT_EQ(l[i].substr(0, 4), labels[i]);
    EXPECT_EQ(l[i].size(), 80u) << labels[i];
  }
  for (int i = 4; i < 7; ++i) EXPECT_EQ(l[i].size(), 100u) << "data and contra records are 100 characters";
  EXPECT_EQ(l[7].substr(0, 4), "EOF1");
  EXPECT_EQ(l[8].substr(0, 4), "EOF2");
  EXPECT_EQ(l[9].substr(0, 4), "UTL1");
  for (int i = 7; i < 10; ++i) EXPECT_EQ(l[i].size(), 80u);
}

TEST(Bacs18, FieldsAreAtTheirPositions) {
  std::vector<payments::RunItem> items{item("Sarah Ellis (daughter)", 550'80)};
  auto file = bacs_standard18(council(), run(), items);
  ASSERT_TRUE(file.has_value()) << file.error();
  auto l = lines_of(*file);
  ASSERT_EQ(l.size(), 9u);
  // VOL1: serial 5-10, owner (SUN) 42-47, label standard 80.
  EXPECT_EQ(l[0].substr(4, 6), "000007");
  EXPECT_EQ(l[0].substr(41, 6), "123456");
  EXPECT_EQ(l[0][79], '1');
  // HDR1: file identifier 5-21, creation date 42-47 (3 December 2026 is day 337).
  EXPECT_EQ(l[1].substr(4, 17), "A123456S  123456 ");
  EXPECT_EQ(l[1].substr(41, 6), " 26337");
  EXPECT_EQ(l[2].substr(4, 11), "F0200000100");
  // UHL1: processing day 5-10 (7 December, day 341), work code 29-37.
  EXPECT_EQ(l[3].substr(4, 6), " 26341");
  EXPECT_EQ(l[3].substr(28, 9), "1 DAILY  ");
  const auto& d = l[4];
  EXPECT_EQ(d.substr(0, 6), "309457");           // destination sort code
  EXPECT_EQ(d.substr(6, 8), "31926819");         // destination account
  EXPECT_EQ(d.substr(14, 1), "0");
  EXPECT_EQ(d.substr(15, 2), "99");              // a credit
  EXPECT_EQ(d.substr(17, 6), "401276");          // originating sort code
  EXPECT_EQ(d.substr(23, 8), "61781913");        // originating account
  EXPECT_EQ(d.substr(35, 11), "00000055080");    // £550.80 in pence
  EXPECT_EQ(d.substr(46, 18), "NORTHSHIRE COUNCIL");
  EXPECT_EQ(d.substr(64, 18), "PB12 A 07DEC26    ");
  EXPECT_EQ(d.substr(82, 18), "SARAH ELLIS  DAUGH");  // capitals, brackets to spaces, cut at 18
  const auto& contra = l[5];
  EXPECT_EQ(contra.substr(0, 14), "40127661781913");
  EXPECT_EQ(contra.substr(15, 2), "17");
  EXPECT_EQ(contra.substr(35, 11), "00000055080");
  EXPECT_EQ(contra.substr(64, 18), "CONTRA            ");
  // UTL1: debit total (the contra), credit total, 1 debit, 1 credit.
  EXPECT_EQ(l[8].substr(4, 13), "0000000055080");
  EXPECT_EQ(l[8].substr(17, 13), "0000000055080");
  EXPECT_EQ(l[8].substr(30, 7), "0000001");
  EXPECT_EQ(l[8].substr(37, 7), "0000001");
}

TEST(Bacs18, RefusesWhatTheBankWouldRefuse) {
  std::vector<payments::RunItem> items{item("Sarah Ellis", 550'80)};
  auto no_sun = council();
  no_sun.service_user_number = "";
  EXPECT_FALSE(bacs_standard18(no_sun, run(), items).has_value());
  auto bad_account = items;
  bad_account[0].account_number = "1234567";
  EXPECT_FALSE(bacs_standard18(council(), run(), bad_account).has_value());
  EXPECT_FALSE(bacs_standard18(council(), run(), {}).has_value());
  // The same run gives the same bytes: nothing reads the clock.
  EXPECT_EQ(bacs_standard18(council(), run(), items), bacs_standard18(council(), run(), items));
}

TEST(Bacs18, TextIsBacsCharactersOnly) {
  EXPECT_EQ(bacs_text("O'Brien & Sons, Ltd.", 20), "O BRIEN & SONS  LTD.");
  // A character at a time (an attacker review: each byte of ë was a space).
  EXPECT_EQ(bacs_text("Zoë", 5), "ZOE  ");
  EXPECT_EQ(bacs_text("Zoë Ñúñez-O'Brien", 18), "ZOE NUNEZ-O BRIEN ");
  EXPECT_EQ(bacs_text("Straße Łódź Œuvre Æsir Þór", 26), "STRASSE LODZ OEUVRE AESIR ");
  EXPECT_EQ(bacs_text("Þór ŠČŽ ğİş", 12), "THOR SCZ GIS");
  // Anything else is one space per character, not per byte; a stray byte is one space.
  EXPECT_EQ(bacs_text("李 ×\xff€A", 7), "     A ");
  // Lengths stay exact when a letter becomes two.
  EXPECT_EQ(bacs_text("ßßß", 5), "SSSSS");
  EXPECT_EQ(bacs_text("ßßß", 5).size(), 5u);
  EXPECT_EQ(bacs_date(CivilDate(2027, 1, 1)), " 27001");
  EXPECT_EQ(bacs_date(CivilDate(2028, 12, 31)), " 28366");
}

TEST(PaymentsCsv, QuotesWhatNeedsQuotingAndDisarmsFormulas) {
  EXPECT_EQ(csv_field("Sarah Ellis"), "Sarah Ellis");
  EXPECT_EQ(csv_field("Ellis, Sarah"), "\"Ellis, Sarah\"");
  EXPECT_EQ(csv_field("Sarah \"Sal\" Ellis"), "\"Sarah \"\"Sal\"\" Ellis\"");
  EXPECT_EQ(csv_field("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(csv_field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
  EXPECT_EQ(csv_field("+44"), "'+44");
  std::vector<payments::RunItem> items{item("Ellis, Sarah", 550'80)};
  auto csv = payments_csv(run(), items);
  auto l = lines_of(csv);
  ASSERT_EQ(l.size(), 2u);
  EXPECT_EQ(l[0].substr(0, 30), "run_id,pay_up_to,transfer_id,p");
  EXPECT_EQ(l[1], "7,2026-12-07,pay:12:A:2026-12-07,12,Margaret Ellis,A,2026-12-07,2027-01-03,550.80,\"Ellis, Sarah\",309457,31926819,PB12 A 07DEC26");
}

}  // namespace
}  // namespace patchwork::io
