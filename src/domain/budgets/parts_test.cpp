#include "domain/budgets/parts.hpp"

#include <gtest/gtest.h>

#include <set>
#include <vector>

namespace patchwork::budgets {
namespace {

Money pounds(std::string_view text) {
  auto m = Money::parse(text);
  EXPECT_TRUE(m.has_value()) << text;
  return m.value_or(Money{});
}

Part part(Mechanism m, std::string_view weekly, std::string key = "A") {
  Part p;
  p.key = std::move(key);
  p.mechanism = m;
  p.weekly = pounds(weekly);
  return p;
}

people::CapacityFinding finding(people::Capacity c) {
  people::CapacityFinding f;
  f.capacity = c;
  return f;
}

std::string first_field(const Result<Part>& r) {
  EXPECT_FALSE(r.has_value());
  return r ? std::string() : r.error()[0].field;
}

}  // namespace

TEST(BudgetParts, EveryCodeHasALabelAndParsesBack) {
  std::set<std::string_view> codes;
  for (auto m : mechanisms()) {
    EXPECT_EQ(mechanism_from_code(mechanism_code(m)), m);
    EXPECT_FALSE(mechanism_label(m).empty());
    codes.insert(mechanism_code(m));
  }
  EXPECT_EQ(codes.size(), 3u);
  for (auto r : recipients()) {
    EXPECT_EQ(recipient_from_code(recipient_code(r)), r);
    EXPECT_FALSE(recipient_label(r).empty());
  }
  EXPECT_EQ(recipients().size(), 3u);
  for (auto h : holdings()) {
    EXPECT_EQ(held_in_from_code(held_in_code(h)), h);
    EXPECT_FALSE(held_in_label(h).empty());
  }
  EXPECT_EQ(holdings().size(), 4u);
  EXPECT_FALSE(mechanism_from_code("Direct payment"));
  EXPECT_FALSE(recipient_from_code(""));
  EXPECT_FALSE(held_in_from_code("cash"));
  EXPECT_TRUE(needs_organisation(HeldIn::ManagedAccount));
  EXPECT_TRUE(needs_organisation(HeldIn::PayrollService));
  EXPECT_FALSE(needs_organisation(HeldIn::BankAccount));
  EXPECT_FALSE(needs_organisation(HeldIn::PrepaidCard));
}

TEST(BudgetParts, EveryMechanismMapsToTheNationalDeliveryMechanismInBothReleases) {
  EXPECT_EQ(delivery_mechanism(Mechanism::DirectPayment), "Direct payment");
  EXPECT_EQ(delivery_mechanism(Mechanism::DirectPayment, true), "Direct Payment");
  // An individual service fund is still a personal budget, managed for the person.
  EXPECT_EQ(delivery_mechanism(Mechanism::IndividualServiceFund), "CASSR managed personal budget");
  EXPECT_EQ(delivery_mechanism(Mechanism::IndividualServiceFund, true), "CASSR Managed Personal Budget");
  EXPECT_EQ(delivery_mechanism(Mechanism::CouncilManaged), "CASSR managed personal budget");
  EXPECT_EQ(delivery_mechanism(Mechanism::CouncilManaged, true), "CASSR Managed Personal Budget");
  for (auto m : mechanisms()) EXPECT_NE(delivery_mechanism(m, true), "CASSR Commissioned Support");
}

TEST(BudgetParts, ReadsADirectPaymentPartFromFields) {
  auto p = part_from_fields({{"key", "A"}, {"mechanism", "direct_payment"}, {"recipient", "authorised_person"},
                             {"recipient_name", "Sarah Ellis"}, {"held_in", "managed_account"},
                             {"organisation", "Northshire Direct Payments Support"}, {"weekly", "120.50"}});
  ASSERT_TRUE(p.has_value());
  EXPECT_EQ(p->key, "A");
  EXPECT_EQ(p->mechanism, Mechanism::DirectPayment);
  ASSERT_TRUE(p->direct_payment);
  EXPECT_FALSE(p->service_fund);
  EXPECT_EQ(p->direct_payment->recipient, Recipient::AuthorisedPerson);
  EXPECT_EQ(p->direct_payment->recipient_name, "Sarah Ellis");
  EXPECT_EQ(p->direct_payment->held_in, HeldIn::ManagedAccount);
  EXPECT_EQ(p->direct_payment->organisation, "Northshire Direct Payments Support");
  EXPECT_EQ(p->weekly.pence(), 12050);
}

TEST(BudgetParts, ReadsAServiceFundAndACouncilPart) {
  auto isf = part_from_fields({{"p.key", "B"}, {"p.mechanism", "individual_service_fund"}, {"p.provider_id", "7"},
                               {"p.terms", "Two hours a day, flexibly"}},
                              "p.");
  ASSERT_TRUE(isf.has_value());
  ASSERT_TRUE(isf->service_fund);
  EXPECT_EQ(isf->service_fund->provider_id, 7);
  EXPECT_FALSE(isf->direct_payment);
  auto council = part_from_fields({{"key", "C"}, {"mechanism", "council_managed"}, {"recipient", "person"}});
  ASSERT_TRUE(council.has_value());
  EXPECT_FALSE(council->direct_payment);  // details of other mechanisms are not kept
  EXPECT_FALSE(council->service_fund);
}

TEST(BudgetParts, RefusesBadFieldsNamingEach) {
  EXPECT_EQ(first_field(part_from_fields({{"mechanism", "council_managed"}}, "parts[1].")), "parts[1].key");
  EXPECT_EQ(first_field(part_from_fields({{"key", "A"}, {"mechanism", "cash"}})), "mechanism");
  EXPECT_EQ(first_field(part_from_fields({{"key", "A"}, {"mechanism", "direct_payment"}, {"held_in", "bank_account"}})),
            "recipient");
  // Someone other than the person must be named.
  EXPECT_EQ(first_field(part_from_fields({{"key", "A"}, {"mechanism", "direct_payment"},
                                          {"recipient", "nominated_person"}, {"held_in", "bank_account"}})),
            "recipient_name");
  EXPECT_EQ(first_field(part_from_fields({{"key", "A"}, {"mechanism", "direct_payment"}, {"recipient", "person"},
                                          {"held_in", "payroll_service"}})),
            "organisation");
  EXPECT_EQ(first_field(part_from_fields({{"key", "A"}, {"mechanism", "direct_payment"}, {"recipient", "person"}})),
            "held_in");
  EXPECT_EQ(first_field(part_from_fields({{"key", "A"}, {"mechanism", "individual_service_fund"}, {"provider_id", "0"},
                                          {"terms", "x"}})),
            "provider_id");
  EXPECT_EQ(first_field(part_from_fields({{"key", "A"}, {"mechanism", "individual_service_fund"}, {"provider_id", "3"}})),
            "terms");
  EXPECT_EQ(first_field(part_from_fields({{"key", "A"}, {"mechanism", "council_managed"}, {"weekly", "-1.00"}})),
            "weekly");
  EXPECT_EQ(first_field(part_from_fields({{"key", "A"}, {"mechanism", "council_managed"}, {"weekly", "1.005"}})),
            "weekly");
  EXPECT_EQ(first_field(part_from_fields({{"key", "ABCDEFGHIJK"}, {"mechanism", "council_managed"}})), "key");
  EXPECT_EQ(first_field(part_from_fields({{"key", "A\nB"}, {"mechanism", "council_managed"}})), "key");
}

TEST(BudgetParts, TheRecipientMustFitThePersonsCapacityToManageADirectPayment) {
  DirectPaymentDetails person{Recipient::Person, "", HeldIn::BankAccount, ""};
  DirectPaymentDetails nominated{Recipient::NominatedPerson, "Ann", HeldIn::BankAccount, ""};
  DirectPaymentDetails authorised{Recipient::AuthorisedPerson, "Sarah Ellis", HeldIn::BankAccount, ""};
  using people::Capacity;
  // Not assessed is having capacity (MCA s.1(2)).
  for (auto c : {Capacity::NotAssessed, Capacity::Has}) {
    EXPECT_FALSE(recipient_refused(person, finding(c)));
    EXPECT_FALSE(recipient_refused(nominated, finding(c)));
    auto a = recipient_refused(authorised, finding(c), "parts[0].");
    ASSERT_TRUE(a);
    EXPECT_EQ(a->field, "parts[0].recipient");
  }
  EXPECT_EQ(recipient_refused(person, finding(Capacity::Lacks))->field, "recipient");
  EXPECT_EQ(recipient_refused(nominated, finding(Capacity::Lacks))->field, "recipient");
  EXPECT_FALSE(recipient_refused(authorised, finding(Capacity::Lacks)));
}

TEST(BudgetParts, ADirectPaymentPaysCloseFamilyInTheHouseholdOnlyWhenTheCouncilDecidedItIsNecessary) {
  NecessityDecision decided{"Margaret will accept personal care only from her daughter", "Team Manager", CivilDate(2026, 11, 2)};
  EXPECT_EQ(family_payee_refused(Mechanism::DirectPayment, true, std::nullopt, "lines[2].payee")->field,
            "lines[2].payee");
  EXPECT_FALSE(family_payee_refused(Mechanism::DirectPayment, true, decided, "x"));
  NecessityDecision no_reason = decided;
  no_reason.reason = "  ";
  EXPECT_TRUE(family_payee_refused(Mechanism::DirectPayment, true, no_reason, "x"));
  NecessityDecision no_date = decided;
  no_date.decided_on = CivilDate{};
  EXPECT_TRUE(family_payee_refused(Mechanism::DirectPayment, true, no_date, "x"));
  // Not family in the household, or not paid from a direct payment: the rule does not apply.
  EXPECT_FALSE(family_payee_refused(Mechanism::DirectPayment, false, std::nullopt, "x"));
  EXPECT_FALSE(family_payee_refused(Mechanism::CouncilManaged, true, std::nullopt, "x"));
  EXPECT_FALSE(family_payee_refused(Mechanism::IndividualServiceFund, true, std::nullopt, "x"));
}

TEST(BudgetParts, DeploymentIsDerivedFromThePartsWithMoney) {
  std::vector<Part> none;
  EXPECT_FALSE(deployment_summary(none));
  std::vector<Part> zero{part(Mechanism::DirectPayment, "0")};
  EXPECT_FALSE(deployment_summary(zero));
  std::vector<Part> all_dp{part(Mechanism::DirectPayment, "100"), part(Mechanism::DirectPayment, "20", "B"),
                           part(Mechanism::CouncilManaged, "0", "C")};
  EXPECT_EQ(deployment_summary(all_dp), "Direct payment");
  std::vector<Part> mixed{part(Mechanism::DirectPayment, "100"), part(Mechanism::CouncilManaged, "50", "B")};
  EXPECT_EQ(deployment_summary(mixed), "Part direct payment");
  std::vector<Part> managed{part(Mechanism::IndividualServiceFund, "100"), part(Mechanism::CouncilManaged, "50", "B"),
                            part(Mechanism::DirectPayment, "0", "C")};
  EXPECT_EQ(deployment_summary(managed), "Managed personal budget");
}

TEST(BudgetParts, PartsMustAddUpToTheBudgetToThePenny) {
  std::vector<Part> parts{part(Mechanism::DirectPayment, "120.50"), part(Mechanism::CouncilManaged, "79.49", "B")};
  EXPECT_FALSE(parts_do_not_sum(parts, pounds("199.99")));
  auto off = parts_do_not_sum(parts, pounds("200.00"));
  ASSERT_TRUE(off);
  EXPECT_EQ(off->field, "parts");
  EXPECT_NE(off->message.find("£199.99"), std::string::npos);
  EXPECT_NE(off->message.find("£200.00"), std::string::npos);
  std::vector<Part> negative{part(Mechanism::DirectPayment, "10"), part(Mechanism::CouncilManaged, "-10", "B")};
  EXPECT_EQ(parts_do_not_sum(negative, pounds("0"))->field, "parts[1].weekly");
  std::vector<Part> huge{part(Mechanism::DirectPayment, "0"), part(Mechanism::DirectPayment, "0", "B")};
  huge[0].weekly = Money::from_pence(INT64_MAX);
  huge[1].weekly = Money::from_pence(INT64_MAX);
  EXPECT_EQ(parts_do_not_sum(huge, pounds("1"))->field, "parts");
  std::vector<Part> empty;
  EXPECT_FALSE(parts_do_not_sum(empty, pounds("0")));
  EXPECT_TRUE(parts_do_not_sum(empty, pounds("1")));
}

}  // namespace patchwork::budgets
