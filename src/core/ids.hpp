#pragma once
// Ids of different things are different types, so that a call such as
// allocate_worker(c, council, person, worker) cannot be written with two ids
// swapped: a PersonId where a UserId belongs does not compile. Each is a
// database key, a positive whole number; 0 means "not yet stored".
#include <compare>
#include <cstdint>
#include <string>

namespace patchwork {

template <typename Tag>
class Id {
 public:
  constexpr Id() = default;
  constexpr explicit Id(std::int64_t value) : value_(value) {}
  constexpr std::int64_t value() const { return value_; }
  constexpr auto operator<=>(const Id&) const = default;
  std::string text() const { return std::to_string(value_); }

 private:
  std::int64_t value_ = 0;
};

using CouncilId = Id<struct CouncilIdTag>;
using PersonId = Id<struct PersonIdTag>;
using UserId = Id<struct UserIdTag>;
using AssessmentId = Id<struct AssessmentIdTag>;
using RasConfigurationId = Id<struct RasConfigurationIdTag>;
using ProviderId = Id<struct ProviderIdTag>;

}  // namespace patchwork
