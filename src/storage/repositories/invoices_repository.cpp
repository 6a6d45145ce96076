#include "storage/repositories/invoices_repository.hpp"

#include <map>

#include "core/date.hpp"

namespace patchwork::storage {
namespace {

using namespace invoices;

constexpr Statement kInsert{"insert_invoice",
    "INSERT INTO invoices (council_id, provider_id, person_id, number, part_key, mechanism, plan_id, period_from, period_to, total_pence, "
    "state, must_act, entered_by, entered_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id"};
constexpr Statement kInsertLine{"insert_invoice_line",
    "INSERT INTO invoice_lines (council_id, invoice_id, plan_line, description, quarters, unit_cost_pence, amount_pence) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7)"};
constexpr Statement kInsertDifference{"insert_invoice_difference",
    "INSERT INTO invoice_differences (council_id, invoice_id, kind, plan_line, message) VALUES ($1, $2, $3, $4, $5)"};

#define PW_INVOICE_COLUMNS                                                                                               \
  "i.id, i.council_id, i.provider_id, pr.name, i.person_id, pe.given_name, pe.family_name, i.number, i.part_key, i.mechanism, " \
  "i.plan_id, i.period_from, i.period_to, i.total_pence, i.state, i.must_act, i.entered_by, eu.display_name, i.entered_at, "   \
  "i.decided_by, i.decided_at, ri.run_id"
#define PW_INVOICE_FROM                                                                                                  \
  " FROM invoices i JOIN providers pr ON pr.council_id = i.council_id AND pr.id = i.provider_id "                        \
  "JOIN people pe ON pe.id = i.person_id JOIN users eu ON eu.id = i.entered_by "                                       \
  "LEFT JOIN invoice_run_items ri ON ri.council_id = i.council_id AND ri.invoice_id = i.id "
constexpr Statement kFind{"find_invoice", "SELECT " PW_INVOICE_COLUMNS PW_INVOICE_FROM "WHERE i.council_id = $1 AND i.id = $2"};
// Held first (someone must settle them), then those waiting on the council,
// then the rest; newest first within each.
#define PW_INVOICE_ORDER "ORDER BY CASE WHEN i.state = 'held' THEN 0 WHEN i.must_act = 'council' THEN 1 ELSE 2 END, i.id DESC LIMIT 500"
constexpr Statement kList{"list_invoices", "SELECT " PW_INVOICE_COLUMNS PW_INVOICE_FROM "WHERE i.council_id = $1 " PW_INVOICE_ORDER};
constexpr Statement kListProvider{"list_provider_invoices",
    "SELECT " PW_INVOICE_COLUMNS PW_INVOICE_FROM "WHERE i.council_id = $1 AND i.provider_id = $2 " PW_INVOICE_ORDER};
#undef PW_INVOICE_ORDER
constexpr Statement kPayable{"payable_invoices",
    "SELECT " PW_INVOICE_COLUMNS PW_INVOICE_FROM "WHERE i.council_id = $1 AND i.state IN ('approved', 'released', 'accepted') "
    "AND ri.run_id IS NULL AND i.period_to <= $2 ORDER BY i.id"};
#undef PW_INVOICE_COLUMNS
#undef PW_INVOICE_FROM

constexpr Statement kLines{"invoice_lines",
    "SELECT plan_line, description, quarters, unit_cost_pence, amount_pence FROM invoice_lines WHERE council_id = $1 AND invoice_id = $2 "
    "ORDER BY id"};
constexpr Statement kDifferences{"invoice_differences",
    "SELECT kind, plan_line, message FROM invoice_differences WHERE council_id = $1 AND invoice_id = $2 ORDER BY id"};
constexpr Statement kWithNumber{"invoice_with_number",
    "SELECT id FROM invoices WHERE council_id = $1 AND provider_id = $2 AND number = $3"};
constexpr Statement kEarlier{"earlier_invoices",
    "SELECT i.id, i.number, i.period_from, i.period_to, i.state, l.plan_line FROM invoices i "
    "JOIN invoice_lines l ON l.council_id = i.council_id AND l.invoice_id = i.id "
    "WHERE i.council_id = $1 AND i.provider_id = $2 AND i.person_id = $3 ORDER BY i.id, l.id"};

constexpr Statement kMoveDecided{"move_invoice_decided",
    "UPDATE invoices SET state = $4, must_act = $5, decided_by = $6, decided_at = $7 WHERE council_id = $1 AND id = $2 AND state = $3"};
constexpr Statement kMove{"move_invoice",
    "UPDATE invoices SET state = $4, must_act = $5 WHERE council_id = $1 AND id = $2 AND state = $3"};
constexpr Statement kMustAct{"set_invoice_must_act", "UPDATE invoices SET must_act = $3 WHERE council_id = $1 AND id = $2"};
constexpr Statement kInsertEvent{"insert_invoice_event",
    "INSERT INTO invoice_events (council_id, invoice_id, state, note, by_user, at) VALUES ($1, $2, $3, $4, $5, $6)"};
constexpr Statement kEvents{"invoice_events",
    "SELECT e.state, e.note, u.display_name, e.at FROM invoice_events e LEFT JOIN users u ON u.id = e.by_user "
    "WHERE e.council_id = $1 AND e.invoice_id = $2 ORDER BY e.id"};
constexpr Statement kInsertMessage{"insert_invoice_message",
    "INSERT INTO invoice_messages (council_id, invoice_id, side, body, must_act, written_by, written_at) VALUES ($1, $2, $3, $4, $5, $6, $7)"};
constexpr Statement kMessages{"invoice_messages",
    "SELECT m.id, m.side, m.body, m.must_act, m.written_by, u.display_name, m.written_at FROM invoice_messages m "
    "JOIN users u ON u.id = m.written_by WHERE m.council_id = $1 AND m.invoice_id = $2 ORDER BY m.id"};

constexpr Statement kInsertBank{"insert_provider_bank_details",
    "INSERT INTO provider_bank_details (council_id, provider_id, account_name, sort_code, account_number, recorded_by, recorded_at) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7)"};
constexpr Statement kLatestBank{"latest_provider_bank_details",
    "SELECT provider_id, account_name, sort_code, account_number, recorded_at FROM provider_bank_details "
    "WHERE council_id = $1 AND provider_id = $2 ORDER BY id DESC LIMIT 1"};

constexpr Statement kInsertRunItem{"insert_invoice_run_item",
    "INSERT INTO invoice_run_items (council_id, run_id, invoice_id, transfer_id, amount_pence, payee_name, sort_code, account_number, "
    "reference) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"};
constexpr Statement kRunItems{"invoice_run_items",
    "SELECT ri.run_id, ri.invoice_id, ri.transfer_id, ri.amount_pence, ri.payee_name, ri.sort_code, ri.account_number, ri.reference, "
    "i.provider_id, pr.name, i.number, i.person_id, pe.given_name, pe.family_name, i.part_key, i.mechanism, i.period_from, i.period_to "
    "FROM invoice_run_items ri JOIN invoices i ON i.council_id = ri.council_id AND i.id = ri.invoice_id "
    "JOIN providers pr ON pr.council_id = i.council_id AND pr.id = i.provider_id JOIN people pe ON pe.id = i.person_id "
    "WHERE ri.council_id = $1 AND ri.run_id = $2 ORDER BY ri.id"};

Invoice invoice_from(const Row& r) {
  Invoice i;
  i.id = r.int64(0);
  i.council_id = r.id<CouncilId>(1);
  i.provider_id = r.id<ProviderId>(2);
  i.provider_name = r.text(3);
  i.person_id = r.id<PersonId>(4);
  i.person_name = r.text(5) + " " + r.text(6);
  i.number = r.text(7);
  i.part_key = r.text(8);
  i.mechanism = budgets::mechanism_from_code(r.text(9)).value_or(budgets::Mechanism::CouncilManaged);
  i.plan_id = r.int64(10);
  i.period_from = r.date(11);
  i.period_to = r.date(12);
  i.total = Money::from_pence(r.int64(13));
  i.state = state_from_code(r.text(14)).value_or(State::Received);
  i.must_act = side_from_code(r.text(15)).value_or(Side::Council);
  i.entered_by = r.id<UserId>(16);
  i.entered_by_name = r.text(17);
  i.entered_at = r.text(18);
  i.decided_by = r.opt_id<UserId>(19);
  i.decided_at = r.text(20);
  i.run_id = r.opt_int64(21);
  return i;
}

}  // namespace

std::int64_t insert_invoice(Connection& c, const Invoice& inv) {
  const auto id = c.query(kInsert, {inv.council_id, inv.provider_id, inv.person_id, inv.number, inv.part_key,
                                    std::string(budgets::mechanism_code(inv.mechanism)), inv.plan_id, inv.period_from, inv.period_to,
                                    inv.total.pence(), std::string(state_code(inv.state)), std::string(side_code(inv.must_act)),
                                    inv.entered_by, inv.entered_at})
                      .at(0).int64(0);
  for (const auto& l : inv.lines)
    c.execute(kInsertLine, {inv.council_id, id, l.plan_line, l.description, l.quarters, l.unit_cost.pence(), l.amount.pence()});
  for (const auto& d : inv.differences)
    c.execute(kInsertDifference, {inv.council_id, id, std::string(difference_code(d.kind)),
                                  d.plan_line ? Param(std::int64_t(*d.plan_line)) : Param(Null{}), d.message});
  return id;
}

std::optional<Invoice> find_invoice(Connection& c, CouncilId council, std::int64_t id) {
  auto rows = c.query(kFind, {council, id});
  if (rows.empty()) return std::nullopt;
  auto inv = invoice_from(rows.front());
  for (const auto& r : c.query(kLines, {council, id}))
    inv.lines.push_back({int(r.int64(0)), r.text(1), r.int64(2), Money::from_pence(r.int64(3)), Money::from_pence(r.int64(4))});
  for (const auto& r : c.query(kDifferences, {council, id})) {
    auto line = r.opt_int64(1);
    inv.differences.push_back({difference_from_code(r.text(0)).value_or(DifferenceKind::OutsidePlan),
                               line ? std::optional<int>(int(*line)) : std::nullopt, r.text(2)});
  }
  return inv;
}

std::vector<Invoice> list_invoices(Connection& c, CouncilId council, std::optional<ProviderId> provider) {
  std::vector<Invoice> out;
  for (const auto& r : provider ? c.query(kListProvider, {council, *provider}) : c.query(kList, {council})) out.push_back(invoice_from(r));
  return out;
}

std::optional<std::int64_t> invoice_with_number(Connection& c, CouncilId council, ProviderId provider, const std::string& number) {
  auto rows = c.query(kWithNumber, {council, provider, number});
  if (rows.empty()) return std::nullopt;
  return rows.front().int64(0);
}

std::vector<Earlier> earlier_invoices(Connection& c, CouncilId council, ProviderId provider, PersonId person) {
  std::vector<Earlier> out;
  std::int64_t last = 0;
  for (const auto& r : c.query(kEarlier, {council, provider, person})) {
    if (r.int64(0) != last) {
      last = r.int64(0);
      out.push_back({r.text(1), r.date(2), r.date(3), {}, state_from_code(r.text(4)).value_or(State::Received)});
    }
    out.back().plan_lines.push_back(int(r.int64(5)));
  }
  return out;
}

bool move_invoice(Connection& c, CouncilId council, std::int64_t id, State from, State to, Side must_act, std::optional<UserId> decided_by,
                  const std::string& at) {
  if (decided_by)
    return c.execute(kMoveDecided, {council, id, std::string(state_code(from)), std::string(state_code(to)), std::string(side_code(must_act)),
                                    *decided_by, at}) == 1;
  return c.execute(kMove, {council, id, std::string(state_code(from)), std::string(state_code(to)), std::string(side_code(must_act))}) == 1;
}

void set_must_act(Connection& c, CouncilId council, std::int64_t id, Side must_act) {
  c.execute(kMustAct, {council, id, std::string(side_code(must_act))});
}

void insert_invoice_event(Connection& c, CouncilId council, std::int64_t id, State state, const std::string& note, std::optional<UserId> by,
                          const std::string& at) {
  c.execute(kInsertEvent, {council, id, std::string(state_code(state)), note, opt(by), at});
}

std::vector<Event> invoice_events(Connection& c, CouncilId council, std::int64_t id) {
  std::vector<Event> out;
  for (const auto& r : c.query(kEvents, {council, id}))
    out.push_back({state_from_code(r.text(0)).value_or(State::Received), r.text(1), r.text(2), r.text(3)});
  return out;
}

void insert_invoice_message(Connection& c, CouncilId council, std::int64_t id, const Message& m) {
  c.execute(kInsertMessage, {council, id, std::string(side_code(m.side)), m.body, std::string(side_code(m.must_act)), m.written_by,
                             m.written_at});
}

std::vector<Message> invoice_messages(Connection& c, CouncilId council, std::int64_t id) {
  std::vector<Message> out;
  for (const auto& r : c.query(kMessages, {council, id})) {
    Message m;
    m.id = r.int64(0);
    m.side = side_from_code(r.text(1)).value_or(Side::Council);
    m.body = r.text(2);
    m.must_act = side_from_code(r.text(3)).value_or(Side::Council);
    m.written_by = r.id<UserId>(4);
    m.written_by_name = r.text(5);
    m.written_at = r.text(6);
    out.push_back(std::move(m));
  }
  return out;
}

void insert_provider_bank_details(Connection& c, CouncilId council, const ProviderBankDetails& b, std::optional<UserId> by) {
  c.execute(kInsertBank, {council, b.provider_id, b.account_name, b.sort_code, b.account_number, opt(by), utc_timestamp_now()});
}

std::optional<ProviderBankDetails> latest_provider_bank_details(Connection& c, CouncilId council, ProviderId provider) {
  auto rows = c.query(kLatestBank, {council, provider});
  if (rows.empty()) return std::nullopt;
  const auto& r = rows.front();
  return ProviderBankDetails{r.id<ProviderId>(0), r.text(1), r.text(2), r.text(3), r.text(4)};
}

std::vector<Invoice> payable_invoices(Connection& c, CouncilId council, CivilDate up_to) {
  std::vector<Invoice> out;
  for (const auto& r : c.query(kPayable, {council, up_to})) out.push_back(invoice_from(r));
  return out;
}

void insert_invoice_run_item(Connection& c, CouncilId council, const InvoiceRunItem& i) {
  c.execute(kInsertRunItem, {council, i.run_id, i.invoice_id, i.transfer_id, i.amount.pence(), i.payee_name, i.sort_code, i.account_number,
                             i.reference});
}

std::vector<InvoiceRunItem> invoice_run_items(Connection& c, CouncilId council, std::int64_t run_id) {
  std::vector<InvoiceRunItem> out;
  for (const auto& r : c.query(kRunItems, {council, run_id})) {
    InvoiceRunItem i;
    i.run_id = r.int64(0);
    i.invoice_id = r.int64(1);
    i.transfer_id = r.text(2);
    i.amount = Money::from_pence(r.int64(3));
    i.payee_name = r.text(4);
    i.sort_code = r.text(5);
    i.account_number = r.text(6);
    i.reference = r.text(7);
    i.provider_id = r.id<ProviderId>(8);
    i.provider_name = r.text(9);
    i.number = r.text(10);
    i.person_id = r.id<PersonId>(11);
    i.person_name = r.text(12) + " " + r.text(13);
    i.part_key = r.text(14);
    i.mechanism = budgets::mechanism_from_code(r.text(15)).value_or(budgets::Mechanism::CouncilManaged);
    i.period_from = r.date(16);
    i.period_to = r.date(17);
    out.push_back(std::move(i));
  }
  return out;
}

}  // namespace patchwork::storage
