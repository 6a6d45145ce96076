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
//  - NominatedPerson: someone the adult, having capacity, asks the council to
//    pay instead (s.31 and the Direct Payments Regulations 2014).
//  - AuthorisedPerson: someone who receives it for an adult who lacks capacity
//    to ask for it (s.32).
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

struct DirectPaymentDetails {
  Recipient recipient = Recipient::Person;
  std::string recipient_name;         // empty when the recipient is the person
  HeldIn held_in = HeldIn::BankAccount;
  std::string organisation;           // who runs a managed account or payroll service
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
// payment recipient, recipient_name, held_in, organisation; for an individual
// service fund provider_id, terms. Each problem named by its field; `prefix`
// is put before every field name in errors (e.g. "parts[1].").
Result<Part> part_from_fields(const people::Fields& f, const std::string& prefix = "");

// Whether the direct-payment recipient fits the person's capacity for
// "managing a direct payment" (people::capacity_for with kind
// "managing_direct_payment"): the person or a nominated person only when the
// person is not found to lack capacity (MCA s.1(2): assumed to have it), an
// authorised person only when they are (s.32(1)). The error names the field
// `prefix + "recipient"` and says why in plain words.
std::optional<FieldError> recipient_refused(const DirectPaymentDetails& dp, const people::CapacityFinding& managing,
                                            const std::string& prefix = "");

// The council's record that paying a close family member living in the same
// household from a direct payment is necessary.
struct NecessityDecision {
  std::string reason;
  std::string decided_by;
  CivilDate decided_on;
};

// A direct payment may not pay a close family member living in the same
// household unless the council has decided it is necessary (Care and Support
// (Direct Payments) Regulations 2014). Refused (naming `field`) when a line
// paid by a direct-payment part pays such a family member with no decision.
std::optional<FieldError> family_payee_refused(Mechanism paying_part, bool close_family_in_household,
                                               const std::optional<NecessityDecision>& decision,
                                               const std::string& field);

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
