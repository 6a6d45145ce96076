#include "services/councils_service.hpp"

#include "core/text.hpp"
#include "domain/councils/council_code.hpp"
#include "storage/repositories/accounts_repository.hpp"

namespace patchwork::services {

std::string normalise_council_code(const std::string& typed) {
  std::string code = trim(typed);
  for (auto& ch : code) ch = char(std::toupper(static_cast<unsigned char>(ch)));
  return code;
}

Result<CouncilId> add_council(storage::Connection& c, const std::string& code_typed, const std::string& name_typed) {
  const std::string code = normalise_council_code(code_typed), name = trim(name_typed);
  FieldErrors errors;
  if (auto problem = councils::council_code_problem(code)) errors.push_back({"code", *problem});
  if (auto problem = councils::council_name_problem(name)) errors.push_back({"name", *problem});
  if (!errors.empty()) return std::unexpected(errors);
  if (auto existing = storage::find_council_by_code(c, code)) return fail("code", "council " + code + " is already here, as " + existing->name);
  for (const auto& other : storage::list_councils(c))
    if (to_lower(other.name) == to_lower(name))
      return fail("name", "there is already a council called " + other.name + " (" + other.code + ")");
  return storage::insert_council(c, code, name);
}

}  // namespace patchwork::services
