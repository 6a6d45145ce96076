#pragma once
// The self-directed support summary (#18's "national summary";
// docs/reports.md): of the adults in long-term community support on a date,
// how many have a personal budget and how many a direct payment, per council,
// by age band and dementia, with the shares worked out the way ASCOF 3D parts
// 1a and 2a work them out. Pure domain: the rows come from the caller (the
// repository's one set-wise query), grouped by birth month, because national
// age depends on nothing finer (people/age.hpp national_age_on).
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"
#include "core/ids.hpp"
#include "core/result.hpp"

namespace patchwork::reports {

// The date the figures are as at, from text as typed (field "on"): today when
// empty; else a real date in ISO form, not after today, because a later date
// would count budgets planned to start as if they had.
Result<CivilDate> as_at_date(std::string_view text, CivilDate today);

// One group of people from storage: everyone of one council, born in one
// month, with one stored dementia value, who on the date is in long-term
// community support, with or without a personal budget in force, with or
// without a direct payment in it.
struct SupportGroup {
  CouncilId council_id{};
  int birth_year = 0;
  unsigned birth_month = 1;
  std::string dementia;          // as stored: Not known, No, Suspected, Diagnosed
  bool personal_budget = false;  // a budget version in force on the date
  bool direct_payment = false;   // ... with a direct-payment part of more than nothing a week
  std::int64_t people = 0;
};

// The national split (18 to 64, 65 and over) and the three parts of 65 and
// over, which overlap it: a person aged 70 is in "65 and over" and in "65 to 74".
enum class Band { From18To64, From65, From65To74, From75To84, From85 };
std::span<const Band> bands();
std::string_view band_label(Band b);  // "18 to 64", "65 and over", "65 to 74"...
std::string_view band_code(Band b);   // "18-64", "65+", "65-74", "75-84", "85+"
// The bands a national age falls in: none under 18; 18 to 64; or 65 and over
// and one of its parts.
std::vector<Band> bands_for_age(int national_age);

struct Counts {
  std::int64_t people = 0;           // in long-term community support
  std::int64_t personal_budget = 0;  // of them, with a personal budget in any form
  std::int64_t direct_payment = 0;   // of them, with a direct payment (whole or part)
  // Personal budgets with no direct payment in them: managed for the person
  // by the council or by a provider (an individual service fund), CLD's
  // "CASSR managed personal budget" (budgets/parts.hpp delivery_mechanism).
  std::int64_t managed() const { return personal_budget - direct_payment; }
  // Support the council commissions with no personal budget at all.
  std::int64_t commissioned() const { return people - personal_budget; }
  Counts& operator+=(const Counts& o);
};

// A share with what it comes from. Tenths of a per cent, rounded half up
// (52.04% is 520, 52.05% is 521); nothing when no one is in the denominator.
struct Share {
  std::int64_t numerator = 0;
  std::int64_t denominator = 0;
  std::optional<std::int64_t> tenths_of_percent() const;
  std::string percent() const;  // "52.1%", or "" when there is no one to count
};
// ASCOF 3D part 1a style: with a personal budget, of all in support.
Share personal_budget_share(const Counts& c);
// Part 2a style: with a direct payment (whole or part), of all in support.
Share direct_payment_share(const Counts& c);
// Of the personal budgets, the share managed with no direct payment.
Share managed_share(const Counts& c);

// The dementia values in the order the report shows them: the recorded ones
// first, Not known last; a value stored that is not one of ours (none should
// be) after them, as stored, so that nobody drops out of the counts.
std::vector<std::string> dementia_order(const std::vector<std::string>& seen);

struct Line {
  Band band = Band::From18To64;
  std::string dementia;  // "" for every dementia value together
  Counts counts;
};

struct CouncilFigures {
  CouncilId council_id{};
  std::string code;   // LA_Code
  std::string name;
  // For each band, a line per dementia value then one for all of them.
  std::vector<Line> lines;
  Counts total;                  // every adult counted in the council
  std::int64_t under_18 = 0;     // in support but under 18 nationally: left out
};

struct Summary {
  CivilDate on;
  std::vector<CouncilFigures> councils;  // in the order given
  // Every council together: the same lines, and the total.
  std::vector<Line> national_lines;
  Counts national;
  std::int64_t under_18 = 0;
};

struct CouncilName {
  CouncilId id{};
  std::string code;
  std::string name;
};

// Adds groups one at a time, as they stream from storage, in bounded memory
// (a few counters per council, band and dementia value), then lays out the
// summary for the councils asked for (every one listed appears, with noughts
// when no one of theirs is in support).
class Tally {
 public:
  explicit Tally(CivilDate on) : on_(on) {}
  void add(const SupportGroup& g);
  Summary summary(const std::vector<CouncilName>& councils) const;

 private:
  CivilDate on_;
  struct Key {
    std::int64_t council;
    Band band;
    std::string dementia;
    auto operator<=>(const Key&) const = default;
  };
  std::map<Key, Counts> counts_;
  std::map<std::int64_t, std::int64_t> under_18_;
};

}  // namespace patchwork::reports
