#include "domain/councils/council_code.hpp"

#include <gtest/gtest.h>

namespace patchwork::councils {

TEST(CouncilCode, AcceptsTheFourKindsOfCouncilWithSocialCareDuties) {
  for (const char* code : {"E06000014", "E08000025", "E09000033", "E10000034"}) EXPECT_FALSE(council_code_problem(code)) << code;
}

TEST(CouncilCode, RefusesOtherShapes) {
  for (const char* code : {"", "E0600001", "E060000140", "e06000014", "E07000223", "W06000015", "S12000033", "E06 000014",
                           "E0600001A", "E99999999", "E11000001"})
    EXPECT_TRUE(council_code_problem(code)) << code;
  EXPECT_NE(council_code_problem("E07000223")->find("E10 (county council)"), std::string::npos);
}

TEST(CouncilName, NeedsPlainText) {
  EXPECT_FALSE(council_name_problem("City of York Council"));
  EXPECT_TRUE(council_name_problem("   "));
  EXPECT_TRUE(council_name_problem(std::string(121, 'a')));
  EXPECT_TRUE(council_name_problem("York\x01"));
}

}  // namespace patchwork::councils
