// /api/v1/kb/articles: the knowledge base, shared by every centre. Editors and managers write and
// translate; someone other than a translation's author publishes it; counsellors read.
#include "api/decoders.h"
#include "api/route_table.h"
#include "common/ids.h"
#include "common/language_codes.h"
#include "domain/kb/assistant.h"
#include "domain/kb/markdown.h"

namespace serai::api {
namespace {

using auth::Action;
using auth::Purpose;

}  // namespace

Json SuggestionsJson(const kb::Suggestions& found) {
  Json items = Json::array();
  for (const auto& s : found.items) {
    items.push_back({{"slug", s.slug},
                     {"lang", s.lang},
                     {"title", s.title},
                     {"short_answer", s.short_answer},
                     {"score", s.score}});
  }
  return {{"answer", found.answer}, {"items", items}};
}

namespace {

Json AttachmentJson(const kb::Attachment& f) {
  return {{"id", f.id},
          {"lang", f.lang.empty() ? Json(nullptr) : Json(f.lang)},
          {"file_name", f.file_name},
          {"mime", f.mime},
          {"size", f.size},
          {"created_at", f.created_at}};
}

Json ArticleJson(const kb::ArticleView& a, bool with_bodies) {
  Json translations = Json::array();
  for (const auto& t : a.translations) {
    Json j = {
        {"lang", t.lang},
        {"version", t.version},
        {"status", t.status},
        {"title", t.title},
        {"author_id", t.author_id},
        {"reviewer_id", t.reviewer_id.empty() ? Json(nullptr) : Json(t.reviewer_id)},
        {"review_by", t.review_by},
        {"published_version", t.published_version == 0 ? Json(nullptr) : Json(t.published_version)},
        {"updated_at", t.updated_at}};
    if (with_bodies) {
      j["body"] = t.body;
      j["body_html"] = kb::MarkdownToHtml(t.body);
      j["short_answer"] = t.short_answer;
    }
    translations.push_back(j);
  }
  Json attachments = Json::array();
  for (const auto& f : a.attachments) attachments.push_back(AttachmentJson(f));
  return {{"id", a.id},
          {"slug", a.slug},
          {"topics", a.topics},
          {"countries", a.countries},
          {"audiences", a.audiences},
          {"translations", translations},
          {"attachments", attachments},
          {"updated_at", a.updated_at}};
}

constexpr char kArticleSchema[] = R"({"type":"object","required":["slug"],
"additionalProperties":false,"properties":{"slug":{"type":"string","pattern":"^[a-z0-9-]{1,120}$"},
"topics":{"type":"array","maxItems":30,"items":{"type":"string"}},
"countries":{"type":"array","maxItems":30,"items":{"type":"string"}},
"audiences":{"type":"array","maxItems":30,"items":{"type":"string"}}}})";

Result<kb::ArticleInput> DecodeArticle(const Json& body) {
  RETURN_IF_ERROR(OnlyKnownFields(body, {"slug", "topics", "countries", "audiences"}));
  kb::ArticleInput in;
  ASSIGN_OR_RETURN(in.slug, RequiredString(body, "slug", {1, 120}));
  for (auto [name, out] : {std::pair{"topics", &in.topics}, std::pair{"countries", &in.countries},
                           std::pair{"audiences", &in.audiences}}) {
    ASSIGN_OR_RETURN(auto list, OptionalStringArray(body, name, 30, {1, 60}));
    *out = list.value_or(std::vector<std::string>{});
  }
  return in;
}

constexpr char kTranslationSchema[] = R"({"type":"object","required":["lang","title","body"],
"additionalProperties":false,"properties":{"lang":{"type":"string","pattern":"^[a-z]{2,3}$"},
"title":{"type":"string","maxLength":300},"body":{"type":"string","maxLength":100000},
"short_answer":{"type":"string","maxLength":1000},
"review_by":{"type":"string","format":"date"}}})";

Result<kb::TranslationInput> DecodeTranslation(const Json& body) {
  RETURN_IF_ERROR(OnlyKnownFields(body, {"lang", "title", "body", "short_answer", "review_by"}));
  kb::TranslationInput in;
  ASSIGN_OR_RETURN(in.lang, RequiredString(body, "lang", {2, 3}));
  ASSIGN_OR_RETURN(in.title, RequiredString(body, "title", {1, 300}));
  ASSIGN_OR_RETURN(in.body, RequiredTextBlock(body, "body", 100'000));
  ASSIGN_OR_RETURN(auto short_answer, OptionalString(body, "short_answer", {0, 1000}));
  in.short_answer = short_answer.value_or("");
  ASSIGN_OR_RETURN(auto review_by, OptionalString(body, "review_by", {10, 10}));
  in.review_by = review_by.value_or("");
  return in;
}

constexpr char kReviewSchema[] = R"({"type":"object","required":["lang","action"],
"additionalProperties":false,"properties":{"lang":{"type":"string","pattern":"^[a-z]{2,3}$"},
"action":{"enum":["submit","publish","archive"]}}})";

}  // namespace

void AddKbRoutes(std::vector<ApiRoute>& routes) {
  routes.push_back({"GET", "/api/v1/kb/articles", Action::kKbRead, Purpose::kCounselling,
                    "Every article with the newest version of each translation (no bodies)", "",
                    200, [](Call& c) -> Result<http::Response> {
                      ASSIGN_OR_RETURN(auto list, c.services.articles.List());
                      Json items = Json::array();
                      for (const auto& a : list) items.push_back(ArticleJson(a, false));
                      return JsonResponse(200, PageJson(std::move(items), ""));
                    }});
  routes.push_back({"GET", "/api/v1/kb/articles/{article}", Action::kKbEdit,
                    Purpose::kAdministration,
                    "One article with the newest version of each translation, drafts included "
                    "(Markdown bodies and their safe HTML)",
                    "", 200, [](Call& c) -> Result<http::Response> {
                      ASSIGN_OR_RETURN(auto a, c.services.articles.Get(c.Param(0)));
                      return JsonResponse(200, ArticleJson(a, true));
                    }});
  routes.push_back(
      {"GET", "/api/v1/kb/articles/{article}/published", Action::kKbRead, Purpose::kCounselling,
       "One article as readers see it: its published translations only", "", 200,
       [](Call& c) -> Result<http::Response> {
         ASSIGN_OR_RETURN(auto a,
                          c.services.articles.Get(c.Param(0), kb::Articles::Shown::kPublished));
         return JsonResponse(200, ArticleJson(a, true));
       }});
  routes.push_back(
      {"GET", "/api/v1/kb/search", Action::kKbRead, Purpose::kCounselling,
       "The five best published articles for `q` (a question in any language or script), each "
       "in `lang` where translated; `answer` says whether the first is good enough to answer with",
       "", 200, [](Call& c) -> Result<http::Response> {
         std::string q = c.request.QueryParam("q").value_or("");
         std::string lang = c.request.QueryParam("lang").value_or("en");
         if (q.empty() || q.size() > 2000) {
           return InvalidArgument("invalid_q", "q is a question of 1 to 2,000 bytes");
         }
         RETURN_IF_ERROR(CheckLanguageCodes({lang}, 1));
         ASSIGN_OR_RETURN(auto found, c.services.articles.Suggest(q, lang, 5));
         return JsonResponse(200, SuggestionsJson(found));
       }});
  routes.push_back(
      {"POST", "/api/v1/kb/articles/{article}/attachments", Action::kKbEdit,
       Purpose::kAdministration,
       "Attach a file (a PDF brief or an image, up to 5 MB, judged from its bytes) to an article, "
       "for one translation (lang) or all: file_name and content_base64",
       R"({"type":"object","required":["file_name","content_base64"],"additionalProperties":false,
"properties":{"file_name":{"type":"string","maxLength":200},"lang":{"type":"string"},
"content_base64":{"type":"string"}}})",
       201,
       [](Call& c) -> Result<http::Response> {
         ASSIGN_OR_RETURN(Json body, c.Body());
         RETURN_IF_ERROR(OnlyKnownFields(body, {"file_name", "lang", "content_base64"}));
         ASSIGN_OR_RETURN(std::string name, RequiredString(body, "file_name", {1, 200}));
         ASSIGN_OR_RETURN(auto lang, OptionalString(body, "lang", {2, 3}));
         ASSIGN_OR_RETURN(std::string encoded,
                          RequiredString(body, "content_base64", {1, 8'000'000}));
         std::string bytes;
         if (!Base64Decode(encoded, &bytes)) {
           return InvalidArgument("invalid_content", "content_base64 is not base64");
         }
         ASSIGN_OR_RETURN(auto added,
                          c.services.articles.AddAttachment(c.principal.user_id, c.Param(0),
                                                            lang.value_or(""), name, bytes));
         return JsonResponse(201, AttachmentJson(added));
       },
       8 * 1024 * 1024});
  routes.push_back({"GET", "/api/v1/kb/articles/{article}/attachments/{attachment}",
                    Action::kKbRead, Purpose::kCounselling, "An attachment's file", "", 200,
                    [](Call& c) -> Result<http::Response> {
                      ASSIGN_OR_RETURN(auto file,
                                       c.services.articles.ReadAttachment(c.Param(0), c.Param(1)));
                      return FileResponse(std::move(file.bytes), file.about.mime,
                                          file.about.file_name, "private, max-age=300");
                    }});
  routes.push_back({"DELETE", "/api/v1/kb/articles/{article}/attachments/{attachment}",
                    Action::kKbEdit, Purpose::kAdministration, "Remove an attachment", "", 204,
                    [](Call& c) -> Result<http::Response> {
                      RETURN_IF_ERROR(c.services.articles.RemoveAttachment(c.principal.user_id,
                                                                           c.Param(0), c.Param(1)));
                      http::Response r;
                      r.status = 204;
                      return r;
                    }});
  routes.push_back(
      {"GET", "/api/v1/kb/reviews-due", Action::kKbEdit, Purpose::kAdministration,
       "Published translations whose review-by date is within `days` (0 to 365, default 30) or "
       "past, the most overdue first: laws and procedures change",
       "", 200, [](Call& c) -> Result<http::Response> {
         ASSIGN_OR_RETURN(int64_t days, c.NumberParam("days"));
         if (!c.request.QueryParam("days")) days = 30;
         if (days > 365) return InvalidArgument("invalid_days", "days is 0 to 365");
         ASSIGN_OR_RETURN(auto due, c.services.articles.ReviewsDue(static_cast<int>(days)));
         Json items = Json::array();
         for (const auto& r : due) {
           items.push_back({{"article_id", r.article_id},
                            {"slug", r.slug},
                            {"lang", r.lang},
                            {"title", r.title},
                            {"review_by", r.review_by}});
         }
         return JsonResponse(200, {{"days", days}, {"items", items}});
       }});
  routes.push_back(
      {"GET", "/api/v1/kb/questions", Action::kKbEdit, Purpose::kAdministration,
       "What people ask that no article answers well, grouped by the topics the question names "
       "(over `days`, 7 to 90, default 28), and topics asked about more than the week before; "
       "counts only, never what anyone wrote",
       "", 200, [](Call& c) -> Result<http::Response> {
         ASSIGN_OR_RETURN(int64_t days, c.NumberParam("days"));
         if (days == 0) days = 28;
         if (days < 7 || days > 90) return InvalidArgument("invalid_days", "days is 7 to 90");
         ASSIGN_OR_RETURN(auto report,
                          kb::ReportQuestions(c.services.db, c.services.env.NowMillis(),
                                              static_cast<int>(days)));
         Json groups = Json::array(), rising = Json::array();
         for (const auto& g : report.unanswered) {
           groups.push_back(
               {{"topics", g.concepts},
                {"questions", g.questions},
                {"languages", g.languages},
                {"nearest_slug", g.nearest_slug.empty() ? Json(nullptr) : Json(g.nearest_slug)},
                {"last_at", g.last_at}});
         }
         for (const auto& t : report.rising) {
           rising.push_back(
               {{"topic", t.topic}, {"this_week", t.this_week}, {"week_before", t.week_before}});
         }
         return JsonResponse(200, {{"days", days},
                                   {"questions", report.questions},
                                   {"answerable", report.answerable},
                                   {"answered_automatically", report.answered},
                                   {"unanswered", groups},
                                   {"rising", rising}});
       }});
  routes.push_back({"POST", "/api/v1/kb/articles", Action::kKbEdit, Purpose::kAdministration,
                    "A new article: slug, topics, countries, audiences", kArticleSchema, 201,
                    [](Call& c) -> Result<http::Response> {
                      ASSIGN_OR_RETURN(Json body, c.Body());
                      ASSIGN_OR_RETURN(auto in, DecodeArticle(body));
                      ASSIGN_OR_RETURN(auto a, c.services.articles.Create(c.principal.user_id, in));
                      return JsonResponse(201, ArticleJson(a, true));
                    }});
  routes.push_back(
      {"PUT", "/api/v1/kb/articles/{article}/translations", Action::kKbEdit,
       Purpose::kAdministration,
       "Write or change a translation's draft (lang, title, Markdown body, short answer, "
       "review-by date); a published translation keeps being shown until the draft is published",
       kTranslationSchema, 200,
       [](Call& c) -> Result<http::Response> {
         ASSIGN_OR_RETURN(Json body, c.Body());
         ASSIGN_OR_RETURN(auto in, DecodeTranslation(body));
         ASSIGN_OR_RETURN(auto a,
                          c.services.articles.SaveDraft(c.principal.user_id, c.Param(0), in));
         return JsonResponse(200, ArticleJson(a, true));
       },
       128 * 1024});
  routes.push_back(
      {"POST", "/api/v1/kb/articles/{article}/review", Action::kKbReview, Purpose::kAdministration,
       "Move a translation on: submit (its author, for review), publish (someone else), archive",
       kReviewSchema, 200, [](Call& c) -> Result<http::Response> {
         ASSIGN_OR_RETURN(Json body, c.Body());
         RETURN_IF_ERROR(OnlyKnownFields(body, {"lang", "action"}));
         ASSIGN_OR_RETURN(std::string lang, RequiredString(body, "lang", {2, 3}));
         ASSIGN_OR_RETURN(std::string action, RequiredString(body, "action", {1, 10}));
         RETURN_IF_ERROR(CheckLanguageCodes({lang}, 1));
         kb::Articles& articles = c.services.articles;
         const std::string& who = c.principal.user_id;
         Result<kb::ArticleView> a =
             InvalidArgument("invalid_action", "action is submit, publish or archive");
         if (action == "submit") a = articles.Submit(who, c.Param(0), lang);
         if (action == "publish") a = articles.Publish(who, c.Param(0), lang);
         if (action == "archive") a = articles.Archive(who, c.Param(0), lang);
         RETURN_IF_ERROR(a.status());
         return JsonResponse(200, ArticleJson(*a, true));
       }});
}

}  // namespace serai::api
