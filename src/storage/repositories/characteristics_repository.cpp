#include "storage/repositories/characteristics_repository.hpp"

#include <boost/json.hpp>

namespace patchwork::storage {
namespace {

namespace json = boost::json;
using people::Characteristic;

constexpr Statement kInsertChange{"insert_characteristic_change",
    "INSERT INTO person_characteristics (council_id, person_id, characteristic, value, effective_from, recorded_by, recorded_at) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7)"};
constexpr Statement kHistory{"characteristic_history",
    "SELECT h.id, h.council_id, h.person_id, h.characteristic, h.value, h.effective_from, h.recorded_by, "
    "coalesce(u.display_name, ''), h.recorded_at FROM person_characteristics h "
    "LEFT JOIN users u ON u.council_id = h.council_id AND u.id = h.recorded_by "
    "WHERE h.council_id = $1 AND h.person_id = $2 ORDER BY h.recorded_at DESC, h.id DESC"};
// One statement per column: the column is never made from data.
constexpr Statement kSetDementia{"set_person_dementia",
    "UPDATE people SET dementia = $3, updated_at = $4 WHERE council_id = $1 AND id = $2"};
constexpr Statement kSetPrimarySupportReason{"set_person_primary_support_reason",
    "UPDATE people SET primary_support_reason = $3, updated_at = $4 WHERE council_id = $1 AND id = $2"};
constexpr Statement kSetAccommodation{"set_person_accommodation_status",
    "UPDATE people SET accommodation_status = $3, updated_at = $4 WHERE council_id = $1 AND id = $2"};
constexpr Statement kSetUnpaidCarer{"set_person_has_unpaid_carer",
    "UPDATE people SET has_unpaid_carer = $3, updated_at = $4 WHERE council_id = $1 AND id = $2"};
constexpr Statement kSetDateOfDeath{"set_person_date_of_death",
    "UPDATE people SET date_of_death = $3, updated_at = $4 WHERE council_id = $1 AND id = $2"};

const Statement& column_update(Characteristic which) {
  switch (which) {
    case Characteristic::Dementia: return kSetDementia;
    case Characteristic::PrimarySupportReason: return kSetPrimarySupportReason;
    case Characteristic::AccommodationStatus: return kSetAccommodation;
    case Characteristic::HasUnpaidCarer: return kSetUnpaidCarer;
    case Characteristic::DateOfDeath: return kSetDateOfDeath;
  }
  return kSetDementia;
}

void insert_change(Connection& c, const people::CharacteristicChange& ch, const std::string& now) {
  c.execute(kInsertChange, {ch.council_id, ch.person_id, std::string(people::characteristic_code(ch.characteristic)), ch.value,
                            ch.effective_from, opt(ch.recorded_by), ch.recorded_at.empty() ? now : ch.recorded_at});
}

}  // namespace

people::CharacteristicHistory characteristic_history(Connection& c, CouncilId council_id, PersonId person_id) {
  people::CharacteristicHistory out;
  for (const auto& r : c.query(kHistory, {council_id, person_id})) {
    auto which = people::characteristic_from_code(r.text(3));
    if (!which) continue;  // not written by this version of Patchwork
    people::CharacteristicChange ch;
    ch.id = r.int64(0);
    ch.council_id = r.id<CouncilId>(1);
    ch.person_id = r.id<PersonId>(2);
    ch.characteristic = *which;
    ch.value = r.text(4);
    ch.effective_from = r.date(5);
    ch.recorded_by = r.opt_id<UserId>(6);
    ch.recorded_by_name = r.text(7);
    ch.recorded_at = r.text(8);
    out.push_back(std::move(ch));
  }
  return out;
}

void record_characteristic_change(Connection& c, const people::CharacteristicChange& ch) {
  const std::string now = utc_timestamp_now();
  insert_change(c, ch, now);
  Value value = ch.characteristic == Characteristic::DateOfDeath && ch.value.empty() ? Value(Null{}) : Value(ch.value);
  c.execute(column_update(ch.characteristic), {ch.council_id, ch.person_id, value, now});
}

void record_initial_characteristics(Connection& c, const people::Person& p, std::optional<UserId> recorded_by, CivilDate from) {
  const std::string now = utc_timestamp_now();
  const auto values = people::characteristics_of(p);
  for (auto which : people::all_characteristics()) {
    people::CharacteristicChange ch;
    ch.council_id = p.council_id;
    ch.person_id = p.id;
    ch.characteristic = which;
    ch.value = people::value_of(values, which);
    ch.effective_from = from;
    ch.recorded_by = recorded_by;
    if (which == Characteristic::DateOfDeath) {
      if (!p.date_of_death) continue;  // alive: nothing to record
      ch.effective_from = *p.date_of_death;
    }
    insert_change(c, ch, now);
  }
}

std::optional<people::Characteristics> characteristics_as_at(Connection& c, CouncilId council_id, PersonId person_id, CivilDate date) {
  return people::characteristics_as_at(characteristic_history(c, council_id, person_id), date);
}

std::string characteristics_to_json(const people::Characteristics& ch) {
  return json::serialize(json::object{{"dementia", ch.dementia},
                                      {"primary_support_reason", ch.primary_support_reason},
                                      {"accommodation_status", ch.accommodation_status},
                                      {"has_unpaid_carer", ch.has_unpaid_carer},
                                      {"date_of_death", ch.date_of_death ? json::value(ch.date_of_death->iso()) : json::value(nullptr)}});
}

std::optional<people::Characteristics> characteristics_from_json(const std::string& text) {
  boost::system::error_code ec;
  auto v = json::parse(text, ec);
  if (ec || !v.is_object()) return std::nullopt;
  const auto& o = v.as_object();
  people::Characteristics out;
  for (auto [key, field] : {std::pair{"dementia", &out.dementia}, std::pair{"primary_support_reason", &out.primary_support_reason},
                            std::pair{"accommodation_status", &out.accommodation_status},
                            std::pair{"has_unpaid_carer", &out.has_unpaid_carer}}) {
    const auto* member = o.if_contains(key);
    if (!member || !member->is_string()) return std::nullopt;
    *field = std::string(member->as_string());
  }
  if (const auto* death = o.if_contains("date_of_death"); death && death->is_string()) {
    out.date_of_death = CivilDate::parse_iso(std::string(death->as_string()));
    if (!out.date_of_death) return std::nullopt;
  }
  return out;
}

}  // namespace patchwork::storage
