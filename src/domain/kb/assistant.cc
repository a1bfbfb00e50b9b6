#include "domain/kb/assistant.h"

#include <algorithm>
#include <map>
#include <set>

#include "common/log.h"
#include "domain/audit/audit_log.h"
#include "domain/live/live_events.h"
#include "search/kb_index.h"
#include "search/normalise.h"

namespace serai::kb {
namespace {

// A promise is repeated at most this often in one conversation.
constexpr int64_t kPromiseEveryMillis = 12 * 3600 * 1000;
// A claimed question is someone's for this long (then another worker may take it).
constexpr int64_t kClaimMillis = 60 * 1000;
// Questions claimed and recorded together: two commits per batch. Large, because each commit
// waits for the disk while holding the database's write lock, which webhooks need too.
constexpr int kBatch = 128;

struct Phrases {
  std::string_view promise, footer;
};

// What the assistant says, in the languages an MRC serves. The footer names the word that reaches
// a person, which AsksForPerson() knows in every language.
const std::map<std::string_view, Phrases>& Said() {
  static const std::map<std::string_view, Phrases> kSaid = {
      {"en",
       {"Thank you for your message. A counsellor will reply to you as soon as possible.",
        "This is an automatic answer. To talk to a counsellor, reply: person"}},
      {"prs",
       {"از پیام شما سپاس. یک مشاور هرچه زودتر به شما جواب "
        "می‌دهد.",
        "این یک جواب خودکار است. برای صحبت با مشاور بنویسید: مشاور"}},
      {"ps",
       {"ستاسو د پیغام مننه. یو سلاکار به ژر تر ژره تاسو ته ځواب درکړي.",
        "دا یو اتومات ځواب دی. له سلاکار سره د خبرو لپاره ولیکئ: سلاکار"}},
      {"ur",
       {"آپ کے پیغام کا شکریہ۔ ایک مشیر جلد از جلد آپ کو جواب دے گا۔",
        "یہ خودکار جواب ہے۔ مشیر سے بات کرنے کے لیے لکھیں: مشیر"}},
      {"bn",
       {"আপনার বার্তার জন্য ধন্যবাদ। একজন পরামর্শদাতা যত দ্রুত সম্ভব আপনাকে উত্তর দেবেন।",
        "এটি একটি স্বয়ংক্রিয় উত্তর। পরামর্শদাতার সাথে কথা বলতে লিখুন: পরামর্শদাতা"}},
      {"ar",
       {"شكرًا لرسالتك. سيرد عليك مستشار في أقرب وقت ممكن.",
        "هذا رد آلي. للتحدث مع مستشار اكتب: مستشار"}},
      {"tg",
       {"Ташаккур барои паёматон. Мушовир ҳарчи зудтар ба шумо ҷавоб медиҳад.",
        "Ин ҷавоби худкор аст. Барои сӯҳбат бо мушовир нависед: мушовир"}},
      {"ru",
       {"Спасибо за сообщение. Консультант ответит вам как можно скорее.",
        "Это автоматический ответ. Чтобы поговорить с консультантом, напишите: консультант"}},
  };
  return kSaid;
}

const Phrases& SaidIn(const std::string& language) {
  auto it = Said().find(language);
  return it == Said().end() ? Said().at("en") : it->second;
}

}  // namespace

bool AsksForPerson(std::string_view text) {
  static const std::set<std::string>* kWords = [] {
    auto* words = new std::set<std::string>();
    for (std::string_view w :
         {"person",  "human",       "counsellor", "counselor",  "operator",  "staff",
          "مشاور",   "انسان",       "آدم",        "کارمند",     "سلاکار",    "مشیر",
          "آدمی",    "بندہ",        "বন্দা",       "পরামর্শদাতা", "মানুষ",      "কর্মী",
          "مستشار",  "إنسان",       "موظف",       "мушовир",    "одам",      "инсон",
          "корманд", "консультант", "человек",    "человеком",  "оператор",  "сотрудник",
          "insan",   "insaan",      "banda",      "admi",       "manush",    "mushovir",
          "ensan",   "moshaver",    "mushir",     "mustashar",  "konsultant"}) {
      for (std::string& n : search::SearchWords(w)) words->insert(std::move(n));
    }
    return words;
  }();
  // A short message naming a person: "person", "I want a human", "با مشاور صحبت کنم".
  std::vector<std::string> words = search::SearchWords(text, 50);
  if (words.empty() || words.size() > 8) return false;
  return std::any_of(words.begin(), words.end(),
                     [](const std::string& w) { return kWords->count(w) > 0; });
}

bool IsProtection(const std::vector<std::string>& concepts) {
  return std::any_of(concepts.begin(), concepts.end(), [](const std::string& c) {
    return c == "trafficking" || c == "violence" || c == "selfharm" || c == "missing-migrants";
  });
}

Result<QuestionsReport> ReportQuestions(store::Db& db, int64_t now, int days) {
  constexpr int64_t kDay = 24LL * 3600 * 1000, kWeek = 7 * kDay;
  int64_t period_start = now - days * kDay;
  int64_t since = std::min(period_start, now - 2 * kWeek);
  ASSIGN_OR_RETURN(store::Rows rows,
                   db.Read("SELECT concepts, language, top_slug, answerable, outcome, created_at "
                           "FROM kb_question WHERE created_at >= ? AND state = 'done'",
                           {since}));
  QuestionsReport out;
  std::map<std::string, QuestionGroup> groups;
  std::map<std::string, std::map<std::string, int64_t>> nearest;
  std::map<std::string, RisingTopic> topics;
  for (const auto& r : rows) {
    int64_t at = r.Int(5);
    std::vector<std::string> concepts = SplitList(r.Text(0));
    for (const std::string& c : concepts) {
      RisingTopic& t = topics[c];
      t.topic = c;
      if (at >= now - kWeek)
        ++t.this_week;
      else if (at >= now - 2 * kWeek)
        ++t.week_before;
    }
    if (at < period_start || r.Text(4) == kOutcomePerson) continue;
    ++out.questions;
    if (r.Int(3) != 0) {
      ++out.answerable;
      if (r.Text(4) == kOutcomeAnswered) ++out.answered;
      continue;
    }
    std::sort(concepts.begin(), concepts.end());
    std::string key = JoinList(concepts);
    QuestionGroup& g = groups[key];
    g.concepts = concepts;
    ++g.questions;
    ++g.languages[r.Text(1).empty() ? "und" : r.Text(1)];
    g.last_at = std::max(g.last_at, at);
    if (!r.Text(2).empty()) ++nearest[key][r.Text(2)];
  }
  for (auto& [key, g] : groups) {
    int64_t best = 0;
    for (const auto& [slug, n] : nearest[key]) {
      if (n > best) best = n, g.nearest_slug = slug;
    }
    out.unanswered.push_back(std::move(g));
  }
  std::sort(out.unanswered.begin(), out.unanswered.end(),
            [](const QuestionGroup& a, const QuestionGroup& b) {
              return a.questions != b.questions ? a.questions > b.questions : a.last_at > b.last_at;
            });
  if (out.unanswered.size() > 50) out.unanswered.resize(50);
  // Rising: at least three questions this week, and at least twice the week before.
  for (auto& [c, t] : topics) {
    if (t.this_week >= 3 && t.this_week >= 2 * t.week_before) out.rising.push_back(t);
  }
  std::sort(out.rising.begin(), out.rising.end(), [](const RisingTopic& a, const RisingTopic& b) {
    return a.this_week - a.week_before > b.this_week - b.week_before;
  });
  return out;
}

Result<bool> Assistant::RunOnce() {
  ASSIGN_OR_RETURN(std::vector<Claimed> claimed, Claim(env_.NowMillis()));
  if (claimed.empty()) return false;
  // Those that need no reply are recorded together, in one transaction (one commit), with the
  // audit of the reads.
  std::vector<Decision> quiet;
  for (const Claimed& q : claimed) {
    auto decided = Assess(q, env_.NowMillis());
    if (!decided.ok()) {
      // Left claimed: tried again once the claim runs out. The reason names no person.
      log::Warn("assistant_failed", {{"reason", decided.status().reason()}});
    } else if (*decided) {
      quiet.push_back(std::move(**decided));
    }
  }
  // Reading people's messages is audited like any other read: one event per centre and batch.
  std::map<std::string, int> read_in;
  for (const Claimed& q : claimed) ++read_in[q.centre_id];
  int64_t now = env_.NowMillis();
  RETURN_IF_ERROR(db_.Transact(store::Access::kWrite, [&](store::Conn& conn) -> Status {
    for (const Decision& d : quiet) RETURN_IF_ERROR(Record(conn, d));
    for (const auto& [centre, n] : read_in) {
      RETURN_IF_ERROR(audit::Record(conn,
                                    {"assistant", centre, "message.assess", "kb/assistant",
                                     "counselling", "messages=" + std::to_string(n)},
                                    now));
    }
    return Status::Ok();
  }));
  return true;
}

Result<std::vector<Assistant::Claimed>> Assistant::Claim(int64_t now) {
  // A read first, so that an idle poll writes nothing; then the claim of a batch, in one commit.
  ASSIGN_OR_RETURN(store::Rows due,
                   db_.Read("SELECT message_id, centre_id, conversation_id FROM kb_question "
                            "WHERE state = 'pending' AND locked_until <= ? ORDER BY created_at "
                            "LIMIT ?",
                            {now, int64_t{kBatch}}));
  std::vector<Claimed> claimed;
  if (due.empty()) return claimed;
  RETURN_IF_ERROR(db_.Transact(store::Access::kWrite, [&](store::Conn& conn) -> Status {
    claimed.clear();
    for (const auto& r : due) {
      ASSIGN_OR_RETURN(int64_t taken,
                       conn.Exec("UPDATE kb_question SET locked_until = ? WHERE message_id = ? "
                                 "AND state = 'pending' AND locked_until <= ?",
                                 {now + kClaimMillis, r.Text(0), now}));
      if (taken > 0) claimed.push_back({r.Text(0), r.Text(1), r.Text(2)});  // else another took it
    }
    return Status::Ok();
  }));
  return claimed;
}

Result<std::optional<Assistant::Decision>> Assistant::Assess(const Claimed& q, int64_t now) {
  ASSIGN_OR_RETURN(
      store::Rows rows,
      db_.Read("SELECT m.body_sealed, v.contact_id, v.language, v.assistant_off, "
               "v.assistant_notice_at, a.self_service, v.priority FROM message m JOIN "
               "conversation v ON v.id = m.conversation_id JOIN channel_account a ON a.id = "
               "v.channel_account_id WHERE m.id = ?",
               {q.message_id}));
  std::string text, language;
  bool self_service = false, assistant_off = false, urgent = false;
  int64_t noticed_at = 0;
  if (!rows.empty() && !rows[0].IsNull(0)) {
    // A person shredded since has no key: their question is recorded without being read.
    auto opened = keys_.OpenPersonField(q.centre_id, rows[0].Text(1), "message", rows[0].Text(0));
    if (opened.ok()) text = *opened;
    language = rows[0].Text(2);
    assistant_off = rows[0].Int(3) != 0;
    noticed_at = rows[0].Int(4);
    self_service = rows[0].Int(5) != 0;
    urgent = rows[0].Text(6) == "urgent";
  }
  std::vector<std::string> concepts = search::KbConcepts(text);
  Suggestions found;
  if (!text.empty()) {
    ASSIGN_OR_RETURN(found, articles_.Suggest(text, language, 1));
  }
  bool protection = IsProtection(concepts) ||
                    (found.answer && !found.items.empty() && IsProtection(found.items[0].topics));
  bool person = AsksForPerson(text);
  const Phrases& said = SaidIn(language);
  std::string_view outcome = kOutcomeLeft;
  std::string reply;
  if (protection) {
    outcome = kOutcomeProtection;
    if (self_service && !assistant_off) reply = said.promise;
  } else if (person) {
    outcome = kOutcomePerson;
    if (self_service && !assistant_off) reply = said.promise;
  } else if (self_service && !assistant_off && !text.empty()) {
    if (found.answer && !found.items.empty() && found.items[0].lang == language &&
        !found.items[0].short_answer.empty()) {
      outcome = kOutcomeAnswered;
      reply = found.items[0].short_answer + "\n\n" + std::string(said.footer);
    } else {
      outcome = kOutcomePromised;
      if (now - noticed_at >= kPromiseEveryMillis) reply = said.promise;
    }
  }
  Decision d{q,
             found.answer,
             std::string(outcome),
             found.items.empty() ? "" : found.items[0].slug,
             found.items.empty() ? 0 : int64_t(found.items[0].score * 1000 + 0.5),
             JoinList(concepts),
             protection && !urgent,
             person,
             !reply.empty() && outcome != kOutcomeAnswered,
             now};
  if (reply.empty()) return std::optional<Decision>(d);
  // The outcome, the conversation's flags and the reply commit together.
  inbox::OutboundReply out{reply};
  out.automatic = true;
  out.also = [&d](store::Conn& conn) { return Record(conn, d); };
  auto sent = outbox_.Reply(auth::Principal{}, q.centre_id, q.conversation_id, out);
  if (sent.ok()) return std::optional<Decision>();
  // The platform would not take it (an in-person conversation, a closed window): record only.
  d.outcome = kOutcomeLeft;
  d.promised = false;
  return std::optional<Decision>(d);
}

Status Assistant::Record(store::Conn& conn, const Decision& d) {
  const Claimed& q = d.question;
  RETURN_IF_ERROR(conn.Exec("UPDATE kb_question SET state = 'done', answerable = ?, outcome = "
                            "?, top_slug = ?, top_score_milli = ?, concepts = ? WHERE "
                            "message_id = ?",
                            {int64_t{d.answerable}, d.outcome, d.top_slug, d.top_score_milli,
                             d.concepts, q.message_id})
                      .status());
  if (d.make_urgent) {
    RETURN_IF_ERROR(
        conn.Exec("UPDATE conversation SET priority = 'urgent' WHERE id = ?", {q.conversation_id})
            .status());
    RETURN_IF_ERROR(live::Announce(conn, {q.centre_id, "conversation", q.conversation_id}));
  }
  if (d.assistant_off) {
    RETURN_IF_ERROR(
        conn.Exec("UPDATE conversation SET assistant_off = 1 WHERE id = ?", {q.conversation_id})
            .status());
  }
  if (d.promised) {
    RETURN_IF_ERROR(conn.Exec("UPDATE conversation SET assistant_notice_at = ? WHERE id = ?",
                              {d.at, q.conversation_id})
                        .status());
  }
  return Status::Ok();
}

}  // namespace serai::kb
