#include "domain/payments/schedule.hpp"

#include <algorithm>

#include "core/text.hpp"
#include "domain/people/field_reader.hpp"

namespace patchwork::payments {
namespace {

constexpr Frequency kFrequencies[] = {Frequency::Weekly, Frequency::FourWeekly, Frequency::Monthly};
constexpr SuspensionReason kReasons[] = {SuspensionReason::Sanction, SuspensionReason::HospitalStay};

int days_between(CivilDate a, CivilDate b) { return int((b.days() - a.days()).count()); }

std::string get(const people::Fields& f, const std::string& key) {
  auto it = f.find(key);
  return it == f.end() ? std::string() : trim(it->second);
}

// A part key as budgets keep them: a few letters or digits ("A", "B2").
bool valid_part_key(const std::string& k) {
  return !k.empty() && k.size() <= 10 &&
         std::all_of(k.begin(), k.end(), [](char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); });
}

std::string read_part_key(const people::Fields& f, FieldErrors& errors) {
  auto key = get(f, "part_key");
  if (key.empty()) errors.push_back({"part_key", "Choose the part of the budget, for example A"});
  else if (!valid_part_key(key)) errors.push_back({"part_key", "A part is named by up to 10 letters or digits, for example A"});
  return key;
}

}  // namespace

std::span<const Frequency> frequencies() { return kFrequencies; }

std::string_view frequency_code(Frequency f) {
  switch (f) {
    case Frequency::Weekly: return "weekly";
    case Frequency::FourWeekly: return "four_weekly";
    case Frequency::Monthly: return "monthly";
  }
  return "four_weekly";
}

std::string_view frequency_label(Frequency f) {
  switch (f) {
    case Frequency::Weekly: return "every week";
    case Frequency::FourWeekly: return "every four weeks";
    case Frequency::Monthly: return "every month";
  }
  return "every four weeks";
}

std::optional<Frequency> frequency_from_code(std::string_view code) {
  for (auto f : kFrequencies)
    if (frequency_code(f) == code) return f;
  return std::nullopt;
}

bool paid_by_schedule(budgets::Mechanism m) {
  return m == budgets::Mechanism::DirectPayment || m == budgets::Mechanism::IndividualServiceFund;
}

Result<Schedule> schedule_from_fields(const people::Fields& f) {
  FieldErrors errors;
  people::FieldReader r{f, errors, CivilDate::today_utc()};
  Schedule s;
  s.part_key = read_part_key(f, errors);
  auto freq = get(f, "frequency");
  if (!freq.empty()) {
    if (auto parsed = frequency_from_code(freq)) s.frequency = *parsed;
    else errors.push_back({"frequency", "Choose how often it is paid: weekly, four_weekly or monthly"});
  }
  // A schedule may start in the future (set up before the budget starts) or
  // in the past (a payment run then pays what is owed since).
  auto starts = r.date("starts_on", "date of the first payment", true, false);
  if (starts) s.starts_on = *starts;
  s.ends_on = r.date("ends_on", "last day paid for", false, false);
  if (starts && s.ends_on && *s.ends_on < *starts)
    errors.push_back({"ends_on", "The last day paid for cannot be before the first payment"});
  if (!errors.empty()) return std::unexpected(errors);
  return s;
}

std::span<const SuspensionReason> suspension_reasons() { return kReasons; }

std::string_view suspension_code(SuspensionReason r) {
  return r == SuspensionReason::Sanction ? "sanction" : "hospital_stay";
}

std::string_view suspension_label(SuspensionReason r) {
  return r == SuspensionReason::Sanction ? "A sanction: a recorded decision about how the money was used" : "A stay in hospital";
}

std::optional<SuspensionReason> suspension_from_code(std::string_view code) {
  for (auto r : kReasons)
    if (suspension_code(r) == code) return r;
  return std::nullopt;
}

bool suspends(const Suspension& s, std::string_view part_key, CivilDate day) {
  return s.part_key == part_key && day >= s.from && (!s.resumes_on || day < *s.resumes_on);
}

Result<Suspension> suspension_from_fields(const people::Fields& f) {
  FieldErrors errors;
  people::FieldReader r{f, errors, CivilDate::today_utc()};
  Suspension s;
  s.part_key = read_part_key(f, errors);
  auto from = r.date("from", "date the payments stop", true, false);
  if (from) s.from = *from;
  s.resumes_on = r.date("resumes_on", "date the payments start again", false, false);
  if (from && s.resumes_on && *s.resumes_on <= *from)
    errors.push_back({"resumes_on", "The payments must start again after the date they stop"});
  auto reason = get(f, "reason");
  if (reason.empty()) errors.push_back({"reason", "Say why the payments stop: a sanction or a stay in hospital"});
  else if (auto parsed = suspension_from_code(reason)) s.reason = *parsed;
  else errors.push_back({"reason", "The reason must be sanction or hospital_stay"});
  s.note = r.text("note", "what was decided, or where the person is", true, 1000);
  if (!errors.empty()) return std::unexpected(errors);
  return s;
}

int Period::days() const { return days_between(start, end) + 1; }
int Segment::days() const { return days_between(from, to) + 1; }

Period period_at(const Schedule& s, int k) {
  switch (s.frequency) {
    case Frequency::Weekly: return {s.starts_on.plus_days(7 * k), s.starts_on.plus_days(7 * k + 6)};
    case Frequency::FourWeekly: return {s.starts_on.plus_days(28 * k), s.starts_on.plus_days(28 * k + 27)};
    case Frequency::Monthly:
      // From starts_on each time, so 31 January, 28 February, 31 March: never drifting to the 28th.
      return {budgets::plus_months(s.starts_on, k), budgets::plus_months(s.starts_on, k + 1).plus_days(-1)};
  }
  return {s.starts_on, s.starts_on};
}

std::vector<Period> periods_due(const Schedule& s, CivilDate up_to, std::optional<CivilDate> paid_through) {
  std::vector<Period> out;
  int k = 0;
  // Weekly and four-weekly periods are found by arithmetic, so a schedule
  // years old does not walk every period it has had.
  if (paid_through && *paid_through >= s.starts_on && s.frequency != Frequency::Monthly) {
    const int len = s.frequency == Frequency::Weekly ? 7 : 28;
    k = days_between(s.starts_on, *paid_through) / len;
  }
  for (;; ++k) {
    auto p = period_at(s, k);
    if (p.start > up_to || (s.ends_on && p.start > *s.ends_on)) break;
    if (paid_through && p.start <= *paid_through) continue;
    out.push_back(p);
  }
  return out;
}

std::optional<Money> weekly_paid(const budgets::BudgetVersion& b, std::string_view part_key, bool deduct_contribution) {
  using budgets::Mechanism;
  const budgets::Part* part = nullptr;
  for (const auto& p : b.parts)
    if (p.key == part_key) part = &p;
  if (!part || !paid_by_schedule(part->mechanism)) return std::nullopt;
  if (!deduct_contribution || part->mechanism != Mechanism::DirectPayment) return part->weekly;
  // The contribution left after the direct-payment parts before this one (in key order).
  std::int64_t left = budgets::person_share(b).value_or(Money{}).pence();
  std::vector<const budgets::Part*> dp;
  for (const auto& p : b.parts)
    if (p.mechanism == Mechanism::DirectPayment) dp.push_back(&p);
  std::sort(dp.begin(), dp.end(), [](const budgets::Part* a, const budgets::Part* c) { return a->key < c->key; });
  for (const auto* p : dp) {
    const std::int64_t taken = std::min(left, p->weekly.pence());
    if (p == part) return Money::from_pence(p->weekly.pence() - taken);
    left -= taken;
  }
  return part->weekly;
}

std::expected<Payment, MoneyError> payment_for(const Schedule& s, const Period& period, std::span<const budgets::BudgetVersion> versions,
                                               std::span<const Suspension> suspensions, bool deduct_contribution) {
  Payment out;
  out.person_id = s.person_id;
  out.part_key = s.part_key;
  out.period = period;
  out.transfer_id = transfer_id(s.person_id, s.part_key, period.start);
  // The day's rate is weekly × N ÷ D: N = 1, D = 7 for weekly and four-weekly
  // periods; N = 52, D = 12 × the period's days for a monthly one. Summing
  // weekly × days × N over the paid days and dividing by D once rounds once.
  const std::int64_t n = s.frequency == Frequency::Monthly ? 52 : 1;
  const std::int64_t d = s.frequency == Frequency::Monthly ? 12 * std::int64_t(period.days()) : 7;
  __int128 numerator = 0;
  const budgets::BudgetVersion* rate_of = nullptr;
  std::optional<Money> rate_cached;
  for (CivilDate day = period.start; day <= period.end; day = day.plus_days(1)) {
    std::optional<Money> rate;
    int version = 0;
    const bool in_schedule = day >= s.starts_on && (!s.ends_on || day <= *s.ends_on);
    const bool suspended = std::any_of(suspensions.begin(), suspensions.end(), [&](const Suspension& x) { return suspends(x, s.part_key, day); });
    if (in_schedule && !suspended)
      if (const auto* b = budgets::budget_on(versions, day)) {
        // The rate only changes with the version: worked out once for each.
        if (b != rate_of) {
          rate_of = b;
          rate_cached = weekly_paid(*b, s.part_key, deduct_contribution);
        }
        rate = rate_cached;
        version = b->version;
      }
    if (!rate || rate->pence() == 0) {
      ++out.unpaid_days;
      continue;
    }
    numerator += __int128(rate->pence()) * n;
    if (!out.segments.empty() && out.segments.back().budget_version == version && out.segments.back().weekly == *rate &&
        out.segments.back().to.plus_days(1) == day)
      out.segments.back().to = day;
    else
      out.segments.push_back({day, day, version, *rate});
  }
  const __int128 pence = numerator / d;  // both non-negative: division rounds down
  if (pence > __int128(INT64_MAX)) return std::unexpected(MoneyError::Overflow);
  out.amount = Money::from_pence(std::int64_t(pence));
  return out;
}

std::string transfer_id(PersonId person, std::string_view part_key, CivilDate period_start) {
  return "pay:" + person.text() + ":" + std::string(part_key) + ":" + period_start.iso();
}

MoneyResult full_period_amount(Frequency f, Money weekly) {
  switch (f) {
    case Frequency::Weekly: return weekly;
    case Frequency::FourWeekly: return weekly.times(4);
    case Frequency::Monthly: {
      auto year = weekly.times(52);
      if (!year) return year;
      return Money::from_pence(year->pence() / 12);  // rounded down, as payment_for rounds
    }
  }
  return weekly;
}

std::optional<CivilDate> next_period_start(const Schedule& s, CivilDate today) {
  for (int k = 0;; ++k) {
    auto p = period_at(s, k);
    if (s.ends_on && p.start > *s.ends_on) return std::nullopt;
    if (p.start >= today) return p.start;
    if (s.frequency != Frequency::Monthly && k == 0 && today > s.starts_on) {
      // Jump near today rather than walking every past period.
      const int len = s.frequency == Frequency::Weekly ? 7 : 28;
      k = std::max(0, days_between(s.starts_on, today) / len - 1);
    }
  }
}

}  // namespace patchwork::payments
