#include "domain/access/policy.hpp"

#include <utility>

namespace patchwork::access {
namespace {

struct RoleInfo { Role role; std::string_view code; std::string_view name; };
constexpr RoleInfo kRoles[] = {
    {Role::Administrator, "administrator", "Administrator"},
    {Role::SocialWorker, "social_worker", "Social worker"},
    {Role::TeamManager, "team_manager", "Team manager"},
    {Role::FinanceOfficer, "finance_officer", "Finance officer"},
    {Role::Commissioner, "commissioner", "Commissioner"},
    {Role::SafeguardingLead, "safeguarding_lead", "Safeguarding lead"},
    {Role::Provider, "provider", "Provider"},
    {Role::BudgetHolder, "budget_holder", "Budget holder"},
    {Role::Representative, "representative", "Representative"},
    {Role::HeadOfService, "head_of_service", "Head of service"},
};

struct ActionInfo { Action action; std::string_view code; bool person; };
constexpr ActionInfo kActions[] = {
    {Action::SearchPeople, "search_people", false},
    {Action::CreatePerson, "create_person", false},
    {Action::ViewAuditLog, "view_audit_log", false},
    {Action::ManageUsers, "manage_users", false},
    {Action::ManageConfiguration, "manage_configuration", false},
    {Action::ViewConfiguration, "view_configuration", false},
    {Action::ViewReports, "view_reports", false},
    {Action::ViewCaseloads, "view_caseloads", false},
    {Action::ViewPersonRecord, "view_person_record", true},
    {Action::EditPersonRecord, "edit_person_record", true},
    {Action::CompleteSelfAssessment, "complete_self_assessment", true},
    {Action::ConfirmEligibility, "confirm_eligibility", true},
    {Action::AllocateWorker, "allocate_worker", true},
    {Action::ViewFinance, "view_finance", true},
    {Action::ManageFinance, "manage_finance", true},
    {Action::ViewPlan, "view_plan", true},
    {Action::DraftPlan, "draft_plan", true},
    {Action::AgreePlan, "agree_plan", true},
    {Action::ViewApprovals, "view_approvals", false},
    {Action::DecideApproval, "decide_approval", true},
    {Action::ViewProviders, "view_providers", false},
    {Action::ManageProviders, "manage_providers", false},
    {Action::ViewBudget, "view_budget", true},
    {Action::ReviewPlan, "review_plan", true},
    {Action::ViewLedger, "view_ledger", true},
    {Action::ViewCouncilLedger, "view_council_ledger", false},
    {Action::ReverseTransfer, "reverse_transfer", false},
    {Action::ViewPaymentRuns, "view_payment_runs", false},
    {Action::PreparePaymentRun, "prepare_payment_run", false},
    {Action::ApprovePaymentRun, "approve_payment_run", false},
    {Action::ExportPaymentRun, "export_payment_run", false},
    {Action::ReconcilePaymentRun, "reconcile_payment_run", false},
    {Action::ManagePaymentDetails, "manage_payment_details", true},
    {Action::SubmitInvoice, "submit_invoice", true},
    {Action::ViewInvoices, "view_invoices", false},
    {Action::CheckInvoices, "check_invoices", false},
    {Action::ApproveInvoice, "approve_invoice", false},
    {Action::DiscussInvoice, "discuss_invoice", false},
    {Action::RecordEndOfSupport, "record_end_of_support", true},
    {Action::ViewRecoveryCases, "view_recovery_cases", false},
    {Action::ManageRecovery, "manage_recovery", false},
    {Action::ApproveWriteOff, "approve_write_off", false},
    {Action::ManageContributions, "manage_contributions", false},
    {Action::ViewFlags, "view_flags", false},
    {Action::RunMonitoringCheck, "run_monitoring_check", false},
    {Action::ViewFlag, "view_flag", true},
    {Action::WorkFlag, "work_flag", true},
    {Action::PrepareSurplusRecovery, "prepare_surplus_recovery", false},
    {Action::DecideSurplusRecovery, "decide_surplus_recovery", false},
    {Action::ChangeSpendingControls, "change_spending_controls", true},
    {Action::ManageMonitoringSettings, "manage_monitoring_settings", false},
    {Action::ReconcileStatements, "reconcile_statements", false},
    {Action::AskForReview, "ask_for_review", true},
    {Action::ManageOwnAccess, "manage_own_access", true},
    {Action::CloseAccount, "close_account", false},
};

Decision allow(std::string reason) { return {Outcome::Allowed, std::move(reason)}; }
Decision refuse(std::string reason) { return {Outcome::Refused, std::move(reason)}; }

}  // namespace

const std::vector<Role>& all_roles() {
  static const std::vector<Role> roles = [] {
    std::vector<Role> r;
    for (const auto& info : kRoles) r.push_back(info.role);
    return r;
  }();
  return roles;
}

std::string_view role_code(Role r) {
  for (const auto& info : kRoles) if (info.role == r) return info.code;
  return "unknown";
}

std::string_view role_name(Role r) {
  for (const auto& info : kRoles) if (info.role == r) return info.name;
  return "Unknown";
}

std::optional<Role> role_from_code(std::string_view code) {
  for (const auto& info : kRoles) if (info.code == code) return info.role;
  return std::nullopt;
}

const std::vector<Action>& all_actions() {
  static const std::vector<Action> actions = [] {
    std::vector<Action> a;
    for (const auto& info : kActions) a.push_back(info.action);
    return a;
  }();
  return actions;
}

std::string_view action_code(Action a) {
  for (const auto& info : kActions) if (info.action == a) return info.code;
  return "unknown";
}

bool is_person_action(Action a) {
  for (const auto& info : kActions) if (info.action == a) return info.person;
  return true;
}

Decision decide(const Actor& actor, Action action) {
  if (is_person_action(action)) return refuse("this action needs a person");
  switch (action) {
    case Action::SearchPeople:
      // Every role that works with people may search; the results are then limited
      // to the people each user may see (a worker's caseload, a manager's council).
      switch (actor.role) {
        case Role::SocialWorker: case Role::TeamManager: case Role::SafeguardingLead: case Role::FinanceOfficer:
        case Role::HeadOfService:
          return allow("staff may search the people they work with");
        default: return refuse("this role does not search people's records");
      }
    case Action::CreatePerson:
      if (actor.role == Role::SocialWorker || actor.role == Role::TeamManager)
        return allow("practitioners record new people");
      return refuse("only social workers and team managers record new people");
    case Action::ViewAuditLog:
      if (actor.role == Role::Administrator) return allow("administrators keep the audit trail");
      return refuse("only administrators may search the audit trail");
    case Action::ManageUsers:
      if (actor.role == Role::Administrator) return allow("administrators manage accounts");
      return refuse("only administrators manage accounts");
    case Action::ManageConfiguration:
      if (actor.role == Role::Administrator) return allow("administrators load council configuration");
      return refuse("only administrators change council configuration");
    case Action::ViewConfiguration:
      // An algorithm that sets public money is published to the people it
      // affects: everyone signed in may read the questionnaire and the models.
      return allow("the questionnaire and the resource allocation models are published");
    case Action::ViewCaseloads:
      if (actor.role == Role::TeamManager || actor.role == Role::HeadOfService) return allow("team managers oversee their workers' caseloads");
      return refuse("only team managers see every worker's caseload");
    case Action::ViewReports:
      switch (actor.role) {
        case Role::Administrator: case Role::TeamManager: case Role::Commissioner: case Role::FinanceOfficer:
        case Role::HeadOfService:
          return allow("this role sees council-wide figures");
        default: return refuse("this role does not see council-wide figures");
      }
    case Action::ViewApprovals:
      // Approvers see the plans waiting for them; finance sees the approved
      // ones waiting for its acknowledgement (a council setting).
      switch (actor.role) {
        case Role::SocialWorker: case Role::TeamManager: case Role::HeadOfService: case Role::FinanceOfficer:
          return allow("this role approves plans or acknowledges approved budgets");
        default: return refuse("this role does not approve support plans");
      }
    case Action::ViewProviders:
      // The register is what a support plan's lines pick from, so everyone who
      // plans reads it; a provider account reads only its own organisation's
      // entry (the handler narrows the list to it).
      switch (actor.role) {
        case Role::Administrator: case Role::SocialWorker: case Role::TeamManager: case Role::Commissioner:
        case Role::BudgetHolder: case Role::Representative:
          return allow("this role plans support, or keeps the register, and reads the council's register of providers");
        case Role::Provider: return allow("a provider sees its own organisation's entry on the register");
        default: return refuse("this role does not plan support, so it does not read the register of providers");
      }
    case Action::ManageProviders:
      if (actor.role == Role::Administrator) return allow("administrators keep the council's register of providers");
      return refuse("only administrators change the register of providers");
    case Action::ViewCouncilLedger:
      if (actor.role == Role::FinanceOfficer) return allow("finance officers keep the council's accounts");
      return refuse("only finance officers see the council's accounts as a whole");
    case Action::ReverseTransfer:
      // A correction moves money back; who prepared the original does not
      // matter here (maker-checker for adjustments is the payment runs' rule).
      if (actor.role == Role::FinanceOfficer) return allow("finance officers correct the council's accounts");
      return refuse("only finance officers correct the council's accounts");
    case Action::ViewPaymentRuns: case Action::PreparePaymentRun: case Action::ExportPaymentRun:
    case Action::ReconcilePaymentRun:
      // Runs hold bank details and move money: finance's alone.
      if (actor.role == Role::FinanceOfficer) return allow("finance officers run the council's payments");
      return refuse("only finance officers work on payment runs");
    case Action::ReconcileStatements:
      // A statement posts spending and matches payments in the ledger.
      if (actor.role == Role::FinanceOfficer) return allow("finance officers reconcile the accounts budgets are held in");
      return refuse("only finance officers import statements and work their exceptions");
    case Action::ApprovePaymentRun:
      // Never decided without knowing who prepared the run: see decide(actor, action, PreparedWork).
      return refuse("approving a payment run needs to know who prepared it");
    case Action::ViewInvoices: case Action::DiscussInvoice:
      // Both sides of an invoice read it and write in its thread; a provider
      // only ever its own organisation's (the handler finds invoices by the
      // account's provider, so another's is never found).
      if (actor.role == Role::FinanceOfficer) return allow("finance officers check and pay providers' invoices");
      if (actor.role == Role::Provider) return allow("a provider sees and answers its own invoices");
      return refuse("only finance officers and the provider that sent it see an invoice");
    case Action::CheckInvoices:
      if (actor.role == Role::FinanceOfficer) return allow("finance officers check providers' invoices");
      return refuse("only finance officers check, hold or reject invoices");
    case Action::ApproveInvoice:
      // Never decided without knowing who entered the invoice: see decide(actor, action, PreparedWork).
      return refuse("approving an invoice for payment needs to know who entered it");
    case Action::ViewRecoveryCases: case Action::ManageRecovery: case Action::ManageContributions:
      // Money owed to the council, and who owes it: finance's alone.
      if (actor.role == Role::FinanceOfficer) return allow("finance officers recover money owed to the council");
      return refuse("only finance officers work on money owed to the council");
    case Action::ApproveWriteOff:
      // Never decided without knowing who proposed it: see decide(actor, action, PreparedWork).
      return refuse("approving a write-off needs to know who proposed it");
    case Action::ViewFlags:
      // Finance monitors the money; team managers oversee the casework; a
      // social worker sees the flags of the people allocated to them (the
      // handler narrows the list, and each flag is opened through the person).
      switch (actor.role) {
        case Role::FinanceOfficer: case Role::TeamManager: case Role::SocialWorker:
          return allow("this role works monitoring flags");
        default: return refuse("this role does not work monitoring flags");
      }
    case Action::RunMonitoringCheck: case Action::PrepareSurplusRecovery:
      if (actor.role == Role::FinanceOfficer) return allow("finance officers monitor the council's budget accounts");
      return refuse("only finance officers run monitoring checks and recover surpluses");
    case Action::DecideSurplusRecovery:
      // Never decided without knowing who prepared it: see decide(actor, action, PreparedWork).
      return refuse("deciding a surplus recovery needs to know who prepared it");
    case Action::CloseAccount:
      // No maker-checker: closing moves no money (the account must hold
      // nothing), and the closure is audited with who, when and why.
      if (actor.role == Role::FinanceOfficer) return allow("finance officers close the accounts that hold budgets' money");
      return refuse("only finance officers close the accounts that hold budgets' money");
    case Action::ManageMonitoringSettings:
      if (actor.role == Role::Administrator || actor.role == Role::FinanceOfficer)
        return allow("administrators and finance set how budget accounts are monitored");
      return refuse("only administrators and finance set how budget accounts are monitored");
    default: return refuse("unknown action");
  }
}

Decision decide(const Actor& actor, Action action, const PreparedWork& work) {
  if (is_person_action(action)) return refuse("this action needs a person");
  if (work.council_id != actor.council_id) return refuse("the work belongs to another council");
  if (action == Action::ApprovePaymentRun) {
    if (actor.role != Role::FinanceOfficer) return refuse("only finance officers approve payment runs");
    // Maker-checker: a second person checks every payment before money moves.
    if (actor.user_id == work.prepared_by) return refuse("you prepared this payment run, so another finance officer must approve it");
    return allow("a finance officer who did not prepare the run");
  }
  if (action == Action::ApproveInvoice) {
    if (actor.role != Role::FinanceOfficer) return refuse("only finance officers approve invoices for payment");
    // Maker-checker: whoever entered (or changed) an invoice never approves it.
    if (actor.user_id == work.prepared_by) return refuse("you entered this invoice, so another finance officer must approve it for payment");
    return allow("a finance officer who did not enter the invoice");
  }
  if (action == Action::ApproveWriteOff) {
    if (actor.role != Role::FinanceOfficer) return refuse("only finance officers approve writing off money owed to the council");
    // Maker-checker: money the council gives up is never given up by one person alone.
    if (actor.user_id == work.prepared_by) return refuse("you proposed writing this off, so another finance officer must approve it");
    return allow("a finance officer who did not propose the write-off");
  }
  if (action == Action::DecideSurplusRecovery) {
    if (actor.role != Role::FinanceOfficer) return refuse("only finance officers approve surplus recoveries");
    // Maker-checker: money taken back from a person's account is checked by a second officer.
    if (actor.user_id == work.prepared_by) return refuse("you prepared this surplus recovery, so another finance officer must decide it");
    return allow("a finance officer who did not prepare the recovery");
  }
  return decide(actor, action);
}

Decision decide(const Actor& actor, Action action, const PersonRelation& rel) {
  if (!is_person_action(action)) return decide(actor, action);
  // A council's staff never see another council's people, whatever their role.
  if (rel.person_council_id != actor.council_id) return refuse("the person belongs to another council");

  const bool self = actor.person_id && *actor.person_id == rel.person_id;
  switch (actor.role) {
    case Role::SocialWorker:
      if (!rel.allocated_worker) return refuse("the social worker is not allocated to this person");
      switch (action) {
        case Action::ViewPersonRecord: case Action::EditPersonRecord: case Action::CompleteSelfAssessment:
        case Action::ConfirmEligibility: case Action::ViewFinance: case Action::ViewBudget:
        case Action::ViewPlan: case Action::DraftPlan: case Action::AgreePlan: case Action::ViewLedger:
          return allow("allocated social worker");
        case Action::ReviewPlan:
          // The council keeps plans under review (s.27): its own staff record
          // reviews, never the person, a representative or a provider.
          return allow("allocated social worker reviews the plan");
        case Action::RecordEndOfSupport:
          // The worker is usually the first to hear of a death or a move.
          return allow("allocated social worker records the end of support");
        case Action::ViewFlag: case Action::WorkFlag: case Action::ChangeSpendingControls:
          return allow("allocated social worker monitors the person's budget");
        case Action::DecideApproval:
          // Within their limit, and never their own plan above the author's limit:
          // planning::may_approve, asked by the approvals service with the amount.
          return allow("allocated social worker, within the council's delegated authority");
        default: return refuse("a social worker may not do this");
      }
    case Role::TeamManager:
      // Team managers oversee and approve the council's casework.
      switch (action) {
        case Action::ViewPersonRecord: case Action::EditPersonRecord: case Action::CompleteSelfAssessment:
        case Action::ConfirmEligibility: case Action::AllocateWorker: case Action::ViewFinance: case Action::ViewBudget:
        case Action::ViewPlan: case Action::DraftPlan: case Action::AgreePlan: case Action::ViewLedger:
          return allow("team manager for the council");
        case Action::ReviewPlan:
          return allow("team manager for the council reviews the plan");
        case Action::RecordEndOfSupport:
          return allow("team manager for the council records the end of support");
        case Action::ViewFlag: case Action::WorkFlag: case Action::ChangeSpendingControls:
          return allow("team manager for the council monitors budgets");
        case Action::DecideApproval:
          return allow("team manager for the council, within the council's delegated authority");
        default: return refuse("a team manager may not do this");
      }
    case Role::SafeguardingLead:
      // A safeguarding lead looking into financial abuse needs the budget as much as the finance record.
      if (action == Action::ViewPersonRecord || action == Action::ViewFinance || action == Action::ViewPlan ||
          action == Action::ViewBudget)
        return allow("safeguarding lead for the council");
      return refuse("a safeguarding lead may look but not change records");
    case Role::FinanceOfficer:
      if (action == Action::ViewFinance || action == Action::ManageFinance || action == Action::ViewBudget ||
          action == Action::ViewLedger || action == Action::ManagePaymentDetails || action == Action::SubmitInvoice ||
          action == Action::ViewFlag || action == Action::WorkFlag || action == Action::ChangeSpendingControls)
        return allow("finance officer for the council");
      // Finance often hears first (a bank returns a payment, a letter from an executor).
      if (action == Action::RecordEndOfSupport) return allow("finance officer records the end of support, which stops the payments");
      return refuse("a finance officer sees the money, not the care record");
    case Role::Provider:
      if (!rel.provider_engaged) return refuse("the provider does not support this person");
      // A provider named on the person's current approved plan sees the plan it
      // helps to deliver (issue #15); drafting for a support organisation waits
      // for providers' planners to be linked to the people they plan with.
      if (action == Action::ViewPersonRecord || action == Action::ViewPlan) return allow("provider supporting the person");
      // Invoices for the support it gives (the check then holds any line it
      // does not deliver, or days outside the plan).
      if (action == Action::SubmitInvoice) return allow("provider supporting the person invoices for its support");
      return refuse("a provider may only view the people it supports");
    case Role::BudgetHolder:
      if (!self) return refuse("a budget holder may only see their own record");
      switch (action) {
        case Action::ViewPersonRecord: case Action::CompleteSelfAssessment: case Action::ViewFinance: case Action::ViewBudget:
        case Action::ViewPlan: case Action::DraftPlan: case Action::AgreePlan: case Action::ViewLedger:
          // Self-planning is the point of a personal budget: the person may write
          // their own plan and agree it.
          return allow("the person themself");
        case Action::AskForReview:
          // Care Act 2014 s.27(1)(b): a review "on a reasonable request by or
          // on behalf of the adult".
          return allow("the person asks for a review of their own support");
        case Action::ManageOwnAccess:
          return allow("the person themself decides who sees their information");
        default: return refuse("this is done by the council");
      }
    case Role::Representative:
      if (!rel.representative.any()) return refuse("not a representative of this person, or not one who may see the record now");
      switch (action) {
        case Action::ViewPersonRecord: case Action::ViewFinance:
          if (rel.representative.view) return allow("representative of the person");
          return refuse("this representative may not see the record");
        case Action::CompleteSelfAssessment:
          // The self-assessment is about care and support: acting on money alone
          // (an appointee, a property and financial affairs attorney) is not enough.
          if (rel.representative.act_on_care) return allow("representative who may act on care and support for the person");
          return refuse("this representative may view but not act for the person on care and support");
        case Action::ViewPlan:
          if (rel.representative.view) return allow("representative of the person");
          return refuse("this representative may not see the record");
        case Action::DraftPlan: case Action::AgreePlan:
          // A plan is a decision about care and support, like the self-assessment.
          if (rel.representative.act_on_care) return allow("representative who may act on care and support for the person");
          return refuse("this representative may view but not act for the person on care and support");
        case Action::ViewBudget:
          // The budget is both care (what support it pays for) and money (who
          // pays what): a representative who may act on either sees it; one who
          // may only look at the record does not.
          if (rel.representative.view && (rel.representative.act_on_care || rel.representative.act_on_money))
            return allow("representative who may act on care or money for the person");
          return refuse("this representative may not act on the person's care or money, so does not see their budget");
        case Action::ViewLedger:
          // The accounts are money alone: a representative who may act on the
          // person's money (a financial attorney, a deputy for property and
          // affairs, the nominated or authorised person) sees them.
          if (rel.representative.view && rel.representative.act_on_money)
            return allow("representative who may act on money for the person");
          return refuse("this representative may not act on the person's money, so does not see their accounts");
        case Action::AskForReview:
          // s.27(1)(b): "by or on behalf of the adult": anyone who may act for
          // the person on their care or their money may ask on their behalf.
          if (rel.representative.view && (rel.representative.act_on_care || rel.representative.act_on_money))
            return allow("representative who may act for the person asks for a review on their behalf");
          return refuse("this representative may not act for the person, so may not ask for a review on their behalf");
        case Action::ManageOwnAccess:
          // Who sees the person's information is a decision about their care:
          // only someone who may act on it for them (a welfare attorney or
          // deputy while the person lacks capacity) decides it in their place.
          if (rel.representative.act_on_care) return allow("representative who may act on care and support for the person");
          return refuse("only the person, or someone who may act for them on care and support, decides who sees their information");
        default: return refuse("this is done by the council");
      }
    case Role::HeadOfService:
      // Oversees the council's casework and approves the largest plans; the
      // casework itself is the teams'.
      switch (action) {
        case Action::ViewPersonRecord: case Action::ViewFinance: case Action::ViewPlan: case Action::ViewBudget:
          return allow("head of service for the council");
        case Action::DecideApproval:
          return allow("head of service for the council, within the council's delegated authority");
        default: return refuse("a head of service oversees the casework but does not change records");
      }
    case Role::Administrator:
    case Role::Commissioner:
      return refuse("this role does not open people's records");
  }
  return refuse("unknown role");
}

std::string_view person_view_code(PersonView v) {
  switch (v) {
    case PersonView::Identity: return "identity";
    case PersonView::Contact: return "contact";
    case PersonView::CareRecord: return "care_record";
    default: return "none";
  }
}

PersonView person_view(const Actor& actor, const PersonRelation& relation) {
  if (decide(actor, Action::ViewPersonRecord, relation).allowed())
    return actor.role == Role::Provider ? PersonView::Contact : PersonView::CareRecord;
  if (decide(actor, Action::ViewFinance, relation).allowed()) return PersonView::Identity;
  return PersonView::None;
}

}  // namespace patchwork::access
