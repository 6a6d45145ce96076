#pragma once
// Every kind of entry the audit trail can hold: one closed list, each with the
// code stored in the database and shown at /audit. A new kind of event is added
// here (docs/architecture.md lists them), never typed as a free string.
#include <optional>
#include <string_view>
#include <vector>

#include "domain/access/policy.hpp"

namespace patchwork::audit {

enum class AuditAction {
  // The policy's own actions, asked and recorded by Context::authorize.
  SearchPeople,
  CreatePerson,
  ViewAuditLog,
  ManageUsers,
  ManageConfiguration,
  ViewConfiguration,
  ViewReports,
  ViewCaseloads,
  ViewPersonRecord,
  EditPersonRecord,
  CompleteSelfAssessment,
  ConfirmEligibility,
  AllocateWorker,
  ViewFinance,
  ManageFinance,
  // Events recorded beside them.
  SignIn,
  SignOut,
  RequestCheck,           // a request refused before its handler: forged, hostile text, refused by the database
  ListPerson,             // a person shown in a list (search results, a caseload, a home page)
  ViewCaseload,           // a caseload looked at, when it is empty
  ViewCouncilPeople,
  ViewRepresentedPeople,
  DeallocateWorker,
  AddRelationship,
  AddCapacityAssessment,
  AddCaseEvent,
  ChangeCharacteristics,  // a change to the characteristics kept with their history (dementia, PSR...)
  ViewCharacteristics,    // the history of those characteristics, or what held on a date, looked at
  LoadQuestionnaire,
  LoadRasConfiguration,
  ActivateRasConfiguration,
  Recalibrate,
  GiveAccess,             // an account made from a person's record, with a one-time setup code
  SetUpAccount,           // a setup code used (or refused) to set a password
  AddCarer,                       // an unpaid carer recorded, with the offer of a carer's assessment
  RecordCarerAssessmentAnswer,    // the carer's answer to that offer
  RecordWillingAndAble,           // a carer willing and able to go on meeting needs (Care Act s.18(7))
  SetWorkPhone,             // an administrator recorded a worker's phone for letters
  SetStandardInformation,   // an administrator changed the council's standard information and advice
  WithdrawAccess,         // a representative's or budget holder's access ended from a person's record
  // Support plans (#15): the policy's actions, then the events beside them.
  ViewPlan,
  DraftPlan,
  AgreePlan,
  ChangePlan,             // a plan started, or a draft changed (what changed in the reason)
  SubmitPlan,             // a plan sent for approval (frozen)
  NewPlanVersion,         // a new draft version made from an approved or refused plan
  RecordPlanDecision,     // approved, refused or returned recorded on a plan
  // Approval by delegated authority (#15).
  ViewApprovals,              // the policy's: the approval queue looked at
  DecideApproval,             // the policy's: may this user decide on this person's plan (and the limit, when refused)
  SubmitForApproval,          // a plan's approval request queued
  RecordApprovalDecision,     // approved, refused or returned, with the threshold version used
  AcknowledgeApproval,        // finance acknowledged an approved budget
  LoadApprovalThresholds,     // a new version of the council's delegated authority loaded
  SetFinanceAcknowledgement,  // the council setting that asks finance to acknowledge approvals, changed
  // The register of providers (#15, docs/providers.md).
  ViewProviders,          // the policy's action: read the register
  ManageProviders,        // the policy's action: change the register
  AddProvider,            // a provider added to the register
  ChangeProvider,         // a provider's entry changed
  ViewBudget,                     // the policy's: a person's budget looked at (every version, one date, or the letter)
  CreateBudget,                   // a personal budget set (a first version, or one from a plan)
  ChangeBudget,                   // a new version of a budget from a date
  RecordFinancialAssessment,      // what the person must pay towards their budget
  RecordDirectPaymentAgreement,   // the agreement for a direct-payment part, with its first review date
  // Providers engaged through plans (#15, docs/providers.md).
  ViewSupportedPeople,            // a provider account looked at the people its organisation supports
  // Plan reviews (#15, docs/planning.md "Reviews").
  ReviewPlan,                     // the policy's: may this user record a review of this person's plan
  ScheduleReview,                 // a plan's first review scheduled when a version was approved
  RecordReview,                   // a review of a plan or a direct payment recorded, and the next scheduled
  // The ledger (#16, docs/money.md "The ledger").
  ViewLedger,                     // the policy's: a person's account (balance, transfers) looked at
  ViewCouncilLedger,              // the policy's: a council account looked at by finance
  ReverseTransfer,                // the policy's: may this user record a reversing transfer
  RecordReversal,                 // a reversing transfer recorded (or refused), with its reason
  // Payments (#16, docs/money.md "Payments"): the policy's actions, then the events.
  ViewPaymentRuns,
  PreparePaymentRun,
  ApprovePaymentRun,
  ExportPaymentRun,
  ReconcilePaymentRun,
  ManagePaymentDetails,
  SetPaymentSchedule,     // a part's schedule set or changed
  SuspendPayments,        // a part's payments stopped from a date, with the reason
  RecordBankDetails,      // the payee's bank details recorded (the account's last four digits in the reason)
  ViewBankDetails,        // finance saw the payee's bank details in full
  SetPaymentSettings,     // the council's payment settings changed (contribution deducted, BACS originator)
  // Provider invoices (#16, docs/money.md "Provider invoices"): the policy's actions, then the events.
  SubmitInvoice,
  ViewInvoices,
  CheckInvoices,
  ApproveInvoice,
  DiscussInvoice,
  RecordInvoice,            // an invoice received and checked: matched the plan, or held with the differences
  ViewInvoice,              // one invoice (with the person it is for) looked at
  HoldInvoice,              // finance held a checked invoice, with why
  ReleaseInvoice,           // a held invoice released for payment
  AcceptInvoice,            // a held invoice accepted as it is, for payment
  RejectInvoice,            // an invoice rejected, with why
  WriteInvoiceMessage,      // a message in a held invoice's thread, and who must act next
  RecordProviderBankDetails,  // the account a provider is paid into (the last four digits in the reason)
  // End of support, recovery and contributions (#16, docs/money.md "End of
  // support and recovery"): the policy's actions, then the events.
  RecordEndOfSupport,
  ViewRecoveryCases,
  ManageRecovery,
  ApproveWriteOff,
  ManageContributions,
  OpenRecoveryCase,           // a recovery case opened for money paid past the end of support
  SetRecoveryPlan,            // a case's instalments and first due date set
  RecordRecoveryReceipt,      // money received towards a case (or refused)
  ProposeWriteOff,            // writing off a case proposed, with why
  DeclineWriteOff,            // a proposed write-off declined by another officer
  RaiseContributionInvoices,  // contribution invoices raised up to a date
  RecordContributionPayment,  // a payment towards a contribution invoice
  // Monitoring (#16, docs/money.md "Monitoring and flags"): the policy's actions, then the events.
  ViewFlags,
  RunMonitoringCheck,
  ViewFlag,
  WorkFlag,
  PrepareSurplusRecovery,
  DecideSurplusRecovery,
  ChangeSpendingControls,
  ManageMonitoringSettings,
  RecordSurplusRecovery,  // a recovery prepared, approved (the transfer posted) or refused, with the amount
  // Statements (#16, docs/statements.md "Importing a statement").
  ReconcileStatements,    // the policy's: may this user import statements and work their exceptions
  ImportStatement,        // a statement imported, or refused (with what was read, added, matched and why)
  WorkStatementException, // an exception categorised, matched to a payment or closed, with the outcome
  ChangeStatementCategory,// a statement line moved to another spending category (and what was learned)
  ViewStatements,         // an account's statement imports, lines or exceptions looked at
  // The budget holder's own pages (#17, docs/my-pages.md): the policy's actions, then the events.
  AskForReview,
  ManageOwnAccess,
  RecordReviewRequest,    // a review asked for by or for the person (or refused, naming the field)
  SetReviewRequestDays,   // the council's days to act on each reason for a review request changed
  // Closing a holding account (#16, docs/money.md "Closing an account").
  CloseAccount,           // the policy's: may this user close a holding account
  RecordAccountClosure,   // a holding account closed from a date, with the reason, or refused naming why
  // Statements, later (#16): a bank's CSV mapping saved by the council.
  SaveStatementMapping,   // a mapping saved under its name (or refused, naming what is wrong)
  // Payment runs, later (#16): a draft withdrawn before approval.
  WithdrawPaymentRun,     // a draft run withdrawn (its payments left for a later run), with what it held, or refused naming why
  // The self-directed support summary (#18, docs/reports.md).
  ViewSelfDirectedSupport,  // its figures looked at, for one council or every one, as at a date
};

struct AuditActionInfo {
  AuditAction action;
  std::string_view code;         // stored: "view_person_record"
  std::string_view description;  // for docs and the audit page
};

const std::vector<AuditActionInfo>& all_audit_actions();
std::string_view audit_action_code(AuditAction a);
std::optional<AuditAction> audit_action_from_code(std::string_view code);
// The entry a decision of the policy is recorded as.
AuditAction audit_action_for(access::Action a);

}  // namespace patchwork::audit
