#include "domain/providers/provider.hpp"

#include "core/text.hpp"
#include "domain/people/field_reader.hpp"

namespace patchwork::providers {

const people::CodeList& provider_kinds() {
  static const people::CodeList kinds = {
      {"home_care_agency", "Home care agency"},
      {"day_service", "Day service"},
      {"micro_enterprise", "Micro-enterprise"},
      {"community_group", "Community group"},
      {"personal_assistant", "Personal assistant"},
      {"other", "Other"},
  };
  return kinds;
}

// The Care Quality Commission gives each place it registers a location id:
// "1-" and then digits. Its public API (api.cqc.org.uk/public/v1/locations)
// lists them as, for example, "1-1000210669" (Kingswood House Nursing Home),
// "1-545611283" and "1-222222222": nine or ten digits after "1-", with newer
// registrations reaching eleven ("1-10000302982"). So the rule here is "1-"
// and 9 to 11 digits. NHS trusts' locations carry ODS site codes instead
// ("RL4A1"); they are not on a council's register of social care providers, so
// they are refused rather than half-checked. Spaces round it are forgiven.
std::optional<std::string> normalise_cqc_location_id(std::string_view text) {
  std::string id = trim(text);
  if (id.size() < 2 + 9 || id.size() > 2 + 11 || id.compare(0, 2, "1-") != 0) return std::nullopt;
  for (std::size_t i = 2; i < id.size(); ++i)
    if (id[i] < '0' || id[i] > '9') return std::nullopt;
  return id;
}

namespace {

// An email address as people write it: one "@", something before it, a dot in
// the part after it, no spaces. A mistyped address is caught; whether it
// reaches anyone only a message can tell.
bool looks_like_email(std::string_view e) {
  auto at = e.find('@');
  if (at == std::string_view::npos || at == 0 || e.find('@', at + 1) != std::string_view::npos) return false;
  auto domain = e.substr(at + 1);
  auto dot = domain.find('.');
  if (dot == std::string_view::npos || dot == 0 || dot + 1 == domain.size()) return false;
  return e.find_first_of(" \t\r\n") == std::string_view::npos;
}

}  // namespace

Result<Provider> provider_from_fields(const people::Fields& f) {
  FieldErrors errors;
  // The reader's date is unused: a provider has no dates yet.
  people::FieldReader r{f, errors, CivilDate{}};
  Provider p;
  p.name = r.text("name", "the provider's name", true, 200);
  if (has_line_break(p.name)) errors.push_back({"name", "The provider's name must be on one line"});
  p.kind = r.coded("kind", provider_kinds(), "the kind of provider", true, 40).value_or("");
  std::string cqc = r.text("cqc_location_id", "the CQC location id", false, 40);
  if (!cqc.empty()) {
    p.cqc_location_id = normalise_cqc_location_id(cqc);
    if (!p.cqc_location_id)
      errors.push_back({"cqc_location_id", "The CQC location id must be \"1-\" followed by 9 to 11 digits, like 1-123456789"});
  }
  p.phone = r.text("phone", "the phone number", false, 40);
  if (!p.phone.empty() && p.phone.find_first_not_of("0123456789 +()-") != std::string::npos)
    errors.push_back({"phone", "The phone number can only hold digits, spaces, brackets, + and -"});
  p.email = r.text("email", "the email address", false, 254);
  if (!p.email.empty() && !looks_like_email(p.email))
    errors.push_back({"email", "Enter an email address in the right form, like name@example.org"});
  p.address = r.text("address", "the address", false, 1000);
  if (!errors.empty()) return std::unexpected(errors);
  return p;
}

}  // namespace patchwork::providers
