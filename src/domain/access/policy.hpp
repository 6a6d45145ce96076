#pragma once
// The one place that decides whether a user may do something, to a person or
// to the council's data as a whole. Every page and API endpoint asks it, and
// the answer (allowed or refused, with why) goes into the audit trail.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/ids.hpp"

namespace patchwork::access {

enum class Role {
  Administrator,
  SocialWorker,
  TeamManager,
  FinanceOfficer,
  Commissioner,
  SafeguardingLead,
  Provider,
  BudgetHolder,
  Representative,
  HeadOfService,   // approves plans above a team manager's limit (#15, approval by delegated authority)
};

const std::vector<Role>& all_roles();
std::string_view role_code(Role r);          // "social_worker": stored and sent on the wire
std::string_view role_name(Role r);          // "Social worker": shown to people
std::optional<Role> role_from_code(std::string_view code);

enum class Action {
  // Council-wide actions (no particular person).
  SearchPeople,
  CreatePerson,
  ViewAuditLog,
  ManageUsers,
  ManageConfiguration,   // questionnaires, RAS models, council settings
  ViewConfiguration,     // read the questionnaire and the published RAS models
  ViewReports,           // aggregate figures, no person-level data
  ViewCaseloads,         // every social worker's caseload (team managers)
  // Actions on one person's record.
  ViewPersonRecord,
  EditPersonRecord,
  CompleteSelfAssessment,
  ConfirmEligibility,
  AllocateWorker,
  ViewFinance,
  ManageFinance,
  // Support plans (#15): see the plan, write or change a draft (and submit it,
  // or start a new version), record the person's agreement to it.
  ViewPlan,
  DraftPlan,
  AgreePlan,
  // Approval by delegated authority (#15). Whether the amount is within the
  // approver's limit is not the policy's question: planning::may_approve
  // answers it from the council's thresholds (docs/planning.md says why).
  ViewApprovals,         // council-wide: the queue of plans waiting for approval
  DecideApproval,        // on one person: approve, refuse or return their plan
  // The council's register of providers (council-wide).
  ViewProviders,         // read the register: what plans pick from (a provider account: its own entry only)
  ManageProviders,       // add to and change the register
  // A person's personal budget: its amount, who pays what, how each part is managed.
  ViewBudget,
  // Reviews of a person's support plan and direct payments (Care Act 2014
  // s.27): record one done, which schedules the next.
  ReviewPlan,
  // The ledger (#16, docs/money.md "The ledger").
  ViewLedger,            // on one person: their accounts' balances and transfers
  ViewCouncilLedger,     // council-wide: any account of the council (funding, providers, spending)
  ReverseTransfer,       // council-wide: record a reversing transfer, with a reason
  // Payments (#16, docs/money.md "Payments"). Runs are council-wide and
  // finance's; approving one is asked with who prepared it (PreparedWork
  // below), so that whoever prepared a run can never approve it.
  ViewPaymentRuns,
  PreparePaymentRun,
  ApprovePaymentRun,
  ExportPaymentRun,
  ReconcilePaymentRun,
  // On one person: their payment schedules, suspensions and the payee's bank details.
  ManagePaymentDetails,
  // Provider invoices (#16, docs/money.md "Provider invoices").
  SubmitInvoice,         // on one person: a provider engaged with them sends an invoice (finance enters a paper one)
  ViewInvoices,          // council-wide: finance sees every invoice; a provider its own (the handler narrows)
  CheckInvoices,         // council-wide: hold, reject, record where providers are paid
  ApproveInvoice,        // approve, release or accept as it is: asked with who entered it (PreparedWork)
  DiscussInvoice,        // council-wide: write in a held invoice's thread (a provider on its own invoices)
  // End of support and recovery (#16, docs/money.md "End of support and recovery").
  RecordEndOfSupport,    // on one person: a death, an end of support or a move, from a date
  ViewRecoveryCases,     // council-wide: the overpayment recovery cases
  ManageRecovery,        // council-wide: a case's plan, money received, proposing a write-off
  ApproveWriteOff,       // council-wide, asked with who proposed it (PreparedWork): never the proposer
  ManageContributions,   // council-wide: contribution invoices, payments received, arrears
  // Monitoring (#16, docs/money.md "Monitoring and flags").
  ViewFlags,                 // council-wide: the list of flags (a social worker's narrowed to their people)
  RunMonitoringCheck,        // council-wide: raise flags from the ledger and statements
  ViewFlag,                  // on one person: a flag on their account, with its evidence
  WorkFlag,                  // on one person: record a flag looked at, or its outcome
  PrepareSurplusRecovery,    // council-wide: prepare a recovery of a surplus (finance)
  DecideSurplusRecovery,     // approve or refuse a recovery: asked with who prepared it (PreparedWork)
  ChangeSpendingControls,    // on one person: change their plan's spending controls, with a reason
  ManageMonitoringSettings,  // council-wide: review frequencies and flag thresholds
  // Statements (#16, docs/statements.md "Importing a statement"), council-wide
  // and finance's: import a statement, work its exceptions, change a line's category.
  ReconcileStatements,
  // The budget holder's own pages (#17, docs/my-pages.md).
  AskForReview,          // on one person: ask the council to review their support (Care Act 2014 s.27(1)(b))
  ManageOwnAccess,       // on one person: see who has access to their information, and end access they agreed to
  // Closing a holding account (#16, docs/money.md "Closing an account"): council-wide, finance's.
  CloseAccount,
};

const std::vector<Action>& all_actions();
std::string_view action_code(Action a);      // "view_person_record": used in the audit trail
bool is_person_action(Action a);

// What a representative may do for the person they are linked to. It is never
// typed: people::representative_scope derives it from their role, its basis and
// the person's capacity for the kind of decision, at the moment of asking, so a
// new capacity assessment changes it at once.
struct RepresentativeScope {
  bool view = false;          // see the person's record
  bool act_on_care = false;   // act on care and support: fill in the self-assessment
  bool act_on_money = false;  // act on money: the direct payment, property and affairs
  bool any() const { return view || act_on_care || act_on_money; }
  bool operator==(const RepresentativeScope&) const = default;
};

// Who is asking.
struct Actor {
  UserId user_id{};
  CouncilId council_id{};
  Role role = Role::BudgetHolder;
  std::optional<PersonId> person_id;  // a budget holder is a person
};

// The facts about the actor's relationship to one person, read from the database.
struct PersonRelation {
  PersonId person_id{};
  CouncilId person_council_id{};
  bool allocated_worker = false;                          // the actor is allocated to the person
  RepresentativeScope representative{};
  bool provider_engaged = false;                          // the actor's organisation supports the person
};

enum class Outcome { Allowed, Refused };

struct Decision {
  Outcome outcome = Outcome::Refused;
  std::string reason;  // plain words, kept in the audit trail
  bool allowed() const { return outcome == Outcome::Allowed; }
};

// What of a person's record a user may see: one projection, decided here beside
// the policy and used by every surface that shows a person — their record, search
// results, every list, the API and the pages alike.
//  - Identity: who the person is (name, date of birth, NHS number, the council's
//    id, age band): enough for finance to pay and match, nothing about their care.
//  - Contact: identity and how to reach them (address, phone, email, languages):
//    a provider that supports the person.
//  - CareRecord: everything, for those the policy lets view the care record.
enum class PersonView { None, Identity, Contact, CareRecord };
std::string_view person_view_code(PersonView v);  // "identity", "contact", "care_record"
PersonView person_view(const Actor& actor, const PersonRelation& relation);
// Whether a projection includes how to reach the person (contact or care record).
inline bool shows_contact(PersonView v) { return v == PersonView::Contact || v == PersonView::CareRecord; }

// Work one user prepared that another must check (maker-checker): a payment
// run, a provider invoice, a proposed write-off of an overpayment (and, later,
// an adjustment).
struct PreparedWork {
  UserId prepared_by{};
  CouncilId council_id{};
};

// Council-wide actions. A person action asked without a person is refused.
Decision decide(const Actor& actor, Action action);
// Actions on one person.
Decision decide(const Actor& actor, Action action, const PersonRelation& relation);
// An action on work someone prepared: the council-wide decision, then never
// the same user who prepared it, and never another council's work. Approving
// a payment run is only ever decided this way.
Decision decide(const Actor& actor, Action action, const PreparedWork& work);

}  // namespace patchwork::access
