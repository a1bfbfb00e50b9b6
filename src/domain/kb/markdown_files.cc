#include "domain/kb/markdown_files.h"

#include <toml++/toml.h>

#include <set>
#include <sstream>

namespace serai::kb {
namespace {

constexpr std::string_view kFence = "+++";

toml::array ListOf(const std::vector<std::string>& items) {
  toml::array out;
  for (const std::string& item : items) out.push_back(item);
  return out;
}

}  // namespace

Result<ImportedTranslation> ParseMarkdownFile(const std::string& text, const std::string& name) {
  auto bad = [&name](const std::string& why) {
    return InvalidArgument("invalid_article", name + ": " + why);
  };
  // +++, the front matter, +++, then the body.
  std::string_view rest(text);
  if (rest.starts_with("\xEF\xBB\xBF")) rest.remove_prefix(3);  // a byte order mark
  if (!rest.starts_with(kFence)) return bad("does not begin with +++ front matter");
  size_t open_end = rest.find('\n');
  if (open_end == std::string_view::npos) return bad("has no front matter");
  size_t close = rest.find("\n+++", open_end);
  if (close == std::string_view::npos) return bad("front matter has no closing +++");
  std::string_view front = rest.substr(open_end + 1, close - open_end - 1);
  size_t body_start = rest.find('\n', close + 4);
  std::string body(body_start == std::string_view::npos ? "" : rest.substr(body_start + 1));
  while (!body.empty() && (body.front() == '\n' || body.front() == '\r')) body.erase(0, 1);
  while (!body.empty() && (body.back() == '\n' || body.back() == '\r')) body.pop_back();

  toml::table t;
  try {
    t = toml::parse(front);
  } catch (const toml::parse_error& e) {
    return bad("front matter: " + std::string(e.description()));
  }
  ImportedTranslation out;
  out.body = std::move(body);
  auto text_field = [&](const char* key, std::string& into) -> Status {
    if (!t.contains(key)) return Status::Ok();
    auto v = t[key].value<std::string>();
    if (!v) return bad(std::string(key) + " is text");
    into = *v;
    return Status::Ok();
  };
  auto date_field = [&](const char* key, std::string& into) -> Status {
    if (!t.contains(key)) return Status::Ok();
    if (auto d = t[key].value<toml::date>()) {
      into = DateText(std::chrono::year{d->year} / std::chrono::month{d->month} /
                      std::chrono::day{d->day});
      return Status::Ok();
    }
    return text_field(key, into);  // a date may also be written as text
  };
  auto list_field = [&](const char* key, std::vector<std::string>& into) -> Status {
    if (!t.contains(key)) return Status::Ok();
    const toml::array* a = t[key].as_array();
    if (a == nullptr) return bad(std::string(key) + " is a list");
    for (const auto& item : *a) {
      auto v = item.value<std::string>();
      if (!v) return bad(std::string(key) + " is a list of words");
      into.push_back(*v);
    }
    return Status::Ok();
  };
  RETURN_IF_ERROR(text_field("slug", out.slug));
  RETURN_IF_ERROR(text_field("lang", out.lang));
  RETURN_IF_ERROR(text_field("title", out.title));
  RETURN_IF_ERROR(text_field("short_answer", out.short_answer));
  RETURN_IF_ERROR(list_field("topics", out.topics));
  RETURN_IF_ERROR(list_field("countries", out.countries));
  RETURN_IF_ERROR(list_field("audience", out.audiences));
  RETURN_IF_ERROR(date_field("reviewed", out.reviewed));
  RETURN_IF_ERROR(date_field("review_by", out.review_by));
  for (const auto& [key, value] : t) {
    static const std::set<std::string_view> kKnown = {"slug",         "lang",     "title",
                                                      "short_answer", "topics",   "countries",
                                                      "audience",     "reviewed", "review_by"};
    if (!kKnown.count(key.str()))
      return bad("front matter has an unknown key: " + std::string(key.str()));
  }
  RETURN_IF_ERROR(CheckImported(out, name));
  return out;
}

std::string MarkdownFile(const ImportedTranslation& t) {
  toml::table front{{"slug", t.slug},
                    {"lang", t.lang},
                    {"title", t.title},
                    {"topics", ListOf(t.topics)},
                    {"countries", ListOf(t.countries)},
                    {"audience", ListOf(t.audiences)}};
  if (auto d = ParseDate(t.review_by)) {
    front.insert("review_by",
                 toml::date{static_cast<int>(d->year()), static_cast<unsigned>(d->month()),
                            static_cast<unsigned>(d->day())});
  }
  if (!t.short_answer.empty()) front.insert("short_answer", t.short_answer);
  std::ostringstream out;
  out << kFence << "\n" << toml::toml_formatter(front) << "\n" << kFence << "\n" << t.body << "\n";
  return out.str();
}

}  // namespace serai::kb
