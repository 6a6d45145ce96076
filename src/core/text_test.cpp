#include "core/text.hpp"

#include <gtest/gtest.h>

namespace patchwork {

TEST(TextProblem, AcceptsOrdinaryTextWithLineBreaksAndAccents) {
  EXPECT_FALSE(text_problem("Margaret Ellis"));
  EXPECT_FALSE(text_problem("Line one\r\nLine two\tand a tab"));
  EXPECT_FALSE(text_problem("Zo\xC3\xAB \xE2\x80\x94 \xC2\xA3" "5 \xF0\x9F\x99\x82"));  // ë, an em dash, £, an emoji
  EXPECT_FALSE(text_problem(""));
}

TEST(TextProblem, RefusesNulAndOtherControlCharacters) {
  EXPECT_TRUE(text_problem(std::string_view("a\0b", 3)));
  EXPECT_TRUE(text_problem("a\x1b[31mred"));
  EXPECT_TRUE(text_problem("bell\x07"));
  EXPECT_TRUE(text_problem("del\x7f"));
  EXPECT_TRUE(text_problem("c1 \xC2\x85 next line"));
}

TEST(TextProblem, RefusesInvisibleDirectionAndSeparatorCharacters) {
  EXPECT_TRUE(text_problem("X\xE2\x80\xAEY"));  // U+202E right-to-left override
  EXPECT_TRUE(text_problem("X\xE2\x81\xA6Y"));  // U+2066 left-to-right isolate
  EXPECT_TRUE(text_problem("X\xE2\x80\xA8Y"));  // U+2028 line separator
  EXPECT_FALSE(text_problem("\xD8\xB9\xD8\xA7\xD8\xA6\xD8\xB4\xD8\xA9"));  // Arabic text itself is fine
  EXPECT_TRUE(has_line_break("Grace\r\nFAKE"));
  EXPECT_FALSE(has_line_break("Grace Williams"));
}

TEST(TextProblem, RefusesWhatIsNotUtf8) {
  EXPECT_TRUE(text_problem("\xff"));
  EXPECT_TRUE(text_problem("\xC3"));              // cut short
  EXPECT_TRUE(text_problem("\xC0\xAF"));          // overlong "/"
  EXPECT_TRUE(text_problem("\xED\xA0\x80"));      // a surrogate
  EXPECT_TRUE(text_problem("\xF4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_EQ(*text_problem("\xff"), "must be text in UTF-8");
}

TEST(ClipUtf8, CutsAtAByteLimitButNeverInsideACharacter) {
  EXPECT_EQ(clip_utf8("short", 10), "short");
  EXPECT_EQ(clip_utf8("abcdef", 3), "abc\xE2\x80\xA6");
  // "£" is two bytes: a cut at byte 2 would split it, so it falls back to 1.
  EXPECT_EQ(clip_utf8("a\xC2\xA3" "b", 2), "a\xE2\x80\xA6");
}

TEST(ParseId, TakesOnlyAWholeStringOfDigitsForAPositiveNumber) {
  EXPECT_EQ(parse_id("4"), 4);
  EXPECT_EQ(parse_id("0042"), 42);
  EXPECT_EQ(parse_id("9223372036854775807"), INT64_MAX);
  for (const char* bad : {"", "0", "4abc", "abc4", "-4", "+4", " 4", "4 ", "4.0", "1e3", "9223372036854775808"})
    EXPECT_FALSE(parse_id(bad).has_value()) << bad;
}

}  // namespace patchwork

namespace patchwork {
TEST(TextCase, UpperChangesOnlyAsciiLetters) {
  EXPECT_EQ(to_upper("pb12 a 09nov26"), "PB12 A 09NOV26");
  EXPECT_EQ(to_upper("Ōkafor é"), "ŌKAFOR é");
  EXPECT_EQ(to_lower(to_upper("Mixed Case 42")), "mixed case 42");
}
}  // namespace patchwork
