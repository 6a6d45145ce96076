#include "domain/people/own_access.hpp"

#include <gtest/gtest.h>

#include "domain/people/codes.hpp"

namespace patchwork::people {
namespace {

Relationship rel(std::string basis) {
  Relationship r;
  r.name = "Sarah Ellis";
  r.basis = std::move(basis);
  return r;
}

TEST(OwnAccess, OnlyAccessTheyAgreedToMayBeEndedByThePerson) {
  EXPECT_FALSE(own_withdrawal_refused(rel("consent")));
  for (const auto& b : relationship_bases()) {
    if (b.value == "consent") continue;
    auto why = own_withdrawal_refused(rel(std::string(b.value)));
    ASSERT_TRUE(why) << b.value;
    EXPECT_NE(why->find("Sarah Ellis"), std::string::npos) << *why;
  }
}

TEST(OwnAccess, AnAttorneyIsToldHowThePowerIsEnded) {
  auto why = own_withdrawal_refused(rel("registered_lpa"));
  ASSERT_TRUE(why);
  EXPECT_NE(why->find("Office of the Public Guardian"), std::string::npos);
  auto deputy = own_withdrawal_refused(rel("court_order"));
  ASSERT_TRUE(deputy);
  EXPECT_NE(deputy->find("Court of Protection"), std::string::npos);
}

TEST(OwnAccess, AnUnknownBasisIsRefused) { EXPECT_TRUE(own_withdrawal_refused(rel("something_else"))); }

}  // namespace
}  // namespace patchwork::people
