// The knowledge base's assistant: assesses every text a person sends, once, after the webhook has
// stored it (kb_question). What it does:
//  - Protection topics (trafficking, violence, self-harm, in any language the lexicon knows) make
//    the conversation urgent and are never answered automatically.
//  - "I want to talk to a person" (in any of the eight languages) turns the assistant off for the
//    conversation; a counsellor answers from then on.
//  - Where the channel account has self-service on (off by default), a question whose best article
//    is good enough (search's confidence) and published in the conversation's language is answered
//    with the article's short answer and how to reach a person; anything else gets one promise that
//    a counsellor will reply (at most once in 12 hours), and stays in the counsellors' queue.
// Every assessment keeps its outcome, the best article and the question's concepts (never its
// words) for the unanswered-questions report. Thread-safe; several processes may run it (a claimed
// question is locked for a minute).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/env.h"
#include "domain/inbox/outbox.h"
#include "domain/kb/articles.h"
#include "domain/keys/key_store.h"
#include "store/db.h"

namespace serai::kb {

// What the assistant did with a question.
inline constexpr std::string_view kOutcomeAnswered = "answered";      // sent the short answer
inline constexpr std::string_view kOutcomePromised = "promised";      // a counsellor will reply
inline constexpr std::string_view kOutcomeProtection = "protection";  // urgent, for a counsellor
inline constexpr std::string_view kOutcomePerson = "person";          // asked for a person
inline constexpr std::string_view kOutcomeLeft = "left";  // self-service off: counsellors answer

// Whether `text` asks to talk to a person rather than a machine.
bool AsksForPerson(std::string_view text);
// Whether the concepts of a question (search::KbConcepts), or the topics of the article that
// answers it, name a protection matter: trafficking, violence, self-harm, people missing on a
// route.
bool IsProtection(const std::vector<std::string>& concepts);

// For editors: what people ask that the knowledge base does not answer, and which topics are
// asked about more than the week before (rumours spread fast). Concepts only, never words.
struct QuestionGroup {
  std::vector<std::string> concepts;  // empty: none the lexicon knows
  int64_t questions = 0;
  std::map<std::string, int64_t> languages;
  std::string nearest_slug;  // the article search found most often (not good enough)
  int64_t last_at = 0;
};
struct RisingTopic {
  std::string topic;  // a concept of the lexicon
  int64_t this_week = 0, week_before = 0;
};
struct QuestionsReport {
  int64_t questions = 0, answerable = 0, answered = 0;  // in the period
  std::vector<QuestionGroup> unanswered;                // most asked first, at most 50
  std::vector<RisingTopic> rising;                      // fastest rising first
};
// Over the `days` before `now` (rising: the last 7 days against the 7 before).
Result<QuestionsReport> ReportQuestions(store::Db& db, int64_t now, int days);

class Assistant {
 public:
  Assistant(store::Db& db, keys::KeyStore& keys, Articles& articles, inbox::Outbox& outbox,
            Env& env)
      : db_(db), keys_(keys), articles_(articles), outbox_(outbox), env_(env) {}

  // Assesses the oldest waiting questions (up to 128), if any; true when there were some.
  Result<bool> RunOnce();

 private:
  struct Claimed {
    std::string message_id, centre_id, conversation_id;
  };
  // What the assessment of one question writes down.
  struct Decision {
    Claimed question;
    bool answerable = false;
    std::string outcome, top_slug;
    int64_t top_score_milli = 0;
    std::string concepts;  // comma-separated
    bool make_urgent = false, assistant_off = false, promised = false;
    int64_t at = 0;
  };
  Result<std::vector<Claimed>> Claim(int64_t now);
  // Sends the reply (recording the decision with it) or returns the decision to record.
  Result<std::optional<Decision>> Assess(const Claimed& q, int64_t now);
  static Status Record(store::Conn& conn, const Decision& d);

  store::Db& db_;
  keys::KeyStore& keys_;
  Articles& articles_;
  inbox::Outbox& outbox_;
  Env& env_;
};

}  // namespace serai::kb
