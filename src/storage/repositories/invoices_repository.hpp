#pragma once
// Provider invoices: the invoices with their lines and differences, their
// history, the dispute thread, providers' bank details, and the runs that pay
// them (migration 0020). Every function takes the council and filters by it.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/invoices/invoice.hpp"
#include "domain/payments/bank_details.hpp"
#include "storage/db.hpp"

namespace patchwork::storage {

// Stores a checked invoice with its lines, differences and first history
// entries, in the state and with the "who must act" given; returns its id.
// The unique (council, provider, number) index refuses a number used before.
std::int64_t insert_invoice(Connection& c, const invoices::Invoice& inv);
std::optional<invoices::Invoice> find_invoice(Connection& c, CouncilId council, std::int64_t id);
// The council's invoices (or one provider's), without lines: held first, then
// those waiting on the council, then the rest, newest first.
std::vector<invoices::Invoice> list_invoices(Connection& c, CouncilId council, std::optional<ProviderId> provider);
// The id of the invoice with this number from this provider, if any.
std::optional<std::int64_t> invoice_with_number(Connection& c, CouncilId council, ProviderId provider, const std::string& number);
// The provider's invoices for the person, for the "already invoiced" check.
std::vector<invoices::Earlier> earlier_invoices(Connection& c, CouncilId council, ProviderId provider, PersonId person);

// Moves an invoice from `from` to `to`, guarded by `from` (false when another
// request moved it first), setting who must act; `decided_by` is recorded when
// it is approved, released or accepted.
bool move_invoice(Connection& c, CouncilId council, std::int64_t id, invoices::State from, invoices::State to, invoices::Side must_act,
                  std::optional<UserId> decided_by, const std::string& at);
void set_must_act(Connection& c, CouncilId council, std::int64_t id, invoices::Side must_act);
void insert_invoice_event(Connection& c, CouncilId council, std::int64_t id, invoices::State state, const std::string& note,
                          std::optional<UserId> by, const std::string& at);
std::vector<invoices::Event> invoice_events(Connection& c, CouncilId council, std::int64_t id);
void insert_invoice_message(Connection& c, CouncilId council, std::int64_t id, const invoices::Message& m);
std::vector<invoices::Message> invoice_messages(Connection& c, CouncilId council, std::int64_t id);

// Where providers are paid: kept as history, the latest row is the account.
struct ProviderBankDetails {
  ProviderId provider_id{};
  std::string account_name;
  std::string sort_code;
  std::string account_number;
  std::string recorded_at;
};
void insert_provider_bank_details(Connection& c, CouncilId council, const ProviderBankDetails& b, std::optional<UserId> by);
std::optional<ProviderBankDetails> latest_provider_bank_details(Connection& c, CouncilId council, ProviderId provider);

// Invoices approved for payment (approved, released, accepted) for support
// up to `up_to` (their last day on or before it) and in no run yet: what a run pays.
std::vector<invoices::Invoice> payable_invoices(Connection& c, CouncilId council, CivilDate up_to);

// One invoice paid in a run, with the provider's account as it was when the
// run was prepared.
struct InvoiceRunItem {
  std::int64_t run_id = 0;
  std::int64_t invoice_id = 0;
  std::string transfer_id;
  Money amount;
  std::string payee_name;
  std::string sort_code;
  std::string account_number;
  std::string reference;
  // From the invoice:
  ProviderId provider_id{};
  std::string provider_name;
  std::string number;
  PersonId person_id{};
  std::string person_name;
  std::string part_key;
  budgets::Mechanism mechanism = budgets::Mechanism::CouncilManaged;
  CivilDate period_from;
  CivilDate period_to;
};
void insert_invoice_run_item(Connection& c, CouncilId council, const InvoiceRunItem& i);
std::vector<InvoiceRunItem> invoice_run_items(Connection& c, CouncilId council, std::int64_t run_id);

}  // namespace patchwork::storage
