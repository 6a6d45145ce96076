#include "domain/people/identifiers.hpp"
#include "domain/people/codes.hpp"

#include <gtest/gtest.h>

namespace patchwork::people {

TEST(NhsNumber, AcceptsValidCheckDigitsAsPrinted) {
  EXPECT_EQ(normalise_nhs_number("9434765919"), "9434765919");
  EXPECT_EQ(normalise_nhs_number("943 476 5919"), "9434765919");
  EXPECT_EQ(normalise_nhs_number("943-476-5919"), "9434765919");
  EXPECT_EQ(normalise_nhs_number("9991234500"), "9991234500");  // check digit 11 -> 0
}

TEST(NhsNumber, RefusesWrongCheckDigitsLengthsAndLetters) {
  EXPECT_FALSE(normalise_nhs_number("9434765918"));  // wrong check digit
  EXPECT_FALSE(normalise_nhs_number("943476591"));
  EXPECT_FALSE(normalise_nhs_number("94347659190"));
  EXPECT_FALSE(normalise_nhs_number("94347659I9"));
  EXPECT_FALSE(normalise_nhs_number(""));
  // 100000000: weighted sum 10, check 11 - 10 = 1. 100000001: sum 12, check
  // 11 - 1 = 10, which no digit can be, so every number starting so is invalid.
  EXPECT_TRUE(normalise_nhs_number("1000000001"));
  for (char d = '0'; d <= '9'; ++d) EXPECT_FALSE(normalise_nhs_number(std::string("100000001") + d)) << d;
}

TEST(Postcode, NormalisesEveryOutwardShape) {
  EXPECT_EQ(normalise_postcode("m1 1ae"), "M1 1AE");        // A9
  EXPECT_EQ(normalise_postcode("B338TH"), "B33 8TH");       // A99
  EXPECT_EQ(normalise_postcode("W1A 0AX"), "W1A 0AX");      // A9A
  EXPECT_EQ(normalise_postcode("CR2 6XH"), "CR2 6XH");      // AA9
  EXPECT_EQ(normalise_postcode("DN55 1PT"), "DN55 1PT");    // AA99
  EXPECT_EQ(normalise_postcode("ec1a 1bb"), "EC1A 1BB");    // AA9A
  EXPECT_EQ(normalise_postcode("GIR 0AA"), "GIR 0AA");
}

TEST(Postcode, RefusesWhatIsNotAPostcode) {
  EXPECT_FALSE(normalise_postcode(""));
  EXPECT_FALSE(normalise_postcode("12345"));
  EXPECT_FALSE(normalise_postcode("SW1A1A"));
  EXPECT_FALSE(normalise_postcode("SW1A 1A1"));
  EXPECT_FALSE(normalise_postcode("1W1A 1AA"));
  EXPECT_FALSE(normalise_postcode("SW1A-1AA"));
  EXPECT_FALSE(normalise_postcode("ABCDE 1AA"));
}

TEST(Codes, AcceptValuesAndLabelsInAnyCase) {
  EXPECT_EQ(canonical(primary_support_reasons(), "support with memory & cognition"), "Support with Memory & Cognition");
  EXPECT_EQ(canonical(genders(), "Not known"), "Unknown");
  EXPECT_FALSE(canonical(genders(), "Martian"));
  EXPECT_EQ(canonical(event_outcomes(), "nfa: deceased"), "NFA: Deceased");
  EXPECT_EQ(label_for(dementia_statuses(), "Suspected"), "Suspected, not diagnosed");
}

}  // namespace patchwork::people
