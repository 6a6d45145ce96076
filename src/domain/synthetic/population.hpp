#pragma once
// Synthetic people for `patchwork generate` (#18): who the generator records,
// drawn from the mix of adult social care in England, deterministically from a
// seed. Pure: no storage. The generator (app/generate.cpp) records each drawn
// person through the services the pages use, so every row it writes passes the
// same checks as one typed by hand.
//
// The shares are stated here, with where they come from, so that tests can
// check the generated data against them (docs/performance.md, "The generated
// data set"):
//  - about two thirds of people in long-term support are 65 or over (NHS
//    Digital, Adult Social Care Activity and Finance: roughly 35% of people in
//    long-term support are 18 to 64);
//  - of people 65 and over receiving long-term community support, 52% had a
//    personal budget in 2012, 83% of those managed by the council, and the
//    direct payment share averaged about 11% (regions 7% to 22%)
//    (../shared/design/rules.md, "Published 2012 figures"); for 18 to 64 about
//    half of personal budgets were council-managed;
//  - dementia is recorded as Diagnosed, Suspected, No or Not known, and "Not
//    known" is common in real returns.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"
#include "core/result.hpp"

namespace patchwork::synthetic {

// A small, fast generator whose sequence is fixed by its seed on every platform
// (std::mt19937_64 is, but the standard distributions are not, so draws are
// made here from raw 64-bit numbers).
class Draw {
 public:
  explicit Draw(std::uint64_t seed) : state_(seed) {}
  // A stream of its own for (seed, a, b): each council and each person draws
  // from its own stream, so a person does not change when another is added.
  static Draw stream(std::uint64_t seed, std::uint64_t a, std::uint64_t b = 0);
  std::uint64_t next();
  double unit();                               // [0, 1)
  int between(int low, int high);              // inclusive
  bool chance(double p) { return unit() < p; }
  // An index chosen with the given weights (which need not add up to 1).
  std::size_t weighted(const std::vector<double>& weights);

 private:
  std::uint64_t state_;
};

// What the generator was asked for.
struct Size {
  long long councils = 0;
  long long people = 0;  // in all councils together
  long long years = 0;   // of history before today
  std::uint64_t seed = 0;
};
// The most councils the synthetic codes allow (council_code), and the most
// people and years the generator takes: bounds that stop a typing mistake,
// each far above the national size (153 councils, 1.5 million people).
inline constexpr long long kMostCouncils = 4 * 99'999;
inline constexpr long long kMostPeople = 20'000'000;
inline constexpr long long kMostYears = 10;
// The seed as typed: a whole number from 0 to 18446744073709551615 (every
// value of 64 bits), digits only. A minus sign, a sign at all, a fraction,
// letters or a number too large are refused by name ("--seed"), where reading
// it as an unsigned number would wrap "-5" silently to 18446744073709551611.
Result<std::uint64_t> seed_from_text(std::string_view text);
// Each problem named by its option ("--councils", ...); nothing when the size is possible.
FieldErrors size_problems(const Size& s);

// The n-th synthetic council (0-based): a code of the real shape (E06
// unitary, E08 metropolitan district, E09 London borough, E10 county, in
// turn) in a range no real council has (the six digits start with 8), and a
// made-up place name. n < kMostCouncils.
std::string council_code(long long n);
std::string council_name(long long n);

// How the council deploys budgets: drawn once per council, so councils differ
// as they do in the published figures.
struct CouncilMix {
  double share_under_65 = 0.34;   // of people in long-term support
  double personal_budget_65 = 0.52, direct_payment_65 = 0.11;
  double personal_budget_under_65 = 0.70, direct_payment_under_65 = 0.35;
  double weight = 1.0;            // its size relative to the others
};
CouncilMix draw_council_mix(Draw& d);
// The people of each council: `total` shared out by the councils' weights,
// every council at least one person, adding up to `total` exactly.
std::vector<long long> share_people(const std::vector<CouncilMix>& councils, long long total);

// How a person's support is arranged, as the generator records it.
enum class Arrangement {
  NotEligible,         // assessed; no eligible needs (information and advice)
  Commissioned,        // long-term support the council commissions, with no personal budget
  CouncilManaged,      // a personal budget the council manages
  IndividualServiceFund,
  DirectPayment,       // the whole budget as a direct payment
  PartDirectPayment,   // a direct payment for part, the council arranges the rest
};

// One synthetic person: their record's fields (as the person form takes them)
// and how their support is arranged.
struct PersonDraw {
  std::string given_name, family_name, gender, ethnicity, primary_support_reason, dementia, has_unpaid_carer;
  std::string accommodation_status, postcode, town;
  CivilDate date_of_birth;
  Arrangement arrangement = Arrangement::CouncilManaged;
  double need = 0.5;               // 0..1: how much help they need, which drives their answers
  CivilDate support_from;          // when their support (or assessment) began
  bool has_representative = false; // a relative with a lasting power of attorney (people with dementia)
  bool underspends = false;        // spends little of a direct payment, so money builds up
};
// `history_start` is the first day of the generated history, `today` its last.
PersonDraw draw_person(Draw& d, const CouncilMix& mix, CivilDate history_start, CivilDate today, const std::string& town);

// The chance of dying within a year at an age, for someone with eligible care
// and support needs: the general population's, banded and rounded from the
// shape of ONS's national life tables for England (the probability of dying
// qx, men and women together: about 1.5% a year at 65 to 74, 4.5% at 75 to
// 84, 11% at 85 to 89, 19% at 90 to 94 and 30% from 95, 0.3% under 65; an
// approximation, not figures copied from a table), times 1.5, an assumption
// for people whose needs are eligible, who die sooner than others their age.
double yearly_mortality(int age);
// Whether, and when, someone in support from `from` dies by `today`: drawn
// year by year of their support at the chance for their age that year, never
// on the day support began.
std::optional<CivilDate> draw_death(Draw& d, CivilDate date_of_birth, CivilDate from, CivilDate today);

// The n-th valid NHS number in the range set aside for testing (999...),
// n < kNhsNumbers. Ten digits with the modulus-11 check digit.
inline constexpr long long kNhsNumbers = 900'000;
std::string test_nhs_number(long long n);

// Age bands of national reporting.
bool is_65_or_over(CivilDate birth, CivilDate on);

}  // namespace patchwork::synthetic
