// The inbox: conversations with contacts on every channel, and their messages.
//
// Receive() stores one parsed webhook in a single transaction, so an acknowledged webhook (200) is
// durable and a failed one leaves nothing behind; redeliveries are no-ops (unique platform ids).
// Handles, names and message text are sealed under each contact's own key. Thread-safe.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "common/env.h"
#include "domain/auth/access.h"
#include "domain/channels/accounts.h"
#include "domain/channels/webhook.h"
#include "domain/inbox/conversation_terms.h"
#include "domain/inbox/routing.h"
#include "domain/keys/key_store.h"
#include "domain/page.h"
#include "store/db.h"

namespace serai::inbox {

struct ReceiveReport {
  int new_messages = 0;
  int duplicate_messages = 0;
  int receipts_applied = 0;
  int receipts_pending = 0;  // their message is not known yet; applied when it is
  int other_events = 0;
};

struct ConversationSummary {
  std::string id;
  std::string channel_account_id;
  std::string platform;
  std::string contact_id;
  std::string contact_name;
  std::string status;  // open, pending, snoozed, resolved
  int64_t last_message_at = 0;
  std::string assignee_id;             // "" when nobody
  std::string language;                // "" when not known
  std::vector<std::string> tags = {};  // topics (topics.h)
  // While the person's last message is unanswered in an open conversation: since when, and when
  // the centre's response target runs out (0 otherwise).
  int64_t awaiting_since = 0;
  int64_t reply_due_at = 0;
  // Until when the platform allows a free reply (sender.h); 0 when it has no window.
  int64_t reply_window_ends_at = 0;
  // urgent: a protection topic was raised (kb/assistant.h); a counsellor should look first.
  std::string priority = "normal";
};

// Which conversations a list shows: a queue, optionally narrowed to one language.
struct ConversationFilter {
  // unassigned: not resolved and nobody's; overdue: open, unanswered past the response target
  enum class Queue { kAll, kMine, kUnassigned, kOverdue };
  Queue queue = Queue::kAll;
  std::optional<std::string> language;  // "" for unknown
  std::optional<std::string> tag;       // a topic
  // Conversations whose messages, notes or contact name hold every word (conversation_terms.h),
  // or, when it is a phone number, whose contact has that number.
  std::string search;
};

struct ConversationPatch {
  std::optional<std::string> status;             // open, pending, snoozed, resolved
  std::optional<std::string> assignee_id;        // a user of the centre, or "" for nobody
  std::optional<int64_t> snoozed_until;          // with status snoozed: when it reopens by itself
  std::optional<std::string> language;           // a language code, or "" for unknown
  std::optional<std::vector<std::string>> tags;  // replaces the topics; at most 10
  std::optional<std::string> priority;           // normal, urgent
};

struct Note {
  std::string id;
  std::string author_id;
  std::string text;
  int64_t created_at = 0;
};

// A file a person sent (media.h): pending while it is being fetched, stored, or failed with a
// reason (too_large, type_not_allowed, expired, media_gone, ...).
struct Attachment {
  std::string state;
  std::string reason;
  std::string mime;  // what the file really is, once stored; the platform's word before
  int64_t size = 0;
  std::string file_name;
};

struct MessageView {
  std::string id;
  std::string direction;  // in, out
  std::string kind;       // text, image, ..., and visit or call (recorded by a counsellor)
  std::string text;
  std::string media;
  std::string status;
  std::string error;
  int64_t sent_at = 0;
  std::string conversation_id = {};  // in a history across linked conversations
  std::string platform = {};
  std::optional<Attachment> attachment = {};
};

// A visit or a phone call, recorded by a counsellor in the person's history: added to an existing
// conversation, or to a new in-person conversation (a walk-in) with an optional name and phone.
struct EncounterInput {
  std::string kind;             // visit, call
  std::string conversation_id;  // "" for a new person
  std::string name;             // a new person's name (optional)
  std::string phone;            // a new person's phone, as written (optional; must be valid)
  std::string language;         // a new person's language (optional)
  int64_t happened_at = 0;      // 0: now
  int64_t duration_minutes = 0;
  std::string summary;
  std::vector<std::string> topics;  // also tag the conversation
};

// What a person last asked, in which language.
struct Question {
  std::string text;
  std::string language;  // the conversation's; "" when unknown
};

// The conversations of the same person on other channels: linked ones, and ones whose phone
// number matches, suggested for linking.
struct Links {
  std::vector<ConversationSummary> linked;
  std::vector<ConversationSummary> suggested;
};

class Inbox {
 public:
  Inbox(store::Db& db, keys::KeyStore& keys, Routing& routing, Env& env)
      : db_(db), keys_(keys), routing_(routing), env_(env), terms_(keys) {}

  Result<ReceiveReport> Receive(const channels::ChannelAccount& account,
                                const channels::ParsedWebhook& parsed);

  // After a contact's key is shredded: removes what could still be matched against a guess (the
  // search terms of their conversations, and their messages' platform ids, which may hold their
  // number as some platforms write ids).
  static Status ForgetContact(store::Conn& conn, const std::string& contact_id);

  // Newest first. Reading names is reading personal data: audited with `purpose`.
  Result<Page<ConversationSummary>> ListConversations(const auth::Principal& actor,
                                                      const std::string& centre_id,
                                                      const ConversationFilter& filter,
                                                      auth::Purpose purpose, int64_t before,
                                                      int limit);
  // One conversation with its contact's name. Audited.
  Result<ConversationSummary> Get(const auth::Principal& actor, const std::string& centre_id,
                                  const std::string& conversation_id, auth::Purpose purpose);
  // Changes status, assignment and language. The assignee must be a counsellor or manager of the
  // centre.
  Result<ConversationSummary> Update(const auth::Principal& actor, const std::string& centre_id,
                                     const std::string& conversation_id,
                                     const ConversationPatch& patch);
  // Internal notes: never sent to the person. Sealed; reads are audited.
  Result<Note> AddNote(const auth::Principal& actor, const std::string& centre_id,
                       const std::string& conversation_id, const std::string& text);
  Result<std::vector<Note>> Notes(const auth::Principal& actor, const std::string& centre_id,
                                  const std::string& conversation_id, auth::Purpose purpose);

  // Oldest first (the newest 500). With `linked`, the history across every conversation linked to
  // the same person. NotFound unless the conversation belongs to `centre_id`. Audited.
  Result<std::vector<MessageView>> Messages(const auth::Principal& actor,
                                            const std::string& centre_id,
                                            const std::string& conversation_id,
                                            auth::Purpose purpose, bool linked = false);

  // The text of the person's newest message that has any ("" when none) and the conversation's
  // language, for suggesting answers. Audited as a read of the conversation.
  Result<Question> LatestQuestion(const auth::Principal& actor, const std::string& centre_id,
                                  const std::string& conversation_id, auth::Purpose purpose);

  // Records a visit or call (encounters.cc). Returns the conversation and the new history entry.
  Result<std::pair<std::string, MessageView>> RecordEncounter(const auth::Principal& actor,
                                                              const std::string& centre_id,
                                                              const EncounterInput& input);
  // Linking one person's contacts across channels (encounters.cc). Names are read: audited.
  Result<Links> LinksOf(const auth::Principal& actor, const std::string& centre_id,
                        const std::string& conversation_id, auth::Purpose purpose);
  Status Link(const auth::Principal& actor, const std::string& centre_id,
              const std::string& conversation_id, const std::string& other_conversation_id);
  Status Unlink(const auth::Principal& actor, const std::string& centre_id,
                const std::string& conversation_id);

 private:
  struct Contact {
    std::string id;
    std::string conversation_id;
    std::string language;  // the conversation's
  };
  // A new contact's conversation takes the language of its first message. `phone_of` gives a new
  // contact's phone (E.164, or ""), which makes it findable for linking; it is asked only when the
  // contact is new (parsing a number costs more than finding the contact).
  Result<Contact> FindOrCreateContact(store::Conn& conn, const channels::ChannelAccount& account,
                                      const channels::InboundMessage& m,
                                      const std::string& language,
                                      const std::function<std::string()>& phone_of, int64_t now);
  Result<std::string> PhoneDigest(const std::string& centre_id, const std::string& e164);
  // The SQL condition (on conversation v) of a list's search, its values appended to `params`;
  // `by_ids` when it names a few conversations by id.
  struct SearchPlan {
    std::string condition;
    bool by_ids = false;
  };
  Result<SearchPlan> SearchCondition(store::Conn& conn, const std::string& centre_id,
                                     const std::string& search, store::Params& params);
  // The centre's hidden account for visits and calls, made on first use.
  Result<channels::ChannelAccount> InPersonAccount(store::Conn& conn, const std::string& centre_id,
                                                   int64_t now);
  // The new message's id; "" when the platform sent it before (a duplicate).
  Result<std::string> StoreMessage(store::Conn& conn, const channels::ChannelAccount& account,
                                   const Contact& contact, const channels::InboundMessage& m,
                                   const std::string& language, int64_t now);
  // What a receipt did: kept for later (its message is not stored yet), or applied; `changed`
  // names the conversation whose messages moved forward ("" when the receipt was stale).
  struct ReceiptOutcome {
    bool pending = false;
    std::string changed;
  };
  Result<ReceiptOutcome> ApplyReceipt(store::Conn& conn, const channels::ChannelAccount& account,
                                      const channels::Receipt& r);
  // One conversation without its contact's name (not a read of personal data).
  Result<ConversationSummary> Summary(const std::string& centre_id,
                                      const std::string& conversation_id);
  Result<std::string> HandleDigest(const std::string& centre_id, channels::Platform p,
                                   const std::string& handle);

  store::Db& db_;
  keys::KeyStore& keys_;
  Routing& routing_;
  Env& env_;
  ConversationTerms terms_;
};

}  // namespace serai::inbox
