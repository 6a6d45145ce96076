#include "domain/audit/audit_action.hpp"

#include <gtest/gtest.h>

#include <set>

namespace patchwork::audit {

TEST(AuditActions, CodesAreUniqueAndRoundTrip) {
  std::set<std::string_view> codes;
  for (const auto& info : all_audit_actions()) {
    EXPECT_TRUE(codes.insert(info.code).second) << info.code;
    EXPECT_EQ(audit_action_from_code(info.code), info.action);
    EXPECT_FALSE(info.description.empty());
  }
  EXPECT_FALSE(audit_action_from_code("made_up"));
}

TEST(AuditActions, EveryPolicyActionHasAnAuditActionOfTheSameCode) {
  for (auto a : access::all_actions()) EXPECT_EQ(audit_action_code(audit_action_for(a)), access::action_code(a));
}

}  // namespace patchwork::audit
