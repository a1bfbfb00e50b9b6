#include "domain/kb/markdown.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <cstdlib>
#include <memory>
#include <mutex>

namespace serai::kb {

std::string MarkdownToHtml(std::string_view markdown) {
  static std::once_flag registered;
  std::call_once(registered, [] { cmark_gfm_core_extensions_ensure_registered(); });
  // Without CMARK_OPT_UNSAFE, cmark replaces raw HTML with a comment and empties unsafe links.
  constexpr int kOptions = CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8;
  std::unique_ptr<cmark_parser, decltype(&cmark_parser_free)> parser(cmark_parser_new(kOptions),
                                                                     &cmark_parser_free);
  for (const char* name : {"table", "strikethrough", "autolink"}) {
    if (cmark_syntax_extension* ext = cmark_find_syntax_extension(name)) {
      cmark_parser_attach_syntax_extension(parser.get(), ext);
    }
  }
  cmark_parser_feed(parser.get(), markdown.data(), markdown.size());
  std::unique_ptr<cmark_node, decltype(&cmark_node_free)> doc(cmark_parser_finish(parser.get()),
                                                              &cmark_node_free);
  char* html =
      cmark_render_html(doc.get(), kOptions, cmark_parser_get_syntax_extensions(parser.get()));
  std::string out = html ? html : "";
  std::free(html);
  return out;
}

}  // namespace serai::kb
