#include "core/ids.hpp"

#include <gtest/gtest.h>

#include <type_traits>

namespace patchwork {

// The point of the types: one kind of id never converts to another, nor
// silently from a bare number.
static_assert(!std::is_convertible_v<PersonId, UserId>);
static_assert(!std::is_convertible_v<UserId, PersonId>);
static_assert(!std::is_convertible_v<CouncilId, PersonId>);
static_assert(!std::is_convertible_v<std::int64_t, CouncilId>);
static_assert(!std::is_convertible_v<PersonId, std::int64_t>);
static_assert(std::is_constructible_v<PersonId, std::int64_t>);

TEST(Ids, CompareAndPrintAsTheirNumbers) {
  EXPECT_EQ(PersonId(7).value(), 7);
  EXPECT_LT(PersonId(7), PersonId(8));
  EXPECT_EQ(UserId(42).text(), "42");
  EXPECT_EQ(CouncilId().value(), 0);
}

}  // namespace patchwork
