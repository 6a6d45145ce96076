#include "domain/ledger/ledger.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "core/text.hpp"

namespace patchwork::ledger {
namespace {

bool printable_ascii(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char ch) { return ch >= 0x20 && ch <= 0x7e; });
}

std::string joined(const std::vector<std::string>& parts) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += i + 1 == parts.size() ? " and " : ", ";
    out += parts[i];
  }
  return out;
}

std::string field(std::size_t i, std::string_view name) { return fmt::format("transfers[{}].{}", i, name); }

std::string describe(const Account& a) { return fmt::format("account {} ({})", a.id, account_label(a)); }

}  // namespace

FieldErrors transfer_problems(const Transfer& t, const std::string& prefix) {
  FieldErrors errors;
  if (t.id.empty())
    errors.push_back({prefix + "id", "Give the transfer an id made from what it is"});
  else if (t.id.size() > kMaxIdLength)
    errors.push_back({prefix + "id", fmt::format("The transfer id must be {} characters or fewer", kMaxIdLength)});
  else if (!printable_ascii(t.id) || t.id.front() == ' ' || t.id.back() == ' ')
    errors.push_back({prefix + "id", "The transfer id must be letters, digits and punctuation (plain ASCII), with no space at either end"});
  if (t.debit <= 0) errors.push_back({prefix + "debit", "Choose the account the money leaves"});
  if (t.credit <= 0) errors.push_back({prefix + "credit", "Choose the account the money arrives in"});
  if (t.debit > 0 && t.debit == t.credit)
    errors.push_back({prefix + "credit", "The money must move between two different accounts"});
  if (t.amount.pence() <= 0) errors.push_back({prefix + "amount", "The amount must be more than £0.00"});
  if (!t.value_date.ok()) errors.push_back({prefix + "value_date", "Enter the date the money moves"});
  const std::string reason = trim(t.reason);
  if (reason.empty())
    errors.push_back({prefix + "reason", "Say why the money moves, in plain words"});
  else if (t.reason.size() > kMaxReasonLength)
    errors.push_back({prefix + "reason", fmt::format("The reason must be {} characters or fewer", kMaxReasonLength)});
  else if (text_problem(t.reason) || has_line_break(t.reason))
    errors.push_back({prefix + "reason", "Write the reason on one line, in plain text"});
  if (t.reverses) {
    if (t.reverses->empty() || t.reverses->size() > kMaxIdLength || !printable_ascii(*t.reverses))
      errors.push_back({prefix + "reverses", "Give the id of the transfer this one reverses"});
    else if (*t.reverses == t.id)
      errors.push_back({prefix + "reverses", "A transfer cannot reverse itself"});
  }
  return errors;
}

std::vector<std::string> differences(const Transfer& recorded, const Transfer& now) {
  std::vector<std::string> d;
  if (recorded.debit != now.debit)
    d.push_back(fmt::format("the account the money leaves ({} recorded, {} now)", recorded.debit, now.debit));
  if (recorded.credit != now.credit)
    d.push_back(fmt::format("the account the money arrives in ({} recorded, {} now)", recorded.credit, now.credit));
  if (recorded.amount != now.amount)
    d.push_back(fmt::format("the amount ({} recorded, {} now)", recorded.amount.display(), now.amount.display()));
  if (recorded.value_date != now.value_date)
    d.push_back(fmt::format("the value date ({} recorded, {} now)", recorded.value_date.iso(),
                            now.value_date.ok() ? now.value_date.iso() : std::string("none")));
  if (recorded.reason != now.reason) d.push_back("the reason");
  if (recorded.reverses != now.reverses)
    d.push_back(fmt::format("what it reverses ({} recorded, {} now)", recorded.reverses.value_or("nothing"),
                            now.reverses.value_or("nothing")));
  return d;
}

std::optional<BelowZero> first_day_below_zero(Money opening, std::span<const DayMovement> days) {
  Money balance = opening;
  // A balance already below zero before the first day counts as that day's.
  if (balance.pence() < 0 && !days.empty()) return BelowZero{days.front().day, balance};
  for (const auto& d : days) {
    auto next = balance.plus(d.net);
    if (!next) return BelowZero{d.day, std::nullopt};
    balance = *next;
    if (balance.pence() < 0) return BelowZero{d.day, balance};
  }
  return std::nullopt;
}

Result<PostPlan> plan_post(LedgerView& view, CouncilId council, std::span<const Transfer> transfers) {
  FieldErrors errors;
  for (std::size_t i = 0; i < transfers.size(); ++i) {
    // The field names' prefix is made only for a transfer with a problem (a
    // post of thousands formatted one for each).
    if (transfer_problems(transfers[i], "").empty()) continue;
    auto e = transfer_problems(transfers[i], fmt::format("transfers[{}].", i));
    errors.insert(errors.end(), e.begin(), e.end());
  }
  if (!errors.empty()) return std::unexpected(errors);

  // Both accounts exist, in this council (the view finds no other council's).
  std::map<AccountId, Account> accounts;
  for (std::size_t i = 0; i < transfers.size(); ++i) {
    for (auto [id, name] : {std::pair{transfers[i].debit, "debit"}, std::pair{transfers[i].credit, "credit"}}) {
      if (accounts.contains(id)) continue;
      auto a = view.account(id);
      if (!a || a->council_id != council) {
        errors.push_back({field(i, name), fmt::format("There is no account {} in this council", id)});
        continue;
      }
      accounts.emplace(id, *a);
    }
  }
  if (!errors.empty()) return std::unexpected(errors);

  PostPlan plan;
  std::map<std::string, Transfer, std::less<>> in_post;          // new in this post, by id
  std::map<std::string, std::string, std::less<>> reversed_here;  // original id -> reversal id, in this post
  for (std::size_t i = 0; i < transfers.size(); ++i) {
    const Transfer& t = transfers[i];
    // The replay rule: same id, same content: nothing to do; different: an error.
    std::optional<Transfer> earlier;
    const char* where = "already recorded";
    if (auto it = in_post.find(t.id); it != in_post.end()) {
      earlier = it->second;
      where = "given earlier in this post";
    } else {
      earlier = view.transfer(t.id);
    }
    if (earlier) {
      auto d = differences(*earlier, t);
      if (d.empty()) {
        ++plan.already_recorded;
      } else {
        errors.push_back({field(i, "id"), fmt::format("Transfer {} is {} with different content: {}. A transfer is never "
                                                      "changed: to correct it, reverse it and record a new one",
                                                      t.id, where, joined(d))});
      }
      continue;
    }
    if (t.reverses) {
      const std::string& target = *t.reverses;
      std::optional<Transfer> original;
      if (auto it = in_post.find(target); it != in_post.end()) original = it->second;
      else original = view.transfer(target);
      if (!original) {
        errors.push_back({field(i, "reverses"), fmt::format("There is no transfer {} to reverse", target)});
      } else if (original->reverses) {
        errors.push_back({field(i, "reverses"),
                          fmt::format("Transfer {} is itself a reversal. To put the money back, record the movement "
                                      "again with a new id", target)});
      } else if (auto by = reversed_here.contains(target) ? std::optional<std::string>(reversed_here.at(target))
                                                          : view.reversed_by(target)) {
        errors.push_back({field(i, "reverses"), fmt::format("Transfer {} has already been reversed by {}", target, *by)});
      } else if (t.amount != original->amount) {
        errors.push_back({field(i, "amount"), fmt::format("A reversal moves the same amount as the transfer it "
                                                          "reverses ({})", original->amount.display())});
      } else if (t.debit != original->credit || t.credit != original->debit) {
        errors.push_back({field(i, "debit"), fmt::format("A reversal moves the money back: from account {} to "
                                                         "account {}", original->credit, original->debit)});
      } else if (t.value_date < original->value_date) {
        errors.push_back({field(i, "value_date"), fmt::format("A reversal cannot be dated before the transfer it "
                                                              "reverses ({})", original->value_date.display())});
      } else {
        reversed_here.emplace(target, t.id);
      }
    }
    in_post.emplace(t.id, t);
    plan.to_record.push_back(t);
  }
  if (!errors.empty()) return std::unexpected(errors);

  // No account that may not go below zero does so on any day from the first
  // day a new transfer takes money out of it. Within a day, its transfers
  // count together: a balance is the balance at the end of a day.
  std::map<AccountId, CivilDate> first_debit;
  for (const auto& t : plan.to_record) {
    if (may_go_below_zero(accounts.at(t.debit).kind)) continue;
    auto [it, added] = first_debit.emplace(t.debit, t.value_date);
    if (!added && t.value_date < it->second) it->second = t.value_date;
  }
  for (const auto& [account, from] : first_debit) {
    auto m = view.movements_from(account, from);
    std::map<CivilDate, Money> days;
    for (const auto& d : m.days) days[d.day] = d.net;
    bool overflow = false;
    for (const auto& t : plan.to_record) {
      if (t.debit != account && t.credit != account) continue;
      Money signed_amount = t.credit == account ? t.amount : *t.amount.negated();
      Money& slot = t.value_date < from ? m.opening : days[t.value_date];
      auto sum = slot.plus(signed_amount);
      if (!sum) { overflow = true; break; }
      slot = *sum;
    }
    std::vector<DayMovement> ordered;
    for (const auto& [day, net] : days) ordered.push_back({day, net});
    auto below = overflow ? std::optional<BelowZero>(BelowZero{from, std::nullopt})
                          : first_day_below_zero(m.opening, ordered);
    if (!below) continue;
    // Name the last new transfer out of the account on or before that day.
    std::size_t culprit = 0;
    for (std::size_t i = 0; i < transfers.size(); ++i)
      if (transfers[i].debit == account && transfers[i].value_date <= below->day) culprit = i;
    const Account& a = accounts.at(account);
    if (!below->balance) {
      errors.push_back({field(culprit, "amount"), fmt::format("The amounts on {} are too large to add up", describe(a))});
    } else {
      errors.push_back({field(culprit, "amount"),
                        fmt::format("This would leave {} at {} at the end of {}: it cannot pay out money it does not "
                                    "hold", describe(a), below->balance->display(), below->day.display())});
    }
  }
  if (!errors.empty()) return std::unexpected(errors);
  return plan;
}

Result<PartSummary> part_summary(AccountId holding, std::span<const HoldingMovement> movements, CivilDate from,
                                 CivilDate to, Money held, Money weekly, int reserve_weeks) {
  if (!from.ok() || !to.ok() || to < from) return fail("to", "The end of the period must be on or after its start");
  if (reserve_weeks < 0) return fail("reserve_weeks", "The reserve cannot be a negative number of weeks");
  PartSummary s;
  s.from = from;
  s.to = to;
  s.held = held;
  auto add = [](Money& total, Money amount) {
    auto sum = total.plus(amount);
    if (!sum) return false;
    total = *sum;
    return true;
  };
  for (const auto& m : movements) {
    const Transfer& t = m.transfer;
    if (t.value_date < from || to < t.value_date) continue;
    if (t.debit != holding && t.credit != holding) continue;
    // In: + for money arriving in the holding account, - for money leaving it.
    const Money in = t.credit == holding ? t.amount : *t.amount.negated();
    bool ok = true;
    switch (m.other_kind) {
      case AccountKind::CouncilFunding:
      case AccountKind::PersonContribution:
      case AccountKind::DirectPayment:
      case AccountKind::IndividualServiceFund:
        ok = add(s.paid_in, in);
        break;
      case AccountKind::Spending:
      case AccountKind::ProviderPayable:
        ok = add(s.spent, *in.negated());
        break;
      case AccountKind::SurplusRecovered:
      case AccountKind::OverpaymentsDue:
        ok = add(s.recovered, *in.negated());
        break;
    }
    if (!ok) return fail("amount", "The amounts are too large to add up");
  }
  auto left = s.paid_in.minus(s.spent);
  if (left) left = left->minus(s.recovered);
  auto allowed = weekly.times(reserve_weeks);
  if (!left || !allowed) return fail("amount", "The amounts are too large to add up");
  s.left = *left;
  s.reserve_allowed = *allowed;
  s.above_reserve = s.held > s.reserve_allowed;
  return s;
}

}  // namespace patchwork::ledger
