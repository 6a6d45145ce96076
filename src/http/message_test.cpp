#include "http/message.hpp"

#include <gtest/gtest.h>

namespace patchwork::http {
namespace {

// Every header that can carry data chosen by someone else: each must turn the
// response into a plain 500 rather than let a line break split it.
TEST(ResponseHeaders, ALineBreakOrNulInAnyHeaderBecomesA500) {
  const std::vector<std::string> bad_values{"/home\r\nX-Injected: 1", "/home\nX-Injected: 1", "/home\rX", std::string("a\0b", 3)};
  for (const auto& value : bad_values) {
    for (const char* name : {"Location", "Set-Cookie", "Content-Disposition", "X-Request-Id", "ETag"}) {
      Response r = Response::html("<p>secret</p>");
      r.set_header(name, value);
      ASSERT_EQ(unsafe_header(r), name) << name;
      Response sent = with_safe_headers(r, "abc123");
      EXPECT_EQ(sent.status, 500) << name;
      EXPECT_TRUE(sent.headers.empty()) << name;
      EXPECT_EQ(sent.body.find("secret"), std::string::npos);
    }
  }
}

TEST(ResponseHeaders, RedirectsAndCookiesBuiltFromDataAreChecked) {
  EXPECT_EQ(with_safe_headers(Response::redirect("/x\r\nSet-Cookie: planted=1"), "r").status, 500);
  Response r;
  r.set_header("Set-Cookie", set_cookie_header("pw_session", "abc\r\nX: 1", CookieOptions{}));
  EXPECT_EQ(with_safe_headers(r, "r").status, 500);
  Response download = Response::text("a,b\n");
  download.set_header("Content-Disposition", "attachment; filename=\"payments\nX: 1.csv\"");
  EXPECT_EQ(with_safe_headers(download, "r").status, 500);
}

TEST(ResponseHeaders, TheContentTypeAndHeaderNamesAreCheckedToo) {
  Response r = Response::html("x");
  r.content_type = "text/html\r\nX-Injected: 1";
  EXPECT_EQ(with_safe_headers(r, "r").status, 500);
  Response named = Response::html("x");
  named.set_header("X-Bad Name", "1");
  EXPECT_EQ(with_safe_headers(named, "r").status, 500);
  Response colon = Response::html("x");
  colon.set_header("X-Injected: 1\r\nY", "1");
  EXPECT_EQ(with_safe_headers(colon, "r").status, 500);
}

TEST(ResponseHeaders, SafeResponsesPassUnchanged) {
  Response r = Response::redirect("/people/12?tab=budget");
  r.set_header("Set-Cookie", set_cookie_header("pw_session", "abc", CookieOptions{}));
  r.set_header("Content-Disposition", "attachment; filename=\"letter.html\"");
  Response sent = with_safe_headers(r, "r");
  EXPECT_EQ(sent.status, 303);
  EXPECT_EQ(sent.header("Location"), "/people/12?tab=budget");
  EXPECT_EQ(sent.headers.size(), 3u);
}

TEST(ProblemDocument, ListsAtMostTwentyFieldErrors) {
  std::vector<std::pair<std::string, std::string>> errors;
  for (int i = 0; i < 5000; ++i) errors.emplace_back("answers.q" + std::to_string(i), "is not a question of this questionnaire");
  Response r = Response::problem(422, "The request has errors", "5000 fields need correcting.", errors);
  EXPECT_LT(r.body.size(), 4000u);
  EXPECT_NE(r.body.find("\"errors_not_listed\":4980"), std::string::npos);
  EXPECT_NE(r.body.find("4980 more problems are not listed"), std::string::npos);
}

}  // namespace
}  // namespace patchwork::http
