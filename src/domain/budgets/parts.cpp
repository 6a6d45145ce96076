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

// A date that has happened (a decision, an agreement): today or earlier.
std::optional<CivilDate> past_date(const people::Fields& f, const std::string& prefix, const std::string& key, const char* what,
                                   bool required, CivilDate today, FieldErrors& errors) {
  std::string v = get(f, prefix + key);
  if (v.empty()) {
    if (required) errors.push_back({prefix + key, std::string("Enter ") + what});
    return std::nullopt;
  }
  auto d = CivilDate::parse_iso(v);
  if (!d) errors.push_back({prefix + key, fmt::format("Enter {} as a real date, like 2026-11-27", what)});
  else if (*d > today) errors.push_back({prefix + key, fmt::format("Enter {}: it must be today or earlier", what)});
  else return d;
  return std::nullopt;
}

// A reference to a record (a relationship on the person's record): a whole number.
std::optional<std::int64_t> reference(const people::Fields& f, const std::string& prefix, const std::string& key, const char* what,
                                      bool required, FieldErrors& errors) {
  std::string v = get(f, prefix + key);
  if (v.empty()) {
    if (required) errors.push_back({prefix + key, std::string("Choose ") + what});
    return std::nullopt;
  }
  if (auto n = parse_id(v)) return *n;
  errors.push_back({prefix + key, std::string("Choose ") + what + " from the list"});
  return std::nullopt;
}

constexpr std::array<std::string_view, 19> kPartFields{
    "key", "mechanism", "weekly", "recipient", "recipient_name", "held_in", "organisation", "manages", "manages_help",
    "manages_decided_by", "manages_decided_on", "recipient_agreed_on", "authorised_as", "representative_id",
    "suitable_decided_by", "suitable_decided_on", "supported_by", "provider_id", "terms"};

constexpr std::array<PayeeRelationship, 4> kPayees{PayeeRelationship::NotRelated, PayeeRelationship::SpouseOrPartner,
                                                   PayeeRelationship::CloseRelative, PayeeRelationship::OtherRelative};

bool same_name(std::string_view a, std::string_view b) { return to_lower(trim(a)) == to_lower(trim(b)); }

// A representative is recorded with a note of who they are ("Sarah Ellis
// (daughter)"); the name a payment is made to is the part before the note.
bool named_as_on_record(std::string_view name, std::string_view on_record) {
  const std::string n = to_lower(trim(name)), r = to_lower(trim(on_record));
  if (n.empty()) return false;
  return r == n || (r.size() > n.size() + 2 && r.starts_with(n) && r.substr(n.size(), 2) == " (");
}

}  // namespace

std::span<const std::string_view> part_field_names() { return kPartFields; }

std::string_view manages_code(Manages m) { return m == Manages::WithHelp ? "with_help" : "by_themself"; }
std::string_view authorised_as_code(AuthorisedAs a) { return a == AuthorisedAs::Suitable ? "suitable" : "attorney_or_deputy"; }

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

Result<Part> part_from_fields(const people::Fields& f, const std::string& prefix, CivilDate today) {
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

    // Care Act 2014 s.31(6) (condition 3, for the adult or a nominated
    // person): "the local authority is satisfied that the adult or nominated
    // person is capable of managing direct payments— (a) by himself or
    // herself, or (b) with whatever help the authority thinks the adult or
    // nominated person will be able to access"; s.32(8) asks the same of an
    // authorised person. The finding is the council's, so who made it and when
    // are kept with it.
    std::string manages = to_lower(get(f, prefix + "manages"));
    ManagingFinding finding;
    if (manages.empty())
      errors.push_back({prefix + "manages", "Say whether the council is satisfied that whoever receives the direct payment can manage it"});
    else if (manages == "no")
      errors.push_back({prefix + "manages",
                        "A direct payment can be paid only to someone the council is satisfied can manage it, by themself or with "
                        "help. Choose someone else to receive it (a nominated or authorised person), or another way to manage this part"});
    else if (manages == "with_help") finding.manages = Manages::WithHelp;
    else if (manages != "by_themself")
      errors.push_back({prefix + "manages", "Say whether they can manage it by themself or with help, from the list"});
    finding.help = one_line(f, prefix, "manages_help", "the help they will have to manage it", finding.manages == Manages::WithHelp,
                            kMaxTerms, errors);
    if (finding.manages != Manages::WithHelp) finding.help.clear();
    finding.decided_by = one_line(f, prefix, "manages_decided_by", "who decided they can manage it", true, kMaxName, errors);
    auto decided_on = past_date(f, prefix, "manages_decided_on", "the date it was decided they can manage it", true, today, errors);
    if (decided_on) finding.decided_on = *decided_on;
    dp.managing = finding;

    if (someone_else)
      dp.recipient_agreed_on = past_date(f, prefix, "recipient_agreed_on",
                                         *r == Recipient::NominatedPerson ? "the date the nominated person agreed to receive the payments"
                                                                          : "the date the authorised person asked for the payments",
                                         true, today, errors);
    if (r == Recipient::AuthorisedPerson) {
      AuthorisedConditions a;
      std::string as = to_lower(get(f, prefix + "authorised_as"));
      if (as == "attorney_or_deputy") a.as = AuthorisedAs::AttorneyOrDeputy;
      else if (as == "suitable") a.as = AuthorisedAs::Suitable;
      else if (as.empty()) errors.push_back({prefix + "authorised_as", "Say how the authorised person is authorised: as an attorney or deputy, or because the council considers them suitable"});
      else errors.push_back({prefix + "authorised_as", "Say how the authorised person is authorised, from the list"});
      if (as == "attorney_or_deputy")
        a.representative_id = reference(f, prefix, "representative_id", "the attorney or deputy from the person's record", true, errors);
      if (as == "suitable") {
        a.suitable_decided_by = one_line(f, prefix, "suitable_decided_by", "who decided the authorised person is suitable", true, kMaxName, errors);
        a.suitable_decided_on = past_date(f, prefix, "suitable_decided_on", "the date the council decided they are suitable", true, today, errors);
        a.supported_by_id = reference(f, prefix, "supported_by", "the attorney or deputy who supports it", false, errors);
      }
      dp.authorised = a;
    }
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

std::vector<const people::Relationship*> care_decision_makers(std::span<const people::Relationship> relationships) {
  std::vector<const people::Relationship*> out;
  // Mental Capacity Act 2005: a health and welfare attorney acts under a
  // registered lasting power of attorney (s.9-10), a deputy for personal
  // welfare under an order of the Court of Protection (s.16); the basis says
  // which is recorded, as people::representative_scope requires of them too.
  for (const auto& r : relationships)
    if ((r.role == "lpa_health_welfare" && r.basis == "registered_lpa") || (r.role == "deputy_personal_welfare" && r.basis == "court_order"))
      out.push_back(&r);
  return out;
}

namespace {

std::string finding_words(const people::CapacityFinding& f) {
  if (!f.assessment) return "";
  return "the assessment on " + f.assessment->assessed_on.display();
}

std::string names_of(const std::vector<const people::Relationship*>& v) {
  std::string s;
  for (std::size_t i = 0; i < v.size(); ++i) s += (i == 0 ? "" : i + 1 == v.size() ? " or " : ", ") + v[i]->name;
  return s;
}

const people::Relationship* among(const std::vector<const people::Relationship*>& v, std::optional<std::int64_t> id) {
  if (!id) return nullptr;
  for (const auto* r : v)
    if (r->id == *id) return r;
  return nullptr;
}

}  // namespace

// Care Act 2014, s.31(1): "This section applies where— ... (b) the adult
// requests the local authority to meet some or all of those needs by making
// payments to the adult or a person nominated by the adult." s.31(4):
// "Condition 1 is that— (a) the adult has capacity to make the request, and (b)
// where there is a nominated person, that person agrees to receive the
// payments." s.32(1): "This section applies where— ... (b) the adult lacks
// capacity to request the local authority to meet any of those needs by making
// payments to the adult, but (c) an authorised person requests the local
// authority to meet some or all of those needs by making payments to the
// authorised person." s.32(4): "A person is authorised for the purposes of this
// section if— (a) the person is authorised under the Mental Capacity Act 2005
// to make decisions about the adult's needs for care and support, (b) where the
// person is not authorised as mentioned in paragraph (a), a person who is so
// authorised agrees with the local authority that the person is a suitable
// person to whom to make direct payments, or (c) where the person is not
// authorised as mentioned in paragraph (a) and there is no person who is so
// authorised, the local authority considers that the person is a suitable
// person to whom to make direct payments." s.32(5): "Condition 1 is that, where
// the authorised person is not authorised as mentioned in subsection (4)(a) but
// there is at least one person who is so authorised, a person who is so
// authorised supports the authorised person's request."
// MCA 2005 s.1(2): "A person must be assumed to have capacity unless it is
// established that he lacks capacity": no finding is having capacity, so an
// authorised person needs a finding that the person lacks it.
FieldErrors direct_payment_refused(const DirectPaymentDetails& dp, const DirectPaymentRecord& record, const std::string& prefix) {
  FieldErrors errors;
  const std::string& name = record.person_name;
  const std::string field = prefix + "recipient";
  if (dp.recipient == Recipient::AuthorisedPerson) {
    if (!record.requesting.lacks()) {
      errors.push_back({field, record.requesting.assessment
                                   ? "An authorised person receives a direct payment only for someone who lacks capacity to ask for "
                                     "one, and " + finding_words(record.requesting) + " found " + name +
                                     " has that capacity: pay " + name + ", or someone " + name + " nominates"
                                   : "An authorised person receives a direct payment only for someone found to lack capacity to ask "
                                     "for one, and no assessment on " + name + "'s record says that (everyone is assumed to have "
                                     "capacity until it is assessed). Record the capacity assessment for asking for a direct "
                                     "payment first, or pay " + name + ", or someone " + name + " nominates"});
    }
  } else if (record.requesting.lacks()) {
    std::string said = finding_words(record.requesting);
    if (!said.empty()) said[0] = 'T';  // "The assessment on ..."
    errors.push_back({field, dp.recipient == Recipient::Person
                                 ? said + " found " + name + " lacks capacity to ask for a direct "
                                   "payment, so it cannot be paid to " + name + ": choose an authorised person who asks for it "
                                   "and receives it for " + name
                                 : "A nominated person is chosen by someone who has capacity to ask for a direct payment, and " +
                                   finding_words(record.requesting) + " found " + name + " lacks it: choose an authorised person instead"});
  }
  if (!dp.managing || dp.managing->decided_by.empty() || !dp.managing->decided_on.ok())
    errors.push_back({prefix + "manages", "Record the council's finding that whoever receives the direct payment can manage it, "
                                          "by themself or with help: who decided and when"});
  if (dp.recipient != Recipient::Person && !dp.recipient_agreed_on)
    errors.push_back({prefix + "recipient_agreed_on", dp.recipient == Recipient::NominatedPerson
                                                          ? "Enter the date the nominated person agreed to receive the payments"
                                                          : "Enter the date the authorised person asked for the payments"});
  if (dp.recipient != Recipient::AuthorisedPerson) return errors;

  const auto makers = care_decision_makers(record.relationships);
  if (!dp.authorised) {
    errors.push_back({prefix + "authorised_as", "Say how the authorised person is authorised: as an attorney or deputy, or because "
                                                "the council considers them suitable"});
    return errors;
  }
  const auto& a = *dp.authorised;
  if (a.as == AuthorisedAs::AttorneyOrDeputy) {
    const auto* rep = among(makers, a.representative_id);
    if (makers.empty())
      errors.push_back({prefix + "representative_id", name + "'s record has no health and welfare attorney or deputy for personal "
                                                      "welfare. Record them on " + name + "'s record first, or choose that the council "
                                                      "considers the authorised person suitable"});
    else if (!rep)
      errors.push_back({prefix + "representative_id", "Choose the attorney or deputy from " + name + "'s record: " + names_of(makers)});
    else if (!named_as_on_record(dp.recipient_name, rep->name))
      errors.push_back({prefix + "recipient_name", "The authorised person is paid as " + name + "'s attorney or deputy, so their name "
                                                   "must be as on " + name + "'s record: " + rep->name});
    return errors;
  }
  if (a.suitable_decided_by.empty() || !a.suitable_decided_on)
    errors.push_back({prefix + "suitable_decided_by", "Record who decided, for the council, that the authorised person is suitable, and when"});
  if (!makers.empty() && !among(makers, a.supported_by_id))
    errors.push_back({prefix + "supported_by", name + " has an attorney or deputy for care and support (" + names_of(makers) +
                                               "): the law lets someone else be the authorised person only when one of them "
                                               "agrees they are suitable and supports the request. Choose which of them supports it"});
  else if (makers.empty() && a.supported_by_id)
    errors.push_back({prefix + "supported_by", "Nobody on " + name + "'s record is a health and welfare attorney or deputy for "
                                               "personal welfare, so there is nobody to choose here: leave it empty"});
  return errors;
}

std::span<const PayeeRelationship> payee_relationships() { return kPayees; }

std::string_view payee_relationship_code(PayeeRelationship r) {
  switch (r) {
    case PayeeRelationship::NotRelated: return "not_related";
    case PayeeRelationship::SpouseOrPartner: return "spouse_or_partner";
    case PayeeRelationship::CloseRelative: return "close_relative";
    case PayeeRelationship::OtherRelative: return "other_relative";
  }
  return "not_related";
}

std::string_view payee_relationship_label(PayeeRelationship r) {
  switch (r) {
    case PayeeRelationship::NotRelated: return "Not related to them, and not their partner";
    case PayeeRelationship::SpouseOrPartner: return "Their husband, wife or civil partner, or someone who lives with them as a couple";
    case PayeeRelationship::CloseRelative:
      return "A close relative: parent or parent-in-law, son or daughter, son-in-law or daughter-in-law, stepson or stepdaughter, "
             "brother or sister, aunt or uncle, or grandparent (or the husband, wife or partner of one of these)";
    case PayeeRelationship::OtherRelative: return "Another relative, such as a grandchild, niece, nephew or cousin";
  }
  return "Not related to them, and not their partner";
}

std::optional<PayeeRelationship> payee_relationship_from_code(std::string_view code) {
  for (auto r : kPayees)
    if (payee_relationship_code(r) == code) return r;
  return std::nullopt;
}

// The Care and Support (Direct Payments) Regulations 2014, reg. 3(1): "Direct
// payments must be made subject to the condition that they must not be used to
// pay any person mentioned in paragraph (3) to meet the needs of the adult in
// respect of whose needs the direct payment is made." reg. 3(2): "Except that,
// if the local authority considers it is necessary to do so, direct payments
// may be used to pay a person mentioned in paragraph (3)— (a) to meet the care
// needs of the adult; or (b) to provide administrative and management support
// ..." reg. 3(3): "The persons referred to in paragraph (1) are— (a) the
// spouse or civil partner of the adult; (b) a person who lives with the adult
// as if their spouse or civil partner; (c) a person living in the same
// household as the adult who is the adult's— (i) parent or parent-in-law,
// (ii) son or daughter, (iii) son-in-law or daughter-in-law, ..." and on
// through stepson or stepdaughter, brother or sister, aunt or uncle and
// grandparent, and the spouse or partner of any of these living in the same
// household. So (a) and (b) are caught wherever they live; (c) only in the
// same household; a grandchild, niece, nephew or cousin not at all.
bool restricted_payee(PayeeRelationship r, bool same_household) {
  if (r == PayeeRelationship::SpouseOrPartner) return true;
  return r == PayeeRelationship::CloseRelative && same_household;
}

std::optional<FieldError> family_payee_refused(Mechanism paying_part, PayeeRelationship payee, bool same_household,
                                               const std::optional<NecessityDecision>& decision, const std::string& field) {
  if (paying_part != Mechanism::DirectPayment || !restricted_payee(payee, same_household)) return std::nullopt;
  if (decision && !trim(decision->reason).empty() && !trim(decision->decided_by).empty() && decision->decided_on.ok())
    return std::nullopt;
  return FieldError{field, payee == PayeeRelationship::SpouseOrPartner
                               ? "A direct payment cannot pay the person's husband, wife or partner, wherever they live, unless "
                                 "the council has decided it is necessary: record that decision, who made it, when and why"
                               : "A direct payment cannot pay a close relative who lives in the same household unless the "
                                 "council has decided it is necessary: record that decision, who made it, when and why"};
}

std::optional<std::string> agreement_change(const Part& before, const Part& after) {
  if (!before.direct_payment || !after.direct_payment) return std::string("it is no longer a direct payment");
  const auto& a = *before.direct_payment;
  const auto& b = *after.direct_payment;
  if (a.recipient != b.recipient || !same_name(a.recipient_name, b.recipient_name)) return std::string("who receives it has changed");
  if (a.held_in != b.held_in || !same_name(a.organisation, b.organisation)) return std::string("where it is held has changed");
  return std::nullopt;
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
