// Article bodies are Markdown; readers, the public help pages and the web app get HTML made here.
#pragma once

#include <string>
#include <string_view>

namespace serai::kb {

// CommonMark with GitHub's tables, strikethrough and autolinks, rendered safely: raw HTML in the
// source is dropped and links to javascript:, vbscript:, file: and data: (other than images) are
// emptied, so the result can be put into a page as it is.
std::string MarkdownToHtml(std::string_view markdown);

}  // namespace serai::kb
