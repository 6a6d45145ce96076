#pragma once
// A provider organisation on a council's register: who may be named on a line
// of a support plan (a home care agency, a day service, a micro-enterprise, a
// community group, a personal assistant), and whom a provider account belongs
// to. Minimal for now; it grows into the market directory.
#include <optional>
#include <string>
#include <string_view>

#include "core/ids.hpp"
#include "core/result.hpp"
#include "domain/people/codes.hpp"
#include "domain/people/records.hpp"

namespace patchwork::providers {

// The kinds of organisation a council's register holds (issue #15). Stored as
// the value; the label is shown to people.
const people::CodeList& provider_kinds();

struct Provider {
  ProviderId id{};
  CouncilId council_id{};
  std::string name;
  std::string kind;                              // a value of provider_kinds()
  std::optional<std::string> cqc_location_id;    // "1-123456789", when the service is registered with the CQC
  std::string phone;                             // empty when not recorded
  std::string email;
  std::string address;                           // several lines, as it is written on an envelope
};

// The CQC location id in its one written form, or nothing when `text` is not
// one. See provider.cpp for the rule and where it comes from.
std::optional<std::string> normalise_cqc_location_id(std::string_view text);

// A provider from form or JSON fields (name, kind, cqc_location_id, phone,
// email, address), each problem named by its field. The id and council are
// the caller's.
Result<Provider> provider_from_fields(const people::Fields& fields);

}  // namespace patchwork::providers
