#pragma once
// Which of the ledger's spending categories a statement line is, by rules that
// are data: by payee, by merchant category code and by amount. Rules come from
// the council's defaults and from workers' own choices (learn()); the most
// specific rule that matches a line decides it. Pure: no storage.
//
// How specific a rule is (specificity()), highest wins:
//   the whole payee named (payee=…)                          40
//   words within the payee or description (payee~…)         20, +1 a character up to +19
//   one merchant category code (mcc=5812)                    10
//   a range of merchant category codes (mcc=4111-4131)        5
//   an amount range (amount=10.00-50.00)                      4, +4 when it spans no more than a fifth of its top
//   money out or in only                                      1
// so a rule about a payee always beats one about a kind of shop, and "this
// payee, about this much" beats "this payee". Equal scores: the rule added
// later wins, so a newer choice of a worker beats an older one.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"
#include "domain/statements/statement.hpp"

namespace patchwork::statements {

// The ledger's spending categories (issue 16), in its order.
enum class Category {
  PaWages,
  PayeAndPension,
  EmployersInsurance,
  AgencyCare,
  DayOpportunities,
  EquipmentAndAdaptations,
  Transport,
  Activities,
  Respite,
  Other,
};
const std::vector<Category>& all_categories();
std::string_view category_code(Category c);    // "pa_wages"
std::string_view category_label(Category c);   // "Personal assistants' wages"
std::optional<Category> category_from_code(std::string_view code);

enum class Direction { Any, MoneyOut, MoneyIn };

struct Rule {
  Category category = Category::Other;
  std::string payee_is;         // normalised (normalise_text); the whole payee
  std::string payee_contains;   // normalised; whole words within the payee or description
  std::optional<int> mcc_from;  // merchant category codes, inclusive
  std::optional<int> mcc_to;
  std::optional<std::int64_t> amount_from;  // pence, the amount's size whichever way it goes
  std::optional<std::int64_t> amount_to;
  Direction direction = Direction::MoneyOut;
  std::string source;           // "council default", "learned from jo.bloggs on 2026-12-01"
  std::uint64_t order = 0;      // when it was added; later wins a tie
};

int specificity(const Rule& rule);
bool rule_matches(const Rule& rule, const Line& line);

struct Categorised {
  std::optional<Category> category;  // empty: no rule matched; a worker chooses
  std::optional<Rule> rule;          // the rule that decided
  std::string why;                   // "payee is HMRC (council default)"
};
Categorised categorise(const Line& line, const std::vector<Rule>& rules);

// What a worker's choice teaches: the rule to add so that this line, and lines
// like it, get the category chosen; empty when the rules already give it, or
// the line has neither payee, description nor merchant code to learn from.
//   1. No rule about this payee yet: "payee is <payee>" (money in or out as the line).
//   2. A rule about this payee says something else (the same agency paid for
//      care each week, and once for a respite week): that rule stays, and the
//      new one is narrower, "payee is <payee>, amount within a tenth of this
//      one", which is more specific and so wins for such amounts only.
//   3. No payee or description: "merchant category <code>".
std::optional<Rule> learn(const std::vector<Rule>& rules, const Line& line, Category chosen, std::string_view who,
                          CivilDate on, std::uint64_t order);

struct RulesResult {
  std::vector<Rule> rules;
  std::vector<std::string> errors;   // "line 3: …"
};
// Rules as text, one a line:  <category> <condition>…  with conditions
//   payee="Text"  payee~"Text"  mcc=5812  mcc=4111-4131  amount=10.00-50.00  in  out  any
// '#' starts a comment. Every rule needs a payee or merchant category condition.
RulesResult parse_rules(std::string_view text, std::string_view source);
std::string write_rule(const Rule& rule);
// The council defaults Patchwork starts with (docs/statements.md lists them).
const std::vector<Rule>& default_rules();

// Merchant category codes that councils commonly restrict on prepaid cards
// (rules.md: gambling, pubs and off-licences, dating, pawn shops, tobacco, and
// cash unless the plan allows it). These are council *defaults*: whether a
// person's spending at one is a concern is for their own plan to say, since a
// blanket restriction on how a direct payment is used cuts across the
// wellbeing duty. Care Act 2014 s.1(1): "The general duty of a local
// authority, in exercising a function under this Part in the case of an
// individual, is to promote that individual's well-being"; s.1(2)(d) includes
// "control by the individual over day-to-day life (including over care and
// support, or support, provided to the individual and the way in which it is
// provided)".
enum class ConcernKind { Gambling, Alcohol, Tobacco, Dating, Pawn, Cash, QuasiCash };
std::string_view concern_code(ConcernKind kind);
struct MccConcern {
  int from = 0;
  int to = 0;
  ConcernKind kind = ConcernKind::Gambling;
  std::string label;   // "Betting, casino gaming chips and off-track betting"
};
const std::vector<MccConcern>& default_mcc_concerns();
std::optional<MccConcern> concern_for(int merchant_category, const std::vector<MccConcern>& concerns);

}  // namespace patchwork::statements
