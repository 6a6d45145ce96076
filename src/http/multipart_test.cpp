#include "http/multipart.hpp"

#include <gtest/gtest.h>

namespace patchwork::http {
namespace {

TEST(Multipart, ReadsTheBoundaryFromTheContentType) {
  EXPECT_EQ(multipart_boundary("multipart/form-data; boundary=----x123").value(), "----x123");
  EXPECT_EQ(multipart_boundary("Multipart/Form-Data; charset=utf-8; boundary=\"a b\"").value(), "a b");
  EXPECT_FALSE(multipart_boundary("application/x-www-form-urlencoded"));
  EXPECT_FALSE(multipart_boundary("multipart/form-data"));
  EXPECT_FALSE(multipart_boundary("multipart/form-data; boundary="));
  EXPECT_FALSE(multipart_boundary("multipart/form-data; boundary=" + std::string(71, 'a')));
  EXPECT_FALSE(multipart_boundary("multipart/form-data; boundary=a<b"));
}

TEST(Multipart, ReadsFieldsAndAFile) {
  const std::string body =
      "--XyZ\r\n"
      "Content-Disposition: form-data; name=\"csrf_token\"\r\n\r\n"
      "abc\r\n"
      "--XyZ\r\n"
      "Content-Disposition: form-data; name=\"file\"; filename=\"nov.csv\"\r\n"
      "Content-Type: text/csv\r\n\r\n"
      "Id,Date\r\nB1,2026-11-03\r\n\r\n"
      "--XyZ--\r\n";
  auto parts = parse_multipart(body, "XyZ");
  ASSERT_TRUE(parts) << parts.error();
  ASSERT_EQ(parts->size(), 2u);
  EXPECT_EQ((*parts)[0].name, "csrf_token");
  EXPECT_EQ((*parts)[0].data, "abc");
  EXPECT_EQ((*parts)[1].name, "file");
  EXPECT_EQ((*parts)[1].filename, "nov.csv");
  EXPECT_EQ((*parts)[1].content_type, "text/csv");
  // The file's own line breaks are kept, including its last one.
  EXPECT_EQ((*parts)[1].data, "Id,Date\r\nB1,2026-11-03\r\n");
}

TEST(Multipart, APreambleAndAnEpilogueAreIgnored) {
  auto parts = parse_multipart("ignore me\r\n--b\r\nContent-Disposition: form-data; name=a\r\n\r\n1\r\n--b--\r\nafter", "b");
  ASSERT_TRUE(parts) << parts.error();
  ASSERT_EQ(parts->size(), 1u);
  EXPECT_EQ((*parts)[0].data, "1");
}

TEST(Multipart, RefusesWhatIsMalformed) {
  // Cut short: no closing boundary.
  EXPECT_FALSE(parse_multipart("--b\r\nContent-Disposition: form-data; name=a\r\n\r\n1", "b"));
  // No Content-Disposition, or not form-data, or no name.
  EXPECT_FALSE(parse_multipart("--b\r\nContent-Type: text/plain\r\n\r\n1\r\n--b--", "b"));
  EXPECT_FALSE(parse_multipart("--b\r\nContent-Disposition: attachment; name=a\r\n\r\n1\r\n--b--", "b"));
  EXPECT_FALSE(parse_multipart("--b\r\nContent-Disposition: form-data\r\n\r\n1\r\n--b--", "b"));
  EXPECT_FALSE(parse_multipart("--b\r\nContent-Disposition: form-data; name=\"a\r\n\r\n1\r\n--b--", "b"));
  // Headers that never end.
  EXPECT_FALSE(parse_multipart("--b\r\nContent-Disposition: form-data; name=a\r\n" + std::string(9000, 'x'), "b"));
  // A header line without a colon; a boundary not followed by a line break.
  EXPECT_FALSE(parse_multipart("--b\r\nnonsense\r\n\r\n1\r\n--b--", "b"));
  EXPECT_FALSE(parse_multipart("--bX\r\nContent-Disposition: form-data; name=a\r\n\r\n1\r\n--b--", "b"));
  // No parts at all.
  EXPECT_FALSE(parse_multipart("hello", "b"));
  // Too many parts.
  std::string many;
  for (std::size_t i = 0; i <= kMaxParts; ++i) many += "--b\r\nContent-Disposition: form-data; name=f\r\n\r\nx\r\n";
  many += "--b--";
  EXPECT_FALSE(parse_multipart(many, "b"));
}

}  // namespace
}  // namespace patchwork::http
