#include "domain/recovery/recovery.hpp"

#include <algorithm>

#include "core/text.hpp"
#include "domain/people/field_reader.hpp"

namespace patchwork::recovery {
namespace {

constexpr EndKind kKinds[] = {EndKind::Died, EndKind::SupportEnded, EndKind::MovedAway};
constexpr Debtor kDebtors[] = {Debtor::Estate, Debtor::Payee, Debtor::Person};
constexpr CaseState kStates[] = {CaseState::Open, CaseState::WriteOffProposed, CaseState::Repaid, CaseState::WrittenOff};

std::string get(const people::Fields& f, const std::string& key) {
  auto it = f.find(key);
  return it == f.end() ? std::string() : trim(it->second);
}

int days_between(CivilDate a, CivilDate b) { return int((b.days() - a.days()).count()); }

// An amount of money as typed ("12.50", "£12.50"): above nothing, at most `most`.
std::optional<Money> read_amount(const people::Fields& f, FieldErrors& errors, Money most, const std::string& most_words) {
  auto text = get(f, "amount");
  if (text.empty()) {
    errors.push_back({"amount", "Enter the amount received, for example 25.00"});
    return std::nullopt;
  }
  auto m = Money::parse(text);
  if (!m) {
    errors.push_back({"amount", "The amount must be pounds and pence, for example 25.00"});
    return std::nullopt;
  }
  if (m->pence() <= 0) {
    errors.push_back({"amount", "The amount must be more than £0.00"});
    return std::nullopt;
  }
  if (*m > most) {
    errors.push_back({"amount", "The amount cannot be more than " + most_words + " (" + most.display() + ")"});
    return std::nullopt;
  }
  return m;
}

// The day's rate of a schedule, as payments::payment_for: weekly × N ÷ D.
std::int64_t numerator_factor(payments::Frequency f) { return f == payments::Frequency::Monthly ? 52 : 1; }
std::int64_t denominator(payments::Frequency f, const payments::Period& p) {
  return f == payments::Frequency::Monthly ? 12 * std::int64_t(p.days()) : 7;
}

}  // namespace

std::span<const EndKind> end_kinds() { return kKinds; }

std::string_view end_kind_code(EndKind k) {
  switch (k) {
    case EndKind::Died: return "died";
    case EndKind::SupportEnded: return "support_ended";
    case EndKind::MovedAway: return "moved_away";
  }
  return "support_ended";
}

std::string_view end_kind_label(EndKind k) {
  switch (k) {
    case EndKind::Died: return "They have died";
    case EndKind::SupportEnded: return "Their support from the council has ended";
    case EndKind::MovedAway: return "They have moved to another council's area";
  }
  return "Their support from the council has ended";
}

std::optional<EndKind> end_kind_from_code(std::string_view code) {
  for (auto k : kKinds)
    if (end_kind_code(k) == code) return k;
  return std::nullopt;
}

Result<SupportEnd> support_end_from_fields(const people::Fields& f, CivilDate today) {
  FieldErrors errors;
  people::FieldReader r{f, errors, today};
  SupportEnd e;
  const auto kind = get(f, "kind");
  if (kind.empty()) errors.push_back({"kind", "Choose what has happened (died, support_ended or moved_away)"});
  else if (auto k = end_kind_from_code(kind)) e.kind = *k;
  else errors.push_back({"kind", "How support ended must be died, support_ended or moved_away"});
  const bool died = e.kind == EndKind::Died && !kind.empty();
  auto on = r.date("on", died ? "date of death" : "date", true, died);
  if (on) {
    if (*on > today.plus_days(366)) errors.push_back({"on", "The date can be at most a year ahead"});
    else e.on = *on;
  }
  e.moved_to = r.text("moved_to", "the council they moved to", e.kind == EndKind::MovedAway && !kind.empty(), 200);
  e.note = r.text("note", "the note", false, 1000);
  if (!errors.empty()) return std::unexpected(errors);
  return e;
}

CivilDate last_day_paid(const SupportEnd& e) { return e.kind == EndKind::MovedAway ? e.on.plus_days(-1) : e.on; }

std::string end_words(const SupportEnd& e, const std::string& name) {
  switch (e.kind) {
    case EndKind::Died: return name + " died on " + e.on.display() + ". Payments for their support have stopped.";
    case EndKind::MovedAway:
      return name + " moved to " + e.moved_to + "'s area on " + e.on.display() + ". Payments from this council have stopped.";
    case EndKind::SupportEnded: break;
  }
  return name + "'s support from the council ended on " + e.on.display() + ". Payments have stopped.";
}

payments::Schedule stopped_at(payments::Schedule s, std::optional<CivilDate> last_day) {
  if (last_day && (!s.ends_on || *last_day < *s.ends_on)) s.ends_on = *last_day;
  return s;
}

Money overpaid_after(const payments::Payment& payment, payments::Frequency frequency, CivilDate last_day, Money paid) {
  if (payment.period.end <= last_day) return Money{};
  const std::int64_t n = numerator_factor(frequency);
  const std::int64_t d = denominator(frequency, payment.period);
  __int128 numerator = 0;
  for (const auto& seg : payment.segments) {
    const CivilDate from = std::max(seg.from, last_day.plus_days(1));
    if (from > seg.to) continue;
    numerator += __int128(seg.weekly.pence()) * n * (days_between(from, seg.to) + 1);
  }
  const auto pence = std::int64_t(std::min<__int128>(numerator / d, paid.pence()));
  return Money::from_pence(std::max<std::int64_t>(pence, 0));
}

std::span<const Debtor> debtors() { return kDebtors; }

std::string_view debtor_code(Debtor d) {
  switch (d) {
    case Debtor::Estate: return "estate";
    case Debtor::Payee: return "payee";
    case Debtor::Person: return "person";
  }
  return "person";
}

std::string_view debtor_label(Debtor d) {
  switch (d) {
    case Debtor::Estate: return "Their estate (whoever is dealing with their affairs)";
    case Debtor::Payee: return "Whoever the direct payment was paid to";
    case Debtor::Person: return "The person themself";
  }
  return "The person themself";
}

std::optional<Debtor> debtor_from_code(std::string_view code) {
  for (auto d : kDebtors)
    if (debtor_code(d) == code) return d;
  return std::nullopt;
}

Debtor default_debtor(EndKind k) { return k == EndKind::Died ? Debtor::Estate : Debtor::Person; }

std::string_view case_state_code(CaseState s) {
  switch (s) {
    case CaseState::Open: return "open";
    case CaseState::WriteOffProposed: return "write_off_proposed";
    case CaseState::Repaid: return "repaid";
    case CaseState::WrittenOff: return "written_off";
  }
  return "open";
}

std::string_view case_state_label(CaseState s) {
  switch (s) {
    case CaseState::Open: return "Open";
    case CaseState::WriteOffProposed: return "Write-off waiting for approval";
    case CaseState::Repaid: return "Repaid";
    case CaseState::WrittenOff: return "Written off";
  }
  return "Open";
}

std::optional<CaseState> case_state_from_code(std::string_view code) {
  for (auto s : kStates)
    if (case_state_code(s) == code) return s;
  return std::nullopt;
}

Money outstanding(const RecoveryCase& c) {
  if (c.state == CaseState::Repaid || c.state == CaseState::WrittenOff) return Money{};
  return Money::from_pence(std::max<std::int64_t>(c.amount.pence() - c.received.pence(), 0));
}

std::vector<Instalment> instalment_plan(Money amount, int count, CivilDate first_due) {
  std::vector<Instalment> out;
  if (count < 1) count = 1;
  const std::int64_t each = amount.pence() / count;
  std::int64_t left = amount.pence() - each * count;  // fewer pennies than instalments
  for (int k = 0; k < count; ++k) {
    const std::int64_t penny = left > 0 ? 1 : 0;
    left -= penny;
    out.push_back({k + 1, budgets::plus_months(first_due, k), Money::from_pence(each + penny)});
  }
  return out;
}

Money due_by(const RecoveryCase& c, CivilDate on) {
  std::int64_t due = 0;
  for (const auto& i : instalment_plan(c.amount, c.instalments, c.first_due))
    if (i.due <= on) due += i.amount.pence();
  return Money::from_pence(due);
}

Result<Plan> plan_from_fields(const people::Fields& f, CivilDate today) {
  FieldErrors errors;
  people::FieldReader r{f, errors, today};
  Plan p;
  if (auto n = r.whole_number("instalments", "the number of instalments", 1, 60, true)) p.instalments = *n;
  auto first = r.date("first_due", "date the first payment is due", true, false);
  if (first) {
    if (*first < today.plus_days(-366)) errors.push_back({"first_due", "The first payment cannot be due more than a year ago"});
    else if (*first > today.plus_days(366)) errors.push_back({"first_due", "The first payment can be due at most a year ahead"});
    else p.first_due = *first;
  }
  if (!errors.empty()) return std::unexpected(errors);
  return p;
}

std::string_view receipt_source_code(ReceiptSource s) { return s == ReceiptSource::HoldingAccount ? "holding_account" : "payer"; }

std::optional<ReceiptSource> receipt_source_from_code(std::string_view code) {
  if (code == "holding_account") return ReceiptSource::HoldingAccount;
  if (code == "payer") return ReceiptSource::Payer;
  return std::nullopt;
}

std::optional<std::string> step_refused(CaseState state, CaseStep step) {
  const std::string now = "This case is " + to_lower(case_state_label(state));
  switch (step) {
    case CaseStep::Receive:
    case CaseStep::SetPlan:
    case CaseStep::ProposeWriteOff:
      if (state == CaseState::Open) return std::nullopt;
      if (state == CaseState::WriteOffProposed)
        return std::string("A write-off of this case is waiting for approval: it must be approved or declined first");
      return now + ", so nothing more can be recorded on it";
    case CaseStep::DecideWriteOff:
      if (state == CaseState::WriteOffProposed) return std::nullopt;
      return now + ", so there is no write-off to approve or decline";
  }
  return now;
}

Result<Receipt> receipt_from_fields(const people::Fields& f, const RecoveryCase& c, CivilDate today) {
  if (auto refused = step_refused(c.state, CaseStep::Receive)) return fail("state", *refused);
  FieldErrors errors;
  people::FieldReader r{f, errors, today};
  Receipt out;
  out.case_id = c.id;
  if (auto m = read_amount(f, errors, outstanding(c), "what is still owed")) out.amount = *m;
  if (auto on = r.date("received_on", "date it was received", true, true)) out.received_on = *on;
  const auto source = get(f, "source");
  if (source.empty()) errors.push_back({"source", "Choose where the money came from: holding_account or payer"});
  else if (auto s = receipt_source_from_code(source)) out.source = *s;
  else errors.push_back({"source", "Where the money came from must be holding_account or payer"});
  if (out.source == ReceiptSource::HoldingAccount) {
    out.part_key = get(f, "part_key");
    if (out.part_key.empty()) errors.push_back({"part_key", "Choose the part of the budget whose account the money came from"});
  }
  if (!errors.empty()) return std::unexpected(errors);
  return out;
}

Money contribution_for(const payments::Schedule& s, const payments::Period& period, std::span<const budgets::BudgetVersion> versions) {
  const std::int64_t n = numerator_factor(s.frequency);
  const std::int64_t d = denominator(s.frequency, period);
  __int128 numerator = 0;
  for (CivilDate day = period.start; day <= period.end; day = day.plus_days(1)) {
    if (day < s.starts_on || (s.ends_on && day > *s.ends_on)) continue;
    const auto* b = budgets::budget_on(versions, day);
    if (!b) continue;
    if (auto share = budgets::person_share(*b)) numerator += __int128(share->pence()) * n;
  }
  return Money::from_pence(std::int64_t(numerator / d));
}

std::vector<ContributionInvoice> invoices_due(const payments::Schedule& s, CivilDate up_to, std::optional<CivilDate> invoiced_through,
                                              std::span<const budgets::BudgetVersion> versions) {
  std::vector<ContributionInvoice> out;
  for (const auto& p : payments::periods_due(s, up_to, invoiced_through)) {
    auto amount = contribution_for(s, p, versions);
    if (amount.pence() == 0) continue;
    ContributionInvoice i;
    i.council_id = s.council_id;
    i.person_id = s.person_id;
    i.period_start = p.start;
    i.period_end = p.end;
    i.amount = amount;
    i.due_on = p.start.plus_days(kInvoiceDueDays);
    out.push_back(i);
  }
  return out;
}

Arrears arrears_of(std::span<const ContributionInvoice> invoices, CivilDate today) {
  Arrears a;
  std::int64_t owed = 0;
  for (const auto& i : invoices) {
    if (a.person_name.empty()) {
      a.person_id = i.person_id;
      a.person_name = i.person_name;
    }
    const std::int64_t unpaid = i.amount.pence() - i.paid.pence();
    if (unpaid <= 0 || i.due_on > today) continue;
    owed += unpaid;
    ++a.invoices;
    if (!a.since || i.due_on < *a.since) a.since = i.due_on;
  }
  a.owed = Money::from_pence(owed);
  return a;
}

Result<ContributionPayment> contribution_payment_from_fields(const people::Fields& f, const ContributionInvoice& invoice, CivilDate today) {
  FieldErrors errors;
  people::FieldReader r{f, errors, today};
  ContributionPayment p;
  p.invoice_id = invoice.id;
  const auto unpaid = Money::from_pence(std::max<std::int64_t>(invoice.amount.pence() - invoice.paid.pence(), 0));
  if (unpaid.pence() == 0) return fail("amount", "This invoice is paid in full already");
  if (auto m = read_amount(f, errors, unpaid, "what is unpaid of the invoice")) p.amount = *m;
  if (auto on = r.date("received_on", "date it was received", true, true)) p.received_on = *on;
  if (!errors.empty()) return std::unexpected(errors);
  return p;
}

}  // namespace patchwork::recovery
