#pragma once
// The JSON API under /api/v1, one function per capability folder.
#include "http/dispatcher.hpp"
#include "services/learning_service.hpp"

namespace patchwork::api {

void add_health_api(http::Dispatcher& d, storage::Database& database);  // /healthz, /readyz
void add_session_api(http::Dispatcher& d);                               // sessions, me
void add_audit_api(http::Dispatcher& d);                                 // audit trail search
void add_people_api(http::Dispatcher& d);                                // people and their records
void add_carers_api(http::Dispatcher& d);                                // unpaid carers and the carer's assessment offer
void add_assessment_api(http::Dispatcher& d);
void add_plans_api(http::Dispatcher& d);                                 // support plans and their versions                            // self-assessment, eligibility, RAS
void add_assessment_api(http::Dispatcher& d);                            // self-assessment, eligibility, RAS
void add_approvals_api(http::Dispatcher& d);                             // approval by delegated authority, thresholds, decision times
void add_providers_api(http::Dispatcher& d);                             // the council's register of providers
// The RAS learns from agreed plans: the report and the proposed next model,
// from the agreed plans `rows` gives (wired by the app once plans exist).
void add_ras_learning_api(http::Dispatcher& d, services::AgreedRowsSource rows);
void add_reports_api(http::Dispatcher& d);                               // council-wide reports: self-directed support
void add_reviews_api(http::Dispatcher& d);                               // reviews of plans and direct payments
void add_budgets_api(http::Dispatcher& d);                               // personal budgets, financial assessments, direct payment agreements
void add_ledger_api(http::Dispatcher& d);                                // ledger accounts, their transfers, corrections
void add_statements_api(http::Dispatcher& d);                            // statement import, lines, exceptions and their working
void add_payments_api(http::Dispatcher& d);                              // payment runs, schedules, suspensions, bank details, payment settings
void add_invoices_api(http::Dispatcher& d);                              // provider invoices, holds and their threads, providers' bank details
void add_recovery_api(http::Dispatcher& d);                              // end of support, recovery cases, contribution invoices
void add_monitoring_api(http::Dispatcher& d);                            // monitoring flags, surplus recoveries, spending controls, settings
void add_payments_api(http::Dispatcher& d);
void add_me_api(http::Dispatcher& d);                                    // the budget holder's own information, and the people they allow (/api/v1/me/people)                              // payment runs, schedules, suspensions, bank details, payment settings

}  // namespace patchwork::api
