#include <gtest/gtest.h>

#include "domain/accounts/passwords.hpp"
#include "domain/accounts/sign_in_rules.hpp"
#include "domain/accounts/tokens.hpp"
#include "domain/accounts/user.hpp"

namespace patchwork::accounts {

TEST(Passwords, HashesWithArgon2idAndVerifies) {
  auto strength = HashStrength::interactive();
  std::string hash = hash_password("correct horse battery", strength);
  EXPECT_TRUE(hash.starts_with("$argon2id$"));
  EXPECT_TRUE(verify_password(hash, "correct horse battery"));
  EXPECT_FALSE(verify_password(hash, "correct horse batterx"));
  EXPECT_FALSE(verify_password("not a hash", "anything"));
  // The same password hashes differently each time (a random salt).
  EXPECT_NE(hash, hash_password("correct horse battery", strength));
}

TEST(Passwords, AsksForRehashWhenTheCostChanges) {
  std::string hash = hash_password("correct horse battery", HashStrength::interactive());
  EXPECT_FALSE(needs_rehash(hash, HashStrength::interactive()));
  EXPECT_TRUE(needs_rehash(hash, HashStrength::moderate()));
}

TEST(Passwords, LengthRules) {
  EXPECT_FALSE(password_problem("short").empty());
  EXPECT_TRUE(password_problem("long enough!").empty());
  EXPECT_FALSE(password_problem(std::string(201, 'x')).empty());
}

TEST(Tokens, AreRandom256BitAndStoredOnlyAsHashes) {
  std::string a = new_token(), b = new_token();
  EXPECT_EQ(a.size(), 64u);
  EXPECT_NE(a, b);
  EXPECT_EQ(token_hash(a).size(), 64u);
  EXPECT_NE(token_hash(a), a);
  EXPECT_EQ(token_hash(a), token_hash(a));
  EXPECT_TRUE(tokens_equal(a, a));
  EXPECT_FALSE(tokens_equal(a, b));
  EXPECT_FALSE(tokens_equal("", ""));  // a missing token never matches a missing token
  EXPECT_FALSE(tokens_equal(a, a.substr(0, 63)));
}

TEST(SignInRules, ThrottlesPerAccountThenPerAddress) {
  SignInLimits limits;
  EXPECT_EQ(throttle_for(0, 0, limits), Throttle::Open);
  EXPECT_EQ(throttle_for(4, 19, limits), Throttle::Open);
  EXPECT_EQ(throttle_for(5, 0, limits), Throttle::AccountPaused);
  EXPECT_EQ(throttle_for(0, 20, limits), Throttle::AddressPaused);
}

TEST(SignInRules, SessionsExpireWhenIdleOrTooOld) {
  SessionLimits limits;
  auto t0 = Clock::now();
  EXPECT_FALSE(session_expired(t0, t0, t0 + std::chrono::minutes(29), limits));
  EXPECT_TRUE(session_expired(t0, t0, t0 + std::chrono::minutes(31), limits));
  // Active all the time, but past the absolute limit.
  auto late = t0 + std::chrono::hours(12) + std::chrono::minutes(1);
  EXPECT_TRUE(session_expired(t0, late - std::chrono::minutes(1), late, limits));
}

TEST(Usernames, AreLowerCaseWithSimpleCharacters) {
  EXPECT_TRUE(username_problem("social.worker").empty());
  EXPECT_FALSE(username_problem("Social.Worker").empty());
  EXPECT_FALSE(username_problem("ab").empty());
  EXPECT_FALSE(username_problem("a b c").empty());
  EXPECT_FALSE(username_problem("robert'); drop").empty());
}

}  // namespace patchwork::accounts
