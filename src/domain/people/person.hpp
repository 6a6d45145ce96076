#pragma once
#include <cstdint>
#include <optional>
#include <string>

namespace patchwork::people {

// The person a council supports. The fields grow with the people capability;
// names follow the national client-level data set where one exists.
struct Person {
  std::int64_t id = 0;
  std::int64_t council_id = 0;
  std::string given_name;
  std::string family_name;
  std::string date_of_birth;             // YYYY-MM-DD
  std::optional<std::string> nhs_number; // ten digits, no spaces
  std::optional<std::string> postcode;

  std::string full_name() const { return given_name + " " + family_name; }
};

}  // namespace patchwork::people
