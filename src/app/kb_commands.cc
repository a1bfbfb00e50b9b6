// `serai kb import --data DIR FILE|DIR`, `serai kb export --data DIR OUT` and `serai kb ask --data
// DIR` (the evaluation interface: JSON lines {"id", "q"} in, {"id", "answer", "results": [{"slug",
// "lang", "score"}]} out, up to 5 results, best first; a line that is not a question gets {"id",
// "error"}).
#include <filesystem>
#include <iostream>

#include "app/app.h"
#include "common/files.h"
#include "common/json.h"
#include "common/text.h"
#include "domain/kb/markdown_files.h"

namespace serai::app {
namespace {

int Import(App& app, const Args& args) {
  if (args.words.size() < 3) {
    std::cerr << "serai kb import: give the file of articles (JSON lines), or Markdown files\n";
    return 2;
  }
  auto report = app.articles->ImportFile("system", args.words[2]);
  if (!report.ok()) {
    std::cerr << "serai kb import: " << report.status().message() << "\n";
    return 1;
  }
  std::cout << "imported " << report->translations << " translations (" << report->articles
            << " new articles, " << report->unchanged << " unchanged)\n";
  return 0;
}

// Every published translation to DIR/slug.lang.md (markdown_files.h); what import takes back.
int Export(App& app, const Args& args) {
  if (args.words.size() < 3) {
    std::cerr << "serai kb export: give the directory to write the Markdown files to\n";
    return 2;
  }
  const std::string& dir = args.words[2];
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) {
    std::cerr << "serai kb export: cannot create " << dir << "\n";
    return 1;
  }
  auto published = app.articles->PublishedTranslations();
  if (!published.ok()) {
    std::cerr << "serai kb export: " << published.status().message() << "\n";
    return 1;
  }
  for (const kb::ImportedTranslation& t : *published) {
    std::string path = dir + "/" + t.slug + "." + t.lang + ".md";
    if (Status s = WriteFileDurably(path, kb::MarkdownFile(t)); !s.ok()) {
      std::cerr << "serai kb export: " << s.message() << "\n";
      return 1;
    }
  }
  std::cout << "exported " << published->size() << " translations to " << dir << "\n";
  return 0;
}

int Ask(App& app) {
  auto index = app.articles->Index();
  if (!index.ok()) {
    std::cerr << "serai kb ask: " << index.status().message() << "\n";
    return 1;
  }
  std::ios::sync_with_stdio(false);
  for (std::string line; std::getline(std::cin, line);) {
    if (IsBlank(line)) continue;
    Json in = Json::parse(line, nullptr, false);
    Json out;
    Json id = in.is_object() ? in.value("id", Json(nullptr)) : Json(nullptr);
    Json q = in.is_object() ? in.value("q", Json(nullptr)) : Json(nullptr);
    if (!q.is_string() || q.get<std::string>().size() > 4000) {
      out = {{"id", id}, {"error", "each line is {\"id\": ..., \"q\": \"question\"}"}};
    } else {
      search::KbAnswer a = (*index)->Ask(q.get<std::string>());
      Json results = Json::array();
      for (const auto& h : a.hits) {
        results.push_back({{"slug", h.slug}, {"lang", h.lang}, {"score", h.score}});
      }
      out = {{"id", id}, {"answer", a.answer}, {"results", results}};
    }
    std::cout << out.dump(-1, ' ', false, Json::error_handler_t::replace) << "\n";
  }
  return 0;
}

}  // namespace

int KbCommand(const Config& config, const Args& args) {
  std::string verb = args.words.size() > 1 ? args.words[1] : "";
  auto opened = OpenApp(config);
  if (!opened.ok()) {
    std::cerr << "serai kb: " << opened.status().message() << "\n";
    return 1;
  }
  if (verb == "import") return Import(**opened, args);
  if (verb == "ask") return Ask(**opened);
  if (verb == "export") return Export(**opened, args);
  std::cerr << "serai kb: import FILE|DIR | export DIR | ask\n";
  return 2;
}

}  // namespace serai::app
