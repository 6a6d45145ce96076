// The RAS learning report (#15, docs/planning.md "The RAS learns from agreed
// plans"): how far agreed plan costs sit from the indicative amounts, per RAS
// model version and by age band, dementia and carer status, with the spread;
// and the model that would have matched them, with its workings in words. An
// administrator may load the proposal from here as a new RAS version (the
// configuration page's own load route), then compare it through the existing
// recalibration before applying it. Council-wide figures with no person in
// them: ViewReports, as the API (api/ras_learning_api.cpp).
#include <cstdlib>
#include <map>

#include "core/money.hpp"
#include "services/agreed_plan_rows.hpp"
#include "services/learning_service.hpp"
#include "web/render.hpp"
#include "web/routes.hpp"

namespace patchwork::web {
namespace {

using http::Context;
using http::Method;
using http::Response;
using http::Surface;

// A difference a week in plain words: "£12.50 more", "£3.00 less", "the same".
std::string difference_words(std::int64_t pence) {
  if (pence == 0) return "the same";
  return Money::from_pence(std::llabs(pence)).display() + (pence > 0 ? " more" : " less");
}

// Hundredths of a per cent in plain words: 1250 is "12.5% more".
std::string percent_words(std::int64_t basis_points) {
  if (basis_points == 0) return "the same";
  auto a = std::llabs(basis_points);
  std::string whole = std::to_string(a / 100);
  auto rest = a % 100;
  std::string frac = rest == 0 ? "" : (rest % 10 == 0 ? "." + std::to_string(rest / 10) : (rest < 10 ? ".0" : ".") + std::to_string(rest));
  return whole + frac + "%" + (basis_points > 0 ? " more" : " less");
}

Response ras_learning_get(Context& ctx) {
  auto d = ctx.authorize(access::Action::ViewReports);
  if (!d.allowed()) return error_page(ctx, 403, "You cannot see council-wide figures", d.reason);
  const auto& user = ctx.signed_in_user();
  auto learning = services::learn_from_agreed_plans(ctx.db(), user.council_id, services::agreed_plan_rows(ctx.db(), user.council_id));

  // One table per model version, oldest first, as the groups come.
  std::map<int, List> by_version;
  for (const auto& g : learning.groups) {
    Object row{{"group", g.dimension == "All" ? g.label : g.dimension + ": " + g.label},
               {"plans", std::to_string(g.plans)},
               {"lower_quartile", difference_words(g.pence.lower_quartile)},
               {"median", difference_words(g.pence.median)},
               {"upper_quartile", difference_words(g.pence.upper_quartile)},
               {"median_percent", g.basis_points ? percent_words(g.basis_points->median) : std::string("Not worked out")}};
    by_version[g.ras_version].push_back(row);
  }
  List versions;
  for (auto& [version, rows] : by_version)
    versions.push_back(Object{{"version", std::to_string(version)}, {"rows", rows}});
  Data content;
  content.set("versions", versions);
  if (versions.empty()) content.set("no_plans", true);
  if (learning.model_in_use) {
    content.set("model_in_use", learning.model_in_use->name + " (version " + std::to_string(learning.model_in_use->version) + ")");
    content.set("plans_under_model_in_use", std::to_string(learning.plans_under_model_in_use));
  }
  if (learning.proposal) {
    List workings;
    for (const auto& w : learning.proposal->workings) workings.push_back(Object{{"line", w}});
    content.set("proposal", true);
    content.set("plans_used", std::to_string(learning.proposal->plans_used));
    content.set("workings", workings);
    content.set("proposal_file", learning.proposal_file);
    // Loading is the administrator's (ManageConfiguration), through the
    // configuration page's own route, which checks and audits it; here the
    // policy is only asked whether to offer the button, so nothing is audited.
    if (access::decide(user.actor(), access::Action::ManageConfiguration).allowed()) content.set("may_load", true);
  } else {
    List why;
    for (const auto& e : learning.no_proposal) why.push_back(Object{{"line", e.message}});
    content.set("no_proposal", why);
  }
  return page(ctx, "reports/ras_learning", content, "How agreed plans compare with the RAS");
}

}  // namespace

void add_report_pages(http::Dispatcher& d) {
  d.add(Method::Get, "/reports/ras-learning", http::signed_in(Surface::Page, ras_learning_get));
}

}  // namespace patchwork::web
