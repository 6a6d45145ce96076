#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "core/date.hpp"
#include "core/ids.hpp"

namespace patchwork::people {

// The person a council supports. The fields grow with the people capability;
// names follow the national client-level data set where one exists.
struct Person {
  PersonId id{};
  CouncilId council_id{};
  std::string given_name{};
  std::string family_name{};
  CivilDate date_of_birth{};               // not ok() until recorded
  std::optional<std::string> nhs_number{}; // ten digits, no spaces
  std::optional<std::string> postcode{};
  // Contact.
  std::string address_line_1{};
  std::string address_line_2{};
  std::string town{};
  std::string phone{};
  std::string email{};
  std::string preferred_contact = "phone";
  std::string languages{};                 // as the person says them: "Punjabi, English"
  bool interpreter_needed = false;
  // National client-level data fields (values from people/codes.hpp).
  std::string gender = "Unknown";
  std::string ethnicity = "Undeclared / Not known";
  std::string primary_support_reason = "Unknown";
  std::string accommodation_status = "Unknown";
  std::string dementia = "Not known";    // Not known, No, Suspected, Diagnosed: never assumed
  std::string visual_impairment = "Unknown";
  std::string hearing_impairment = "Unknown";
  std::string autism = "Unknown";
  std::string has_unpaid_carer = "Unknown";
  std::optional<CivilDate> date_of_death{};
  // National return fields (people/national.hpp).
  std::string client_type = "Service User";
  std::string employment_status = "Unknown";
  std::optional<std::string> gp_practice_code{};  // NHS ODS code: a letter and five digits
  std::string gp_practice_name{};

  std::string full_name() const { return given_name + " " + family_name; }
};

}  // namespace patchwork::people
