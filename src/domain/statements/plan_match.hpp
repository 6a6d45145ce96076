#pragma once
// Which line of the person's support plan a statement line pays for, where
// that can be seen: a payee whose name is the line's supplier (this PA, this
// agency) and an amount near what the line costs for a week, two weeks, four
// weeks, a calendar month, or its one-off cost. The answer is candidates with
// their reasons, best first, for a finance officer to confirm; never a
// decision taken for them.
#include <string>
#include <vector>

#include "domain/planning/plan.hpp"
#include "domain/statements/statement.hpp"

namespace patchwork::statements {

struct PlanLineCandidate {
  int line_number = 0;         // planning::SupportLine::number
  std::string supplier;        // the plan's spelling
  int score = 0;               // higher is a better fit: name 1-3, +3 for an amount near the cost
  std::string why;             // "The payee A NOWAK is Anna Nowak, the supplier; £480.00 is 4 weeks of £120.00 a week"
};

// How near an amount must be to a cost to count: within 5%, and never closer
// than a penny (costs that need rounding: £1,200 a year is £23.08 a week).
inline constexpr int kAmountTolerancePercent = 5;

std::vector<PlanLineCandidate> match_plan_lines(const Line& line, const std::vector<planning::SupportLine>& plan_lines);

}  // namespace patchwork::statements
