#pragma once
// How a direct-payment part's conditions (budgets::DirectPaymentDetails: the
// council's finding that the recipient can manage it, the nominated or
// authorised person's agreement, how an authorised person is authorised) are
// kept in the ten columns migration 0014 added to both support_plan_parts and
// budget_parts, so the plan's parts and the budget's are read and written alike.
#include <cstddef>
#include <optional>

#include "domain/budgets/parts.hpp"
#include "storage/db.hpp"

namespace patchwork::storage {

// The columns, in the order direct_payment_values gives and read_direct_payment_conditions reads.
#define PW_DIRECT_PAYMENT_CONDITION_COLUMNS                                                                         \
  "managing, managing_help, managing_decided_by, managing_decided_on, recipient_agreed_on, authorised_as, "          \
  "representative_id, suitable_decided_by, suitable_decided_on, supported_by_id"
inline constexpr std::size_t kDirectPaymentConditionColumns = 10;

// The ten values for a part (all NULL for a part that is not a direct payment).
void append_direct_payment_values(Params& params, const std::optional<budgets::DirectPaymentDetails>& dp);
// Reads the ten columns starting at `first` into `dp`.
void read_direct_payment_conditions(const Row& r, std::size_t first, budgets::DirectPaymentDetails& dp);

}  // namespace patchwork::storage
