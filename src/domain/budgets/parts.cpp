#include "domain/budgets/parts.hpp"

#include <array>
#include <fmt/format.h>

#include "core/text.hpp"

namespace patchwork::budgets {
namespace {

constexpr std::array<Mechanism, 3> kMechanisms{Mechanism::DirectPayment, Mechanism::IndividualServiceFund,
                                               Mechanism::CouncilManaged};
constexpr std::array<Recipient, 3> kRecipients{Recipient::Person, Recipient::NominatedPerson,
                                               Recipient::AuthorisedPerson};
constexpr std::array<HeldIn, 4> kHoldings{HeldIn::BankAccount, HeldIn::PrepaidCard, HeldIn::ManagedAccount,
                                          HeldIn::PayrollService};

// A part's key: short, so it reads as a label in a table ("A", "B", "DP1").
constexpr std::size_t kMaxKey = 10;
constexpr std::size_t kMaxName = 200;
constexpr std::size_t kMaxTerms = 2000;

std::string get(const people::Fields& f, const std::string& key) {
  auto it = f.find(key);
  return it == f.end() ? std::string() : trim(it->second);
}

// One-line text: present when required, not too long, no line breaks or
// control characters (names appear in letters and lists).
std::string one_line(const people::Fields& f, const std::string& prefix, const std::string& key, const char* what,
                     bool required, std::size_t max, FieldErrors& errors) {
  std::string v = get(f, prefix + key);
  if (v.empty()) {
    if (required) errors.push_back({prefix + key, std::string("Enter ") + what});
    return v;
  }
  if (text_problem(v) || has_line_break(v)) errors.push_back({prefix + key, fmt::format("Enter {} on one line, in plain text", what)});
  else if (v.size() > max) errors.push_back({prefix + key, fmt::format("The {} must be {} characters or fewer", what, max)});
  return v;
}

}  // namespace

std::span<const Mechanism> mechanisms() { return kMechanisms; }

std::string_view mechanism_code(Mechanism m) {
  switch (m) {
    case Mechanism::DirectPayment: return "direct_payment";
    case Mechanism::IndividualServiceFund: return "individual_service_fund";
    case Mechanism::CouncilManaged: return "council_managed";
  }
  return "council_managed";
}

std::string_view mechanism_label(Mechanism m) {
  switch (m) {
    case Mechanism::DirectPayment: return "Direct payment: the money is paid so that support can be arranged directly";
    case Mechanism::IndividualServiceFund: return "Individual service fund: a provider holds the money and arranges support as the person chooses";
    case Mechanism::CouncilManaged: return "Arranged by the council";
  }
  return "Arranged by the council";
}

std::optional<Mechanism> mechanism_from_code(std::string_view code) {
  for (auto m : kMechanisms)
    if (mechanism_code(m) == code) return m;
  return std::nullopt;
}

// The spellings are DHSC's (DataS-DHSC/ASC-CLD-LA-Dashboard). Release 1, as
// the ASCOF 3D code's reference table of services and mechanisms has them
// ("Direct Payment", "CASSR Managed Personal Budget", "CASSR Commissioned
// Support", ranked 3, 4, 5 in long-term community support); release 2 puts the
// same values in sentence case, and the dashboard maps release 2 to release 1
// (Delivery_Mechanism_Cleaned_R1) before counting. 3D part 1a counts "Direct
// Payment" and "CASSR Managed Personal Budget" as self-directed support; a
// part of a personal budget is never "commissioned support", which is support
// with no personal budget, so no part maps to it.
std::string_view delivery_mechanism(Mechanism m, bool release1) {
  switch (m) {
    case Mechanism::DirectPayment: return release1 ? "Direct Payment" : "Direct payment";
    case Mechanism::IndividualServiceFund:
    case Mechanism::CouncilManaged: return release1 ? "CASSR Managed Personal Budget" : "CASSR managed personal budget";
  }
  return release1 ? "CASSR Managed Personal Budget" : "CASSR managed personal budget";
}

std::span<const Recipient> recipients() { return kRecipients; }

std::string_view recipient_code(Recipient r) {
  switch (r) {
    case Recipient::Person: return "person";
    case Recipient::NominatedPerson: return "nominated_person";
    case Recipient::AuthorisedPerson: return "authorised_person";
  }
  return "person";
}

std::string_view recipient_label(Recipient r) {
  switch (r) {
    case Recipient::Person: return "The person themself";
    case Recipient::NominatedPerson: return "Someone the person has chosen (a nominated person)";
    case Recipient::AuthorisedPerson: return "Someone who receives it for the person, who cannot decide this themself (an authorised person)";
  }
  return "The person themself";
}

std::optional<Recipient> recipient_from_code(std::string_view code) {
  for (auto r : kRecipients)
    if (recipient_code(r) == code) return r;
  return std::nullopt;
}

std::span<const HeldIn> holdings() { return kHoldings; }

std::string_view held_in_code(HeldIn h) {
  switch (h) {
    case HeldIn::BankAccount: return "bank_account";
    case HeldIn::PrepaidCard: return "prepaid_card";
    case HeldIn::ManagedAccount: return "managed_account";
    case HeldIn::PayrollService: return "payroll_service";
  }
  return "bank_account";
}

std::string_view held_in_label(HeldIn h) {
  switch (h) {
    case HeldIn::BankAccount: return "A bank account kept only for the direct payment";
    case HeldIn::PrepaidCard: return "A prepaid card from the council";
    case HeldIn::ManagedAccount: return "A managed account run by an organisation";
    case HeldIn::PayrollService: return "A payroll service that pays care workers";
  }
  return "A bank account kept only for the direct payment";
}

std::optional<HeldIn> held_in_from_code(std::string_view code) {
  for (auto h : kHoldings)
    if (held_in_code(h) == code) return h;
  return std::nullopt;
}

bool needs_organisation(HeldIn h) { return h == HeldIn::ManagedAccount || h == HeldIn::PayrollService; }

Result<Part> part_from_fields(const people::Fields& f, const std::string& prefix) {
  FieldErrors errors;
  Part p;
  p.key = one_line(f, prefix, "key", "a short name for the part, like A", true, kMaxKey, errors);

  std::string mech = get(f, prefix + "mechanism");
  auto m = mechanism_from_code(to_lower(mech));
  if (mech.empty()) errors.push_back({prefix + "mechanism", "Choose how this part of the budget is managed"});
  else if (!m) errors.push_back({prefix + "mechanism", "Choose how this part of the budget is managed from the list"});
  else p.mechanism = *m;

  if (m == Mechanism::DirectPayment) {
    DirectPaymentDetails dp;
    std::string who = get(f, prefix + "recipient");
    auto r = recipient_from_code(to_lower(who));
    if (who.empty()) errors.push_back({prefix + "recipient", "Choose who receives the direct payment"});
    else if (!r) errors.push_back({prefix + "recipient", "Choose who receives the direct payment from the list"});
    else dp.recipient = *r;
    // The person's own name is on their record; anyone else must be named.
    bool someone_else = r && *r != Recipient::Person;
    dp.recipient_name = one_line(f, prefix, "recipient_name", "the name of the person who receives the direct payment",
                                 someone_else, kMaxName, errors);
    if (r == Recipient::Person) dp.recipient_name.clear();

    std::string held = get(f, prefix + "held_in");
    auto h = held_in_from_code(to_lower(held));
    if (held.empty()) errors.push_back({prefix + "held_in", "Choose where the direct payment is held"});
    else if (!h) errors.push_back({prefix + "held_in", "Choose where the direct payment is held from the list"});
    else dp.held_in = *h;
    dp.organisation = one_line(f, prefix, "organisation", "the organisation that runs the account or payroll",
                               h && needs_organisation(*h), kMaxName, errors);
    if (h && !needs_organisation(*h)) dp.organisation.clear();
    p.direct_payment = dp;
  } else if (m == Mechanism::IndividualServiceFund) {
    IndividualServiceFundDetails isf;
    std::string id = get(f, prefix + "provider_id");
    if (id.empty()) errors.push_back({prefix + "provider_id", "Choose the provider that holds the individual service fund"});
    else if (auto n = parse_id(id)) isf.provider_id = *n;
    else errors.push_back({prefix + "provider_id", "Choose the provider that holds the individual service fund from the list"});
    std::string terms = get(f, prefix + "terms");
    if (terms.empty()) errors.push_back({prefix + "terms", "Enter what the provider has agreed to do with the money"});
    else if (text_problem(terms)) errors.push_back({prefix + "terms", "Enter the provider's terms in plain text"});
    else if (terms.size() > kMaxTerms) errors.push_back({prefix + "terms", fmt::format("The provider's terms must be {} characters or fewer", kMaxTerms)});
    isf.terms = terms;
    p.service_fund = isf;
  }

  // A plan works a part's amount out from its lines; a budget is given it.
  // Either way, when the amount is sent it must be exact and not negative.
  std::string weekly = get(f, prefix + "weekly");
  if (!weekly.empty()) {
    auto w = Money::parse(weekly);
    if (!w) errors.push_back({prefix + "weekly", "Enter the part's amount a week in pounds and pence, like 120.50"});
    else if (w->pence() < 0) errors.push_back({prefix + "weekly", "The part's amount a week cannot be less than £0.00"});
    else p.weekly = *w;
  }

  if (!errors.empty()) return std::unexpected(errors);
  return p;
}

// Care Act 2014, s.31(1)(b) and (4)(a): direct payments may be made "to the
// adult or a person nominated by the adult" where "the adult has capacity to
// make the request". s.32(1)(b)-(c): payments to an authorised person apply
// where "the adult lacks capacity to request the local authority to meet any
// of those needs by making payments to the adult". MCA 2005 s.1(2): "A person
// must be assumed to have capacity unless it is established that he lacks
// capacity", so NotAssessed counts as having it.
std::optional<FieldError> recipient_refused(const DirectPaymentDetails& dp, const people::CapacityFinding& managing,
                                            const std::string& prefix) {
  const std::string field = prefix + "recipient";
  if (dp.recipient == Recipient::AuthorisedPerson) {
    if (managing.lacks()) return std::nullopt;
    return FieldError{field,
                      "An authorised person receives a direct payment only for someone found to lack capacity to manage "
                      "one, and the record does not say that: pay the person, or someone they nominate, or record the "
                      "capacity assessment first"};
  }
  if (!managing.lacks()) return std::nullopt;
  if (dp.recipient == Recipient::Person)
    return FieldError{field,
                      "The record says the person lacks capacity to manage a direct payment, so it cannot be paid to them: "
                      "choose an authorised person who receives it for them"};
  return FieldError{field,
                    "A nominated person is chosen by someone who has capacity to ask for a direct payment, and the record "
                    "says the person lacks it: choose an authorised person instead"};
}

// The Care and Support (Direct Payments) Regulations 2014, reg. 3(1): "Direct
// payments must be made subject to the condition that they must not be used to
// pay any person mentioned in paragraph (3) to meet the needs of the adult";
// reg. 3(2): "Except that, if the local authority considers it is necessary to
// do so, direct payments may be used to pay a person mentioned in paragraph
// (3)"; reg. 3(3) names the spouse or civil partner, someone living with the
// adult as such, and close relatives "living in the same household as the
// adult". So the council's recorded decision, with its reason, is what allows it.
std::optional<FieldError> family_payee_refused(Mechanism paying_part, bool close_family_in_household,
                                               const std::optional<NecessityDecision>& decision,
                                               const std::string& field) {
  if (paying_part != Mechanism::DirectPayment || !close_family_in_household) return std::nullopt;
  if (decision && !trim(decision->reason).empty() && !trim(decision->decided_by).empty() && decision->decided_on.ok())
    return std::nullopt;
  return FieldError{field,
                    "A direct payment cannot pay a close family member who lives in the same household unless the "
                    "council has decided it is necessary: record that decision, who made it, when and why"};
}

std::optional<std::string_view> deployment_summary(std::span<const Part> parts) {
  bool any = false, direct = false, other = false;
  for (const auto& p : parts) {
    if (p.weekly.pence() == 0 && p.one_off.pence() == 0) continue;
    any = true;
    if (p.mechanism == Mechanism::DirectPayment) direct = true;
    else other = true;
  }
  if (!any) return std::nullopt;
  if (direct && !other) return "Direct payment";
  if (direct) return "Part direct payment";
  return "Managed personal budget";
}

std::optional<FieldError> parts_do_not_sum(std::span<const Part> parts, Money weekly) {
  Money total;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (parts[i].weekly.pence() < 0)
      return FieldError{fmt::format("parts[{}].weekly", i), "A part's amount a week cannot be less than £0.00"};
    auto t = total.plus(parts[i].weekly);
    if (!t) return FieldError{"parts", "The parts' amounts are too large to add up"};
    total = *t;
  }
  if (total == weekly) return std::nullopt;
  return FieldError{"parts", fmt::format("The parts add up to {} a week, but the budget is {} a week: they must be the same",
                                         total.display(), weekly.display())};
}

std::optional<FieldError> one_offs_do_not_sum(std::span<const Part> parts, Money one_off) {
  Money total;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (parts[i].one_off.pence() < 0)
      return FieldError{fmt::format("parts[{}].one_off", i), "A part's one-off amount cannot be less than £0.00"};
    auto t = total.plus(parts[i].one_off);
    if (!t) return FieldError{"parts", "The parts' one-off amounts are too large to add up"};
    total = *t;
  }
  if (total == one_off) return std::nullopt;
  return FieldError{"parts", fmt::format("The parts' one-off amounts add up to {}, but the budget's one-off amount is {}: they must be the same",
                                         total.display(), one_off.display())};
}

MoneyResult direct_payment_instalment(Money weekly) { return weekly.times(kDirectPaymentWeeksPerPayment); }

}  // namespace patchwork::budgets
