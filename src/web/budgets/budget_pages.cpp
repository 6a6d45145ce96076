// A person's personal budget: every version with the one in effect today, the
// financial assessments behind who pays what, and a plain-English, printable
// budget letter for each version. Seeing any of it needs the policy's
// view_budget (role and relationship; never a provider), audited.
#include "domain/planning/reviews.hpp"
#include "web/budgets/budget_pages.hpp"

#include <algorithm>

#include "domain/assessment/letter.hpp"
#include "core/text.hpp"
#include "domain/budgets/budget.hpp"
#include "domain/ledger/accounts.hpp"
#include "services/budgets_service.hpp"
#include "services/ledger_service.hpp"
#include "storage/repositories/ledger_repository.hpp"
#include "services/payments_service.hpp"
#include "services/recovery_service.hpp"
#include "storage/repositories/recovery_repository.hpp"
#include "web/forms.hpp"
#include "storage/repositories/budgets_repository.hpp"
#include "storage/repositories/providers_repository.hpp"
#include "storage/repositories/people_repository.hpp"
#include "storage/repositories/person_records_repository.hpp"
#include "web/people/person_pages.hpp"
#include "web/planning/plan_pages.hpp"
#include "web/routes.hpp"

namespace patchwork::web {

using http::Context;
using http::Method;
using http::Response;
using http::Surface;
using namespace budgets;

void add_interim_reviews(Context& ctx, std::optional<UserId> worker, Data& content) {
  const auto council = ctx.signed_in_user().council_id;
  auto reviews = storage::interim_reviews(ctx.db(), council, worker, CivilDate::today_utc());
  if (reviews.empty()) return;
  std::vector<people::Person> people;
  for (const auto& r : reviews)
    if (auto p = storage::find_person(ctx.db(), council, r.person_id)) people.push_back(*p);
  List rows;
  for (const auto& listed : ctx.list_people(people, "interim budgets to review")) {
    // Only someone whose budget the user may see is shown with its dates.
    if (!ctx.allows(access::Action::ViewBudget, listed.person)) continue;
    for (const auto& r : reviews)
      if (r.person_id == listed.person.id)
        rows.push_back(Object{{"name", listed.person.full_name()},
                              {"href", "/people/" + listed.person.id.text() + "/budgets"},
                              {"review_on", r.review_on.display()},
                              {"ends_on", r.ends_on.display()},
                              {"overdue", r.review_on < CivilDate::today_utc()}});
  }
  if (rows.empty()) return;
  content.set("interim_reviews", rows);
  content.set("has_interim_reviews", true);
}

namespace {

List lines(const std::vector<std::string>& v) {
  List l;
  for (const auto& s : v) l.push_back(Object{{"line", s}});
  return l;
}

std::string money_or_unknown(const std::optional<Money>& m) { return m ? m->display() : "Not worked out yet"; }

std::string lower_first(std::string_view s) {
  std::string out(s);
  if (!out.empty() && out[0] >= 'A' && out[0] <= 'Z') out[0] = char(out[0] - 'A' + 'a');
  return out;
}

std::string possessive(const std::string& you) { return you == "you" ? "your" : you + "'s"; }

// How one part is managed, and by whom, in plain words. `you` is how the
// letter names the person ("you", or their first name when it is written to
// someone on their behalf).
std::string how_managed(const Part& p, const std::string& you) {
  switch (p.mechanism) {
    case Mechanism::DirectPayment: {
      std::string to = "paid to " + you;
      const auto* dp = p.direct_payment ? &*p.direct_payment : nullptr;
      if (dp && dp->recipient == Recipient::AuthorisedPerson) {
        // Care Act 2014 s.32(4): say on what footing they receive it.
        const bool attorney = dp->authorised && dp->authorised->as == AuthorisedAs::AttorneyOrDeputy;
        to = "paid to " + dp->recipient_name + (attorney ? ", as " + possessive(you) + " attorney or deputy," : std::string()) +
             " who manages it for " + you;
      } else if (dp && dp->recipient == Recipient::NominatedPerson) {
        to = "paid to " + dp->recipient_name + ", whom " + you + " chose to manage it";
      }
      std::string held;
      if (dp) {
        held = ", into " + lower_first(held_in_label(dp->held_in));
        if (!dp->organisation.empty()) held += " (" + dp->organisation + ")";
        if (dp->managing && dp->managing->manages == Manages::WithHelp) held += ", with help: " + dp->managing->help;
      }
      return "a direct payment, " + to + held + ", to arrange support";
    }
    case Mechanism::IndividualServiceFund:
      return "an individual service fund: a provider holds the money and arranges support as " + you + " choose" +
             (you == "you" ? "" : "s");
    case Mechanism::CouncilManaged: return "arranged by the council";
  }
  return "arranged by the council";
}

std::string short_label(Mechanism m) {
  switch (m) {
    case Mechanism::DirectPayment: return "Direct payment";
    case Mechanism::IndividualServiceFund: return "Individual service fund";
    case Mechanism::CouncilManaged: return "Arranged by the council";
  }
  return "Arranged by the council";
}


// What the page says of a direct-payment part's agreement: signed (or carried
// from an earlier version, dates unchanged), needed anew because who receives
// it or where it is held changed from the version before, or not yet signed.
std::string agreement_text(const Part& p, const BudgetVersion& b, const BudgetVersion* before,
                           const std::vector<DirectPaymentAgreement>& agreements, const std::vector<BudgetVersion>& versions) {
  if (!p.direct_payment) return "";
  const DirectPaymentAgreement* signed_for = nullptr;
  for (const auto& a : agreements)
    if (a.budget_id == b.id && a.part_key == p.key && (!signed_for || a.id > signed_for->id)) signed_for = &a;
  if (signed_for) {
    std::string text = "Signed " + signed_for->signed_on.display() + " by " + signed_for->signed_by + "; first review by " +
                       signed_for->review_on.display();
    if (signed_for->carried_from)
      for (const auto& a : agreements)
        if (a.id == *signed_for->carried_from)
          for (const auto& v : versions)
            if (v.id == a.budget_id) text += " (the agreement for version " + std::to_string(v.version) + ", carried over)";
    return text;
  }
  if (before)
    for (const auto& q : before->parts)
      if (q.key == p.key)
        for (const auto& a : agreements)
          if (a.budget_id == before->id && a.part_key == p.key)
            if (auto why = agreement_change(q, p))
              return "A new direct payment agreement is needed: " + *why + " since version " + std::to_string(before->version);
  return "No direct payment agreement is recorded yet";
}

Object part_row(const Part& p, const ProviderNames& providers, const std::string& agreement = "") {
  std::string who = "The council";
  if (p.direct_payment) who = p.direct_payment->recipient == Recipient::Person ? "The person" : p.direct_payment->recipient_name;
  if (p.service_fund) {
    auto named = providers.find(p.service_fund->provider_id);
    who = named != providers.end() ? named->second : "A provider no longer on the register";
  }
  if (p.direct_payment && p.direct_payment->recipient == Recipient::AuthorisedPerson) who += " (authorised person)";
  if (p.direct_payment && p.direct_payment->recipient == Recipient::NominatedPerson) who += " (nominated person)";
  if (p.direct_payment && p.direct_payment->managing)
    who += p.direct_payment->managing->manages == Manages::WithHelp ? ", who manages it with help: " + p.direct_payment->managing->help
                                                                      : ", who manages it by themself";
  Object o{{"key", p.key},
           {"weekly", p.weekly.display()},
           {"one_off", p.one_off.pence() ? p.one_off.display() : std::string("None")},
           {"mechanism", short_label(p.mechanism)},
           {"who", who}};
  if (!agreement.empty()) {
    o["agreement"] = agreement;
    o["agreement_needed"] = agreement.starts_with("A new");
  }
  return o;
}

Object version_row(const people::Person& person, const BudgetVersion& b, const BudgetVersion* current, const ProviderNames& providers,
                   const std::vector<BudgetVersion>& versions = {}, const std::vector<DirectPaymentAgreement>& agreements = {}) {
  auto year = yearly(b.weekly);
  auto status = client_funding_status(b);
  // The version before this one, whose agreements this one's parts may carry.
  const BudgetVersion* before = nullptr;
  for (const auto& v : versions)
    if (v.version < b.version && (!before || v.version > before->version)) before = &v;
  List parts;
  for (const auto& p : b.parts) parts.push_back(part_row(p, providers, agreement_text(p, b, before, agreements, versions)));
  Object o{{"version", std::to_string(b.version)},
           {"effective_from", b.effective_from.display()},
           {"weekly", b.weekly.display()},
           {"yearly", year ? year->display() : std::string("Too large to show")},
           {"person_pays", money_or_unknown(person_share(b))},
           {"council_pays", money_or_unknown(council_share(b))},
           {"funding_status", status == kFundingStatusUnknown ? std::string("Not known until the financial assessment") : std::string(status)},
           {"deployment", std::string(deployment_summary(b.parts).value_or("No parts"))},
           {"basis", b.basis},
           {"parts", parts},
           {"letter_href", "/people/" + person.id.text() + "/budgets/" + std::to_string(b.version) + "/letter"},
           {"current", current == &b}};
  if (b.one_off.pence()) o["one_off"] = b.one_off.display();
  if (b.interim)
    o["interim"] = Object{{"reason", b.interim->reason}, {"ends_on", b.interim->ends_on.display()}, {"review_on", b.interim->review_on.display()}};
  return o;
}

// "A direct payment to Sarah Ellis" at the start of a heading or sentence.
std::string first_capital(std::string s) {
  if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = char(s[0] - 'a' + 'A');
  return s;
}

// Each money-holding part's account (docs/money.md "The ledger"): what was
// paid in and spent in the last four weeks, what is held today and the reserve
// the council allows. Shown to those the policy lets see the person's accounts
// (view_ledger), and the look audited; an account not yet opened is not
// opened by looking.
void add_money_held(Context& ctx, const people::Person& person, const BudgetVersion& current, Data& content) {
  if (!may_on(ctx, access::Action::ViewLedger, person)) return;
  auto& db = ctx.db();
  const CivilDate today = CivilDate::today_utc();
  const CivilDate from = today.plus_days(-27);
  List parts;
  for (const auto& p : current.parts) {
    auto kind = ledger::holding_kind(p.mechanism);
    if (!kind) continue;
    Object row{{"key", p.key}, {"name", first_capital(part_name(p, person, provider_names(db, person.council_id)))}};
    ledger::Account wanted;
    wanted.council_id = person.council_id;
    wanted.kind = *kind;
    wanted.person_id = person.id;
    wanted.part_key = p.key;
    auto account = storage::find_ledger_account_like(db, wanted);
    if (!account) {
      row["nothing_yet"] = true;
    } else {
      row["account_href"] = "/finance/accounts/" + std::to_string(account->id);
      auto summary = services::part_summary(db, person.council_id, account->id, from, today, p.weekly);
      if (summary) {
        row["paid_in"] = summary->paid_in.display();
        row["spent"] = summary->spent.display();
        row["held"] = summary->held.display();
        row["reserve_allowed"] = summary->reserve_allowed.display();
        if (summary->above_reserve) row["above_reserve"] = true;
      }
    }
    parts.push_back(row);
  }
  if (parts.empty()) return;
  ctx.audit(audit::AuditAction::ViewLedger, person.id, access::Outcome::Allowed,
            "balances of the budget's money-holding parts, on the budget page");
  content.set("money_parts", parts);
  content.set("has_money_parts", true);
  content.set("money_from", from.display());
  content.set("money_today", today.display());
}

Response budgets_page(Context& ctx) {
  auto person = person_page_for(ctx, access::Action::ViewBudget);
  if (!person) return person.error();
  auto& db = ctx.db();
  const auto versions = storage::list_budgets(db, person->council_id, person->id);
  const auto* current = budget_on(versions, CivilDate::today_utc());
  Data content;
  content.set("name", person->full_name());
  content.set("person_href", "/people/" + person->id.text());
  if (ctx.allows(access::Action::ManageFinance, *person))
    content.set("assessment_href", "/people/" + person->id.text() + "/budgets/financial-assessment");
  const auto providers = provider_names(db, person->council_id);
  const auto signed_agreements = storage::list_direct_payment_agreements(db, person->council_id, person->id);
  if (current) content.set("current", version_row(*person, *current, current, providers, versions, signed_agreements));
  // An interim budget past its end date: the interim plan is no longer in
  // force (plans_repository) and its review is overdue; say so, plainly.
  if (current && planning::interim_period_ended(current->interim, CivilDate::today_utc()))
    content.set("interim_ended", "The interim period ended on " + current->interim->ends_on.display() +
                                     ". A review is overdue: the interim plan is no longer in force, and a new plan needs approving.");
  if (current) add_money_held(ctx, *person, *current, content);
  // How each part that holds money is paid, in one sentence (#16): the
  // amount of each payment, to whom (the account's last four digits only), and when next.
  List payments;
  for (const auto& p : services::payment_summary(db, *person, CivilDate::today_utc())) {
    // The part in words, as the plan names it ("Part A" means nothing to the reader).
    std::string line = "Part " + p.part_key + ": ";
    if (current)
      for (const auto& part : current->parts)
        if (part.key == p.part_key) line = first_capital(part_name(part, *person, providers)) + ": ";
    if (p.per_period) line += p.per_period->display() + " " + std::string(payments::frequency_label(p.frequency));
    else line += "paid " + std::string(payments::frequency_label(p.frequency)) + " (no budget in effect today)";
    if (p.contribution_deducted) line += " after " + person->given_name + "'s contribution";
    if (!p.paid_to.empty()) line += ", paid to " + p.paid_to;
    if (!p.account_ending.empty()) line += " (account " + p.account_ending + ")";
    if (p.suspended)
      line += ". Payments are stopped from " + p.suspended->from.display() + ": " + to_lower(payments::suspension_label(p.suspended->reason)) +
              (p.suspended->resumes_on ? "; they start again on " + p.suspended->resumes_on->display() : std::string());
    if (p.closed_on) line += ". The account it was paid into was closed on " + p.closed_on->display() + ", so no more payments are made";
    else if (p.next_on) line += std::string(p.suspended ? ". Next payment" : ", next") + " on " + p.next_on->display();
    else if (!p.suspended) line += ". No more payments are due";
    payments.push_back(Object{{"line", line + "."}});
  }
  if (!payments.empty()) {
    content.set("payments", payments);
    content.set("has_payments", true);
  }
  if (ctx.allows(access::Action::ManagePaymentDetails, *person))
    content.set("payments_href", "/people/" + person->id.text() + "/payments");
  // End of support and contribution arrears (docs/money.md): plain words, and who to speak to.
  if (auto end = storage::find_support_end(ctx.db(), person->council_id, person->id))
    content.set("support_end", recovery::end_words(*end, person->full_name()));
  if (auto arrears = services::person_arrears(ctx.db(), *person, CivilDate::today_utc()); arrears.owed.pence() > 0)
    content.set("arrears", "Of " + person->given_name + "'s contribution, " + arrears.owed.display() +
                               " is unpaid; the oldest invoice was due on " + arrears.since->display() +
                               ". If it is hard to pay, the council's finance team can agree smaller amounts over time.");
  List all;
  // Newest first: the latest change is what people ask about.
  for (auto it = versions.rbegin(); it != versions.rend(); ++it)
    all.push_back(version_row(*person, *it, current, providers, versions, signed_agreements));
  if (versions.empty()) content.set("no_budget", true);
  else {
    content.set("versions", all);
    content.set("has_versions", true);
  }
  if (!versions.empty() && !current) content.set("not_started", true);
  List assessments;
  for (const auto& a : storage::list_financial_assessments(db, person->council_id, person->id))
    assessments.push_back(Object{{"assessed_on", a.assessed_on.display()},
                                 {"assessed_by", a.assessed_by},
                                 {"found", a.contribution.kind == ContributionKind::WeeklyAmount
                                               ? a.contribution.weekly.display() + " a week"
                                               : std::string(contribution_label(a.contribution.kind))}});
  if (assessments.empty()) content.set("no_assessments", true);
  else {
    content.set("assessments", assessments);
    content.set("has_assessments", true);
  }
  List agreements;
  for (const auto& a : signed_agreements) {
    int version = 0;
    for (const auto& b : versions)
      if (b.id == a.budget_id) version = b.version;
    agreements.push_back(Object{{"version", std::to_string(version)},
                                {"part_key", a.part_key},
                                {"signed", a.signed_on.display() + " by " + a.signed_by},
                                {"review_on", a.review_on.display()}});
  }
  if (!agreements.empty()) {
    content.set("agreements", agreements);
    content.set("has_agreements", true);
  }
  return page(ctx, "budgets/budgets", content, "Personal budget: " + person->full_name());
}

Response letter_page(Context& ctx) {
  auto person = person_page_for(ctx, access::Action::ViewBudget);
  if (!person) return person.error();
  auto& db = ctx.db();
  auto number = ctx.request.path_id("version");
  auto b = number && *number <= 1'000'000 ? storage::find_budget_version(db, person->council_id, person->id, int(*number)) : std::nullopt;
  if (!b) return error_page(ctx, 404, "Page not found", "There is no such version of this person's budget.");

  // One voice: to an attorney or deputy, the letter is about the person.
  auto capacity = storage::list_capacity(db, person->council_id, person->id);
  auto relationships = storage::list_relationships(db, person->council_id, person->id);
  auto to = assessment::letter_addressee(*person, capacity, relationships, b->effective_from);
  const bool about = to.on_behalf;
  const std::string you = about ? person->given_name : "you";
  const std::string your = about ? person->given_name + "'s" : "your";
  const std::string You = about ? person->given_name : "You";
  const std::string pays = about ? "pays" : "pay";

  Data content;
  content.set("council_name", ctx.council()->name);
  content.set("person_href", "/people/" + person->id.text() + "/budgets");
  content.set("name", person->full_name());
  content.set("addressee", to.name);
  if (about) content.set("on_behalf_of", person->full_name());
  if (!to.warning.empty()) content.set("addressee_warning", to.warning);
  content.set("today", CivilDate::today_utc().display());
  content.set("heading", about ? person->full_name() + "'s personal budget" : std::string("Your personal budget"));
  auto year = yearly(b->weekly);
  content.set("weekly", b->weekly.display());
  content.set("yearly", year ? year->display() : std::string());
  if (b->one_off.pence()) content.set("one_off", b->one_off.display());
  content.set("effective_from", b->effective_from.display());

  std::vector<std::string> opening{"From " + b->effective_from.display() + ", " + your + " personal budget is " + b->weekly.display() +
                                   " a week. Over a year that is " + (year ? year->display() : std::string("a very large sum")) + "."};
  // s.26(1)(a): the budget is the whole cost, one-off costs too; they are paid once, not each week.
  if (b->one_off.pence() > 0)
    opening.push_back("It also pays one-off costs of " + b->one_off.display() + ", paid once and not each week.");
  opening.push_back("This is what the council has worked out it costs to meet the needs the assessment found it must meet by law (" + your +
                    " \"eligible needs\"), as set out in " + your + " support plan.");
  if (b->interim)
    opening.push_back("This is an interim budget, for now: " + b->interim->reason + ". It lasts until " + b->interim->ends_on.display() +
                      ", and we will look at it again by " + b->interim->review_on.display() + ".");
  content.set("opening", lines(opening));

  std::vector<std::string> money;
  switch (b->contribution.kind) {
    case ContributionKind::NotYetAssessed:
      money.push_back("We have not yet worked out whether " + you + " must pay anything towards this. We will do a financial "
                      "assessment and write to " + (about ? to.name : std::string("you")) + " before " + you + " " +
                      (about ? "is" : "are") + " asked to pay anything.");
      break;
    case ContributionKind::FullCost:
      money.push_back(You + " " + pays + " the full cost: " + b->weekly.display() + " a week. The council pays nothing towards it.");
      break;
    case ContributionKind::WeeklyAmount: {
      auto person_pays = person_share(*b).value_or(Money{});
      auto council_pays = council_share(*b).value_or(Money{});
      if (person_pays.pence() == 0) money.push_back("The council pays all of it: " + b->weekly.display() + " a week. " + You + " " + pays + " nothing towards it.");
      else
        money.push_back(You + " " + pays + " " + person_pays.display() + " a week towards it, as the financial assessment found. The council pays the rest: " +
                        council_pays.display() + " a week.");
    }
  }
  content.set("money", lines(money));

  List parts;
  for (const auto& p : b->parts) {
    if (p.weekly.pence() == 0 && p.one_off.pence() == 0) continue;
    std::string amount = p.weekly.pence() > 0 ? p.weekly.display() + " a week" : std::string();
    if (p.one_off.pence() > 0) amount += (amount.empty() ? "" : ", and ") + p.one_off.display() + " once,";
    std::string line = amount + " is " + how_managed(p, you) + ".";
    // Care Act 2014 s.25(2)(b): the amount and frequency of a direct payment.
    if (p.mechanism == Mechanism::DirectPayment && p.weekly.pence() > 0)
      if (auto each = direct_payment_instalment(p.weekly))
        line += " It is paid every 4 weeks, in advance: " + each->display() + " each time (4 times the weekly amount).";
    parts.push_back(Object{{"line", line}});
  }
  content.set("parts", parts);

  std::vector<std::string> next;
  const auto agreements = storage::list_direct_payment_agreements(db, person->council_id, person->id);
  for (const auto& p : b->parts) {
    if (p.mechanism != Mechanism::DirectPayment || p.weekly.pence() == 0) continue;
    const DirectPaymentAgreement* signed_for = nullptr;
    for (const auto& a : agreements)
      if (a.budget_id == b->id && a.part_key == p.key) signed_for = &a;
    const std::string receiver = p.direct_payment && p.direct_payment->recipient != Recipient::Person ? p.direct_payment->recipient_name : you;
    if (signed_for)
      next.push_back("The direct payment agreement was signed on " + signed_for->signed_on.display() + " by " + signed_for->signed_by +
                     ". We will check with " + receiver + " how the direct payment is working by " + signed_for->review_on.display() +
                     ", and at least once a year after that.");
    else
      next.push_back("Before the first direct payment, we will ask " + receiver + " to sign a direct payment agreement. It says how the "
                     "money may be spent and what records to keep. We will check how it is working within six months of the first payment.");
  }
  next.push_back("If " + your + " needs or circumstances change, tell us and we will look at the budget again.");
  content.set("next", lines(next));
  // The eligibility letter's words: looking at it again, complaining, the Ombudsman.
  add_worker_contact(ctx, *person, content);
  content.set("disagree_about", "the budget");
  return page(ctx, "budgets/letter", content, about ? person->full_name() + "'s personal budget" : std::string("Your personal budget"));
}

// Finance records a financial assessment from the budget page: the same
// service and rules as the API, the form shown again with each field named.
Response assessment_form(Context& ctx, const people::Person& p, const FieldErrors& errors) {
  const bool has_budget = storage::latest_budget_version(ctx.db(), p.council_id, p.id) > 0;
  FormPage form{"Record a financial assessment", p.full_name(), "Record a financial assessment",
                "What the financial assessment found " + p.given_name + " must pay towards the personal budget." +
                    (has_budget ? " The budget changes from the date you give." : ""),
                ctx.request.path, "Save", "/people/" + p.id.text() + "/budgets"};
  ErrorMap e = error_map(errors);
  const bool post = ctx.request.method == Method::Post;
  auto posted = [&](const char* name) { return post ? ctx.request.form_value(name) : std::string(); };
  form.fields.push_back(radios_field({"contribution", "What must " + p.given_name + " pay?", ""},
                                     {{"weekly_amount", "An amount each week (enter 0.00 if nothing)"}, {"full_cost", "The full cost"}},
                                     posted("contribution"), e));
  form.fields.push_back(text_field({"weekly_contribution", "Amount each week, in pounds", "Only for an amount each week, for example 35.20"},
                                   posted("weekly_contribution"), e, "govuk-input--width-10"));
  form.fields.push_back(date_field({"assessed_on", "When was the financial assessment done?", "For example, 27 11 2026"},
                                   form_date_value(ctx.request, "assessed_on", ""), e));
  form.fields.push_back(text_field({"assessed_by", "Who did it?", ""}, post ? posted("assessed_by") : ctx.signed_in_user().display_name, e,
                                   "govuk-!-width-one-half"));
  if (has_budget)
    form.fields.push_back(date_field({"effective_from", "From what date does the new amount apply?", "For example, 4 1 2027"},
                                     form_date_value(ctx.request, "effective_from", ""), e));
  return form_page(ctx, form, errors, errors.empty() ? 200 : 422);
}

Response assessment_get(Context& ctx) {
  auto person = person_page_for(ctx, access::Action::ManageFinance);
  if (!person) return person.error();
  return assessment_form(ctx, *person, {});
}

Response assessment_post(Context& ctx) {
  auto person = person_page_for(ctx, access::Action::ManageFinance);
  if (!person) return person.error();
  const auto& r = ctx.request;
  people::Fields fields{{"contribution", r.form_value("contribution")}, {"weekly_contribution", r.form_value("weekly_contribution")},
                        {"assessed_on", date_from_form(r, "assessed_on")}, {"assessed_by", r.form_value("assessed_by")}};
  const std::string from = date_from_form(r, "effective_from");
  if (!from.empty()) fields["effective_from"] = from;
  // An amount left in the box after choosing "the full cost" is not a mistake worth a question.
  if (fields["contribution"] == "full_cost") fields.erase("weekly_contribution");
  auto recorded = services::record_financial_assessment(ctx.db(), *person, fields, CivilDate::today_utc(), ctx.signed_in_user().id);
  if (!recorded) return assessment_form(ctx, *person, recorded.error());
  const auto& a = recorded->assessment;
  ctx.audit(audit::AuditAction::RecordFinancialAssessment, person->id, access::Outcome::Allowed,
            "financial assessment " + std::to_string(a.id) + ": " + std::string(contribution_code(a.contribution.kind)) +
                (a.contribution.kind == ContributionKind::WeeklyAmount ? " " + a.contribution.weekly.decimal() : std::string()));
  if (recorded->new_version)
    ctx.audit(audit::AuditAction::ChangeBudget, person->id, access::Outcome::Allowed,
              "budget version " + std::to_string(recorded->new_version->version) + " from " + recorded->new_version->effective_from.iso() +
                  ": new contribution");
  return Response::redirect("/people/" + person->id.text() + "/budgets");
}

}  // namespace

void add_budget_pages(http::Dispatcher& d) {
  auto route = [](http::RouteHandler h) { return http::signed_in(Surface::Page, std::move(h)); };
  d.add(Method::Get, "/people/{id}/budgets", route(budgets_page));
  d.add(Method::Get, "/people/{id}/budgets/{version}/letter", route(letter_page));
  d.add(Method::Get, "/people/{id}/budgets/financial-assessment", route(assessment_get));
  d.add(Method::Post, "/people/{id}/budgets/financial-assessment", route(assessment_post));
}

}  // namespace patchwork::web
