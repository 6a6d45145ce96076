#include "services/people_service.hpp"

#include "storage/repositories/people_repository.hpp"

namespace patchwork::services {
namespace {

std::optional<FieldError> duplicate_nhs_number(storage::Connection& c, const people::Person& p) {
  if (!p.nhs_number) return std::nullopt;
  auto other = storage::find_person_by_nhs_number(c, p.council_id, *p.nhs_number);
  if (!other || other->id == p.id) return std::nullopt;
  return FieldError{"nhs_number", "This NHS number is already recorded for someone else in this council: "
                                  "search for them instead of recording them twice"};
}

}  // namespace

Result<people::Person> create_person(storage::Connection& c, const accounts::User& by, const people::PersonFields& fields, CivilDate today) {
  people::Person base;
  base.council_id = by.council_id;
  auto p = people::apply_person_fields(base, fields, today);
  if (!p) return p;
  if (auto dup = duplicate_nhs_number(c, *p)) return std::unexpected(FieldErrors{*dup});
  p->id = storage::insert_person(c, *p);
  if (by.role == access::Role::SocialWorker) storage::allocate_worker(c, by.council_id, p->id, by.id);
  return p;
}

Result<people::Person> update_person(storage::Connection& c, const people::Person& current, const people::PersonFields& fields, CivilDate today) {
  auto p = people::apply_person_fields(current, fields, today);
  if (!p) return p;
  if (auto dup = duplicate_nhs_number(c, *p)) return std::unexpected(FieldErrors{*dup});
  storage::update_person(c, *p);
  return p;
}

}  // namespace patchwork::services
