#pragma once
// Provider invoices (#16, docs/money.md "Provider invoices"): received and
// checked against the approved plan in force, approved for payment (never by
// whoever entered them), or held with a dispute thread and then released,
// rejected or accepted as they are; paid in the next payment run. Every
// function runs in the caller's transaction and returns field errors as
// values; the caller asks the policy first and writes the audit entries.
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "domain/invoices/invoice.hpp"
#include "domain/ledger/transfer.hpp"
#include "domain/payments/run.hpp"
#include "domain/people/person.hpp"
#include "storage/db.hpp"
#include "storage/repositories/invoices_repository.hpp"

namespace patchwork::services {

// Records a provider's invoice for `person` and checks it against the plan in
// force on its service dates: no differences → checked (waiting for a
// finance officer to approve it); any → held, each difference named with its
// figures, the council to act next. Refused ("number") for a number the
// provider has used before, ("period_from") when no approved plan was in
// force on any of the days, ("part_key") for a part that is not in the plan or
// is a direct payment (the person pays those providers themself).
Result<invoices::Invoice> submit_invoice(storage::Connection& c, const people::Person& person, ProviderId provider,
                                         const invoices::Submission& s, UserId by);

// The council's decisions. Approve (checked → approved), release (held →
// released) and accept as it is (held → accepted) are refused ("decided_by")
// to whoever entered the invoice: the policy refused them first. Each is
// refused ("state") from a state it cannot move from, naming it.
Result<invoices::Invoice> approve_invoice(storage::Connection& c, CouncilId council, std::int64_t id, UserId by);
Result<invoices::Invoice> release_invoice(storage::Connection& c, CouncilId council, std::int64_t id, const people::Fields& f, UserId by);
Result<invoices::Invoice> accept_invoice(storage::Connection& c, CouncilId council, std::int64_t id, const people::Fields& f, UserId by);
// Hold (checked → held) and reject (checked or held → rejected) need a
// `message` saying why; a hold's message opens the thread, and `must_act`
// says who acts next (the provider, unless the council says itself).
Result<invoices::Invoice> hold_invoice(storage::Connection& c, CouncilId council, std::int64_t id, const people::Fields& f, UserId by);
Result<invoices::Invoice> reject_invoice(storage::Connection& c, CouncilId council, std::int64_t id, const people::Fields& f, UserId by);
// A message in a held invoice's thread, from `side`; sets who must act next.
Result<invoices::Message> write_invoice_message(storage::Connection& c, CouncilId council, std::int64_t id, const people::Fields& f,
                                                invoices::Side side, UserId by);

// Where a provider of the register is paid (account_name, sort_code,
// account_number, checked as payees' are).
Result<storage::ProviderBankDetails> record_provider_bank_details(storage::Connection& c, CouncilId council, ProviderId provider,
                                                                  const people::Fields& f, UserId by);

// For the payment run (services/payments_service.cpp): every invoice approved
// for payment, for support up to `pay_up_to` (invoices are paid in arrears),
// and in no run yet. One without the
// provider's bank details, or paid from an individual service fund that does
// not hold enough, is held back (listed with the run, paid by a later one).
struct InvoicesForRun {
  std::vector<storage::InvoiceRunItem> items;
  std::vector<payments::HeldItem> held;
};
Result<InvoicesForRun> invoices_for_run(storage::Connection& c, CouncilId council, CivilDate pay_up_to);
// Puts them in run `run_id`; the unique indexes refuse an invoice already in
// another run, and the whole run is then rolled back.
void record_invoices_in_run(storage::Connection& c, CouncilId council, std::int64_t run_id, const std::vector<storage::InvoiceRunItem>& items);
// The run's invoices as payment file lines (the provider is the payee).
std::vector<payments::RunItem> invoice_file_items(storage::Connection& c, CouncilId council, std::int64_t run_id);
// On the run's first export: one ledger transfer per invoice, from the
// individual service fund's holding account or the council's funding to the
// provider's account, its id the invoice's own (inv:<provider>:<number>), and
// each invoice marked paid. Posting is the caller's, in the same transaction.
Result<std::vector<ledger::Transfer>> pay_invoices_in_run(storage::Connection& c, CouncilId council, std::int64_t run_id,
                                                          CivilDate value_date, UserId by);

}  // namespace patchwork::services
