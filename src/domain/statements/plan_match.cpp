#include "domain/statements/plan_match.hpp"

#include <algorithm>
#include <array>

#include "core/money.hpp"
#include "core/text.hpp"
#include "domain/statements/normalise.hpp"

namespace patchwork::statements {
namespace {

// Words that say what kind of body a name is, not which: "Brightside Care Ltd"
// and "BRIGHTSIDE CARE LIMITED" are the same supplier.
constexpr std::array<std::string_view, 11> kNoise = {"ltd", "limited", "plc", "llp", "cic", "the", "and", "&", "co", "uk", "t/a"};

std::vector<std::string> name_words(std::string_view name) {
  std::vector<std::string> out;
  for (auto& w : split(normalise_text(name), ' '))
    if (!w.empty() && std::find(kNoise.begin(), kNoise.end(), w) == kNoise.end()) out.push_back(w);
  return out;
}

// A payee's word stands for a supplier's word when it is the word, or its
// initial ("A NOWAK" for Anna Nowak, as banks shorten people's names).
bool stands_for(const std::string& payee_word, const std::string& supplier_word) {
  if (payee_word == supplier_word) return true;
  return payee_word.size() == 1 && supplier_word.size() > 1 && payee_word[0] == supplier_word[0];
}

struct NameFit {
  int score = 0;
  std::string why;
};

NameFit name_fit(const std::vector<std::string>& payee, const std::vector<std::string>& supplier, const std::string& payee_text,
                 const std::string& supplier_text) {
  NameFit f;
  if (payee.empty() || supplier.empty()) return f;
  std::size_t matched = 0, exact = 0, strong = 0;
  for (const auto& s : supplier) {
    bool found = std::any_of(payee.begin(), payee.end(), [&](const std::string& p) { return stands_for(p, s); });
    if (found) {
      ++matched;
      if (std::find(payee.begin(), payee.end(), s) != payee.end()) {
        ++exact;
        if (s.size() >= 3) ++strong;
      }
    }
  }
  if (exact == supplier.size() && payee.size() == supplier.size()) {
    f.score = 3;
    f.why = "The payee " + payee_text + " is " + supplier_text + ", the supplier";
  } else if (matched == supplier.size() && strong > 0) {
    f.score = 2;
    f.why = "The payee " + payee_text + " has the supplier's name, " + supplier_text;
  } else if (strong > 0 && strong * 2 >= supplier.size()) {
    f.score = 1;
    f.why = "The payee " + payee_text + " shares part of the supplier's name, " + supplier_text;
  }
  return f;
}

bool near(std::int64_t amount, std::int64_t cost) {
  if (cost <= 0) return false;
  std::int64_t diff = amount > cost ? amount - cost : cost - amount;
  return diff <= 1 || diff * 100 <= cost * kAmountTolerancePercent;
}

std::string pounds(std::int64_t pence) { return Money::from_pence(pence).display(); }

}  // namespace

std::vector<PlanLineCandidate> match_plan_lines(const Line& line, const std::vector<planning::SupportLine>& plan_lines) {
  std::vector<PlanLineCandidate> out;
  if (line.amount_pence >= 0) return out;  // money in pays for no support
  std::int64_t spent = -line.amount_pence;
  std::string payee_text = !line.payee.empty() ? line.payee : line.description;
  auto payee = name_words(payee_text);
  for (const auto& pl : plan_lines) {
    if (pl.supplier_name.empty()) continue;
    NameFit f = name_fit(payee, name_words(pl.supplier_name), payee_text, pl.supplier_name);
    if (f.score == 0) continue;
    PlanLineCandidate c;
    c.line_number = pl.number;
    c.supplier = pl.supplier_name;
    c.score = f.score;
    c.why = f.why;
    std::int64_t weekly = pl.cost.weekly.pence();
    std::string amount_reason;
    if (pl.cost.one_off.pence() > 0 && near(spent, pl.cost.one_off.pence())) {
      amount_reason = pounds(spent) + " is this line's one-off cost of " + pounds(pl.cost.one_off.pence());
    } else if (weekly > 0) {
      // A month is 52 weeks ÷ 12, rounded to the penny.
      const std::array<std::pair<std::int64_t, const char*>, 3> periods = {{{1, "a week"}, {2, "2 weeks"}, {4, "4 weeks"}}};
      for (const auto& [weeks, words] : periods)
        if (amount_reason.empty() && near(spent, weekly * weeks))
          amount_reason = pounds(spent) + " is " + words + " of this line's " + pounds(weekly) + " a week";
      if (amount_reason.empty() && near(spent, round_div(weekly * 52, 12)))
        amount_reason = pounds(spent) + " is a month of this line's " + pounds(weekly) + " a week";
    }
    if (!amount_reason.empty()) {
      c.score += 3;
      c.why += "; " + amount_reason;
    } else {
      c.why += "; but " + pounds(spent) + " is not near its cost (" +
               (weekly > 0 ? pounds(weekly) + " a week" : pounds(pl.cost.one_off.pence()) + " once") + ")";
    }
    out.push_back(std::move(c));
  }
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.score > b.score; });
  return out;
}

}  // namespace patchwork::statements
