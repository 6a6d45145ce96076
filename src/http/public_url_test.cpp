#include "http/public_url.hpp"

#include <gtest/gtest.h>

namespace patchwork::http {

TEST(PublicUrl, KeepsAnAbsoluteHttpsAddressWithoutItsTrailingSlash) {
  EXPECT_EQ(parse_public_url("https://patchwork.example.gov.uk/").value(), "https://patchwork.example.gov.uk");
  EXPECT_EQ(parse_public_url("http://127.0.0.1:8080").value(), "http://127.0.0.1:8080");
  EXPECT_EQ(parse_public_url("https://council.example/care/").value(), "https://council.example/care");
}

TEST(PublicUrl, RefusesAnythingElse) {
  for (const char* bad : {"", "patchwork.example.gov.uk", "/account/setup", "ftp://example.org", "https://",
                          "https://user:secret@example.org", "https://example.org/?a=1", "https://example.org/#top",
                          "javascript:alert(1)"})
    EXPECT_FALSE(parse_public_url(bad).has_value()) << bad;
}

}  // namespace patchwork::http
