#include "domain/audit/audit_action.hpp"

namespace patchwork::audit {

const std::vector<AuditActionInfo>& all_audit_actions() {
  using A = AuditAction;
  static const std::vector<AuditActionInfo> actions = {
      {A::SearchPeople, "search_people", "searched for people"},
      {A::CreatePerson, "create_person", "recorded a new person"},
      {A::ViewAuditLog, "view_audit_log", "searched the audit trail"},
      {A::ManageUsers, "manage_users", "looked at or changed accounts"},
      {A::ManageConfiguration, "manage_configuration", "looked at or changed the questionnaire or RAS models"},
      {A::ViewConfiguration, "view_configuration", "read the questionnaire or the published RAS models"},
      {A::ViewReports, "view_reports", "looked at council-wide figures"},
      {A::ViewCaseloads, "view_caseloads", "looked at social workers' caseloads"},
      {A::ViewPersonRecord, "view_person_record", "looked at a person's record (the reason says how much of it)"},
      {A::EditPersonRecord, "edit_person_record", "changed a person's record"},
      {A::CompleteSelfAssessment, "complete_self_assessment", "worked on a self-assessment"},
      {A::ConfirmEligibility, "confirm_eligibility", "confirmed an assessment, decided eligibility or worked out a budget"},
      {A::AllocateWorker, "allocate_worker", "allocated a social worker"},
      {A::ViewFinance, "view_finance", "looked at a person's money"},
      {A::ManageFinance, "manage_finance", "changed a person's money"},
      {A::SignIn, "sign_in", "signed in, or tried to"},
      {A::SignOut, "sign_out", "signed out"},
      {A::RequestCheck, "request_check", "a request refused before it was handled (forged, hostile text, refused by the database)"},
      {A::ListPerson, "list_person", "a person shown in a list: search results, a caseload, a home page"},
      {A::ViewCaseload, "view_caseload", "looked at an empty caseload"},
      {A::ViewCouncilPeople, "view_council_people", "looked at the council's recently recorded people"},
      {A::ViewRepresentedPeople, "view_represented_people", "a representative looked at the people they help"},
      {A::DeallocateWorker, "deallocate_worker", "removed a social worker's allocation"},
      {A::AddRelationship, "add_relationship", "recorded a carer or representative"},
      {A::AddCapacityAssessment, "add_capacity_assessment", "recorded a capacity assessment"},
      {A::AddCaseEvent, "add_case_event", "added to a person's timeline"},
      {A::ChangeCharacteristics, "change_characteristics", "changed a characteristic kept with its history (dementia, primary support reason, accommodation, unpaid carer, date of death)"},
      {A::ViewCharacteristics, "view_characteristics", "looked at the history of a person's characteristics, or what held on a date"},
      {A::LoadQuestionnaire, "load_questionnaire", "loaded a questionnaire"},
      {A::LoadRasConfiguration, "load_ras_configuration", "loaded a RAS model"},
      {A::ActivateRasConfiguration, "activate_ras_configuration", "put a RAS model in use"},
      {A::SetWorkPhone, "set_work_phone", "recorded a worker's phone number for letters"},
      {A::SetStandardInformation, "set_standard_information", "changed the council's standard information and advice"},
      {A::Recalibrate, "recalibrate", "compared a RAS model with every current allocation"},
      {A::GiveAccess, "give_access", "made an account for a representative or the person, with a one-time setup code"},
      {A::SetUpAccount, "set_up_account", "set a password with a one-time setup code, or tried to"},
      {A::AddCarer, "add_carer", "recorded an unpaid carer and the offer of a carer's assessment"},
      {A::RecordCarerAssessmentAnswer, "record_carer_assessment_answer", "recorded a carer's answer to the offer of a carer's assessment"},
      {A::RecordWillingAndAble, "record_willing_and_able", "recorded that a carer is willing and able to go on meeting some needs"},
      {A::WithdrawAccess, "withdraw_access", "withdrew a representative's or the person's access, cancelling unused setup codes"},
      {A::ViewPlan, "view_plan", "looked at a person's support plan or the list of its versions"},
      {A::DraftPlan, "draft_plan", "started, changed, submitted or made a new version of a support plan"},
      {A::AgreePlan, "agree_plan", "recorded the person's or their representative's agreement to a support plan"},
      {A::ChangePlan, "change_plan", "started a support plan or changed a draft (the reason says what)"},
      {A::SubmitPlan, "submit_plan", "sent a support plan for approval, freezing it"},
      {A::NewPlanVersion, "new_plan_version", "made a new draft version of an approved or refused support plan"},
      {A::RecordPlanDecision, "record_plan_decision", "recorded a support plan approved, refused or returned"},
      {A::ViewApprovals, "view_approvals", "looked at the support plans waiting for approval or acknowledgement"},
      {A::DecideApproval, "decide_approval", "asked to decide on a person's support plan (a refusal names the limit)"},
      {A::SubmitForApproval, "submit_for_approval", "submitted a support plan for approval"},
      {A::RecordApprovalDecision, "record_approval_decision", "approved, refused or returned a support plan, under a named version of the delegated authority"},
      {A::AcknowledgeApproval, "acknowledge_approval", "finance acknowledged an approved support plan"},
      {A::LoadApprovalThresholds, "load_approval_thresholds", "loaded a version of the council's approval thresholds"},
      {A::SetFinanceAcknowledgement, "set_finance_acknowledgement", "changed whether finance acknowledges approved plans"},
      {A::ViewProviders, "view_providers", "read the council's register of providers"},
      {A::ManageProviders, "manage_providers", "opened or changed the council's register of providers"},
      {A::AddProvider, "add_provider", "added a provider to the council's register"},
      {A::ChangeProvider, "change_provider", "changed a provider's entry on the council's register"},
      {A::ViewBudget, "view_budget", "looked at a person's personal budget (every version, the one on a date, or a budget letter)"},
      {A::CreateBudget, "create_budget", "set a person's personal budget"},
      {A::ChangeBudget, "change_budget", "changed a person's personal budget from a date (a new version)"},
      {A::RecordFinancialAssessment, "record_financial_assessment", "recorded a financial assessment: what the person pays towards their budget"},
      {A::RecordDirectPaymentAgreement, "record_direct_payment_agreement", "recorded a direct payment agreement and its first review date"},
      {A::ViewSupportedPeople, "view_supported_people", "a provider looked at the people its organisation supports (named on their plan in force)"},
      {A::ReviewPlan, "review_plan", "asked to record a review of a person's support plan or direct payment"},
      {A::ScheduleReview, "schedule_review", "scheduled the first review of an approved support plan (6 to 8 weeks on)"},
      {A::RecordReview, "record_review", "recorded a review of a support plan or a direct payment, and scheduled the next"},
      {A::ViewLedger, "view_ledger", "looked at a person's account in the ledger: its balance or its transfers"},
      {A::ViewCouncilLedger, "view_council_ledger", "looked at one of the council's own accounts in the ledger"},
      {A::ReverseTransfer, "reverse_transfer", "asked to correct the ledger with a reversing transfer"},
      {A::RecordReversal, "record_reversal", "recorded a reversing transfer in the ledger (which transfer, the amount and why), or was refused"},
      {A::ViewPaymentRuns, "view_payment_runs", "looked at the council's payment runs or one run's payments"},
      {A::PreparePaymentRun, "prepare_payment_run", "prepared a payment run: every payment due up to a date"},
      {A::ApprovePaymentRun, "approve_payment_run", "approved a payment run, or was refused (whoever prepared a run cannot approve it)"},
      {A::ExportPaymentRun, "export_payment_run", "exported a payment run's file (the first export records the money as paid)"},
      {A::ReconcilePaymentRun, "reconcile_payment_run", "recorded that the bank paid a payment run"},
      {A::ManagePaymentDetails, "manage_payment_details", "looked at or changed a person's payment schedules, suspensions or payee bank details"},
      {A::SetPaymentSchedule, "set_payment_schedule", "set or changed how often and from when a budget part is paid"},
      {A::SuspendPayments, "suspend_payments", "stopped a budget part's payments from a date (a sanction or a hospital stay)"},
      {A::RecordBankDetails, "record_bank_details", "recorded the bank account a budget part is paid into"},
      {A::ViewBankDetails, "view_bank_details", "saw a payee's bank details in full"},
      {A::SetPaymentSettings, "set_payment_settings", "changed the council's payment settings (contribution deducted, BACS originator)"},
      {A::AskForReview, "ask_for_review", "asked, for the person or on their behalf, whether they may ask for a review of their support"},
      {A::ManageOwnAccess, "manage_own_access", "the person, or someone acting for them on care, looked at or changed who may see their information"},
      {A::RecordReviewRequest, "record_review_request", "recorded (or refused) a review asked for by or for the person, with its reason and due date"},
      {A::SetReviewRequestDays, "set_review_request_days", "changed the council's days to act on a request for a review, for one reason"},
  };
  return actions;
}

std::string_view audit_action_code(AuditAction a) {
  for (const auto& info : all_audit_actions())
    if (info.action == a) return info.code;
  return "unknown";
}

std::optional<AuditAction> audit_action_from_code(std::string_view code) {
  for (const auto& info : all_audit_actions())
    if (info.code == code) return info.action;
  return std::nullopt;
}

AuditAction audit_action_for(access::Action a) {
  // The policy's codes are the audit codes of the same name.
  auto found = audit_action_from_code(access::action_code(a));
  return found ? *found : AuditAction::RequestCheck;
}

}  // namespace patchwork::audit
