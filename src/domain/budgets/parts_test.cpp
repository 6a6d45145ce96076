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
                             {"organisation", "Northshire Direct Payments Support"}, {"weekly", "120.50"},
                             {"manages", "with_help"}, {"manages_help", "The support service keeps the accounts"},
                             {"manages_decided_by", "Sam Patel"}, {"manages_decided_on", "2026-10-21"}, {"recipient_agreed_on", "2026-10-21"},
                             {"authorised_as", "attorney_or_deputy"}, {"representative_id", "7"}});
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
  EXPECT_EQ(p->direct_payment->managing->manages, Manages::WithHelp);
  EXPECT_EQ(p->direct_payment->recipient_agreed_on, CivilDate(2026, 10, 21));
  EXPECT_EQ(p->direct_payment->authorised->representative_id, 7);
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

// The fields of a complete direct-payment part, before any changes a test makes.
people::Fields dp_fields(std::string recipient = "person") {
  people::Fields f{{"key", "A"}, {"mechanism", "direct_payment"}, {"recipient", recipient}, {"held_in", "bank_account"},
                   {"manages", "by_themself"}, {"manages_decided_by", "Sam Patel"}, {"manages_decided_on", "2026-11-01"}};
  if (recipient != "person") {
    f["recipient_name"] = "Sarah Ellis";
    f["recipient_agreed_on"] = "2026-11-01";
  }
  return f;
}

const CivilDate kToday{2026, 11, 30};

people::Relationship rel(std::int64_t id, std::string name, std::string role, std::string basis) {
  people::Relationship r;
  r.id = id;
  r.name = std::move(name);
  r.role = std::move(role);
  r.basis = std::move(basis);
  return r;
}

std::vector<std::string> fields_of(const FieldErrors& errors) {
  std::vector<std::string> out;
  for (const auto& e : errors) out.push_back(e.field);
  return out;
}

TEST(BudgetParts, TheCouncilsFindingThatTheRecipientCanManageItIsRequired) {
  auto ok = part_from_fields(dp_fields(), "", kToday);
  ASSERT_TRUE(ok) << ok.error()[0].message;
  ASSERT_TRUE(ok->direct_payment->managing);
  EXPECT_EQ(ok->direct_payment->managing->manages, Manages::ByThemself);
  EXPECT_EQ(ok->direct_payment->managing->decided_by, "Sam Patel");
  // Care Act 2014 s.31(6): asked of every direct payment, and "no" is refused saying why.
  auto f = dp_fields();
  f.erase("manages");
  EXPECT_EQ(first_field(part_from_fields(f, "", kToday)), "manages");
  f["manages"] = "no";
  auto no = part_from_fields(f, "", kToday);
  EXPECT_EQ(first_field(no), "manages");
  EXPECT_NE(no.error()[0].message.find("someone else"), std::string::npos);
  // With help: what help.
  f["manages"] = "with_help";
  EXPECT_EQ(first_field(part_from_fields(f, "", kToday)), "manages_help");
  f["manages_help"] = "Northshire Direct Payments Support keeps the accounts";
  auto helped = part_from_fields(f, "", kToday);
  ASSERT_TRUE(helped);
  EXPECT_EQ(helped->direct_payment->managing->help, "Northshire Direct Payments Support keeps the accounts");
  // Who decided and when; never a date to come.
  f.erase("manages_decided_by");
  EXPECT_EQ(first_field(part_from_fields(f, "", kToday)), "manages_decided_by");
  f["manages_decided_by"] = "Sam Patel";
  f["manages_decided_on"] = "2026-12-25";
  EXPECT_EQ(first_field(part_from_fields(f, "", kToday)), "manages_decided_on");
}

TEST(BudgetParts, ANominatedPersonMustHaveAgreedAndAnAuthorisedPersonMustSayHowTheyAreAuthorised) {
  auto nominated = dp_fields("nominated_person");
  nominated.erase("recipient_agreed_on");
  EXPECT_EQ(first_field(part_from_fields(nominated, "", kToday)), "recipient_agreed_on");
  auto authorised = dp_fields("authorised_person");
  EXPECT_EQ(first_field(part_from_fields(authorised, "", kToday)), "authorised_as");
  authorised["authorised_as"] = "attorney_or_deputy";
  EXPECT_EQ(first_field(part_from_fields(authorised, "", kToday)), "representative_id");
  authorised["authorised_as"] = "suitable";
  EXPECT_EQ(first_field(part_from_fields(authorised, "", kToday)), "suitable_decided_by");
  authorised["suitable_decided_by"] = "Team manager";
  authorised["suitable_decided_on"] = "2026-11-02";
  auto ok = part_from_fields(authorised, "", kToday);
  ASSERT_TRUE(ok) << ok.error()[0].message;
  EXPECT_EQ(ok->direct_payment->authorised->as, AuthorisedAs::Suitable);
  // The person themself needs neither.
  auto person = part_from_fields(dp_fields(), "", kToday);
  ASSERT_TRUE(person);
  EXPECT_FALSE(person->direct_payment->recipient_agreed_on);
  EXPECT_FALSE(person->direct_payment->authorised);
}

TEST(BudgetParts, WhoMayReceiveADirectPaymentTurnsOnCapacityToAskForOne) {
  using people::Capacity;
  const auto person = part_from_fields(dp_fields(), "", kToday)->direct_payment.value();
  const auto nominated = part_from_fields(dp_fields("nominated_person"), "", kToday)->direct_payment.value();
  auto auth_fields = dp_fields("authorised_person");
  auth_fields["authorised_as"] = "suitable";
  auth_fields["suitable_decided_by"] = "Team manager";
  auth_fields["suitable_decided_on"] = "2026-11-02";
  const auto authorised = part_from_fields(auth_fields, "", kToday)->direct_payment.value();
  auto record = [](Capacity c) {
    DirectPaymentRecord r;
    r.requesting = finding(c);
    if (c != Capacity::NotAssessed) {
      people::CapacityAssessment a;
      a.assessed_on = CivilDate{2026, 10, 14};
      r.requesting.assessment = a;
    }
    r.person_name = "Margaret";
    return r;
  };
  // Not assessed is having capacity (MCA s.1(2)): the person, or someone they nominate.
  for (auto c : {Capacity::NotAssessed, Capacity::Has}) {
    EXPECT_TRUE(direct_payment_refused(person, record(c)).empty());
    EXPECT_TRUE(direct_payment_refused(nominated, record(c)).empty());
    // s.32(1)(b): an authorised person needs a finding that the person lacks it; a presumption is not one.
    auto refused = direct_payment_refused(authorised, record(c), "parts[0].");
    ASSERT_EQ(refused.size(), 1u);
    EXPECT_EQ(refused[0].field, "parts[0].recipient");
  }
  EXPECT_EQ(fields_of(direct_payment_refused(person, record(Capacity::Lacks))), std::vector<std::string>{"recipient"});
  EXPECT_EQ(fields_of(direct_payment_refused(nominated, record(Capacity::Lacks))), std::vector<std::string>{"recipient"});
  EXPECT_TRUE(direct_payment_refused(authorised, record(Capacity::Lacks)).empty());
  // A part stored before the conditions were asked is refused when written again.
  DirectPaymentDetails old{Recipient::Person, "", HeldIn::BankAccount, ""};
  EXPECT_EQ(fields_of(direct_payment_refused(old, record(Capacity::NotAssessed))), std::vector<std::string>{"manages"});
}

TEST(BudgetParts, AnAuthorisedPersonIsTheAttorneyOrDeputyOnTheRecordOrOneTheySupport) {
  DirectPaymentRecord lacks;
  lacks.requesting.capacity = people::Capacity::Lacks;
  lacks.person_name = "Margaret";
  const std::vector<people::Relationship> record{rel(7, "Sarah Ellis (daughter)", "lpa_health_welfare", "registered_lpa"),
                                                 rel(8, "Tom Ellis (son)", "lpa_property_financial", "registered_lpa"),
                                                 rel(9, "Ann Ellis", "lpa_health_welfare", "best_interests")};
  // Only a registered health and welfare attorney or a deputy for personal welfare decides about care (s.32(4)(a)).
  const auto makers = care_decision_makers(record);
  ASSERT_EQ(makers.size(), 1u);
  EXPECT_EQ(makers[0]->id, 7);
  lacks.relationships = record;

  auto f = dp_fields("authorised_person");
  f["authorised_as"] = "attorney_or_deputy";
  f["representative_id"] = "7";
  auto sarah = part_from_fields(f, "", kToday)->direct_payment.value();
  EXPECT_TRUE(direct_payment_refused(sarah, lacks).empty());
  // Someone who is not the attorney on the record cannot be paid as one.
  f["representative_id"] = "8";
  EXPECT_EQ(fields_of(direct_payment_refused(part_from_fields(f, "", kToday)->direct_payment.value(), lacks)),
            std::vector<std::string>{"representative_id"});
  // The name paid is the attorney's.
  f["representative_id"] = "7";
  f["recipient_name"] = "Bob Stranger";
  EXPECT_EQ(fields_of(direct_payment_refused(part_from_fields(f, "", kToday)->direct_payment.value(), lacks)),
            std::vector<std::string>{"recipient_name"});
  f["recipient_name"] = "Sarah";
  EXPECT_EQ(fields_of(direct_payment_refused(part_from_fields(f, "", kToday)->direct_payment.value(), lacks)),
            std::vector<std::string>{"recipient_name"});
  // With no attorney on the record, the attorney route is refused, saying to record them.
  DirectPaymentRecord nobody = lacks;
  nobody.relationships = {};
  f["recipient_name"] = "Sarah Ellis";
  EXPECT_EQ(fields_of(direct_payment_refused(part_from_fields(f, "", kToday)->direct_payment.value(), nobody)),
            std::vector<std::string>{"representative_id"});

  // Someone the council considers suitable: where an attorney exists, one supports it (s.32(4)(b), (5)).
  auto g = dp_fields("authorised_person");
  g["recipient_name"] = "Joan Neighbour";
  g["authorised_as"] = "suitable";
  g["suitable_decided_by"] = "Team manager";
  g["suitable_decided_on"] = "2026-11-02";
  auto joan = part_from_fields(g, "", kToday)->direct_payment.value();
  EXPECT_EQ(fields_of(direct_payment_refused(joan, lacks)), std::vector<std::string>{"supported_by"});
  g["supported_by"] = "8";  // not an attorney for care
  EXPECT_EQ(fields_of(direct_payment_refused(part_from_fields(g, "", kToday)->direct_payment.value(), lacks)),
            std::vector<std::string>{"supported_by"});
  g["supported_by"] = "7";
  EXPECT_TRUE(direct_payment_refused(part_from_fields(g, "", kToday)->direct_payment.value(), lacks).empty());
  // With no attorney, the council's decision is enough (s.32(4)(c)), and no supporter can be named.
  EXPECT_TRUE(direct_payment_refused(joan, nobody).empty());
  EXPECT_EQ(fields_of(direct_payment_refused(part_from_fields(g, "", kToday)->direct_payment.value(), nobody)),
            std::vector<std::string>{"supported_by"});
}

TEST(BudgetParts, ASpouseIsRestrictedWhereverTheyLiveACloseRelativeOnlyInTheHousehold) {
  using PR = PayeeRelationship;
  for (auto r : payee_relationships()) {
    EXPECT_EQ(payee_relationship_from_code(payee_relationship_code(r)), r);
    EXPECT_FALSE(payee_relationship_label(r).empty());
  }
  EXPECT_TRUE(restricted_payee(PR::SpouseOrPartner, false));
  EXPECT_TRUE(restricted_payee(PR::SpouseOrPartner, true));
  EXPECT_FALSE(restricted_payee(PR::CloseRelative, false));
  EXPECT_TRUE(restricted_payee(PR::CloseRelative, true));
  EXPECT_FALSE(restricted_payee(PR::OtherRelative, true));
  EXPECT_FALSE(restricted_payee(PR::NotRelated, true));

  NecessityDecision decided{"Margaret will accept personal care only from her daughter", "Team Manager", CivilDate(2026, 11, 2)};
  EXPECT_EQ(family_payee_refused(Mechanism::DirectPayment, PR::CloseRelative, true, std::nullopt, "lines[2].payee")->field,
            "lines[2].payee");
  EXPECT_TRUE(family_payee_refused(Mechanism::DirectPayment, PR::SpouseOrPartner, false, std::nullopt, "x"));
  EXPECT_FALSE(family_payee_refused(Mechanism::DirectPayment, PR::SpouseOrPartner, false, decided, "x"));
  EXPECT_FALSE(family_payee_refused(Mechanism::DirectPayment, PR::CloseRelative, true, decided, "x"));
  NecessityDecision no_reason = decided;
  no_reason.reason = "  ";
  EXPECT_TRUE(family_payee_refused(Mechanism::DirectPayment, PR::CloseRelative, true, no_reason, "x"));
  NecessityDecision no_date = decided;
  no_date.decided_on = CivilDate{};
  EXPECT_TRUE(family_payee_refused(Mechanism::DirectPayment, PR::CloseRelative, true, no_date, "x"));
  // A close relative elsewhere, another relative, or not paid from a direct payment: the rule does not apply.
  EXPECT_FALSE(family_payee_refused(Mechanism::DirectPayment, PR::CloseRelative, false, std::nullopt, "x"));
  EXPECT_FALSE(family_payee_refused(Mechanism::DirectPayment, PR::OtherRelative, true, std::nullopt, "x"));
  EXPECT_FALSE(family_payee_refused(Mechanism::CouncilManaged, PR::SpouseOrPartner, true, std::nullopt, "x"));
  EXPECT_FALSE(family_payee_refused(Mechanism::IndividualServiceFund, PR::CloseRelative, true, std::nullopt, "x"));
}

TEST(BudgetParts, AnAgreementHoldsWhileWhoReceivesItAndWhereItIsHeldStayTheSame) {
  Part before = part(Mechanism::DirectPayment, "100");
  before.direct_payment = DirectPaymentDetails{Recipient::AuthorisedPerson, "Sarah Ellis", HeldIn::BankAccount, ""};
  Part same = before;
  same.weekly = pounds("120");
  same.direct_payment->recipient_name = "sarah ellis ";
  EXPECT_FALSE(agreement_change(before, same));
  Part other = before;
  other.direct_payment->recipient_name = "Tom Ellis";
  EXPECT_EQ(agreement_change(before, other), "who receives it has changed");
  Part nominated = before;
  nominated.direct_payment->recipient = Recipient::NominatedPerson;
  EXPECT_EQ(agreement_change(before, nominated), "who receives it has changed");
  Part card = before;
  card.direct_payment->held_in = HeldIn::PrepaidCard;
  EXPECT_EQ(agreement_change(before, card), "where it is held has changed");
  Part council = part(Mechanism::CouncilManaged, "100");
  EXPECT_TRUE(agreement_change(before, council));
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
