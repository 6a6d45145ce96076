// The policy matrix: every role, every action, every relationship to a person.
// What is not listed as allowed must be refused.
#include "domain/access/policy.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>

namespace patchwork::access {
namespace {

// RepMoney: a representative who may see the record and act on money only (an
// appointee, a property and financial affairs attorney): not on care and support.
enum class Link { None, Allocated, RepView, RepAct, RepMoney, Self, ProviderEngaged, OtherCouncil };
const Link kLinks[] = {Link::None, Link::Allocated, Link::RepView, Link::RepAct, Link::RepMoney, Link::Self, Link::ProviderEngaged, Link::OtherCouncil};

std::string link_name(Link l) {
  switch (l) {
    case Link::None: return "unrelated";
    case Link::Allocated: return "allocated";
    case Link::RepView: return "rep-view";
    case Link::RepAct: return "rep-act";
    case Link::RepMoney: return "rep-money";
    case Link::Self: return "self";
    case Link::ProviderEngaged: return "provider";
    case Link::OtherCouncil: return "other-council";
  }
  return "?";
}

constexpr CouncilId kCouncil{7};
constexpr PersonId kPerson{42};

Actor actor_for(Role role, Link link) {
  Actor a{UserId(100), kCouncil, role, std::nullopt};
  if (link == Link::Self) a.person_id = kPerson;
  return a;
}

PersonRelation relation_for(Link link) {
  PersonRelation r{kPerson, kCouncil};
  switch (link) {
    case Link::Allocated: r.allocated_worker = true; break;
    case Link::RepView: r.representative = RepresentativeScope{true, false, false}; break;
    case Link::RepAct: r.representative = RepresentativeScope{true, true, false}; break;
    case Link::RepMoney: r.representative = RepresentativeScope{true, false, true}; break;
    case Link::ProviderEngaged: r.provider_engaged = true; break;
    case Link::OtherCouncil:
      // Every favourable fact at once: another council's person is still refused.
      r.person_council_id = CouncilId(kCouncil.value() + 1);
      r.allocated_worker = true;
      r.representative = RepresentativeScope{true, true, true};
      r.provider_engaged = true;
      break;
    default: break;
  }
  return r;
}

// "role action link" for every allowed person action.
const std::set<std::string> kAllowedOnPerson = [] {
  std::set<std::string> s;
  auto any = [&](std::string role, std::string action, std::initializer_list<const char*> links) {
    for (auto l : links) s.insert(role + " " + action + " " + l);
  };
  const auto all_links = {"unrelated", "allocated", "rep-view", "rep-act", "rep-money", "self", "provider"};
  for (auto a : {"view_person_record", "edit_person_record", "complete_self_assessment", "confirm_eligibility", "view_finance"})
    any("social_worker", a, {"allocated"});
  for (auto a : {"view_person_record", "edit_person_record", "complete_self_assessment", "confirm_eligibility", "allocate_worker", "view_finance"})
    any("team_manager", a, all_links);
  for (auto a : {"view_person_record", "view_finance"}) any("safeguarding_lead", a, all_links);
  for (auto a : {"view_finance", "manage_finance"}) any("finance_officer", a, all_links);
  any("provider", "view_person_record", {"provider"});
  for (auto a : {"view_person_record", "complete_self_assessment", "view_finance"}) any("budget_holder", a, {"self"});
  for (auto a : {"view_person_record", "view_finance"}) any("representative", a, {"rep-view", "rep-act", "rep-money"});
  any("representative", "complete_self_assessment", {"rep-act"});
  // Support plans (#15).
  for (auto a : {"view_plan", "draft_plan", "agree_plan"}) {
    any("social_worker", a, {"allocated"});
    any("team_manager", a, all_links);
    any("budget_holder", a, {"self"});
  }
  any("safeguarding_lead", "view_plan", all_links);
  any("provider", "view_plan", {"provider"});
  any("representative", "view_plan", {"rep-view", "rep-act", "rep-money"});
  for (auto a : {"draft_plan", "agree_plan"}) any("representative", a, {"rep-act"});
  any("social_worker", "decide_approval", {"allocated"});
  any("team_manager", "decide_approval", all_links);
  for (auto a : {"view_person_record", "view_finance", "decide_approval", "view_plan"}) any("head_of_service", a, all_links);
  // The budget: never a provider, nor a representative who may only look.
  any("social_worker", "view_budget", {"allocated"});
  any("team_manager", "view_budget", all_links);
  any("finance_officer", "view_budget", all_links);
  any("budget_holder", "view_budget", {"self"});
  any("representative", "view_budget", {"rep-act", "rep-money"});
  any("safeguarding_lead", "view_budget", all_links);
  any("head_of_service", "view_budget", all_links);
  // Reviews (s.27): recorded by the council's casework staff only.
  any("social_worker", "review_plan", {"allocated"});
  any("team_manager", "review_plan", all_links);
  // The ledger (#16): the person's own accounts; money alone for a representative.
  any("social_worker", "view_ledger", {"allocated"});
  any("team_manager", "view_ledger", all_links);
  any("finance_officer", "view_ledger", all_links);
  any("budget_holder", "view_ledger", {"self"});
  any("representative", "view_ledger", {"rep-money"});
  // Payments (#16): schedules, suspensions and bank details are finance's alone.
  any("finance_officer", "manage_payment_details", all_links);
  // Provider invoices (#16): a provider for the people it supports; finance enters paper ones.
  any("finance_officer", "submit_invoice", all_links);
  any("provider", "submit_invoice", {"provider"});
  // Monitoring (#16): a flag and a plan's spending controls, through the person.
  for (auto a : {"view_flag", "work_flag", "change_spending_controls"}) {
    any("social_worker", a, {"allocated"});
    any("team_manager", a, all_links);
    any("finance_officer", a, all_links);
  }
  // The budget holder's own pages (#17): the person, or someone who may act
  // for them, asks for a review; who sees their information is a care decision.
  any("budget_holder", "ask_for_review", {"self"});
  any("representative", "ask_for_review", {"rep-act", "rep-money"});
  any("budget_holder", "manage_own_access", {"self"});
  any("representative", "manage_own_access", {"rep-act"});
  // End of support (#16): the allocated worker, a team manager or finance; never the family.
  any("social_worker", "record_end_of_support", {"allocated"});
  any("team_manager", "record_end_of_support", all_links);
  any("finance_officer", "record_end_of_support", all_links);
  return s;
}();

const std::set<std::string> kAllowedCouncilWide = {
    "social_worker search_people", "team_manager search_people", "safeguarding_lead search_people", "finance_officer search_people",
    "social_worker create_person", "team_manager create_person",
    "administrator view_audit_log", "administrator manage_users", "administrator manage_configuration",
    "administrator view_reports", "team_manager view_reports", "commissioner view_reports", "finance_officer view_reports",
    "team_manager view_caseloads",
    "administrator view_configuration", "social_worker view_configuration", "team_manager view_configuration",
    "finance_officer view_configuration", "commissioner view_configuration", "safeguarding_lead view_configuration",
    "provider view_configuration", "budget_holder view_configuration", "representative view_configuration",
    "head_of_service search_people", "head_of_service view_reports", "head_of_service view_caseloads", "head_of_service view_configuration",
    "social_worker view_approvals", "team_manager view_approvals", "head_of_service view_approvals", "finance_officer view_approvals",
    // The register of providers: read by everyone who plans (and a provider, its
    // own entry only), kept by administrators; finance and safeguarding do not plan.
    "administrator view_providers", "social_worker view_providers", "team_manager view_providers", "commissioner view_providers",
    "budget_holder view_providers", "representative view_providers", "provider view_providers",
    "administrator manage_providers",
    // The ledger (#16): the council's accounts and corrections are finance's.
    "finance_officer view_council_ledger", "finance_officer reverse_transfer",
    // Payment runs (#16): finance's alone. Approving one is never decided
    // without knowing who prepared it (decide with PreparedWork), so it is
    // refused here even for finance.
    "finance_officer view_payment_runs", "finance_officer prepare_payment_run", "finance_officer export_payment_run",
    "finance_officer reconcile_payment_run",
    // Provider invoices (#16): both sides read and discuss them (a provider its
    // own: the handler narrows); only finance checks them, and approving one
    // is never decided without knowing who entered it.
    "finance_officer view_invoices", "provider view_invoices", "finance_officer check_invoices",
    "finance_officer discuss_invoice", "provider discuss_invoice",
    // Monitoring (#16): the list (a social worker's narrowed to their people),
    // the check and recoveries; deciding a recovery needs who prepared it.
    "finance_officer view_flags", "team_manager view_flags", "social_worker view_flags",
    "finance_officer run_monitoring_check", "finance_officer prepare_surplus_recovery",
    "administrator manage_monitoring_settings", "finance_officer manage_monitoring_settings",
    // Statements (#16): imported and reconciled by finance alone.
    "finance_officer reconcile_statements",
    // Recovery and contributions (#16): finance's. A write-off's approval, like a
    // run's, is never decided without knowing who proposed it.
    "finance_officer view_recovery_cases", "finance_officer manage_recovery", "finance_officer manage_contributions",
    // Closing a holding account (#16): finance's, with no second officer (it moves no money).
    "finance_officer close_account",
};

}  // namespace

TEST(PolicyMatrix, EveryRoleActionAndRelationship) {
  int checked = 0, allowed = 0;
  for (Role role : all_roles()) {
    for (Action action : all_actions()) {
      std::string key = std::string(role_code(role)) + " " + std::string(action_code(action));
      if (!is_person_action(action)) {
        bool expect = kAllowedCouncilWide.contains(key);
        Decision d = decide(actor_for(role, Link::None), action);
        EXPECT_EQ(d.allowed(), expect) << key << ": " << d.reason;
        EXPECT_FALSE(d.reason.empty()) << key;
        ++checked;
        allowed += d.allowed();
        continue;
      }
      for (Link link : kLinks) {
        bool expect = kAllowedOnPerson.contains(key + " " + link_name(link));
        Decision d = decide(actor_for(role, link), action, relation_for(link));
        EXPECT_EQ(d.allowed(), expect) << key << " " << link_name(link) << ": " << d.reason;
        EXPECT_FALSE(d.reason.empty());
        ++checked;
        allowed += d.allowed();
      }
    }
  }
  // Every council-wide action once, every person action with each of the 8 links.
  const int person_actions = int(std::count_if(all_actions().begin(), all_actions().end(), is_person_action));
  EXPECT_EQ(checked, int(all_roles().size()) * (int(all_actions().size()) - person_actions + person_actions * 8));
  EXPECT_EQ(allowed, int(kAllowedOnPerson.size() + kAllowedCouncilWide.size()));
}

// The projection for every role and relationship: what each may see of a person.
TEST(PersonViewMatrix, EveryRoleAndRelationship) {
  std::map<std::string, std::string> expected;
  const auto all_links = {"unrelated", "allocated", "rep-view", "rep-act", "rep-money", "self", "provider"};
  for (auto l : all_links) {
    expected[std::string("team_manager ") + l] = "care_record";
    expected[std::string("safeguarding_lead ") + l] = "care_record";
    expected[std::string("finance_officer ") + l] = "identity";
    expected[std::string("head_of_service ") + l] = "care_record";
  }
  expected["social_worker allocated"] = "care_record";
  expected["provider provider"] = "contact";
  expected["budget_holder self"] = "care_record";
  expected["representative rep-view"] = "care_record";
  expected["representative rep-act"] = "care_record";
  expected["representative rep-money"] = "care_record";
  for (Role role : all_roles())
    for (Link link : kLinks) {
      std::string key = std::string(role_code(role)) + " " + link_name(link);
      auto it = expected.find(key);
      EXPECT_EQ(person_view_code(person_view(actor_for(role, link), relation_for(link))), it == expected.end() ? "none" : it->second)
          << key;
    }
}

TEST(PolicyMatrix, PersonActionWithoutAPersonIsRefused) {
  Actor manager{UserId(1), kCouncil, Role::TeamManager, std::nullopt};
  EXPECT_FALSE(decide(manager, Action::ViewPersonRecord).allowed());
}

TEST(Roles, RoundTripThroughTheirCodes) {
  for (Role r : all_roles()) EXPECT_EQ(role_from_code(role_code(r)), r);
  EXPECT_FALSE(role_from_code("superuser"));
  EXPECT_EQ(all_roles().size(), 10u);
}

// Maker-checker for surplus recoveries: never the preparer, never another
// council's, never anyone but finance.
TEST(PolicyMakerChecker, ASurplusRecoveryIsDecidedByAnotherFinanceOfficer) {
  const Actor finance{UserId(100), kCouncil, Role::FinanceOfficer, std::nullopt};
  EXPECT_FALSE(decide(finance, Action::DecideSurplusRecovery).allowed());
  EXPECT_TRUE(decide(finance, Action::DecideSurplusRecovery, PreparedWork{UserId(101), kCouncil}).allowed());
  auto own = decide(finance, Action::DecideSurplusRecovery, PreparedWork{UserId(100), kCouncil});
  EXPECT_FALSE(own.allowed());
  EXPECT_NE(own.reason.find("you prepared this surplus recovery"), std::string::npos);
  EXPECT_FALSE(decide(finance, Action::DecideSurplusRecovery, PreparedWork{UserId(101), CouncilId(8)}).allowed());
  const Actor manager{UserId(102), kCouncil, Role::TeamManager, std::nullopt};
  EXPECT_FALSE(decide(manager, Action::DecideSurplusRecovery, PreparedWork{UserId(101), kCouncil}).allowed());
}

}  // namespace patchwork::access
