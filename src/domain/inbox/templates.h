// WhatsApp message templates: the messages Meta has approved for a centre's WhatsApp account, the
// only ones WhatsApp delivers more than 24 hours after the person last wrote ("Your appointment is
// on {{1}}; reply to this message to talk to a counsellor"). Managers (and administrators) record
// the templates their account has registered with Meta (name, language and body as approved);
// counsellors send them, filling in the body's {{1}}, {{2}}, ... placeholders. Not personal data;
// every change is audited. Thread-safe.
#pragma once

#include <string>
#include <vector>

#include "common/env.h"
#include "domain/auth/access.h"
#include "domain/channels/sender.h"
#include "store/db.h"

namespace serai::inbox {

struct MessageTemplate {
  std::string id;
  std::string channel_account_id;
  std::string name;      // as registered with Meta: a-z, 0-9 and _, up to 512
  std::string language;  // as registered: "en", "fa", "ps_AF", ...
  std::string body;      // the approved body, with {{1}}, {{2}}, ... placeholders
  int parameters = 0;    // how many placeholders
  int64_t updated_at = 0;
};

struct MessageTemplateInput {
  std::string channel_account_id;  // a WhatsApp account of the centre
  std::string name, language, body;
};

// A template with its placeholders filled in: what WhatsApp is asked to send, and the text the
// person will read (kept in the history).
struct RenderedTemplate {
  channels::TemplateCall call;
  std::string text;
};

class MessageTemplates {
 public:
  MessageTemplates(store::Db& db, Env& env) : db_(db), env_(env) {}

  // By account, language and name. At most 500.
  Result<std::vector<MessageTemplate>> List(const std::string& centre_id);
  Result<MessageTemplate> Create(const auth::Principal& actor, const std::string& centre_id,
                                 const MessageTemplateInput& input);
  Status Delete(const auth::Principal& actor, const std::string& centre_id, const std::string& id);

  // Template `id` of the centre, for sending on `account_id`, with `values` for its placeholders
  // (each 1 to 1,024 bytes, no line breaks or tabs, as WhatsApp requires).
  static Result<RenderedTemplate> Render(store::Conn& conn, const std::string& centre_id,
                                         const std::string& id, const std::string& account_id,
                                         const std::vector<std::string>& values);

 private:
  store::Db& db_;
  Env& env_;
};

}  // namespace serai::inbox
