#pragma once
// The HTML pages, one function per capability folder.
#include "http/dispatcher.hpp"

namespace patchwork::web {

void add_shell_pages(http::Dispatcher& d);   // start, sign in/out, home pages by role
void add_admin_pages(http::Dispatcher& d);   // audit trail search, accounts
void add_people_pages(http::Dispatcher& d);  // find, record and change a person; capacity, carers, timeline
void add_access_pages(http::Dispatcher& d);  // give access from a person's record; set up an account with a setup code
void add_carer_pages(http::Dispatcher& d);  // unpaid carers and the carer's assessment offer
void add_assessment_pages(http::Dispatcher& d);  // self-assessment, eligibility, indicative budget
void add_configuration_pages(http::Dispatcher& d);
void add_plan_pages(http::Dispatcher& d);  // support plans: versions, parts, lines, agreement, the printable plan  // questionnaires and RAS models (administrators)
void add_configuration_pages(http::Dispatcher& d);  // questionnaires and RAS models (administrators)
void add_approval_pages(http::Dispatcher& d);  // the approval queue, decisions, thresholds, decision times
void add_provider_pages(http::Dispatcher& d);  // the council's register of providers (administrators)
void add_budget_pages(http::Dispatcher& d);  // a person's personal budget and the budget letter
void add_involvement_pages(http::Dispatcher& d);  // who was involved in a plan; agreement that could not be reached
void add_review_pages(http::Dispatcher& d);  // reviews of plans and direct payments
void add_ledger_pages(http::Dispatcher& d);  // finance: a ledger account, its transfers, corrections
void add_recovery_pages(http::Dispatcher& d);  // end of support, recovery cases, contribution arrears
void add_payment_pages(http::Dispatcher& d);  // finance's payment runs; a person's payment schedules, suspensions and bank details
void add_invoice_pages(http::Dispatcher& d);  // provider invoices: finance's list and invoice page; a provider's own invoices, sending one, replying
void add_monitoring_pages(http::Dispatcher& d);  // monitoring flags, surplus recoveries, a plan's spending controls
void add_report_pages(http::Dispatcher& d);  // council-wide reports: how agreed plans compare with the RAS
void add_self_directed_support_pages(http::Dispatcher& d);  // council-wide reports: personal budgets and direct payments
void add_report_pages(http::Dispatcher& d);
void add_my_pages(http::Dispatcher& d);  // the budget holder's own pages under /my, and the same for the people they allow  // council-wide reports: how agreed plans compare with the RAS

}  // namespace patchwork::web
