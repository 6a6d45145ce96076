#include "domain/synthetic/population.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <limits>
#include <cmath>
#include <numeric>

#include "core/date.hpp"

namespace patchwork::synthetic {

namespace {

// splitmix64 (Steele, Lea and Flood, 2014): one 64-bit state, every seed a good
// stream, the same numbers on every platform.
std::uint64_t mix(std::uint64_t z) {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

template <std::size_t N>
const char* pick(Draw& d, const std::array<const char*, N>& list) {
  return list[std::size_t(d.next() % N)];
}

// A value from a list of (value, weight).
struct Weighted { const char* value; double weight; };
template <std::size_t N>
std::string pick(Draw& d, const std::array<Weighted, N>& list) {
  std::vector<double> w;
  for (const auto& x : list) w.push_back(x.weight);
  return list[d.weighted(w)].value;
}

constexpr std::array<const char*, 24> kPlaceStarts{"Ash", "Bram", "Calder", "Dun", "Elm", "Fern", "Gren", "Hal", "Ives", "Kirk",
                                                   "Lang", "Mar", "Nether", "Oak", "Pen", "Quarry", "Ros", "Stan", "Thorn", "Ulver",
                                                   "Wen", "Wick", "Yarn", "Hollin"};
constexpr std::array<const char*, 16> kPlaceEnds{"ford", "ley", "by", "ton", "wick", "dale", "field", "ham",
                                                 "mouth", "stead", "bridge", "well", "worth", "cott", "haven", "moor"};
constexpr std::array<const char*, 4> kCouncilKinds{"E06", "E08", "E09", "E10"};

constexpr std::array<const char*, 30> kWomen{"Margaret", "Joan", "Patricia", "Dorothy", "Jean", "Sheila", "Maureen", "Barbara",
                                             "Irene", "Eileen", "Pauline", "Brenda", "Valerie", "Sandra", "Susan", "Linda",
                                             "Amina", "Priya", "Grace", "Sarah", "Emma", "Aisha", "Fatima", "Chloe",
                                             "Bronwen", "Mary", "Elsie", "Gwen", "Olivia", "Ngozi"};
constexpr std::array<const char*, 30> kMen{"John", "David", "Michael", "Peter", "Brian", "Kenneth", "Ronald", "Derek",
                                           "Alan", "Geoffrey", "Raymond", "Trevor", "Keith", "Colin", "Stephen", "Paul",
                                           "Mohammed", "Rajesh", "Joseph", "Daniel", "James", "Tomasz", "Kwame", "Liam",
                                           "Gareth", "Harold", "Albert", "Frank", "Imran", "Oliver"};
constexpr std::array<const char*, 40> kFamilies{"Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies",
                                                "Robinson", "Wright", "Thompson", "Evans", "Walker", "White", "Roberts", "Green",
                                                "Hall", "Wood", "Jackson", "Clarke", "Patel", "Khan", "Ahmed", "Okafor",
                                                "Kowalski", "Hughes", "Edwards", "Turner", "Hill", "Moore", "Cooper", "Ward",
                                                "Morris", "King", "Baker", "Harris", "Lewis", "Begum", "Mensah", "Nowak"};

constexpr std::array<Weighted, 8> kEthnicities{{
    {"White: English / Welsh / Scottish / Northern Irish / British", 80},
    {"White: Irish", 2},
    {"White: Any other White background", 4},
    {"Asian / Asian British: Indian", 2.5},
    {"Asian / Asian British: Pakistani", 2},
    {"Black / African / Caribbean / Black British: Caribbean", 1.5},
    {"Black / African / Caribbean / Black British: African", 1.5},
    {"Undeclared / Not known", 6.5},
}};

// Primary support reasons by age band (shares in long-term support; NHS
// Digital's Adult Social Care Activity and Finance tables, rounded).
constexpr std::array<Weighted, 12> kReasonsUnder65{{
    {"Learning Disability Support", 30},
    {"Mental Health Support", 18},
    {"Physical Support: Personal care support", 30},
    {"Physical Support: Access & mobility only", 7},
    {"Sensory Support: Support for visual impairment", 2},
    {"Sensory Support: Support for hearing impairment", 1},
    {"Sensory Support: Support for dual impairment", 0.5},
    {"Support with Memory & Cognition", 2},
    {"Social Support: Substance misuse support", 3},
    {"Social Support: Support for Social Isolation/Other", 3.5},
    {"Social Support: Asylum seeker support", 0.5},
    {"Unknown", 2.5},
}};
constexpr std::array<Weighted, 10> kReasons65{{
    {"Physical Support: Personal care support", 56},
    {"Physical Support: Access & mobility only", 10},
    {"Support with Memory & Cognition", 18},
    {"Mental Health Support", 5},
    {"Learning Disability Support", 2},
    {"Sensory Support: Support for visual impairment", 3},
    {"Sensory Support: Support for hearing impairment", 1.5},
    {"Sensory Support: Support for dual impairment", 0.5},
    {"Social Support: Support for Social Isolation/Other", 2},
    {"Unknown", 2},
}};

constexpr std::array<Weighted, 6> kHomes{{
    {"Owner occupier or shared ownership scheme", 45},
    {"Tenant", 25},
    {"Settled mainstream housing with family / friends", 12},
    {"Sheltered housing / extra care housing / other sheltered housing", 9},
    {"Supported accommodation / supported lodgings / supported group home", 6},
    {"Not known", 3},
}};

// A value between low and high, nearer the middle: the mean of two uniform draws.
double around(Draw& d, double low, double high) { return low + (high - low) * (d.unit() + d.unit()) / 2; }

}  // namespace

Draw Draw::stream(std::uint64_t seed, std::uint64_t a, std::uint64_t b) {
  return Draw(mix(mix(mix(seed) ^ (a + 0x9e3779b97f4a7c15ULL)) ^ (b * 0xd1b54a32d192ed03ULL + 1)));
}

std::uint64_t Draw::next() {
  state_ += 0x9e3779b97f4a7c15ULL;
  return mix(state_);
}

double Draw::unit() { return double(next() >> 11) * 0x1.0p-53; }

int Draw::between(int low, int high) { return low + int(next() % std::uint64_t(high - low + 1)); }

std::size_t Draw::weighted(const std::vector<double>& weights) {
  const double total = std::accumulate(weights.begin(), weights.end(), 0.0);
  double x = unit() * total;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    if (x < weights[i]) return i;
    x -= weights[i];
  }
  return weights.size() - 1;
}

Result<std::uint64_t> seed_from_text(std::string_view text) {
  const std::string range = "Give a whole number from 0 to " + std::to_string(std::numeric_limits<std::uint64_t>::max());
  if (text.empty()) return std::unexpected(FieldErrors{{"--seed", range + ", not nothing"}});
  const std::string shown = "'" + std::string(text.substr(0, 40)) + (text.size() > 40 ? "...'" : "'");
  if (text.front() == '-') return std::unexpected(FieldErrors{{"--seed", range + ": " + shown + " is negative"}});
  // from_chars takes digits only (no sign, spaces or "0x"), and says when the
  // number does not fit rather than wrapping it.
  std::uint64_t seed = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), seed);
  if (error == std::errc::result_out_of_range) return std::unexpected(FieldErrors{{"--seed", range + ": " + shown + " is too large"}});
  if (error != std::errc{} || end != text.data() + text.size())
    return std::unexpected(FieldErrors{{"--seed", range + ": " + shown + " is not one"}});
  return seed;
}

FieldErrors size_problems(const Size& s) {
  FieldErrors errors;
  if (s.councils < 1) errors.push_back({"--councils", "Give at least 1 council"});
  else if (s.councils > kMostCouncils)
    errors.push_back({"--councils", "The synthetic council codes (E06, E08, E09 and E10 with six digits starting 8) allow at most " +
                                        std::to_string(kMostCouncils) + " councils"});
  if (s.people < 1) errors.push_back({"--people", "Give at least 1 person"});
  else if (s.people > kMostPeople) errors.push_back({"--people", "At most " + std::to_string(kMostPeople) + " people"});
  else if (s.councils >= 1 && s.people < s.councils) errors.push_back({"--people", "Give at least one person for each council"});
  if (s.years < 1) errors.push_back({"--years", "Give at least 1 year of history (a whole number, 1 to " + std::to_string(kMostYears) + ")"});
  else if (s.years > kMostYears) errors.push_back({"--years", "At most " + std::to_string(kMostYears) + " years of history"});
  return errors;
}

std::string council_code(long long n) {
  const long long number = 800'001 + n / 4;
  return std::string(kCouncilKinds[std::size_t(n % 4)]) + std::to_string(number);
}

std::string council_name(long long n) {
  const auto start = std::size_t(n % 24), end = std::size_t((n / 24) % 16);
  std::string name = std::string(kPlaceStarts[start]) + kPlaceEnds[end];
  // Beyond 384 councils the names repeat, so a number keeps each its own.
  if (n >= 24 * 16) name += " " + std::to_string(n / (24 * 16) + 1);
  static constexpr std::array<const char*, 4> kinds{" Council", " Metropolitan Borough Council", " London Borough Council",
                                                    " County Council"};
  return name + kinds[std::size_t(n % 4)];
}

CouncilMix draw_council_mix(Draw& d) {
  CouncilMix m;
  m.share_under_65 = around(d, 0.28, 0.40);
  m.personal_budget_65 = around(d, 0.40, 0.64);
  // Skewed: most councils near 10%, a few up to 22%.
  m.direct_payment_65 = 0.07 + 0.15 * std::pow(d.unit(), 2.2);
  m.personal_budget_under_65 = around(d, 0.60, 0.80);
  m.direct_payment_under_65 = m.personal_budget_under_65 * around(d, 0.40, 0.60);
  // Councils differ in size: the largest counties serve ten times the smallest unitaries.
  m.weight = 0.3 + 2.7 * std::pow(d.unit(), 2.0);
  return m;
}

std::vector<long long> share_people(const std::vector<CouncilMix>& councils, long long total) {
  std::vector<long long> out(councils.size(), 1);
  if (councils.empty()) return out;
  const long long spare = total - static_cast<long long>(councils.size());
  double weights = 0;
  for (const auto& c : councils) weights += c.weight;
  long long given = 0;
  for (std::size_t i = 0; i < councils.size(); ++i) {
    const auto extra = static_cast<long long>(std::floor(double(spare) * councils[i].weight / weights));
    out[i] += extra;
    given += extra;
  }
  // What rounding left over goes one each to the first councils.
  for (std::size_t i = 0; given < spare; i = (i + 1) % councils.size(), ++given) ++out[i];
  return out;
}

PersonDraw draw_person(Draw& d, const CouncilMix& mix, CivilDate history_start, CivilDate today, const std::string& town) {
  PersonDraw p;
  const bool under_65 = d.chance(mix.share_under_65);
  // Ages within the band: 65+ split 65-74 : 75-84 : 85+ as 21 : 37 : 42.
  int age = 0;
  if (under_65) age = d.between(18, 64);
  else {
    const auto band = d.weighted({21, 37, 42});
    // 85 and over thins out with age: 85-89, 90-94 and 95-101 as 60 : 32 : 8.
    const auto oldest = d.weighted({60, 32, 8});
    age = band == 0 ? d.between(65, 74) : band == 1 ? d.between(75, 84) : oldest == 0 ? d.between(85, 89) : oldest == 1 ? d.between(90, 94) : d.between(95, 101);
  }
  // Born on a day of the year `age` years before today: never after today minus `age` years.
  p.date_of_birth = today.plus_days(-(age * 365 + age / 4) - d.between(1, 364));
  const bool woman = d.chance(under_65 ? 0.5 : 0.62);
  p.gender = woman ? "Female" : "Male";
  p.given_name = woman ? pick(d, kWomen) : pick(d, kMen);
  p.family_name = pick(d, kFamilies);
  p.ethnicity = pick(d, kEthnicities);
  p.primary_support_reason = under_65 ? pick(d, kReasonsUnder65) : pick(d, kReasons65);
  if (p.primary_support_reason == "Support with Memory & Cognition") p.dementia = d.chance(0.75) ? "Diagnosed" : "Suspected";
  else if (under_65) p.dementia = pick(d, std::array<Weighted, 4>{{{"Diagnosed", 1}, {"Suspected", 1}, {"No", 70}, {"Not known", 28}}});
  else p.dementia = pick(d, std::array<Weighted, 4>{{{"Diagnosed", 10}, {"Suspected", 5}, {"No", 55}, {"Not known", 30}}});
  p.has_unpaid_carer = pick(d, std::array<Weighted, 3>{{{"Yes", under_65 ? 30.0 : 45.0}, {"No", 40.0}, {"Unknown", under_65 ? 30.0 : 15.0}}});
  p.accommodation_status = pick(d, kHomes);
  // Synthetic postcodes share the "ZZ" area, which no real postcode uses.
  p.postcode = "ZZ" + std::to_string(d.between(1, 99)) + " " + std::to_string(d.between(1, 9)) +
               std::string(1, char('A' + d.between(0, 25))) + std::string(1, char('A' + d.between(0, 25)));
  p.town = town;
  p.need = std::clamp(around(d, 0.0, 1.0) + (age >= 85 ? 0.15 : 0.0) + (p.dementia == "Diagnosed" ? 0.1 : 0.0), 0.05, 1.0);
  // Support began on any day of the history, most people some time ago.
  const int span = int((today.days() - history_start.days()).count());
  p.support_from = history_start.plus_days(int(span * std::pow(d.unit(), 1.5)));
  if (p.support_from > today.plus_days(-14)) p.support_from = today.plus_days(-14);
  // Who is in long-term support, and how it is arranged (see the header for the sources).
  if (d.chance(0.08)) p.arrangement = Arrangement::NotEligible;
  else {
    const double pb = under_65 ? mix.personal_budget_under_65 : mix.personal_budget_65;
    const double dp = under_65 ? mix.direct_payment_under_65 : mix.direct_payment_65;
    const double x = d.unit();
    if (x < dp) p.arrangement = d.chance(0.2) ? Arrangement::PartDirectPayment : Arrangement::DirectPayment;
    else if (x < pb) p.arrangement = d.chance(0.04) ? Arrangement::IndividualServiceFund : Arrangement::CouncilManaged;
    else p.arrangement = Arrangement::Commissioned;
  }
  p.has_representative = p.dementia == "Diagnosed" && d.chance(0.6);
  p.underspends = d.chance(0.12);
  return p;
}

std::string test_nhs_number(long long n) {
  // Eight digits from n / 9 (999 and five more), then the n % 9-th ninth digit
  // whose check digit is not 10 (at most one of the ten is refused), then the check.
  const long long prefix = n / 9;
  int skip = int(n % 9);
  std::string digits = "999" + std::to_string(100'000 + prefix).substr(1);
  for (int ninth = 0; ninth <= 9; ++ninth) {
    std::string candidate = digits + char('0' + ninth);
    int sum = 0;
    for (int i = 0; i < 9; ++i) sum += (candidate[std::size_t(i)] - '0') * (10 - i);
    const int check = 11 - sum % 11;
    if (check == 10) continue;
    if (skip-- > 0) continue;
    return candidate + char('0' + (check == 11 ? 0 : check));
  }
  return {};  // not reached: nine of every ten ninth digits are valid
}

bool is_65_or_over(CivilDate birth, CivilDate on) { return age_on(birth, on) >= 65; }

double yearly_mortality(int age) {
  const double population = age < 65 ? 0.003 : age < 75 ? 0.015 : age < 85 ? 0.045 : age < 90 ? 0.11 : age < 95 ? 0.19 : 0.30;
  return population * 1.5;
}

std::optional<CivilDate> draw_death(Draw& d, CivilDate date_of_birth, CivilDate from, CivilDate today) {
  for (CivilDate year = from.plus_days(1); year <= today; year = year.plus_days(365)) {
    const CivilDate last = std::min(year.plus_days(364), today);
    const int days = int((last.days() - year.days()).count()) + 1;
    if (d.chance(yearly_mortality(age_on(date_of_birth, year)) * days / 365.0)) return year.plus_days(d.between(0, days - 1));
  }
  return std::nullopt;
}

}  // namespace patchwork::synthetic
