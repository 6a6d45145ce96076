#include "domain/statements/categorise.hpp"

#include <algorithm>
#include <array>
#include <charconv>

#include "core/money.hpp"
#include "core/text.hpp"
#include "domain/statements/normalise.hpp"

namespace patchwork::statements {
namespace {

struct CategoryInfo {
  Category category;
  const char* code;
  const char* label;
};
constexpr std::array<CategoryInfo, 10> kCategories = {{
    {Category::PaWages, "pa_wages", "Personal assistants' wages"},
    {Category::PayeAndPension, "paye_and_pension", "PAYE and pension"},
    {Category::EmployersInsurance, "employers_insurance", "Employer's insurance"},
    {Category::AgencyCare, "agency_care", "Care from an agency"},
    {Category::DayOpportunities, "day_opportunities", "Day opportunities"},
    {Category::EquipmentAndAdaptations, "equipment_and_adaptations", "Equipment and adaptations"},
    {Category::Transport, "transport", "Transport"},
    {Category::Activities, "activities", "Activities"},
    {Category::Respite, "respite", "Respite and short breaks"},
    {Category::Other, "other", "Other"},
}};

// The council defaults. Payees are the bodies a personal assistant's employer
// pays: HMRC (PAYE), the workplace pension schemes most used by PA employers,
// and two insurers that sell employer's liability cover to PA employers.
// Merchant category codes are ISO 18245's.
constexpr const char* kDefaultRules = R"(# Patchwork's council defaults
paye_and_pension payee~"hmrc"
paye_and_pension payee~"nest pensions"
paye_and_pension payee~"national employment savings trust"
paye_and_pension payee~"the peoples pension"
paye_and_pension payee~"now pensions"
employers_insurance payee~"fish insurance"
employers_insurance payee~"mark bates"
transport mcc=4111-4131          # commuter transport, railways, taxis, buses
transport mcc=4784               # tolls and bridge fees
transport mcc=4789               # transport services
transport mcc=5541-5542          # fuel
transport mcc=7523               # parking
equipment_and_adaptations mcc=5047   # medical, dental and hospital equipment
equipment_and_adaptations mcc=5976   # orthopaedic goods and prosthetic devices
activities mcc=7832              # cinemas
activities mcc=7922              # theatre tickets
activities mcc=7933              # bowling
activities mcc=7941              # sports clubs and fields
activities mcc=7991              # tourist attractions and exhibits
activities mcc=7997              # membership clubs: sport, leisure
activities mcc=7999              # recreation services
respite mcc=8050                 # nursing and personal care facilities: short stays
)";

// Merchant category codes of concern, as data: "<from>[-<to>] <kind> <label>".
constexpr const char* kDefaultConcerns = R"(7995 gambling Betting, casino gaming chips and off-track betting
7800-7802 gambling Lotteries, online casinos, horse and dog racing
5813 alcohol Bars, pubs and nightclubs
5921 alcohol Off-licences: beer, wine and spirits
5993 tobacco Tobacconists
7273 dating Dating and escort services
5933 pawn Pawn shops
6010-6011 cash Cash from a bank counter or a cash machine
6051 quasi_cash Foreign currency, money orders and other cash-like purchases
4829 quasi_cash Money transfers and money orders
)";

std::string padded(const std::string& s) { return " " + s + " "; }

std::string amount_text(std::int64_t pence) { return Money::from_pence(pence).decimal(); }

std::optional<std::int64_t> amount_value(std::string_view s) {
  auto m = Money::parse(s);
  if (!m || m->pence() < 0) return std::nullopt;
  return m->pence();
}

std::optional<int> code_value(std::string_view s) {
  int n = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
  if (ec != std::errc{} || p != s.data() + s.size() || s.size() != 4 || n < 1) return std::nullopt;
  return n;
}

std::string describe(const Rule& r) {
  std::string out;
  auto add = [&](const std::string& s) { out += (out.empty() ? "" : ", ") + s; };
  if (!r.payee_is.empty()) add("payee is \"" + r.payee_is + "\"");
  if (!r.payee_contains.empty()) add("payee or description has \"" + r.payee_contains + "\"");
  if (r.mcc_from) add(*r.mcc_from == *r.mcc_to ? "merchant category " + std::to_string(*r.mcc_from)
                                                : "merchant category " + std::to_string(*r.mcc_from) + " to " + std::to_string(*r.mcc_to));
  if (r.amount_from) add("amount £" + amount_text(*r.amount_from) + " to £" + amount_text(*r.amount_to));
  if (r.direction == Direction::MoneyIn) add("money in");
  return out + " (" + r.source + ")";
}

}  // namespace

const std::vector<Category>& all_categories() {
  static const std::vector<Category> all = [] {
    std::vector<Category> v;
    for (const auto& c : kCategories) v.push_back(c.category);
    return v;
  }();
  return all;
}

std::string_view category_code(Category c) { return kCategories[static_cast<std::size_t>(c)].code; }
std::string_view category_label(Category c) { return kCategories[static_cast<std::size_t>(c)].label; }
std::optional<Category> category_from_code(std::string_view code) {
  for (const auto& c : kCategories)
    if (code == c.code) return c.category;
  return std::nullopt;
}

int specificity(const Rule& r) {
  int score = 0;
  if (!r.payee_is.empty()) score += 40;
  if (!r.payee_contains.empty()) score += 20 + static_cast<int>(std::min<std::size_t>(r.payee_contains.size(), 19));
  if (r.mcc_from) score += *r.mcc_from == *r.mcc_to ? 10 : 5;
  if (r.amount_from) {
    score += 4;
    if ((*r.amount_to - *r.amount_from) * 5 <= *r.amount_to) score += 4;
  }
  if (r.direction != Direction::Any) score += 1;
  return score;
}

namespace {

// A line's words normalised once, however many rules look at them.
struct Words {
  std::string payee;              // normalised payee, else normalised description
  std::string padded_payee;       // " payee ", for whole-word search
  std::string padded_description;
};

Words words_of(const Line& line) {
  Words w;
  std::string payee = normalise_text(line.payee);
  std::string description = normalise_text(line.description);
  w.padded_payee = padded(payee);
  w.padded_description = padded(description);
  w.payee = payee.empty() ? std::move(description) : std::move(payee);
  return w;
}

// " words " in `padded` (padded() of the line's text), found without building
// it: every line is checked against every rule, so this runs millions of times
// in a large import.
bool has_words(std::string_view padded_text, std::string_view words) {
  for (std::size_t at = padded_text.find(words, 1); at != std::string_view::npos; at = padded_text.find(words, at + 1))
    if (padded_text[at - 1] == ' ' && at + words.size() < padded_text.size() && padded_text[at + words.size()] == ' ') return true;
  return false;
}

bool matches(const Rule& r, const Line& line, const Words& w) {
  if (r.direction == Direction::MoneyOut && line.amount_pence >= 0) return false;
  if (r.direction == Direction::MoneyIn && line.amount_pence <= 0) return false;
  if (r.mcc_from) {
    if (!line.merchant_category || *line.merchant_category < *r.mcc_from || *line.merchant_category > *r.mcc_to) return false;
  }
  if (r.amount_from) {
    std::int64_t size = line.amount_pence < 0 ? -line.amount_pence : line.amount_pence;
    if (size < *r.amount_from || size > *r.amount_to) return false;
  }
  if (!r.payee_is.empty() && w.payee != r.payee_is) return false;
  if (!r.payee_contains.empty() && !has_words(w.padded_payee, r.payee_contains) && !has_words(w.padded_description, r.payee_contains))
    return false;
  return true;
}

}  // namespace

bool rule_matches(const Rule& r, const Line& line) { return matches(r, line, words_of(line)); }

Categorised categorise(const Line& line, const std::vector<Rule>& rules) {
  const Rule* best = nullptr;
  int best_score = -1;
  const Words w = words_of(line);
  for (const auto& r : rules) {
    if (!matches(r, line, w)) continue;
    int s = specificity(r);
    if (s > best_score || (s == best_score && r.order >= best->order)) {
      best = &r;
      best_score = s;
    }
  }
  Categorised out;
  if (!best) {
    out.why = "No rule matches this line";
    return out;
  }
  out.category = best->category;
  out.rule = *best;
  out.why = describe(*best);
  return out;
}

std::optional<Rule> learn(const std::vector<Rule>& rules, const Line& line, Category chosen, std::string_view who,
                          CivilDate on, std::uint64_t order) {
  Categorised now = categorise(line, rules);
  if (now.category == chosen) return std::nullopt;
  Rule r;
  r.category = chosen;
  r.direction = line.amount_pence < 0 ? Direction::MoneyOut : Direction::MoneyIn;
  r.source = "learned from " + std::string(who) + " on " + on.iso();
  r.order = order;
  std::string payee = normalise_text(line.payee);
  if (payee.empty()) payee = normalise_text(line.description);
  if (payee.empty()) {
    if (!line.merchant_category) return std::nullopt;
    r.mcc_from = r.mcc_to = *line.merchant_category;
    return r;
  }
  r.payee_is = payee;
  bool about_this_payee = now.rule && (!now.rule->payee_is.empty() || !now.rule->payee_contains.empty());
  if (about_this_payee) {
    std::int64_t size = line.amount_pence < 0 ? -line.amount_pence : line.amount_pence;
    r.amount_from = size - size / 10;
    r.amount_to = size + size / 10;
  }
  return r;
}

RulesResult parse_rules(std::string_view text, std::string_view source) {
  RulesResult out;
  std::size_t number = 0;
  for (const auto& raw : split(text, '\n')) {
    ++number;
    std::string line = raw;
    // A '#' outside quotes starts a comment.
    bool quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
      if (line[i] == '"') quoted = !quoted;
      if (line[i] == '#' && !quoted) { line.resize(i); break; }
    }
    line = trim(line);
    if (line.empty()) continue;
    auto bad = [&](const std::string& why) { out.errors.push_back("line " + std::to_string(number) + ": " + why); };
    // Tokens: words, or key="quoted text".
    std::vector<std::string> tokens;
    std::string tok;
    quoted = false;
    for (char c : line) {
      if (c == '"') { quoted = !quoted; tok.push_back(c); continue; }
      if ((c == ' ' || c == '\t') && !quoted) { if (!tok.empty()) tokens.push_back(std::move(tok)); tok.clear(); continue; }
      tok.push_back(c);
    }
    if (quoted) { bad("a quote is not closed"); continue; }
    if (!tok.empty()) tokens.push_back(tok);
    Rule r;
    r.source = std::string(source);
    r.order = number;
    auto cat = category_from_code(tokens[0]);
    if (!cat) { bad("'" + clip_utf8(tokens[0], 40) + "' is not a spending category"); continue; }
    r.category = *cat;
    bool ok = true;
    for (std::size_t i = 1; i < tokens.size() && ok; ++i) {
      const std::string& t = tokens[i];
      auto unquote = [](std::string v) { return v.size() >= 2 && v.front() == '"' && v.back() == '"' ? v.substr(1, v.size() - 2) : v; };
      if (t == "in") r.direction = Direction::MoneyIn;
      else if (t == "out") r.direction = Direction::MoneyOut;
      else if (t == "any") r.direction = Direction::Any;
      else if (t.rfind("payee=", 0) == 0) r.payee_is = normalise_text(unquote(t.substr(6)));
      else if (t.rfind("payee~", 0) == 0) r.payee_contains = normalise_text(unquote(t.substr(6)));
      else if (t.rfind("mcc=", 0) == 0) {
        std::string v = t.substr(4);
        auto dash = v.find('-');
        auto a = code_value(v.substr(0, dash));
        auto b = dash == std::string::npos ? a : code_value(v.substr(dash + 1));
        if (!a || !b || *b < *a) { bad("mcc= takes a four-digit code or a range like 4111-4131"); ok = false; }
        else { r.mcc_from = a; r.mcc_to = b; }
      } else if (t.rfind("amount=", 0) == 0) {
        std::string v = t.substr(7);
        auto dash = v.find('-');
        auto a = dash == std::string::npos ? std::nullopt : amount_value(v.substr(0, dash));
        auto b = dash == std::string::npos ? std::nullopt : amount_value(v.substr(dash + 1));
        if (!a || !b || *b < *a) { bad("amount= takes a range in pounds like 10.00-50.00"); ok = false; }
        else { r.amount_from = a; r.amount_to = b; }
      } else {
        bad("'" + clip_utf8(t, 40) + "' is not a condition (payee=, payee~, mcc=, amount=, in, out, any)");
        ok = false;
      }
    }
    if (!ok) continue;
    if (r.payee_is.empty() && r.payee_contains.empty() && !r.mcc_from) {
      bad("a rule needs a payee or a merchant category: an amount alone would catch unrelated spending");
      continue;
    }
    out.rules.push_back(std::move(r));
  }
  return out;
}

std::string write_rule(const Rule& r) {
  std::string out(category_code(r.category));
  if (!r.payee_is.empty()) out += " payee=\"" + r.payee_is + "\"";
  if (!r.payee_contains.empty()) out += " payee~\"" + r.payee_contains + "\"";
  if (r.mcc_from) out += " mcc=" + std::to_string(*r.mcc_from) + (*r.mcc_to != *r.mcc_from ? "-" + std::to_string(*r.mcc_to) : "");
  if (r.amount_from) out += " amount=" + amount_text(*r.amount_from) + "-" + amount_text(*r.amount_to);
  out += r.direction == Direction::MoneyIn ? " in" : r.direction == Direction::Any ? " any" : " out";
  return out;
}

const std::vector<Rule>& default_rules() {
  static const std::vector<Rule> rules = parse_rules(kDefaultRules, "council default").rules;
  return rules;
}

std::string_view concern_code(ConcernKind kind) {
  switch (kind) {
    case ConcernKind::Gambling: return "gambling";
    case ConcernKind::Alcohol: return "alcohol";
    case ConcernKind::Tobacco: return "tobacco";
    case ConcernKind::Dating: return "dating";
    case ConcernKind::Pawn: return "pawn";
    case ConcernKind::Cash: return "cash";
    case ConcernKind::QuasiCash: return "quasi_cash";
  }
  return "gambling";
}

const std::vector<MccConcern>& default_mcc_concerns() {
  static const std::vector<MccConcern> concerns = [] {
    std::vector<MccConcern> v;
    for (const auto& line : split(kDefaultConcerns, '\n')) {
      if (trim(line).empty()) continue;
      auto sp1 = line.find(' ');
      auto sp2 = line.find(' ', sp1 + 1);
      std::string codes = line.substr(0, sp1), kind = line.substr(sp1 + 1, sp2 - sp1 - 1);
      auto dash = codes.find('-');
      MccConcern c;
      c.from = *code_value(codes.substr(0, dash));
      c.to = dash == std::string::npos ? c.from : *code_value(codes.substr(dash + 1));
      for (ConcernKind k : {ConcernKind::Gambling, ConcernKind::Alcohol, ConcernKind::Tobacco, ConcernKind::Dating,
                            ConcernKind::Pawn, ConcernKind::Cash, ConcernKind::QuasiCash})
        if (concern_code(k) == kind) c.kind = k;
      c.label = line.substr(sp2 + 1);
      v.push_back(std::move(c));
    }
    return v;
  }();
  return concerns;
}

std::optional<MccConcern> concern_for(int code, const std::vector<MccConcern>& concerns) {
  for (const auto& c : concerns)
    if (code >= c.from && code <= c.to) return c;
  return std::nullopt;
}

}  // namespace patchwork::statements
