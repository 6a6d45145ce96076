#pragma once
// End of support, recovery cases (their periods and receipts) and contribution
// invoices (and their payments). Every function takes the council and filters
// by it in the SQL. docs/money.md "End of support and recovery".
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/recovery/recovery.hpp"
#include "storage/db.hpp"

namespace patchwork::storage {

std::int64_t insert_support_end(Connection& c, const recovery::SupportEnd& e, std::optional<UserId> by);
std::optional<recovery::SupportEnd> find_support_end(Connection& c, CouncilId council, PersonId person);
// The last day paid of everyone in the council whose support has ended.
std::map<PersonId, CivilDate> support_last_days(Connection& c, CouncilId council);

// Inserts the case; nothing (and no id) when a case with its key exists already.
std::optional<std::int64_t> insert_case(Connection& c, const recovery::RecoveryCase& rc);
void insert_case_period(Connection& c, CouncilId council, std::int64_t case_id, const recovery::CasePeriod& p);
std::optional<recovery::RecoveryCase> find_case(Connection& c, CouncilId council, std::int64_t id);
// Open cases first (oldest first), then the rest, newest first.
std::vector<recovery::RecoveryCase> list_cases(Connection& c, CouncilId council);
std::vector<recovery::RecoveryCase> person_cases(Connection& c, CouncilId council, PersonId person);
std::vector<recovery::CasePeriod> case_periods(Connection& c, CouncilId council, std::int64_t case_id);
std::int64_t insert_receipt(Connection& c, CouncilId council, const recovery::Receipt& r, std::optional<UserId> by);
std::vector<recovery::Receipt> case_receipts(Connection& c, CouncilId council, std::int64_t case_id);
std::int64_t count_receipts(Connection& c, CouncilId council, std::int64_t case_id);
// Each guarded by the state it moves from: false when the case was no longer in it.
bool set_case_plan(Connection& c, CouncilId council, std::int64_t id, int instalments, CivilDate first_due);
bool set_case_state(Connection& c, CouncilId council, std::int64_t id, recovery::CaseState from, recovery::CaseState to);
bool propose_write_off(Connection& c, CouncilId council, std::int64_t id, const std::string& reason, UserId by);
bool approve_write_off(Connection& c, CouncilId council, std::int64_t id, UserId by, const std::string& at);
bool decline_write_off(Connection& c, CouncilId council, std::int64_t id);

// Inserts the invoice; false when the person's period is invoiced already.
bool insert_invoice(Connection& c, const recovery::ContributionInvoice& i, std::optional<UserId> by);
std::optional<CivilDate> invoiced_through(Connection& c, CouncilId council, PersonId person);
std::optional<recovery::ContributionInvoice> find_contribution_invoice(Connection& c, CouncilId council, std::int64_t id);
std::vector<recovery::ContributionInvoice> person_invoices(Connection& c, CouncilId council, PersonId person);
// Every invoice of the council not paid in full, oldest due first.
std::vector<recovery::ContributionInvoice> unpaid_invoices(Connection& c, CouncilId council);
std::int64_t insert_contribution_payment(Connection& c, CouncilId council, const recovery::ContributionPayment& p, std::optional<UserId> by);
std::int64_t count_contribution_payments(Connection& c, CouncilId council, std::int64_t invoice_id);

}  // namespace patchwork::storage
