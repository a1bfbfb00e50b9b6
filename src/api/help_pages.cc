// Public help pages (/help/{centre}): the knowledge base's published articles for anyone, rendered
// on the server as small pages for 2G and old phones. No script, no web fonts, no images of our
// own, no cookies, nothing from another host; one stylesheet, cached for a day. A centre's page
// lists the articles about its country (or about no country in particular) in the language asked
// for
// (?lang=), in English where that language has no translation yet.
#include <algorithm>
#include <map>

#include "api/route_table.h"
#include "common/ids.h"
#include "common/language_codes.h"
#include "domain/kb/markdown.h"
#include "search/normalise.h"

namespace serai::api {
namespace {

std::string Escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

bool RightToLeft(std::string_view lang) {
  return lang == "prs" || lang == "ps" || lang == "ur" || lang == "ar";
}

// The pages' own words, in the languages an MRC serves (English where one is missing).
enum class Words { kArticles, kOtherLanguages, kAllArticles, kInEnglish, kAdvice, kNotFound };

std::string_view Say(Words w, std::string_view lang) {
  static const std::map<std::string_view, std::array<std::string_view, 6>> kWords = {
      {"en",
       {"Information from {centre}", "Other languages", "All articles", "in English",
        "Every person's situation is different. Talk to a counsellor at {centre} before you "
        "decide: "
        "the advice is free and confidential.",
        "There is no such page."}},
      {"prs",
       {"معلومات از {centre}", "زبان‌های دیگر", "همه مقاله‌ها",
        "به انگلیسی",
        "وضعیت هر کس فرق دارد. پیش از تصمیم با مشاور {centre} صحبت کنید: مشوره رایگان و محرمانه "
        "است.",
        "چنین صفحه‌ای وجود ندارد."}},
      {"ps",
       {"له {centre} څخه معلومات", "نورې ژبې", "ټولې لیکنې", "په انګلیسي",
        "د هر چا حالت توپیر لري. له پرېکړې مخکې د {centre} له سلاکار سره خبرې وکړئ: مشوره وړیا "
        "او پټه ده.",
        "داسې پاڼه نشته."}},
      {"ur",
       {"{centre} کی معلومات", "دوسری زبانیں", "تمام مضامین", "انگریزی میں",
        "ہر شخص کی صورتحال مختلف ہوتی ہے۔ فیصلہ کرنے سے پہلے {centre} کے مشیر سے بات کریں: مشورہ "
        "مفت اور رازدارانہ ہے۔",
        "ایسا کوئی صفحہ نہیں ہے۔"}},
      {"bn",
       {"{centre} থেকে তথ্য", "অন্য ভাষা", "সব নিবন্ধ", "ইংরেজিতে",
        "প্রত্যেকের পরিস্থিতি আলাদা। সিদ্ধান্ত নেওয়ার আগে {centre}-এর একজন পরামর্শদাতার সাথে কথা "
        "বলুন: পরামর্শ বিনামূল্যে ও গোপনীয়।",
        "এমন কোনো পাতা নেই।"}},
      {"ar",
       {"معلومات من {centre}", "لغات أخرى", "كل المقالات", "بالإنجليزية",
        "وضع كل شخص مختلف. تحدث مع مستشار في {centre} قبل أن تقرر: الاستشارة مجانية وسرية.",
        "لا توجد صفحة كهذه."}},
      {"tg",
       {"Маълумот аз {centre}", "Забонҳои дигар", "Ҳамаи мақолаҳо", "бо забони англисӣ",
        "Вазъи ҳар кас гуногун аст. Пеш аз қарор бо мушовири {centre} сӯҳбат кунед: машварат "
        "ройгон ва махфӣ аст.",
        "Чунин саҳифа нест."}},
      {"ru",
       {"Информация от {centre}", "Другие языки", "Все статьи", "на английском",
        "У каждого своя ситуация. Прежде чем решать, поговорите с консультантом {centre}: "
        "консультация бесплатная и конфиденциальная.",
        "Такой страницы нет."}},
  };
  auto it = kWords.find(lang);
  if (it == kWords.end()) it = kWords.find("en");
  return it->second[static_cast<size_t>(w)];
}

std::string WithCentre(std::string_view text, const std::string& centre_name) {
  std::string out(text);
  if (size_t at = out.find("{centre}"); at != std::string::npos) {
    out.replace(at, 8, Escape(centre_name));
  }
  return out;
}

std::string Page(std::string_view lang, const std::string& title, const std::string& body) {
  return "<!doctype html><html lang=\"" + std::string(lang) + "\" dir=\"" +
         (RightToLeft(lang) ? "rtl" : "ltr") +
         "\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
         "content=\"width=device-width,initial-scale=1\"><title>" +
         Escape(title) + "</title><link rel=\"stylesheet\" href=\"/help.css\"></head><body><main>" +
         body + "</main></body></html>";
}

http::Response Html(int status, std::string_view lang, std::string body) {
  http::Response r;
  r.status = status;
  r.content_type = "text/html; charset=utf-8";
  r.body = std::move(body);
  r.headers.emplace_back("Content-Language", std::string(lang));
  // Published articles are public; a short cache keeps a slow connection from asking twice.
  r.headers.emplace_back("Cache-Control", status == 200 ? "public, max-age=300" : "no-store");
  return r;
}

http::Response NotFoundPage(std::string_view lang) {
  std::string text = Escape(Say(Words::kNotFound, lang));
  return Html(404, lang, Page(lang, text, "<h1>" + text + "</h1>"));
}

// The language asked for, if it is one we know; else the centre's first.
std::string ChosenLanguage(const http::Request& req, const centres::Centre& centre) {
  std::string asked = req.QueryParam("lang").value_or("");
  if (!asked.empty() && CheckLanguageCodes({asked}, 1).ok()) return asked;
  return centre.languages.empty() ? "en" : centre.languages.front();
}

std::string LanguageLinks(const centres::Centre& centre, const std::string& path,
                          const std::vector<std::string>& available, std::string_view lang) {
  std::vector<std::string> offered = centre.languages;
  if (std::find(offered.begin(), offered.end(), "en") == offered.end()) offered.push_back("en");
  std::string links;
  for (const std::string& l : offered) {
    if (l == lang || std::find(available.begin(), available.end(), l) == available.end()) continue;
    links += "<a href=\"" + path + "?lang=" + l + "\" lang=\"" + l + "\">" +
             Escape(LanguageAutonym(l)) + "</a> ";
  }
  if (links.empty()) return "";
  return "<nav aria-label=\"" + Escape(Say(Words::kOtherLanguages, lang)) + "\">" + links +
         "</nav>";
}

bool AboutCentre(const std::vector<std::string>& countries, const centres::Centre& centre) {
  return countries.empty() ||
         std::find(countries.begin(), countries.end(), centre.country) != countries.end();
}

http::Response IndexPage(Services& s, http::Request& req) {
  const std::string& id = req.params.at(0);
  if (!IsValidId(id)) return NotFoundPage("en");
  auto centre = s.centres.Get(id);
  if (!centre.ok()) return NotFoundPage("en");
  std::string lang = ChosenLanguage(req, *centre);
  auto titles = s.articles.PublishedTitles();
  if (!titles.ok()) return Html(503, lang, Page(lang, "Serai", "<h1>503</h1>"));
  // Per article: the title in `lang`, else English.
  struct Item {
    std::string slug, lang, title;
  };
  std::vector<Item> items;
  std::vector<std::string> languages;
  for (const auto& t : *titles) {
    if (!AboutCentre(t.countries, *centre)) continue;
    if (std::find(languages.begin(), languages.end(), t.lang) == languages.end()) {
      languages.push_back(t.lang);
    }
    if (items.empty() || items.back().slug != t.slug) {
      items.push_back({t.slug, t.lang, t.title});
    } else if (t.lang == lang || (t.lang == "en" && items.back().lang != lang)) {
      items.back() = {t.slug, t.lang, t.title};
    }
  }
  // Those in the language asked for first, each group in its readers' alphabetical order.
  std::vector<std::pair<std::string, size_t>> order;
  for (size_t i = 0; i < items.size(); ++i) {
    order.push_back(
        {(items[i].lang == lang ? "0" : "1") + search::SortKey(items[i].title, items[i].lang), i});
  }
  std::sort(order.begin(), order.end());
  std::string path = "/help/" + centre->id;
  std::string heading = WithCentre(Say(Words::kArticles, lang), centre->name);
  std::string body =
      "<h1>" + heading + "</h1>" + LanguageLinks(*centre, path, languages, lang) + "<ul>";
  for (const auto& [key, i] : order) {
    const Item& item = items[i];
    body += "<li><a href=\"" + path + "/" + item.slug + "?lang=" + item.lang + "\"";
    if (item.lang != lang) body += " lang=\"" + item.lang + "\" dir=\"auto\"";
    body += ">" + Escape(item.title) + "</a>";
    if (item.lang != lang) body += " <small>(" + Escape(Say(Words::kInEnglish, lang)) + ")</small>";
    body += "</li>";
  }
  body +=
      "</ul><p class=\"advice\">" + WithCentre(Say(Words::kAdvice, lang), centre->name) + "</p>";
  return Html(200, lang, Page(lang, heading, body));
}

http::Response ArticlePage(Services& s, http::Request& req) {
  const std::string& id = req.params.at(0);
  const std::string& slug = req.params.at(1);
  if (!IsValidId(id) || !kb::CheckSlug(slug).ok()) return NotFoundPage("en");
  auto centre = s.centres.Get(id);
  if (!centre.ok()) return NotFoundPage("en");
  std::string lang = ChosenLanguage(req, *centre);
  auto article = s.articles.GetBySlug(slug, kb::Articles::Shown::kPublished);
  if (!article.ok() || article->translations.empty() || !AboutCentre(article->countries, *centre)) {
    return NotFoundPage(lang);
  }
  std::vector<std::string> available;
  const kb::TranslationView* shown = nullptr;
  for (const auto& t : article->translations) {
    available.push_back(t.lang);
    if (t.lang == lang || (!shown && t.lang == "en")) shown = &t;
  }
  if (!shown) shown = &article->translations.front();
  std::string path = "/help/" + centre->id;
  std::string body = "<p><a href=\"" + path + "?lang=" + lang + "\">" +
                     Escape(Say(Words::kAllArticles, lang)) + "</a></p>";
  body += "<article lang=\"" + shown->lang + "\" dir=\"" +
          (RightToLeft(shown->lang) ? "rtl" : "ltr") + "\"><h1>" + Escape(shown->title) + "</h1>" +
          kb::MarkdownToHtml(shown->body) + "</article>";
  std::string files;
  for (const kb::Attachment& f : article->attachments) {
    if (!f.lang.empty() && f.lang != shown->lang) continue;
    files += "<li><a href=\"" + path + "/" + slug + "/files/" + f.id + "\">" + Escape(f.file_name) +
             "</a> <small dir=\"ltr\">(" + std::to_string((f.size + 1023) / 1024) +
             " KB)</small></li>";
  }
  if (!files.empty()) body += "<ul class=\"files\">" + files + "</ul>";
  body += LanguageLinks(*centre, path + "/" + slug, available, shown->lang);
  body += "<p class=\"advice\">" + WithCentre(Say(Words::kAdvice, lang), centre->name) + "</p>";
  return Html(200, shown->lang, Page(shown->lang, shown->title, body));
}

// An attachment of a published article of the centre's country, for anyone.
http::Response FilePage(Services& s, http::Request& req) {
  const std::string& id = req.params.at(0);
  const std::string& slug = req.params.at(1);
  const std::string& file_id = req.params.at(2);
  if (!IsValidId(id) || !kb::CheckSlug(slug).ok() || !IsValidId(file_id)) return NotFoundPage("en");
  auto centre = s.centres.Get(id);
  if (!centre.ok()) return NotFoundPage("en");
  auto article = s.articles.GetBySlug(slug, kb::Articles::Shown::kPublished);
  if (!article.ok() || article->translations.empty() || !AboutCentre(article->countries, *centre)) {
    return NotFoundPage("en");
  }
  auto file = s.articles.ReadAttachment(article->id, file_id);
  if (!file.ok()) return NotFoundPage("en");
  return FileResponse(std::move(file->bytes), file->about.mime, file->about.file_name,
                      "public, max-age=86400");
}

// Small, readable on a phone, right-to-left aware through logical properties.
constexpr char kStyle[] =
    "body{margin:0;font:1.05rem/1.6 system-ui,sans-serif;color:#1b1b1b;background:#fff}"
    "main{max-width:40rem;margin:0 auto;padding:1rem}h1{font-size:1.4rem;line-height:1.3}"
    "a{color:#0b57a4}li{margin-block:.4rem}nav a{margin-inline-end:.8rem}"
    "table{border-collapse:collapse;display:block;overflow-x:auto}td,th{border:1px solid #bbb;"
    "padding:.2rem .5rem}.advice{border-inline-start:4px solid #1c7c3c;background:#eef7f0;"
    "padding:.6rem .8rem}";

}  // namespace

void RegisterHelpPages(http::Server& server, Services& services) {
  server.Add({"GET", "/help/{centre}", 0,
              [&services](http::Request& req) { return IndexPage(services, req); }});
  server.Add({"GET", "/help/{centre}/{article}", 0,
              [&services](http::Request& req) { return ArticlePage(services, req); }});
  server.Add({"GET", "/help/{centre}/{article}/files/{file}", 0,
              [&services](http::Request& req) { return FilePage(services, req); }});
  server.Add({"GET", "/help.css", 0, [](http::Request&) {
                http::Response r;
                r.content_type = "text/css; charset=utf-8";
                r.body = kStyle;
                r.headers.emplace_back("Cache-Control", "public, max-age=86400");
                return r;
              }});
}

}  // namespace serai::api
