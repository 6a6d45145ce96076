#include "domain/statements/identity.hpp"

#include <gtest/gtest.h>

#include "domain/statements/normalise.hpp"

namespace patchwork::statements {
namespace {

Line coffee(int occurrence) {
  Line l;
  l.booking_date = CivilDate(2026, 11, 12);
  l.amount_pence = -280;
  l.payee = "CAFE ROMA";
  l.occurrence = static_cast<std::uint32_t>(occurrence);
  return l;
}

TEST(StatementIdentity, TheBanksIdWhenThereIsOne) {
  Line l = coffee(1);
  l.bank_id = "2026110200001";
  EXPECT_EQ(line_identity(l), "id:2026110200001");
  EXPECT_EQ(transfer_id(41, l), "stmt:41:id:2026110200001");
}

TEST(StatementIdentity, AFingerprintOtherwiseThatKeepsTwoIdenticalCoffeesApart) {
  std::string first = line_identity(coffee(1));
  std::string second = line_identity(coffee(2));
  EXPECT_NE(first, second);
  EXPECT_EQ(first.rfind("fp:2026-11-12:-280:", 0), 0u);
  EXPECT_EQ(first.substr(first.size() - 2), ":1");
  // The same line read again (another file, an overlapping statement) is the same line.
  EXPECT_EQ(line_identity(coffee(1)), first);
  // Spacing, case and padding punctuation do not make a different line.
  Line spaced = coffee(1);
  spaced.payee = "  Cafe  Roma. ";
  EXPECT_EQ(line_identity(spaced), first);
  // Anything that matters does.
  Line dearer = coffee(1);
  dearer.amount_pence = -290;
  EXPECT_NE(line_identity(dearer), first);
  Line elsewhere = coffee(1);
  elsewhere.payee = "CAFE NERO";
  EXPECT_NE(line_identity(elsewhere), first);
  Line later = coffee(1);
  later.booking_date = CivilDate(2026, 11, 13);
  EXPECT_NE(line_identity(later), first);
  Line referenced = coffee(1);
  referenced.reference = "TABLE 4";
  EXPECT_NE(line_identity(referenced), first);
}

TEST(StatementIdentity, NormalisedText) {
  EXPECT_EQ(normalise_text("  J. SMITH -  Wages "), "j smith wages");
  EXPECT_EQ(normalise_text("CARD 1234"), "card 1234");
  EXPECT_EQ(normalise_text("Caf\xC3\xA9"), "caf\xC3\xA9");
}

TEST(StatementIdentity, TheSameAccountHoweverTheFileSpellsIt) {
  AccountRef held;
  held.sort_code = "601613";
  held.account_number = "31926819";
  AccountRef iban;
  iban.iban = "GB29NWBK60161331926819";
  EXPECT_TRUE(same_account(iban, held));
  AccountRef dashes;
  dashes.sort_code = "60-16-13";
  dashes.account_number = "31926819";
  EXPECT_TRUE(same_account(dashes, held));
  AccountRef other;
  other.sort_code = "601613";
  other.account_number = "31926820";
  EXPECT_FALSE(same_account(other, held));
  AccountRef wrong_iban;
  wrong_iban.iban = "GB29NWBK60161331926820";
  EXPECT_FALSE(same_account(wrong_iban, held));
  EXPECT_FALSE(same_account(AccountRef{}, held));
  AccountRef card_a, card_b;
  card_a.masked_card = "************4321";
  card_b.masked_card = "**** **** **** 4321";
  EXPECT_TRUE(same_account(card_a, card_b));
}

TEST(StatementIdentity, IbanCheckDigits) {
  EXPECT_TRUE(valid_iban("GB29 NWBK 6016 1331 9268 19"));
  EXPECT_TRUE(valid_iban("GB33BUKB20201555555555"));
  EXPECT_FALSE(valid_iban("GB29NWBK60161331926818"));
  EXPECT_FALSE(valid_iban("GB29"));
}

}  // namespace
}  // namespace patchwork::statements
