#pragma once
// The parts of a personal budget: each part is managed its own way (a direct
// payment, an individual service fund held by a provider, or support the
// council arranges), so one person can mix them. A support plan names its
// parts and every support line says which part pays for it; on approval the
// personal budget takes the parts with the sum of their lines as each amount.
// Pure domain: no storage, HTTP or JSON.
//
// Shared seam of #15: the plan (domain/planning) and the budget
// (domain/budgets) both hold parts in this shape.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"
#include "core/money.hpp"
#include "core/result.hpp"
#include "domain/people/capacity.hpp"
#include "domain/people/records.hpp"

namespace patchwork::budgets {

// How a part of the budget is managed.
enum class Mechanism {
  DirectPayment,          // money paid to the person (or someone for them) to arrange support
  IndividualServiceFund,  // a provider holds the money and arranges support as the person chooses
  CouncilManaged,         // the council arranges (commissions) the support
};
std::span<const Mechanism> mechanisms();
std::string_view mechanism_code(Mechanism m);   // "direct_payment", "individual_service_fund", "council_managed"
std::string_view mechanism_label(Mechanism m);  // plain English for forms and letters
std::optional<Mechanism> mechanism_from_code(std::string_view code);

// The national CLD `Delivery_Mechanism` of a part, release 2 spelling
// ("Direct payment", "CASSR managed personal budget", "CASSR commissioned
// support"); `release1` gives "Direct Payment", ... An individual service fund
// is a personal budget the council has someone else manage for the person, so
// it is a managed personal budget, as is a council-managed part of a personal
// budget; "commissioned support" is support with no personal budget at all.
std::string_view delivery_mechanism(Mechanism m, bool release1 = false);

// Who receives a direct payment.
//  - Person: the adult themself (Care Act 2014 s.31: an adult with capacity
//    who asks for one).
//  - NominatedPerson: someone the adult, having capacity to ask for a direct
//    payment, asks the council to pay instead (s.31(1)(b), (4)).
//  - AuthorisedPerson: someone who asks for it and receives it for an adult
//    who lacks capacity to ask for it (s.32).
enum class Recipient { Person, NominatedPerson, AuthorisedPerson };
std::span<const Recipient> recipients();
std::string_view recipient_code(Recipient r);   // "person", "nominated_person", "authorised_person"
std::string_view recipient_label(Recipient r);
std::optional<Recipient> recipient_from_code(std::string_view code);

// Where a direct payment is held.
enum class HeldIn { BankAccount, PrepaidCard, ManagedAccount, PayrollService };
std::span<const HeldIn> holdings();
std::string_view held_in_code(HeldIn h);        // "bank_account", "prepaid_card", "managed_account", "payroll_service"
std::string_view held_in_label(HeldIn h);
std::optional<HeldIn> held_in_from_code(std::string_view code);
// A managed account and a payroll service are run by a named organisation.
bool needs_organisation(HeldIn h);

// The council's finding that whoever receives the direct payment is capable
// of managing it (Care Act 2014 s.31(6), s.32(8)): "by himself or herself, or
// with whatever help the authority thinks [they] will be able to access".
// A judgement of the council, made with the person, not a capacity assessment.
enum class Manages { ByThemself, WithHelp };
std::string_view manages_code(Manages m);  // "by_themself", "with_help"
struct ManagingFinding {
  Manages manages = Manages::ByThemself;
  std::string help;        // what help, when WithHelp ("a direct payments support service keeps the accounts")
  std::string decided_by;  // who decided, for the council
  CivilDate decided_on;
};

// How an authorised person is authorised (s.32(4)): (a) as someone
// "authorised under the Mental Capacity Act 2005 to make decisions about the
// adult's needs for care and support" (a health and welfare attorney, or a
// deputy for personal welfare), or (b)-(c) as a person the council considers
// suitable (with the agreement of such an attorney or deputy, where there is one).
enum class AuthorisedAs { AttorneyOrDeputy, Suitable };
std::string_view authorised_as_code(AuthorisedAs a);  // "attorney_or_deputy", "suitable"

struct AuthorisedConditions {
  AuthorisedAs as = AuthorisedAs::AttorneyOrDeputy;
  std::optional<std::int64_t> representative_id;  // AttorneyOrDeputy: their relationship on the person's record
  std::string suitable_decided_by;                 // Suitable: the council's decision, who and when
  std::optional<CivilDate> suitable_decided_on;
  std::optional<std::int64_t> supported_by_id;     // Suitable: the attorney or deputy who supports it (s.32(5))
};

struct DirectPaymentDetails {
  Recipient recipient = Recipient::Person;
  std::string recipient_name{};         // empty when the recipient is the person
  HeldIn held_in = HeldIn::BankAccount;
  std::string organisation{};           // who runs a managed account or payroll service
  // Empty only on parts recorded before migration 0014, which did not ask.
  std::optional<ManagingFinding> managing{};
  // When a nominated person agreed to receive the payments (s.31(4)(b)), or
  // an authorised person asked for them (s.32(1)(c)).
  std::optional<CivilDate> recipient_agreed_on{};
  std::optional<AuthorisedConditions> authorised{};  // only for an authorised person
};

struct IndividualServiceFundDetails {
  std::int64_t provider_id = 0;       // a provider of the council's register
  std::string terms;                  // what the provider has agreed to (plain words)
};

// One part, as a plan or budget holds it. `key` names the part within its plan
// or budget ("A", "B", ...): support lines say which part pays by its key.
struct Part {
  std::string key;
  Mechanism mechanism = Mechanism::CouncilManaged;
  std::optional<DirectPaymentDetails> direct_payment;            // only for DirectPayment
  std::optional<IndividualServiceFundDetails> service_fund;      // only for IndividualServiceFund
  Money weekly;                                                   // the part's amount a week (sum of its lines)
  Money one_off;                                                  // what it pays once (its one-off lines), never spread over weeks
};

// Reads a part from form or JSON fields: key, mechanism, then for a direct
// payment recipient, recipient_name, held_in, organisation, manages
// (by_themself | with_help; "no" is refused, saying why), manages_help,
// manages_decided_by, manages_decided_on, and for a nominated or authorised
// person recipient_agreed_on; for an authorised person authorised_as
// (attorney_or_deputy | suitable), representative_id, suitable_decided_by,
// suitable_decided_on, supported_by; for an individual service fund
// provider_id, terms. Dates are checked against `today` (none in the future).
// Each problem named by its field; `prefix` is put before every field name in
// errors (e.g. "parts[1].").
Result<Part> part_from_fields(const people::Fields& f, const std::string& prefix = "",
                              CivilDate today = CivilDate::today_utc());

// The field names part_from_fields reads, for endpoints that refuse members they do not know.
std::span<const std::string_view> part_field_names();

// What the person's record says that a direct payment turns on, on the date in question.
struct DirectPaymentRecord {
  // people::capacity_for(assessments, "requesting_direct_payment", date)
  people::CapacityFinding requesting;
  // The person's carers and representatives (for attorneys and deputies).
  std::span<const people::Relationship> relationships;
  std::string person_name;  // the person's first name, for messages
};

// The relationships on the record that authorise someone under the Mental
// Capacity Act 2005 to make decisions about the person's care and support
// (s.32(4)(a)): a health and welfare attorney under a registered lasting power
// of attorney, or a deputy for personal welfare under a court order.
std::vector<const people::Relationship*> care_decision_makers(std::span<const people::Relationship> relationships);

// Every way the direct payment does not meet the Care Act 2014's conditions
// for who receives it, each naming its field (with `prefix`):
//  - the person or a nominated person only when the person is not found to
//    lack capacity to ask for a direct payment (s.31(4)(a); MCA s.1(2): with
//    no finding they are assumed to have it);
//  - an authorised person only when an assessment finds the person lacks that
//    capacity (s.32(1)(b)): a presumption cannot establish it;
//  - an authorised person who is an attorney or deputy is one on the record,
//    named as there (s.32(4)(a)); one who is not, where an attorney or deputy is
//    on the record, has one of them supporting it (s.32(4)(b), (5));
//  - the council's finding that the recipient can manage it (s.31(6), s.32(8))
//    and the nominated or authorised person's agreement (s.31(4)(b), s.32(1)(c)),
//    read by part_from_fields, are required here too, so a part stored before
//    they were asked is refused when it is written again.
FieldErrors direct_payment_refused(const DirectPaymentDetails& dp, const DirectPaymentRecord& record,
                                   const std::string& prefix = "");

// Who a support line pays, as the Care and Support (Direct Payments)
// Regulations 2014, reg. 3(3), sorts people (see parts.cpp for the words).
enum class PayeeRelationship { NotRelated, SpouseOrPartner, CloseRelative, OtherRelative };
std::span<const PayeeRelationship> payee_relationships();
std::string_view payee_relationship_code(PayeeRelationship r);  // "not_related", "spouse_or_partner", "close_relative", "other_relative"
std::string_view payee_relationship_label(PayeeRelationship r);
std::optional<PayeeRelationship> payee_relationship_from_code(std::string_view code);

// Whether reg. 3(1) forbids paying them from a direct payment unless the
// council decides it is necessary: a spouse or partner wherever they live, a
// close relative only when living in the same household as the person.
bool restricted_payee(PayeeRelationship r, bool same_household);

// The council's decision that paying such a person from a direct payment is
// necessary (reg. 3(2)), with its reason, who made it and when.
struct NecessityDecision {
  std::string reason;
  std::string decided_by;
  CivilDate decided_on;
};

// Refused (naming `field`) when a line paid by a direct-payment part pays
// someone reg. 3(3) names, with no complete necessity decision.
std::optional<FieldError> family_payee_refused(Mechanism paying_part, PayeeRelationship payee, bool same_household,
                                               const std::optional<NecessityDecision>& decision,
                                               const std::string& field);

// Why a direct-payment part's agreement no longer holds for the same part of a
// later version: who receives it, or where it is held, changed. Nothing when
// the agreement carries over.
std::optional<std::string> agreement_change(const Part& before, const Part& after);

// How a person's budget is deployed as a whole, derived from its parts with a
// non-zero amount (a week or once) and never stored: "Direct payment" (all of it), "Part direct
// payment" (some), "Managed personal budget" (none), or nothing without parts.
std::optional<std::string_view> deployment_summary(std::span<const Part> parts);

// The parts' amounts must add up to the budget's weekly amount, to the penny.
std::optional<FieldError> parts_do_not_sum(std::span<const Part> parts, Money weekly);
// The same for the one-off amounts: the parts' one-off costs add up to the
// budget's (field "parts"); none is below £0.00 (field "parts[i].one_off").
std::optional<FieldError> one_offs_do_not_sum(std::span<const Part> parts, Money one_off);

// How a direct payment is paid unless the agreement says otherwise: every four
// weeks, in advance, so the money is there before the support is bought.
// Care Act 2014 s.25(2): where needs are met by direct payments the plan "must
// also specify— (a) the needs which are to be so met, and (b) the amount and
// frequency of the direct payments." The amount of each payment is the weekly
// amount times four (exact: whole pence times a whole number), never a
// calendar month, which would differ from the weekly figure by pence.
inline constexpr std::int64_t kDirectPaymentWeeksPerPayment = 4;
MoneyResult direct_payment_instalment(Money weekly);

}  // namespace patchwork::budgets
