#include "domain/people/national.hpp"

#include <cctype>
#include <utility>
#include <vector>

#include "core/text.hpp"

namespace patchwork::people {

std::optional<std::string_view> cld_dementia(std::string_view stored) {
  if (stored == "Diagnosed") return "Yes";
  if (stored == "No") return "No";
  if (stored == "Suspected" || stored == "Not known") return "Unknown";
  return std::nullopt;
}

CldCharacteristics cld_characteristics(const Characteristics& c) {
  return {std::string(cld_dementia(c.dementia).value_or("Unknown")), c.primary_support_reason, c.accommodation_status,
          c.has_unpaid_carer, c.date_of_death ? c.date_of_death->iso() : std::string()};
}

const CodeList& client_types() {
  static const CodeList list = {{"Service User", "Receives or asks for care and support (service user)"},
                                {"Carer", "An unpaid carer, supported as a carer"},
                                {"Carer known by association", "An unpaid carer known through the person they care for"}};
  return list;
}

const CodeList& employment_statuses() {
  static const CodeList list = {
      {"Paid: Less than 16 hours a week", "Paid work, less than 16 hours a week"},
      {"Paid: 16 or more hours a week", "Paid work, 16 hours a week or more"},
      {"Paid: Hours per week unknown", "Paid work, hours not known"},
      {"Not in Paid Employment (seeking work)", "Not in paid work: looking for work"},
      {"Not in Paid Employment (voluntary work only)", "Not in paid work: voluntary work only"},
      {"Not in Paid Employment (not actively seeking work / retired)", "Not in paid work: retired, or not looking for work"},
      {"Unknown", "Not known"},
  };
  return list;
}

namespace {

using Aliases = std::vector<std::pair<std::string_view, std::string_view>>;  // release 2 -> release 1

std::optional<std::string> canonical_with(const CodeList& list, const Aliases& release_2, std::string_view text) {
  const std::string t = trim(std::string(text));
  if (auto v = canonical(list, t)) return v;
  for (const auto& [r2, r1] : release_2)
    if (to_lower(std::string(r2)) == to_lower(t)) return std::string(r1);
  return std::nullopt;
}

}  // namespace

std::optional<std::string> canonical_client_type(std::string_view text) {
  // Release 2 renamed carers "unpaid carers" and put the rest in sentence case.
  static const Aliases release_2 = {{"Service user", "Service User"},
                                    {"Unpaid carer", "Carer"},
                                    {"Unpaid carer known by association", "Carer known by association"}};
  return canonical_with(client_types(), release_2, text);
}

std::optional<std::string> canonical_employment_status(std::string_view text) {
  static const Aliases release_2 = {
      {"Not in paid employment: Seeking work", "Not in Paid Employment (seeking work)"},
      {"Not in paid employment: Voluntary work only", "Not in Paid Employment (voluntary work only)"},
      {"Not in paid employment: Not actively seeking work or retired", "Not in Paid Employment (not actively seeking work / retired)"}};
  return canonical_with(employment_statuses(), release_2, text);
}

std::optional<std::string> normalise_gp_practice_code(std::string_view text) {
  const std::string t = trim(std::string(text));
  if (t.size() != 6 || !std::isalpha(static_cast<unsigned char>(t[0]))) return std::nullopt;
  for (std::size_t i = 1; i < 6; ++i)
    if (!std::isdigit(static_cast<unsigned char>(t[i]))) return std::nullopt;
  std::string out = t;
  out[0] = char(std::toupper(static_cast<unsigned char>(out[0])));
  return out;
}

}  // namespace patchwork::people
