#include "domain/ledger/accounts.hpp"

#include <array>
#include <fmt/format.h>

namespace patchwork::ledger {
namespace {

constexpr std::array<AccountKind, 8> kKinds{
    AccountKind::CouncilFunding,     AccountKind::DirectPayment,   AccountKind::IndividualServiceFund,
    AccountKind::PersonContribution, AccountKind::ProviderPayable, AccountKind::Spending,
    AccountKind::SurplusRecovered,   AccountKind::OverpaymentsDue};

constexpr std::array<SpendingCategory, 10> kCategories{
    SpendingCategory::PaWages,       SpendingCategory::PayeAndPension,          SpendingCategory::EmployersInsurance,
    SpendingCategory::AgencyCare,    SpendingCategory::DayOpportunities,        SpendingCategory::EquipmentAndAdaptations,
    SpendingCategory::Transport,     SpendingCategory::Activities,              SpendingCategory::Respite,
    SpendingCategory::Other};

}  // namespace

std::span<const AccountKind> account_kinds() { return kKinds; }

std::string_view account_kind_code(AccountKind k) {
  switch (k) {
    case AccountKind::CouncilFunding: return "council_funding";
    case AccountKind::DirectPayment: return "direct_payment";
    case AccountKind::IndividualServiceFund: return "individual_service_fund";
    case AccountKind::PersonContribution: return "person_contribution";
    case AccountKind::ProviderPayable: return "provider_payable";
    case AccountKind::Spending: return "spending";
    case AccountKind::SurplusRecovered: return "surplus_recovered";
    case AccountKind::OverpaymentsDue: return "overpayments_due";
  }
  return "council_funding";
}

std::string_view account_kind_label(AccountKind k) {
  switch (k) {
    case AccountKind::CouncilFunding: return "Council funding";
    case AccountKind::DirectPayment: return "Direct payment account";
    case AccountKind::IndividualServiceFund: return "Individual service fund";
    case AccountKind::PersonContribution: return "Person's contribution";
    case AccountKind::ProviderPayable: return "Paid to provider";
    case AccountKind::Spending: return "Spending";
    case AccountKind::SurplusRecovered: return "Surplus recovered";
    case AccountKind::OverpaymentsDue: return "Overpayments due";
  }
  return "Council funding";
}

std::optional<AccountKind> account_kind_from_code(std::string_view code) {
  for (AccountKind k : kKinds)
    if (account_kind_code(k) == code) return k;
  return std::nullopt;
}

bool is_holding(AccountKind k) { return k == AccountKind::DirectPayment || k == AccountKind::IndividualServiceFund; }

bool may_go_below_zero(AccountKind k) {
  return k == AccountKind::CouncilFunding || k == AccountKind::PersonContribution || k == AccountKind::OverpaymentsDue;
}

std::optional<AccountKind> holding_kind(budgets::Mechanism m) {
  switch (m) {
    case budgets::Mechanism::DirectPayment: return AccountKind::DirectPayment;
    case budgets::Mechanism::IndividualServiceFund: return AccountKind::IndividualServiceFund;
    case budgets::Mechanism::CouncilManaged: return std::nullopt;
  }
  return std::nullopt;
}

std::span<const SpendingCategory> spending_categories() { return kCategories; }

std::string_view spending_category_code(SpendingCategory c) {
  switch (c) {
    case SpendingCategory::PaWages: return "pa_wages";
    case SpendingCategory::PayeAndPension: return "paye_and_pension";
    case SpendingCategory::EmployersInsurance: return "employers_insurance";
    case SpendingCategory::AgencyCare: return "agency_care";
    case SpendingCategory::DayOpportunities: return "day_opportunities";
    case SpendingCategory::EquipmentAndAdaptations: return "equipment_and_adaptations";
    case SpendingCategory::Transport: return "transport";
    case SpendingCategory::Activities: return "activities";
    case SpendingCategory::Respite: return "respite";
    case SpendingCategory::Other: return "other";
  }
  return "other";
}

std::string_view spending_category_label(SpendingCategory c) {
  switch (c) {
    case SpendingCategory::PaWages: return "Personal assistants' wages";
    case SpendingCategory::PayeAndPension: return "PAYE tax, National Insurance and pension";
    case SpendingCategory::EmployersInsurance: return "Employer's insurance";
    case SpendingCategory::AgencyCare: return "Care from an agency";
    case SpendingCategory::DayOpportunities: return "Day opportunities";
    case SpendingCategory::EquipmentAndAdaptations: return "Equipment and adaptations";
    case SpendingCategory::Transport: return "Transport";
    case SpendingCategory::Activities: return "Activities";
    case SpendingCategory::Respite: return "Short breaks (respite)";
    case SpendingCategory::Other: return "Other";
  }
  return "Other";
}

std::optional<SpendingCategory> spending_category_from_code(std::string_view code) {
  for (SpendingCategory c : kCategories)
    if (spending_category_code(c) == code) return c;
  return std::nullopt;
}

std::string account_key(const Account& a) {
  switch (a.kind) {
    case AccountKind::DirectPayment:
    case AccountKind::IndividualServiceFund:
      return fmt::format("person:{}:part:{}", a.person_id ? a.person_id->value() : 0, a.part_key);
    case AccountKind::PersonContribution:
      return fmt::format("person:{}", a.person_id ? a.person_id->value() : 0);
    case AccountKind::ProviderPayable:
      return fmt::format("provider:{}", a.provider_id ? a.provider_id->value() : 0);
    case AccountKind::Spending:
      return fmt::format("category:{}", spending_category_code(a.category.value_or(SpendingCategory::Other)));
    case AccountKind::CouncilFunding:
    case AccountKind::SurplusRecovered:
    case AccountKind::OverpaymentsDue:
      return "";
  }
  return "";
}

std::string account_label(const Account& a) {
  std::string label(account_kind_label(a.kind));
  if (is_holding(a.kind)) return fmt::format("{}, part {}", label, a.part_key);
  if (a.kind == AccountKind::Spending && a.category)
    return fmt::format("{}: {}", label, spending_category_label(*a.category));
  return label;
}

}  // namespace patchwork::ledger
