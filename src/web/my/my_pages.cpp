// The budget holder's own pages, and the same pages for the people they allow
// (issue #17, docs/my-pages.md):
//   /my                          whose information: the person's own, or the people a representative helps
//   /my/{id}                     what there is to see, in plain words
//   /my/{id}/budget              the amount a week and a year, each part, who pays what, how it was worked out
//   /my/{id}/money               the money of each part that holds money, for a chosen period, with the bank's lines
//   /my/{id}/money/statement     the same, as a large-print statement to print
//   /my/{id}/plan                outcomes in the person's words, the support, the contingency plan
//   /my/{id}/review, /review/new ask for a review, and see where each request has got to
//   /my/{id}/access, /withdraw   who can see the information, ending access the person agreed to
// Each page asks the policy for its own action through web::person_page_for
// (role and relationship, audited either way), exactly as the staff pages do,
// and reads the same repositories and services: nothing here is a copy.
#include <fmt/format.h>

#include <algorithm>

#include "core/text.hpp"
#include "domain/budgets/budget.hpp"
#include "domain/ledger/accounts.hpp"
#include "domain/ledger/ledger.hpp"
#include "domain/people/codes.hpp"
#include "domain/people/own_access.hpp"
#include "domain/planning/review_requests.hpp"
#include "domain/planning/reviews.hpp"
#include "services/access_service.hpp"
#include "services/ledger_service.hpp"
#include "services/my_money_service.hpp"
#include "services/people_service.hpp"
#include "services/review_requests_service.hpp"
#include "services/reviews_service.hpp"
#include "storage/repositories/accounts_repository.hpp"
#include "storage/repositories/assessment_repository.hpp"
#include "storage/repositories/budgets_repository.hpp"
#include "storage/repositories/ledger_repository.hpp"
#include "storage/repositories/people_repository.hpp"
#include "storage/repositories/person_records_repository.hpp"
#include "storage/repositories/plans_repository.hpp"
#include "storage/repositories/review_requests_repository.hpp"
#include "web/forms.hpp"
#include "web/people/person_pages.hpp"
#include "web/planning/plan_pages.hpp"
#include "web/routes.hpp"

namespace patchwork::web {
namespace {

using http::Context;
using http::Method;
using http::Response;
using http::Surface;
using budgets::Mechanism;

std::string refusal_reason(const FieldErrors& errors) {
  std::string out;
  for (const auto& e : errors) out += (out.empty() ? "" : "; ") + e.field + ": " + e.message;
  return clip_utf8(out, 500);
}

std::string first_upper(std::string s) {
  if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = char(s[0] - 'a' + 'A');
  return s;
}

// Whose information a page shows, said on every page: "Your budget" to the
// person, "Margaret Ellis's budget" to anyone else.
struct Whose {
  bool self = false;
  std::string name;       // "Margaret Ellis"
  std::string given;      // "Margaret"
  std::string base;       // "/my/12"
  std::string title(const std::string& what) const { return self ? "Your " + what : name + "'s " + what; }
  std::string your() const { return self ? "your" : given + "'s"; }
  std::string you() const { return self ? "you" : given; }
};

Whose whose(const Context& ctx, const people::Person& p) {
  const auto& user = ctx.signed_in_user();
  return {user.person_id && *user.person_id == p.id, p.full_name(), p.given_name, "/my/" + p.id.text()};
}

// Every page: whose it is, and the pages beside it the user may open.
Data my_content(Context& ctx, const people::Person& p, const Whose& w, std::string_view current) {
  Data content;
  content.set("name", w.name);
  content.set("base", w.base);
  if (w.self) content.set("self", true);
  struct Link { std::string_view key; std::string label; access::Action action; };
  const Link links[] = {{"budget", w.self ? "Your budget" : w.name + "'s budget", access::Action::ViewBudget},
                        {"money", w.self ? "Your money" : w.name + "'s money", access::Action::ViewLedger},
                        {"plan", w.self ? "Your plan" : w.name + "'s plan", access::Action::ViewPlan},
                        {"review", "Ask for a review", access::Action::AskForReview},
                        {"access", w.self ? "Who can see your information" : "Who can see " + w.name + "'s information",
                         access::Action::ManageOwnAccess}};
  List nav;
  for (const auto& l : links) {
    if (!may_on(ctx, l.action, p)) continue;
    nav.push_back(Object{{"href", w.base + "/" + std::string(l.key)}, {"label", l.label}, {"current", l.key == current}});
  }
  content.set("my_links", nav);
  return content;
}

std::string weekly_words(const Money& m) { return m.display() + " a week"; }
std::string yearly_words(const Money& m) {
  auto y = budgets::yearly(m);
  return y ? y->display() + " a year" : std::string("a very large sum a year");
}

// How one part is managed and by whom, in plain words, to the reader.
std::string how_managed(const budgets::Part& p, const Whose& w, const ProviderNames& providers) {
  switch (p.mechanism) {
    case Mechanism::DirectPayment: {
      const auto* dp = p.direct_payment ? &*p.direct_payment : nullptr;
      if (dp && dp->recipient != budgets::Recipient::Person)
        return "A direct payment. The council pays it to " + dp->recipient_name + ", who uses it to arrange " + w.your() +
               " support.";
      return "A direct payment. The council pays it to " + w.you() + ", and " + w.you() + " " + (w.self ? "use" : "uses") +
             " it to arrange " + (w.self ? "your" : "their") + " own support.";
    }
    case Mechanism::IndividualServiceFund: {
      std::string who = "a provider";
      if (p.service_fund) {
        auto it = providers.find(p.service_fund->provider_id);
        if (it != providers.end()) who = it->second;
      }
      return "An individual service fund. " + first_upper(who) + " holds the money and arranges support the way " + w.you() +
             " " + (w.self ? "choose" : "chooses") + ".";
    }
    case Mechanism::CouncilManaged: return "The council arranges this support and pays for it directly.";
  }
  return "The council arranges this support and pays for it directly.";
}

Response choose(Context& ctx) {
  const auto& user = ctx.signed_in_user();
  if (user.role == access::Role::BudgetHolder) {
    if (!user.person_id)
      return error_page(ctx, 404, "Your account is not linked to your record", "Ask your social worker to link it.");
    return Response::redirect("/my/" + user.person_id->text());
  }
  if (user.role != access::Role::Representative)
    return error_page(ctx, 403, "These pages are for people with a personal budget",
                      "They are for the person and the people they allow. Staff see a person's record from their own pages.");
  auto listed = ctx.list_people(storage::represented_people(ctx.db(), user.council_id, user.id), "the people you help (/my)");
  ctx.audit(audit::AuditAction::ViewRepresentedPeople, std::nullopt, access::Outcome::Allowed, "people this representative helps, on /my");
  List people;
  for (const auto& l : listed)
    people.push_back(Object{{"name", l.person.full_name()}, {"href", "/my/" + l.person.id.text()}});
  Data content;
  content.set("people", people);
  if (people.empty()) content.set("none", true);
  return page(ctx, "my/choose", content, "Whose information do you want to see?");
}

Response overview(Context& ctx) {
  auto person = person_page_for(ctx, access::Action::ViewPersonRecord);
  if (!person) return person.error();
  const auto w = whose(ctx, *person);
  Data content = my_content(ctx, *person, w, "");
  content.set("heading", w.self ? std::string("Your support") : w.name + "'s support");
  add_worker_contact(ctx, *person, content);
  return page(ctx, "my/overview", content, w.self ? std::string("Your support") : w.name + "'s support");
}

// --- Your budget ---

Response budget_page(Context& ctx) {
  auto person = person_page_for(ctx, access::Action::ViewBudget);
  if (!person) return person.error();
  auto& db = ctx.db();
  const auto w = whose(ctx, *person);
  const CivilDate today = CivilDate::today_utc();
  Data content = my_content(ctx, *person, w, "budget");
  add_worker_contact(ctx, *person, content);
  auto b = storage::find_budget_on(db, person->council_id, person->id, today);
  if (!b) {
    content.set("no_budget", true);
  } else {
    content.set("weekly", weekly_words(b->weekly));
    content.set("yearly", yearly_words(b->weekly));
    content.set("from", b->effective_from.display());
    if (b->one_off.pence() > 0) content.set("one_off", b->one_off.display());
    const auto providers = provider_names(db, person->council_id);
    List parts;
    for (const auto& p : b->parts) {
      if (p.weekly.pence() == 0 && p.one_off.pence() == 0) continue;
      Object row{{"name", first_upper(part_name(p, *person, providers))},
                 {"weekly", weekly_words(p.weekly)},
                 {"yearly", yearly_words(p.weekly)},
                 {"how", how_managed(p, w, providers)}};
      if (p.mechanism == Mechanism::DirectPayment && p.weekly.pence() > 0)
        if (auto each = budgets::direct_payment_instalment(p.weekly))
          row["every_four_weeks"] = each->display() + " every four weeks";
      parts.push_back(row);
    }
    content.set("parts", parts);
    // s.26(1)(b) and (c): what the person pays, and what the council pays.
    std::string pays;
    const std::string They = w.self ? "You" : w.given;
    const std::string pay = w.self ? "pay" : "pays";
    switch (b->contribution.kind) {
      case budgets::ContributionKind::NotYetAssessed:
        pays = "The council has not yet worked out if " + w.you() + " must pay anything. Nothing is asked for until it has, and it will write first.";
        break;
      case budgets::ContributionKind::FullCost:
        pays = They + " " + pay + " the full cost: " + weekly_words(b->weekly) + ". The council pays nothing towards it.";
        break;
      case budgets::ContributionKind::WeeklyAmount: {
        const auto person_pays = budgets::person_share(*b).value_or(Money{});
        const auto council_pays = budgets::council_share(*b).value_or(Money{});
        content.set("council_pays", weekly_words(council_pays));
        content.set("person_pays", weekly_words(person_pays));
        pays = person_pays.pence() == 0 ? "The council pays all of it. " + They + " " + pay + " nothing."
                                        : "The council pays " + weekly_words(council_pays) + ". " + They + " " + pay + " " +
                                              weekly_words(person_pays) + ", as the financial assessment found.";
      }
    }
    content.set("who_pays", pays);
    // How the amount was worked out: the resource allocation system's own
    // explanation, then why the agreed amount differs from it, if it does.
    auto allocations = storage::list_allocations(db, person->council_id, person->id);
    if (!allocations.empty() && allocations.front().is_current) {
      const auto& a = allocations.front();
      List lines;
      for (const auto& l : a.explanation) lines.push_back(Object{{"line", l}});
      content.set("ras_lines", lines);
      content.set("indicative", weekly_words(a.weekly));
      if (a.weekly.pence() != b->weekly.pence()) {
        const bool more = b->weekly.pence() > a.weekly.pence();
        auto gap = more ? b->weekly.minus(a.weekly) : a.weekly.minus(b->weekly);
        content.set("differs", "The budget is " + (gap ? gap->display() : std::string("a different amount")) + " a week " +
                                   (more ? "more" : "less") + " than this first estimate. That is because the support plan costs " +
                                   weekly_words(b->weekly) + " to meet " + w.your() + " needs, and the council agreed it.");
        if (!b->basis.empty()) content.set("basis", b->basis);
      }
    }
    if (b->interim) content.set("interim", "This budget is for now only: " + b->interim->reason + ". It lasts until " + b->interim->ends_on.display() + ".");
  }
  auto reviews = services::person_reviews(db, *person, today, true);
  if (!reviews.due.empty()) content.set("next_review", reviews.due.front().due_on.display());
  return page(ctx, "my/budget", content, w.title("budget"));
}

// --- Your money ---

struct Period {
  CivilDate from, to;
  std::string label;
};

// "from-day", "from-month", "from-year" and the same for "to", in the query;
// or a named period. The default is the last four weeks.
std::expected<Period, FieldErrors> period_from(const Context& ctx, CivilDate today) {
  const auto& r = ctx.request;
  const std::string named = r.query_value("period");
  if (named == "12w") return Period{today.plus_days(-83), today, "the last 12 weeks"};
  if (named == "52w") return Period{today.plus_days(-363), today, "the last 52 weeks"};
  auto part = [&](const std::string& n) { return trim(r.query_value(n)); };
  if (part("from-day").empty() && part("from-month").empty() && part("from-year").empty() && part("to-day").empty() &&
      part("to-month").empty() && part("to-year").empty())
    return Period{today.plus_days(-27), today, "the last 4 weeks"};
  FieldErrors errors;
  auto date = [&](const std::string& n, const char* what) -> std::optional<CivilDate> {
    auto number = [](const std::string& s, int& out) {
      if (s.empty() || s.size() > 4 || s.find_first_not_of("0123456789") != std::string::npos) return false;
      out = std::stoi(s);
      return true;
    };
    int d = 0, m = 0, y = 0;
    if (!number(part(n + "-day"), d) || !number(part(n + "-month"), m) || !number(part(n + "-year"), y) || y < 1900) {
      errors.push_back({n, std::string("Enter the ") + what + " as a day, month and year, like 1 11 2026"});
      return std::nullopt;
    }
    auto c = CivilDate::from_parts(y, m, d);
    if (!c) errors.push_back({n, std::string("The ") + what + " must be a real date"});
    return c;
  };
  auto from = date("from", "first day");
  auto to = date("to", "last day");
  if (from && to && *to < *from) errors.push_back({"to", "The last day must be the same as or after the first day"});
  if (to && *to > today) errors.push_back({"to", "The last day must be today or before"});
  if (from && to && (to->days() - from->days()).count() > 366 * 2)
    errors.push_back({"from", "Choose a period of two years or less"});
  if (!errors.empty()) return std::unexpected(errors);
  return Period{*from, *to, from->display() + " to " + to->display()};
}

// Each part that holds money (services::money_parts): what came in, what was
// spent and on what, what is left and held, and the bank's own lines. Nothing
// to work out: every figure is given.
std::string move_words(const services::MoneyMove& m, const Whose& w) {
  using K = ledger::AccountKind;
  if (m.in) {
    if (m.other_kind == K::PersonContribution) return w.self ? "Your contribution" : w.given + "'s contribution";
    if (m.other_kind == K::CouncilFunding) return "From the council";
    if (m.other_kind == K::Spending) return "Money back (a refund)";
    return "Paid in";
  }
  if (m.category) return std::string(ledger::spending_category_label(*m.category));
  if (m.other_kind == K::ProviderPayable) return "Paid to a provider";
  if (m.other_kind == K::SurplusRecovered || m.other_kind == K::OverpaymentsDue) return "Taken back by the council";
  if (m.other_kind == K::CouncilFunding) return "Back to the council";
  return "Spent";
}

void add_money(Context& ctx, const people::Person& person, const Whose& w, const Period& period, Data& content) {
  auto& db = ctx.db();
  const auto providers = provider_names(db, person.council_id);
  List parts;
  for (const auto& m : services::money_parts(db, person, period.from, period.to, CivilDate::today_utc())) {
    const auto& p = m.part;
    Object row{{"name", first_upper(part_name(p, person, providers))}, {"key", p.key}, {"weekly", weekly_words(p.weekly)},
               {"testid", "money-part-" + p.key}};
    if (p.mechanism == Mechanism::DirectPayment)
      if (auto each = budgets::direct_payment_instalment(p.weekly)) row["every_four_weeks"] = each->display() + " every four weeks";
    if (!m.account) {
      row["nothing_yet"] = true;
      parts.push_back(row);
      continue;
    }
    if (const auto& s = m.summary) {
      row["paid_in"] = s->paid_in.display();
      row["spent"] = s->spent.display();
      if (s->recovered.pence()) row["recovered"] = s->recovered.display();
      row["left"] = s->left.display();
      if (s->left.pence() < 0) row["used_reserve"] = true;
      row["held"] = s->held.display();
      row["reserve_allowed"] = s->reserve_allowed.display();
      if (s->above_reserve) row["above_reserve"] = true;
    }
    List categories;
    for (const auto& c : m.by_category)
      categories.push_back(Object{{"label", std::string(ledger::spending_category_label(c.category))}, {"amount", c.amount.display()}});
    if (m.other_spending.pence()) categories.push_back(Object{{"label", "Other spending"}, {"amount", m.other_spending.display()}});
    if (!categories.empty()) { row["categories"] = categories; row["has_categories"] = true; }
    List moves;
    for (const auto& mv : m.moves)
      moves.push_back(Object{{"date", mv.date.display()}, {"what", move_words(mv, w)}, {"reason", mv.reason},
                             {"in", mv.in ? mv.amount.display() : std::string()}, {"out", mv.in ? std::string() : mv.amount.display()}});
    if (!moves.empty()) { row["moves"] = moves; row["has_moves"] = true; }
    List bank;
    for (const auto& s : m.bank) {
      const bool in = s.amount.pence() > 0;
      const Money size = in ? s.amount : Money::from_pence(-s.amount.pence());
      bank.push_back(Object{{"date", s.booking_date.display()},
                            {"who", s.payee.empty() ? s.description : s.payee},
                            {"in", in ? size.display() : std::string()},
                            {"out", in ? std::string() : size.display()},
                            {"cash", s.cash}});
    }
    if (!bank.empty()) { row["bank"] = bank; row["has_bank"] = true; }
    parts.push_back(row);
  }
  if (parts.empty()) return;
  content.set("parts", parts);
  content.set("has_parts", true);
}

Response money_common(Context& ctx, bool statement) {
  auto person = person_page_for(ctx, access::Action::ViewLedger);
  if (!person) return person.error();
  const auto w = whose(ctx, *person);
  const CivilDate today = CivilDate::today_utc();
  Data content = my_content(ctx, *person, w, "money");
  auto period = period_from(ctx, today);
  Period shown = period ? *period : Period{today.plus_days(-27), today, "the last 4 weeks"};
  if (!period) add_errors(content, period.error());
  content.set("period", shown.label);
  content.set("from", shown.from.display());
  content.set("to", shown.to.display());
  content.set("today", today.display());
  auto set_date = [&](const char* n, CivilDate d) {
    content.set(std::string(n) + "_day", period ? std::to_string(d.day()) : trim(ctx.request.query_value(std::string(n) + "-day")));
    content.set(std::string(n) + "_month", period ? std::to_string(d.month()) : trim(ctx.request.query_value(std::string(n) + "-month")));
    content.set(std::string(n) + "_year", period ? std::to_string(d.year()) : trim(ctx.request.query_value(std::string(n) + "-year")));
  };
  set_date("from", shown.from);
  set_date("to", shown.to);
  content.set("statement_href", fmt::format("{}/money/statement?from-day={}&from-month={}&from-year={}&to-day={}&to-month={}&to-year={}",
                                            w.base, shown.from.day(), shown.from.month(), shown.from.year(), shown.to.day(),
                                            shown.to.month(), shown.to.year()));
  add_money(ctx, *person, w, shown, content);
  ctx.audit(audit::AuditAction::ViewLedger, person->id, access::Outcome::Allowed,
            std::string(statement ? "statement" : "money page") + " for " + shown.from.iso() + " to " + shown.to.iso() + " (/my)");
  content.set("council_name", ctx.council()->name);
  if (statement)
    return page(ctx, "my/statement", content, w.title("statement") + ": " + shown.label, period ? 200 : 422);
  return page(ctx, "my/money", content, w.title("money"), period ? 200 : 422);
}

Response money_page(Context& ctx) { return money_common(ctx, false); }
Response statement_page(Context& ctx) { return money_common(ctx, true); }

// --- Your plan ---

Response plan_page(Context& ctx) {
  auto person = person_page_for(ctx, access::Action::ViewPlan);
  if (!person) return person.error();
  auto& db = ctx.db();
  const auto w = whose(ctx, *person);
  Data content = my_content(ctx, *person, w, "plan");
  add_worker_contact(ctx, *person, content);
  auto plans = storage::plans_in_force(db, person->council_id, person->id, CivilDate::today_utc());
  if (plans.empty()) {
    content.set("no_plan", true);
    return page(ctx, "my/plan", content, w.title("support plan"));
  }
  const auto& plan = plans.front();
  if (plan.effective_from) content.set("plan_from", plan.effective_from->display());
  content.set("print_href", plan_href(*person, plan) + "/print");
  List outcomes;
  for (const auto& o : plan.outcomes) outcomes.push_back(Object{{"words", o.words}});
  content.set("outcomes", outcomes);
  List lines;
  for (const auto& l : plan.lines) {
    std::string cost = l.cost.weekly.pence() > 0 ? weekly_words(l.cost.weekly) : std::string();
    lines.push_back(Object{{"what", l.description},
                           {"who", l.supplier_name.empty() ? std::string("Still to find") : l.supplier_name},
                           {"cost", cost}});
  }
  content.set("lines", lines);
  if (!plan.backup_cover.empty()) content.set("backup_cover", plan.backup_cover);
  if (!plan.who_to_call.empty()) content.set("who_to_call", plan.who_to_call);
  if (plan.contingency_amount.pence() > 0) content.set("contingency_amount", plan.contingency_amount.display());
  return page(ctx, "my/plan", content, w.title("support plan"));
}

// --- Ask for a review ---

Response review_page(Context& ctx) {
  auto person = person_page_for(ctx, access::Action::AskForReview);
  if (!person) return person.error();
  const auto w = whose(ctx, *person);
  const CivilDate today = CivilDate::today_utc();
  Data content = my_content(ctx, *person, w, "review");
  add_worker_contact(ctx, *person, content);
  List requests;
  for (const auto& r : services::review_requests(ctx.db(), *person)) {
    const auto* reason = planning::review_request_reason(r.reason);
    requests.push_back(Object{{"asked_on", display_date(std::string_view(r.asked_at).substr(0, 10))},
                              {"reason", reason ? std::string(reason->label) : r.reason},
                              {"details", r.details},
                              {"asked_by", r.asked_by_name},
                              {"progress", planning::review_request_progress(r.review_status, r.done_on, r.due_on, today)},
                              {"done", r.review_status != "due"},
                              {"outcome", r.outcome.empty() ? std::string() : people::label_for(planning::review_outcomes(), r.outcome)}});
  }
  if (!requests.empty()) { content.set("requests", requests); content.set("has_requests", true); }
  if (ctx.request.query_value("sent") == "1") content.set("sent", true);
  return page(ctx, "my/review", content, w.self ? std::string("Ask for a review") : "Ask for a review of " + w.name + "'s support");
}

Response review_form(Context& ctx, const people::Person& person, const FieldErrors& errors) {
  const auto w = whose(ctx, person);
  FormPage form{"Ask for a review", w.name, "Ask for a review",
                "The council will look at " + w.your() + " support with " + w.you() +
                    ". Tell us what has changed. Your social worker will get in touch.",
                w.base + "/review/new", "Send", w.base + "/review"};
  ErrorMap e = error_map(errors);
  const bool post = ctx.request.method == Method::Post;
  Options reasons;
  for (const auto& r : planning::review_request_reasons()) {
    std::string label(r.label);
    if (!w.self) {
      // Said about the person, not by them.
      if (r.code == "needs_changed") label = w.given + "'s needs have changed";
      else if (r.code == "support_not_working") label = w.given + "'s support is not working";
      else if (r.code == "money_problems") label = "There is a problem with " + w.given + "'s money";
      else if (r.code == "change_management") label = "We want to change how " + w.given + "'s budget is managed";
    }
    reasons.emplace_back(std::string(r.code), label);
  }
  form.fields.push_back(radios_field({"reason", "Why do you want a review?", ""}, reasons, post ? ctx.request.form_value("reason") : "", e));
  form.fields.push_back(textarea_field({"details", "What has changed? (optional)", "In your own words. You can leave this empty."},
                                       post ? ctx.request.form_value("details") : "", e));
  return form_page(ctx, form, errors, errors.empty() ? 200 : 422);
}

Response review_new_get(Context& ctx) {
  auto person = person_page_for(ctx, access::Action::AskForReview);
  if (!person) return person.error();
  return review_form(ctx, *person, {});
}

Response review_new_post(Context& ctx) {
  auto person = person_page_for(ctx, access::Action::AskForReview);
  if (!person) return person.error();
  people::Fields f{{"reason", ctx.request.form_value("reason")}, {"details", ctx.request.form_value("details")}};
  auto asked = services::ask_for_review(ctx.db(), *person, f, ctx.signed_in_user(), CivilDate::today_utc());
  if (!asked) {
    ctx.audit(audit::AuditAction::RecordReviewRequest, person->id, access::Outcome::Refused, refusal_reason(asked.error()));
    return review_form(ctx, *person, asked.error());
  }
  ctx.audit(audit::AuditAction::RecordReviewRequest, person->id, access::Outcome::Allowed,
            "review request " + std::to_string(asked->request_id) + " (" + f["reason"] + "), review " + std::to_string(asked->review.id) +
                " due by " + asked->review.due_on.iso());
  return Response::redirect("/my/" + person->id.text() + "/review?sent=1");
}

// --- Who can see my information ---

Response access_page(Context& ctx) {
  auto person = person_page_for(ctx, access::Action::ManageOwnAccess);
  if (!person) return person.error();
  auto& db = ctx.db();
  const auto w = whose(ctx, *person);
  Data content = my_content(ctx, *person, w, "access");
  add_worker_contact(ctx, *person, content);
  if (auto own = storage::budget_holder_account(db, person->council_id, person->id); own && own->active)
    content.set("own_account", own->username);
  List people;
  for (const auto& [rel, derived] : services::relationships_with_scope(db, *person, CivilDate::today_utc())) {
    if (!rel.user_id) continue;
    auto account = storage::find_user(db, person->council_id, *rel.user_id);
    if (!account || !account->active) continue;
    std::string may;
    for (const auto& r : derived.reasons) may += (may.empty() ? "" : " ") + rel.name + " " + r + ".";
    Object row{{"name", rel.name},
               {"role", people::label_for(people::relationship_roles(), rel.role)},
               {"basis", people::label_for(people::relationship_bases(), rel.basis)},
               {"may", may},
               {"id", std::to_string(rel.id)}};
    if (auto why = people::own_withdrawal_refused(rel)) row["cannot_end"] = *why;
    else row["end_href"] = w.base + "/access/withdraw?relationship=" + std::to_string(rel.id);
    people.push_back(row);
  }
  if (!people.empty()) content.set("people", people);
  List looks;
  for (const auto& l : storage::latest_looks(db, person->council_id, person->id, ctx.signed_in_user().id, 5)) {
    auto role = access::role_from_code(l.role);
    const std::string when = display_date(std::string_view(l.occurred_at).substr(0, 10)) +
                             (l.occurred_at.size() >= 16 ? " at " + l.occurred_at.substr(11, 5) : std::string());
    looks.push_back(Object{{"when", when}, {"role", role ? std::string(access::role_name(*role)) : std::string("Someone at the council")}});
  }
  if (!looks.empty()) { content.set("looks", looks); content.set("has_looks", true); }
  if (ctx.request.query_value("ended") == "1") content.set("ended", true);
  return page(ctx, "my/access", content, w.self ? std::string("Who can see your information") : "Who can see " + w.name + "'s information");
}

std::optional<people::Relationship> relationship_named(Context& ctx, const people::Person& person, const std::string& id_text) {
  auto id = parse_id(id_text);
  if (!id) return std::nullopt;
  for (const auto& rel : storage::list_relationships(ctx.db(), person.council_id, person.id))
    if (rel.id == *id && rel.user_id) return rel;
  return std::nullopt;
}

Response withdraw_get(Context& ctx) {
  auto person = person_page_for(ctx, access::Action::ManageOwnAccess);
  if (!person) return person.error();
  const auto w = whose(ctx, *person);
  auto rel = relationship_named(ctx, *person, ctx.request.query_value("relationship"));
  if (!rel) return error_page(ctx, 404, "Page not found", "There is no one with that access. Go back and choose again.");
  if (auto why = people::own_withdrawal_refused(*rel)) return error_page(ctx, 422, "This access cannot be ended here", *why);
  FormPage form{"End access", w.name, "Stop " + rel->name + " seeing " + w.your() + " information?",
                rel->name + " will not be able to see or do anything for " + w.you() + " in Patchwork from now. " +
                    "You can ask your social worker to give access again later.",
                w.base + "/access/withdraw", "Yes, end access", w.base + "/access"};
  form.hidden.push_back({"relationship", std::to_string(rel->id)});
  return form_page(ctx, form, {}, 200);
}

Response withdraw_post(Context& ctx) {
  auto person = person_page_for(ctx, access::Action::ManageOwnAccess);
  if (!person) return person.error();
  auto rel = relationship_named(ctx, *person, ctx.request.form_value("relationship"));
  if (!rel) {
    ctx.audit(audit::AuditAction::WithdrawAccess, person->id, access::Outcome::Refused, "relationship: no one with that access (/my)");
    return error_page(ctx, 422, "This access cannot be ended", "There is no one with that access. Go back and choose again.");
  }
  if (auto why = people::own_withdrawal_refused(*rel)) {
    ctx.audit(audit::AuditAction::WithdrawAccess, person->id, access::Outcome::Refused,
              "relationship " + std::to_string(rel->id) + " (" + rel->basis + "): the law does not let the person end it here (/my)");
    return error_page(ctx, 422, "This access cannot be ended here", *why);
  }
  auto withdrawn = services::withdraw_access(ctx.db(), *person, rel->id);
  if (!withdrawn) {
    ctx.audit(audit::AuditAction::WithdrawAccess, person->id, access::Outcome::Refused, refusal_reason(withdrawn.error()));
    return error_page(ctx, 422, "This access cannot be ended", withdrawn.error().front().message);
  }
  ctx.audit(audit::AuditAction::WithdrawAccess, person->id, access::Outcome::Allowed,
            services::withdrawal_reason(*withdrawn) + " (by " + (whose(ctx, *person).self ? "the person" : "their representative") + ", /my)");
  // Someone who ended their own access can no longer open the page.
  if (rel->user_id && *rel->user_id == ctx.signed_in_user().id) return Response::redirect("/home");
  return Response::redirect("/my/" + person->id.text() + "/access?ended=1");
}

}  // namespace

void add_my_pages(http::Dispatcher& d) {
  auto route = [](http::RouteHandler h) { return http::signed_in(Surface::Page, std::move(h)); };
  d.add(Method::Get, "/my", route(choose));
  d.add(Method::Get, "/my/{id}", route(overview));
  d.add(Method::Get, "/my/{id}/budget", route(budget_page));
  d.add(Method::Get, "/my/{id}/money", route(money_page));
  d.add(Method::Get, "/my/{id}/money/statement", route(statement_page));
  d.add(Method::Get, "/my/{id}/plan", route(plan_page));
  d.add(Method::Get, "/my/{id}/review", route(review_page));
  d.add(Method::Get, "/my/{id}/review/new", route(review_new_get));
  d.add(Method::Post, "/my/{id}/review/new", route(review_new_post));
  d.add(Method::Get, "/my/{id}/access", route(access_page));
  d.add(Method::Get, "/my/{id}/access/withdraw", route(withdraw_get));
  d.add(Method::Post, "/my/{id}/access/withdraw", route(withdraw_post));
}

}  // namespace patchwork::web
