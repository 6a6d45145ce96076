#include "http/return_path.hpp"

#include <gtest/gtest.h>

#include <set>

namespace patchwork::http {
namespace {

std::optional<std::string> check(std::string_view next) {
  static const std::set<std::string, std::less<>> pages{"/home", "/people", "/people/12", "/audit"};
  return local_return_path(next, [](std::string_view p) { return pages.contains(p); });
}

TEST(ReturnPath, AcceptsPagesOfThisSite) {
  EXPECT_EQ(check("/home"), "/home");
  EXPECT_EQ(check("/people?name=ellis"), "/people?name=ellis");
  EXPECT_EQ(check("/people/12"), "/people/12");
}

TEST(ReturnPath, RefusesLineBreaksAndControlCharacters) {
  EXPECT_FALSE(check("/home\r\nX-Injected: 1"));
  EXPECT_FALSE(check("/home\nSet-Cookie: planted=1"));
  EXPECT_FALSE(check(std::string_view("/home\0x", 7)));
  EXPECT_FALSE(check("/\t/evil.example"));
  EXPECT_FALSE(check("/home x"));
  // Encoded, a line break cannot split a header, but it is still not a page.
  EXPECT_FALSE(check("/home%0D%0AX-Injected:%201"));
}

TEST(ReturnPath, RefusesOtherSites) {
  EXPECT_FALSE(check("//evil.example/home"));
  EXPECT_FALSE(check("/\\evil.example"));
  EXPECT_FALSE(check("https://evil.example/home"));
  EXPECT_FALSE(check("evil.example"));
  EXPECT_FALSE(check("/people//12"));
  EXPECT_FALSE(check("/%2F%2Fevil.example"));
  EXPECT_FALSE(check(""));
}

TEST(ReturnPath, RefusesPathsNoPageAnswers) {
  EXPECT_FALSE(check("/nowhere"));
  EXPECT_FALSE(check("/home/extra"));
  EXPECT_FALSE(check("/" + std::string(2100, 'a')));
}

}  // namespace
}  // namespace patchwork::http
