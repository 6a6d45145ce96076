// End of support, recovery cases and contribution arrears (#16,
// docs/money.md "End of support and recovery", "Contribution invoices"):
//  - /people/{id}/end-of-support: how and when support ended, said gently;
//    while none is recorded, the form to record it (the allocated worker, a
//    team manager or finance);
//  - /finance/recovery-cases and /finance/recovery-cases/{id}: finance's
//    cases, with forms for the plan, money received and a write-off, which
//    another officer approves or declines (the proposer is told why not);
//  - /finance/contributions: arrears oldest first, raising the invoices due
//    and recording a payment against one.
// Plain forms with the CSRF token, so everything works without JavaScript.
#include "services/people_service.hpp"
#include "services/recovery_service.hpp"
#include "storage/repositories/budgets_repository.hpp"
#include "storage/repositories/recovery_repository.hpp"
#include "web/forms.hpp"
#include "web/people/person_pages.hpp"
#include "web/render.hpp"
#include "web/routes.hpp"

namespace patchwork::web {
namespace {

using http::Context;
using http::Method;
using http::Response;
using http::Surface;
using namespace recovery;

std::string end_href(const people::Person& p) { return "/people/" + p.id.text() + "/end-of-support"; }
std::string case_href(std::int64_t id) { return "/finance/recovery-cases/" + std::to_string(id); }

// ---- A person's end of support ----

// What the page says, kindly and plainly: what happened, that the payments
// have stopped, and who to talk to; any money to be repaid comes last, with
// nothing asked of anyone straight away.
Data end_content(Context& ctx, const people::Person& p, const SupportEnd& e) {
  Data content;
  content.set("name", p.full_name());
  content.set("given_name", p.given_name);
  content.set("on", e.on.display());
  content.set("last_day", last_day_paid(e).display());
  content.set("back_href", "/people/" + p.id.text());
  switch (e.kind) {
    case EndKind::Died: content.set("died", true); break;
    case EndKind::SupportEnded: content.set("ended", true); break;
    case EndKind::MovedAway:
      content.set("moved", true);
      content.set("moved_to", e.moved_to);
      break;
  }
  if (!e.note.empty()) content.set("note", e.note);
  content.set("recorded", e.recorded_by_name + ", " + display_date(e.recorded_at.substr(0, 10)));
  const bool finance = ctx.signed_in_user().role == access::Role::FinanceOfficer;
  List cases;
  for (const auto& k : storage::person_cases(ctx.db(), p.council_id, p.id)) {
    Object o{{"amount", k.amount.display()}, {"outstanding", outstanding(k).display()}, {"state", std::string(case_state_label(k.state))}};
    if (finance) o["href"] = case_href(k.id);
    cases.push_back(o);
  }
  if (!cases.empty()) {
    content.set("cases", cases);
    content.set("has_cases", true);
  }
  return content;
}

Response end_form(Context& ctx, const people::Person& p, const FieldErrors& errors) {
  FormPage form{"Record the end of support", p.full_name(), "Record that support from the council has ended",
                "This stops every payment of " + p.given_name + "'s budget after the last day the council pays for. "
                "If anything was paid in advance for the days after, it is kept as a recovery case for the finance team "
                "to agree with the family: nothing is asked of anyone straight away.",
                ctx.request.path, "Record the end of support", "/people/" + p.id.text()};
  const auto e = error_map(errors);
  const bool post = ctx.request.method == Method::Post;
  auto posted = [&](const char* n) { return post ? ctx.request.form_value(n) : std::string(); };
  Options kinds;
  for (auto k : end_kinds()) kinds.push_back({std::string(end_kind_code(k)), std::string(end_kind_label(k))});
  form.fields.push_back(radios_field({"kind", "What has happened?", ""}, kinds, posted("kind"), e));
  form.fields.push_back(date_field({"on", "Date",
                                    "The date of death, the last day of support, or the day of the move. For example, 27 11 2026"},
                                   form_date_value(ctx.request, "on", ""), e));
  form.fields.push_back(text_field({"moved_to", "If they moved: the council they moved to",
                                    "From the day of the move that council meets their needs (Care Act 2014, section 38)"},
                                   posted("moved_to"), e));
  Options owed;
  for (auto d : debtors()) owed.push_back({std::string(debtor_code(d)), std::string(debtor_label(d))});
  form.fields.push_back(radios_field({"owed_by", "If anything was paid for later days, who should the council speak to about it? (optional)",
                                      "Left empty: their estate after a death, otherwise the person themself"},
                                     owed, posted("owed_by"), e));
  form.fields.push_back(textarea_field({"note", "Anything the finance team should know (optional)",
                                        "For example, who is dealing with their affairs and how they would like to be contacted"},
                                       posted("note"), e));
  return form_page(ctx, form, errors, errors.empty() ? 200 : 422);
}

Response end_get(Context& ctx) {
  auto person = person_page_for(ctx, access::Action::ViewFinance);
  if (!person) return person.error();
  if (auto e = storage::find_support_end(ctx.db(), person->council_id, person->id))
    return page(ctx, "recovery/end", end_content(ctx, *person, *e), "End of support: " + person->full_name());
  if (!ctx.allows(access::Action::RecordEndOfSupport, *person))
    return error_page(ctx, 403, "You cannot record the end of support",
                      "The allocated social worker, a team manager or the finance team records the end of someone's support.");
  return end_form(ctx, *person, {});
}

Response end_post(Context& ctx) {
  auto person = person_page_for(ctx, access::Action::RecordEndOfSupport);
  if (!person) return person.error();
  const auto& r = ctx.request;
  people::Fields f{{"kind", r.form_value("kind")}, {"on", date_from_form(r, "on")}, {"moved_to", r.form_value("moved_to")},
                   {"owed_by", r.form_value("owed_by")}, {"note", r.form_value("note")}};
  auto done = services::record_end_of_support(ctx.db(), *person, f, ctx.signed_in_user().id, CivilDate::today_utc());
  if (!done) {
    ctx.audit(audit::AuditAction::RecordEndOfSupport, person->id, access::Outcome::Refused, done.error().front().message);
    return end_form(ctx, *person, done.error());
  }
  ctx.audit(audit::AuditAction::RecordEndOfSupport, person->id, access::Outcome::Allowed,
            std::string(end_kind_code(done->end.kind)) + " on " + done->end.on.iso() + "; nothing paid after " + done->last_day.iso());
  if (!done->death_recorded.empty())
    ctx.audit(audit::AuditAction::ChangeCharacteristics, person->id, access::Outcome::Allowed,
              services::describe_changes(done->death_recorded));
  if (done->opened)
    ctx.audit(audit::AuditAction::OpenRecoveryCase, person->id, access::Outcome::Allowed,
              "recovery case " + std::to_string(done->opened->id) + " (" + done->opened->amount.decimal() + "): " + done->opened->reason);
  return Response::redirect(end_href(*person));
}

// ---- Finance: recovery cases ----

Response refused_page(Context& ctx, const access::Decision& d) {
  return error_page(ctx, 403, "You cannot do this with recovery cases", d.reason);
}

Response cases_page(Context& ctx) {
  auto d = ctx.authorize(access::Action::ViewRecoveryCases);
  if (!d.allowed()) return refused_page(ctx, d);
  const auto today = CivilDate::today_utc();
  List rows;
  for (const auto& k : storage::list_cases(ctx.db(), ctx.signed_in_user().council_id)) {
    const auto behind = due_by(k, today).pence() - k.received.pence();
    rows.push_back(Object{{"href", case_href(k.id)}, {"id", std::to_string(k.id)}, {"person", k.person_name},
                          {"amount", k.amount.display()}, {"outstanding", outstanding(k).display()},
                          {"owed_by", std::string(debtor_label(k.debtor))}, {"state", std::string(case_state_label(k.state))},
                          {"opened", display_date(k.opened_at.substr(0, 10))},
                          {"behind", behind > 0 && outstanding(k).pence() > 0 ? Money::from_pence(behind).display() : std::string()}});
  }
  Data content;
  if (rows.empty()) content.set("none", true);
  else content.set("cases", rows);
  return page(ctx, "recovery/cases", content, "Recovery cases");
}

std::optional<RecoveryCase> case_in_route(Context& ctx) {
  auto id = ctx.request.path_id("id");
  if (!id) return std::nullopt;
  return storage::find_case(ctx.db(), ctx.signed_in_user().council_id, *id);
}

Response no_case(Context& ctx) { return error_page(ctx, 404, "Page not found", "There is no such recovery case in this council."); }

Response case_page_with(Context& ctx, const RecoveryCase& k, const FieldErrors& errors, int status) {
  const auto& user = ctx.signed_in_user();
  auto& db = ctx.db();
  const auto today = CivilDate::today_utc();
  Data content;
  content.set("id", std::to_string(k.id));
  content.set("person", k.person_name);
  content.set("end_href", "/people/" + k.person_id.text() + "/end-of-support");
  content.set("amount", k.amount.display());
  content.set("received", k.received.display());
  content.set("outstanding", outstanding(k).display());
  content.set("reason", k.reason);
  content.set("owed_by", std::string(debtor_label(k.debtor)));
  content.set("state", std::string(case_state_label(k.state)));
  content.set("opened", k.opened_by_name + ", " + display_date(k.opened_at.substr(0, 10)));
  List periods;
  for (const auto& p : storage::case_periods(db, user.council_id, k.id))
    periods.push_back(Object{{"part", p.part_key}, {"period", p.period_start.display() + " to " + p.period_end.display()},
                             {"paid", p.paid.display()}, {"days", std::to_string(p.days_after)}, {"overpaid", p.overpaid.display()}});
  content.set("periods", periods);
  List plan;
  for (const auto& i : instalment_plan(k.amount, k.instalments, k.first_due))
    plan.push_back(Object{{"number", std::to_string(i.number)}, {"due", i.due.display()}, {"amount", i.amount.display()}});
  content.set("plan", plan);
  content.set("plan_words", k.instalments == 1 ? std::string("One payment") : std::to_string(k.instalments) + " monthly instalments");
  content.set("due_so_far", due_by(k, today).display());
  List receipts;
  for (const auto& r : storage::case_receipts(db, user.council_id, k.id))
    receipts.push_back(Object{{"on", r.received_on.display()}, {"amount", r.amount.display()},
                              {"from", r.source == ReceiptSource::HoldingAccount ? "Part " + r.part_key + "'s account" : std::string("Paid in")},
                              {"by", r.recorded_by_name}});
  if (!receipts.empty()) {
    content.set("receipts", receipts);
    content.set("has_receipts", true);
  }
  const std::string base = case_href(k.id);
  if (k.state == CaseState::Open) {
    content.set("receipt_href", base + "/receipt");
    content.set("plan_href", base + "/plan");
    content.set("write_off_href", base + "/write-off");
  }
  if (k.state == CaseState::WriteOffProposed) {
    content.set("proposed", true);
    content.set("write_off_reason", k.write_off_reason);
    content.set("proposed_by", k.write_off_proposed_by_name);
    // Maker-checker, said before anyone tries: the buttons only for someone who may press them.
    if (k.write_off_proposed_by == user.id) content.set("own_proposal", true);
    else {
      content.set("approve_action", base + "/write-off/approve");
      content.set("decline_action", base + "/write-off/decline");
    }
  }
  if (k.state == CaseState::WrittenOff) {
    content.set("written_off", true);
    content.set("write_off_reason", k.write_off_reason);
    content.set("proposed_by", k.write_off_proposed_by_name);
    content.set("decided_by", k.write_off_decided_by_name);
  }
  add_errors(content, errors);
  return page(ctx, "recovery/case", content, "Recovery case " + std::to_string(k.id), status);
}

Response case_page(Context& ctx) {
  auto d = ctx.authorize(access::Action::ViewRecoveryCases);
  if (!d.allowed()) return refused_page(ctx, d);
  auto k = case_in_route(ctx);
  if (!k) return no_case(ctx);
  return case_page_with(ctx, *k, {}, 200);
}

// A step on a case from a form page: asked of the policy, the case found in
// the council, the form shown (GET) or the step done (POST) and audited.
struct CaseForm {
  const char* title;
  const char* lead;
  const char* submit;
  audit::AuditAction kind;
  std::function<void(Context&, const RecoveryCase&, FormPage&, const ErrorMap&)> fields;
  std::function<Result<std::string>(Context&, const RecoveryCase&)> step;
};

Response case_form(Context& ctx, const CaseForm& f) {
  auto d = ctx.authorize(access::Action::ManageRecovery);
  if (!d.allowed()) return refused_page(ctx, d);
  auto k = case_in_route(ctx);
  if (!k) return no_case(ctx);
  auto show = [&](const FieldErrors& errors) {
    FormPage form{f.title, k->person_name + ", recovery case " + std::to_string(k->id), f.title, f.lead, ctx.request.path, f.submit,
                  case_href(k->id)};
    f.fields(ctx, *k, form, error_map(errors));
    return form_page(ctx, form, errors, errors.empty() ? 200 : 422);
  };
  if (ctx.request.method == Method::Get) return show({});
  auto done = f.step(ctx, *k);
  const std::string words = "recovery case " + std::to_string(k->id) + " (" + k->amount.decimal() + "): ";
  if (!done) {
    ctx.audit(f.kind, k->person_id, access::Outcome::Refused, words + done.error().front().message);
    for (const auto& e : done.error())
      if (e.field == "state") return case_page_with(ctx, *k, done.error(), 409);
    return show(done.error());
  }
  ctx.audit(f.kind, k->person_id, access::Outcome::Allowed, words + *done);
  return Response::redirect(case_href(k->id));
}

std::string posted(Context& ctx, const char* name) {
  return ctx.request.method == Method::Post ? ctx.request.form_value(name) : std::string();
}

const CaseForm kReceipt{
    "Record money received", "Money paid back towards this case. It is recorded in the council's accounts at once.",
    "Record the money", audit::AuditAction::RecordRecoveryReceipt,
    [](Context& ctx, const RecoveryCase& k, FormPage& form, const ErrorMap& e) {
      form.fields.push_back(text_field({"amount", "Amount received, in pounds", "Still owed: " + outstanding(k).display()},
                                       posted(ctx, "amount"), e, "govuk-input--width-10"));
      form.fields.push_back(date_field({"received_on", "Date it was received", "For example, 27 11 2026"},
                                       form_date_value(ctx.request, "received_on", ""), e));
      form.fields.push_back(radios_field({"source", "Where did the money come from?", ""},
                                         Options{{"payer", "Paid in by whoever owes it (the estate, the payee or the person)"},
                                                 {"holding_account", "Returned from the direct payment account"}},
                                         posted(ctx, "source"), e));
      form.fields.push_back(text_field({"part_key", "If it came from the direct payment account: which part of the budget",
                                        "For example, A"},
                                       posted(ctx, "part_key"), e, "govuk-input--width-5"));
    },
    [](Context& ctx, const RecoveryCase& k) -> Result<std::string> {
      const auto& r = ctx.request;
      people::Fields f{{"amount", r.form_value("amount")}, {"received_on", date_from_form(r, "received_on")},
                       {"source", r.form_value("source")}, {"part_key", r.form_value("part_key")}};
      auto done = services::record_recovery_receipt(ctx.db(), k.council_id, k.id, f, ctx.signed_in_user().id, CivilDate::today_utc());
      if (!done) return std::unexpected(done.error());
      return done->amount.decimal() + " received on " + done->received_on.iso() + " (" + done->transfer_id + ")";
    }};

const CaseForm kPlan{
    "Agree how it is repaid", "A single payment, or monthly instalments that add up exactly to what is owed.",
    "Save the plan", audit::AuditAction::SetRecoveryPlan,
    [](Context& ctx, const RecoveryCase& k, FormPage& form, const ErrorMap& e) {
      form.fields.push_back(text_field({"instalments", "Number of monthly payments", "1 for a single payment; at most 60"},
                                       ctx.request.method == Method::Post ? ctx.request.form_value("instalments") : std::to_string(k.instalments),
                                       e, "govuk-input--width-3"));
      form.fields.push_back(date_field({"first_due", "Date the first payment is due", "For example, 1 2 2027"},
                                       form_date_value(ctx.request, "first_due", k.first_due.iso()), e));
    },
    [](Context& ctx, const RecoveryCase& k) -> Result<std::string> {
      people::Fields f{{"instalments", ctx.request.form_value("instalments")}, {"first_due", date_from_form(ctx.request, "first_due")}};
      auto done = services::set_recovery_plan(ctx.db(), k.council_id, k.id, f, CivilDate::today_utc());
      if (!done) return std::unexpected(done.error());
      return std::to_string(done->instalments) + " instalments from " + done->first_due.iso();
    }};

const CaseForm kWriteOff{
    "Propose writing it off", "Another finance officer must approve a write-off before it takes effect.",
    "Propose the write-off", audit::AuditAction::ProposeWriteOff,
    [](Context& ctx, const RecoveryCase&, FormPage& form, const ErrorMap& e) {
      form.fields.push_back(textarea_field({"reason", "Why should it be written off?",
                                            "For example, the estate has no money left, or recovering it would cost more than it is"},
                                           posted(ctx, "reason"), e));
    },
    [](Context& ctx, const RecoveryCase& k) -> Result<std::string> {
      auto done = services::propose_write_off(ctx.db(), k.council_id, k.id, {{"reason", ctx.request.form_value("reason")}},
                                              ctx.signed_in_user().id);
      if (!done) return std::unexpected(done.error());
      return "write-off of " + outstanding(*done).decimal() + " proposed: " + done->write_off_reason;
    }};

Response receipt_form(Context& ctx) { return case_form(ctx, kReceipt); }
Response plan_form(Context& ctx) { return case_form(ctx, kPlan); }
Response write_off_form(Context& ctx) { return case_form(ctx, kWriteOff); }

Response decide(Context& ctx, bool approve) {
  auto k = case_in_route(ctx);
  if (!k) {
    ctx.audit(audit::AuditAction::ApproveWriteOff, std::nullopt, access::Outcome::Refused, "no such recovery case in this council");
    return no_case(ctx);
  }
  if (!k->write_off_proposed_by) {
    auto may = ctx.authorize(access::Action::ManageRecovery);
    if (!may.allowed()) return refused_page(ctx, may);
    return case_page_with(ctx, *k, {{"state", "There is no write-off waiting for approval on this case"}}, 409);
  }
  auto d = ctx.authorize(access::Action::ApproveWriteOff, access::PreparedWork{*k->write_off_proposed_by, k->council_id},
                         "recovery case " + std::to_string(k->id), k->person_id);
  if (!d.allowed()) return error_page(ctx, 403, "You cannot decide this write-off", d.reason);
  const auto& user = ctx.signed_in_user();
  auto done = services::decide_write_off(ctx.db(), user.council_id, k->id, approve, user.id, CivilDate::today_utc());
  const auto kind = approve ? audit::AuditAction::ApproveWriteOff : audit::AuditAction::DeclineWriteOff;
  const std::string words = "recovery case " + std::to_string(k->id) + " (" + k->amount.decimal() + ")";
  if (!done) {
    ctx.audit(kind, k->person_id, access::Outcome::Refused, words + ": " + done.error().front().message);
    return case_page_with(ctx, *k, done.error(), 409);
  }
  ctx.audit(kind, k->person_id, access::Outcome::Allowed,
            words + (approve ? ": written off, " + outstanding(*k).decimal() : std::string(": write-off declined, open again")));
  return Response::redirect(case_href(k->id));
}

Response approve(Context& ctx) { return decide(ctx, true); }
Response decline(Context& ctx) { return decide(ctx, false); }

// ---- Finance: contributions ----

Response contributions_with(Context& ctx, const FieldErrors& errors, int status) {
  const auto council = ctx.signed_in_user().council_id;
  const auto today = CivilDate::today_utc();
  List arrears;
  for (const auto& a : services::contribution_arrears(ctx.db(), council, today))
    arrears.push_back(Object{{"person", a.person_name}, {"budget_href", "/people/" + a.person_id.text() + "/budgets"},
                             {"owed", a.owed.display()}, {"since", a.since ? a.since->display() : std::string()},
                             {"invoices", std::to_string(a.invoices)}});
  List unpaid;
  for (const auto& i : storage::unpaid_invoices(ctx.db(), council))
    unpaid.push_back(Object{{"person", i.person_name}, {"period", i.period_start.display() + " to " + i.period_end.display()},
                            {"amount", i.amount.display()}, {"unpaid", Money::from_pence(i.amount.pence() - i.paid.pence()).display()},
                            {"due", i.due_on.display()}, {"id", std::to_string(i.id)},
                            {"pay_href", "/finance/contribution-invoices/" + std::to_string(i.id) + "/payment"}});
  Data content;
  if (arrears.empty()) content.set("no_arrears", true);
  else content.set("arrears", arrears);
  if (!unpaid.empty()) {
    content.set("unpaid", unpaid);
    content.set("has_unpaid", true);
  }
  List fields;
  fields.push_back(date_field({"up_to", "Raise every invoice due up to",
                               "Each follows the person's payment schedule. For example, 31 12 2026"},
                              form_date_value(ctx.request, "up_to", ""), error_map(errors)));
  content.set("fields", fields);
  add_errors(content, errors);
  return page(ctx, "recovery/contributions", content, "Contributions", status);
}

Response contributions_page(Context& ctx) {
  auto d = ctx.authorize(access::Action::ManageContributions);
  if (!d.allowed()) return refused_page(ctx, d);
  return contributions_with(ctx, {}, 200);
}

Response raise(Context& ctx) {
  auto d = ctx.authorize(access::Action::ManageContributions);
  if (!d.allowed()) return refused_page(ctx, d);
  auto up_to = services::invoice_date_from_fields({{"up_to", date_from_form(ctx.request, "up_to")}}, CivilDate::today_utc());
  if (!up_to) return contributions_with(ctx, up_to.error(), 422);
  const auto& user = ctx.signed_in_user();
  auto raised = services::raise_contribution_invoices(ctx.db(), user.council_id, *up_to, user.id);
  if (!raised) {
    ctx.audit(audit::AuditAction::RaiseContributionInvoices, std::nullopt, access::Outcome::Refused,
              "up to " + up_to->iso() + ": " + raised.error().front().message);
    return contributions_with(ctx, raised.error(), 422);
  }
  ctx.audit(audit::AuditAction::RaiseContributionInvoices, std::nullopt, access::Outcome::Allowed,
            "up to " + up_to->iso() + ": " + std::to_string(raised->raised) + " invoices for " + std::to_string(raised->people) +
                " people, " + raised->total.decimal());
  return Response::redirect("/finance/contributions");
}

Response payment_form(Context& ctx) {
  auto d = ctx.authorize(access::Action::ManageContributions);
  if (!d.allowed()) return refused_page(ctx, d);
  auto id = ctx.request.path_id("id");
  auto invoice = id ? storage::find_contribution_invoice(ctx.db(), ctx.signed_in_user().council_id, *id) : std::nullopt;
  if (!invoice) return error_page(ctx, 404, "Page not found", "There is no such contribution invoice in this council.");
  auto show = [&](const FieldErrors& errors) {
    const auto unpaid = Money::from_pence(invoice->amount.pence() - invoice->paid.pence());
    FormPage form{"Record a contribution payment", invoice->person_name, "Record a payment towards the contribution",
                  "For " + invoice->period_start.display() + " to " + invoice->period_end.display() + ": " + invoice->amount.display() +
                      ", of which " + unpaid.display() + " is unpaid.",
                  ctx.request.path, "Record the payment", "/finance/contributions"};
    const auto e = error_map(errors);
    form.fields.push_back(text_field({"amount", "Amount received, in pounds", ""}, posted(ctx, "amount"), e, "govuk-input--width-10"));
    form.fields.push_back(date_field({"received_on", "Date it was received", "For example, 27 11 2026"},
                                     form_date_value(ctx.request, "received_on", ""), e));
    return form_page(ctx, form, errors, errors.empty() ? 200 : 422);
  };
  if (ctx.request.method == Method::Get) return show({});
  const auto& r = ctx.request;
  auto p = services::record_contribution_payment(ctx.db(), invoice->council_id, invoice->id,
                                                 {{"amount", r.form_value("amount")}, {"received_on", date_from_form(r, "received_on")}},
                                                 ctx.signed_in_user().id, CivilDate::today_utc());
  if (!p) {
    ctx.audit(audit::AuditAction::RecordContributionPayment, invoice->person_id, access::Outcome::Refused,
              "invoice " + std::to_string(invoice->id) + ": " + p.error().front().message);
    return show(p.error());
  }
  ctx.audit(audit::AuditAction::RecordContributionPayment, invoice->person_id, access::Outcome::Allowed,
            "invoice " + std::to_string(invoice->id) + ": " + p->amount.decimal() + " received on " + p->received_on.iso());
  return Response::redirect("/finance/contributions");
}

}  // namespace

void add_recovery_pages(http::Dispatcher& d) {
  auto route = [](http::RouteHandler h) { return http::signed_in(Surface::Page, std::move(h)); };
  d.add(Method::Get, "/people/{id}/end-of-support", route(end_get));
  d.add(Method::Post, "/people/{id}/end-of-support", route(end_post));
  d.add(Method::Get, "/finance/recovery-cases", route(cases_page));
  d.add(Method::Get, "/finance/recovery-cases/{id}", route(case_page));
  d.add(Method::Get, "/finance/recovery-cases/{id}/receipt", route(receipt_form));
  d.add(Method::Post, "/finance/recovery-cases/{id}/receipt", route(receipt_form));
  d.add(Method::Get, "/finance/recovery-cases/{id}/plan", route(plan_form));
  d.add(Method::Post, "/finance/recovery-cases/{id}/plan", route(plan_form));
  d.add(Method::Get, "/finance/recovery-cases/{id}/write-off", route(write_off_form));
  d.add(Method::Post, "/finance/recovery-cases/{id}/write-off", route(write_off_form));
  d.add(Method::Post, "/finance/recovery-cases/{id}/write-off/approve", route(approve));
  d.add(Method::Post, "/finance/recovery-cases/{id}/write-off/decline", route(decline));
  d.add(Method::Get, "/finance/contributions", route(contributions_page));
  d.add(Method::Post, "/finance/contributions", route(raise));
  d.add(Method::Get, "/finance/contribution-invoices/{id}/payment", route(payment_form));
  d.add(Method::Post, "/finance/contribution-invoices/{id}/payment", route(payment_form));
}

}  // namespace patchwork::web
