#pragma once
// The ledger's accounts: what kinds a council has, which may go below zero,
// and how one is named so that it is opened once and found again.
// Pure domain: no storage, HTTP or JSON. docs/money.md "The ledger".
//
// Sign convention. An account's balance is what has been credited to it
// (arrived) less what has been debited from it (left), as at the end of a
// day. So a holding account's balance is the money it holds; a spending
// category's is what has been spent on it; the council's funding account goes
// below zero by what the council has paid out, and the person's contribution
// account by what the person has paid in. Every transfer moves one amount from
// one account to another, so the balances of a council's accounts always add
// up to zero (a test checks it).
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/ids.hpp"
#include "domain/budgets/parts.hpp"
#include "domain/ledger/transfer.hpp"

namespace patchwork::ledger {

enum class AccountKind {
  CouncilFunding,          // where the council's money for budgets comes from; one per council
  DirectPayment,           // holds one direct-payment part's money (bank, prepaid card, managed account, payroll)
  IndividualServiceFund,   // holds one individual-service-fund part's money, with the provider
  PersonContribution,      // what the person pays towards their support (Care Act s.14, s.17); one per person
  ProviderPayable,         // what has been paid to one provider on the register
  Spending,                // what has been spent in one spending category (per council)
  SurplusRecovered,        // money the council took back from a holding account above the allowed reserve
  OverpaymentsDue,         // money paid past the end of support that is owed back to the council
};
std::span<const AccountKind> account_kinds();
std::string_view account_kind_code(AccountKind k);    // "council_funding", "direct_payment", ...
std::string_view account_kind_label(AccountKind k);   // plain English: "Direct payment account"
std::optional<AccountKind> account_kind_from_code(std::string_view code);

// A holding account holds money for one part of a person's budget.
bool is_holding(AccountKind k);
// Which kinds may go below zero: only the sources of money (the council's
// funding, the person's contribution) and the overpayments owed to the council
// (below zero by what is owed: recording a debt moves its amount out of it,
// repaying moves it back). Every other account only ever holds or counts money
// that arrived in it, so it can never give out more than it received: a holding
// account cannot spend money it has not been paid, a provider cannot refund
// more than it was paid.
bool may_go_below_zero(AccountKind k);

// The holding account for a budget part with this mechanism. A part the
// council arranges itself holds no money (the council pays its providers from
// its funding), so it has none. A direct payment held in a managed account, on
// a prepaid card or by a payroll service is still a direct payment: where it is
// held is the part's detail, which can change without the money moving ledger.
std::optional<AccountKind> holding_kind(budgets::Mechanism m);

// The spending categories of a direct payment or service fund (statement lines
// are sorted into them).
enum class SpendingCategory {
  PaWages,
  PayeAndPension,
  EmployersInsurance,
  AgencyCare,
  DayOpportunities,
  EquipmentAndAdaptations,
  Transport,
  Activities,
  Respite,
  Other,
};
std::span<const SpendingCategory> spending_categories();
std::string_view spending_category_code(SpendingCategory c);   // "pa_wages", "paye_and_pension", ...
std::string_view spending_category_label(SpendingCategory c);  // "Personal assistants' wages", ...
std::optional<SpendingCategory> spending_category_from_code(std::string_view code);

// One account. Which of person, part key, provider and category are set
// depends on the kind (account_key says which).
struct Account {
  AccountId id = 0;
  CouncilId council_id{};
  AccountKind kind = AccountKind::CouncilFunding;
  std::optional<PersonId> person_id{};        // holding accounts and the person's contribution
  std::string part_key{};                     // holding accounts: the budget part's key ("A")
  std::optional<ProviderId> provider_id{};    // provider payables
  std::optional<SpendingCategory> category{}; // spending accounts
};

// What makes an account the one it is within its council and kind, as text:
// "" for the council's single accounts, "person:12:part:A" for a holding
// account, "person:12" for a contribution, "provider:5", "category:pa_wages".
//
// A holding account is keyed by person and part key, not by budget version:
// a budget changes by new versions (a new amount from a date) but the part
// "A" is the same direct payment in the same bank account, and its money must
// carry over from one version to the next rather than be stranded in an
// account of a version no longer in effect.
std::string account_key(const Account& a);

// The account as a person reads it: "Direct payment account, part A".
std::string account_label(const Account& a);

}  // namespace patchwork::ledger
