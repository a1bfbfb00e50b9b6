#include "domain/kb/markdown.h"

#include <gtest/gtest.h>

namespace serai::kb {
namespace {

TEST(MarkdownTest, RendersHeadingsListsTablesAndRightToLeftText) {
  std::string html = MarkdownToHtml(
      "**مهم:** پاسپورت خود را نگه دارید\n\n- one\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |\n");
  EXPECT_NE(html.find("<strong>مهم:</strong> پاسپورت"), std::string::npos) << html;
  EXPECT_NE(html.find("<li>two</li>"), std::string::npos) << html;
  EXPECT_NE(html.find("<table>"), std::string::npos) << html;
  EXPECT_NE(html.find("<td>2</td>"), std::string::npos) << html;
}

TEST(MarkdownTest, DropsRawHtmlAndUnsafeLinks) {
  std::string html = MarkdownToHtml(
      "<script>alert(1)</script>\n\nHi <img src=x onerror=alert(2)> there\n\n"
      "[click](javascript:alert(3)) [data](data:text/html;base64,PHNjcmlwdD4=) "
      "[ok](https://www.iom.int/)\n");
  EXPECT_EQ(html.find("<script"), std::string::npos) << html;
  EXPECT_EQ(html.find("onerror"), std::string::npos) << html;
  EXPECT_EQ(html.find("javascript:"), std::string::npos) << html;
  EXPECT_EQ(html.find("data:text/html"), std::string::npos) << html;
  EXPECT_NE(html.find("href=\"https://www.iom.int/\""), std::string::npos) << html;
}

TEST(MarkdownTest, EscapesTextAndSurvivesInvalidUtf8) {
  EXPECT_NE(MarkdownToHtml("a < b & \"c\"").find("a &lt; b &amp; &quot;c&quot;"),
            std::string::npos);
  std::string html = MarkdownToHtml(std::string("bad \xff\xfe bytes"));
  EXPECT_NE(html.find("bytes"), std::string::npos);
}

}  // namespace
}  // namespace serai::kb
