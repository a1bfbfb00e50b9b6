// Canned replies: a centre's vetted short answers per language ("Our office hours are ...", "Bring
// your passport and ..."), inserted into the reply box in one click and edited before sending.
// Managers (and administrators) keep them; counsellors and managers use them. Not personal data;
// every change is audited. Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/env.h"
#include "domain/auth/access.h"
#include "store/db.h"

namespace serai::inbox {

struct CannedReply {
  std::string id;
  std::string language;
  std::string title;
  std::string body;
  int64_t updated_at = 0;
};

struct CannedReplyInput {
  std::string language;
  std::string title;  // 1 to 120 bytes
  std::string body;   // 1 to 4,000 bytes: fits every platform but Messenger's 2,000 characters
};

class CannedReplies {
 public:
  CannedReplies(store::Db& db, Env& env) : db_(db), env_(env) {}

  // By language, then title; only `language` when given. At most 500.
  Result<std::vector<CannedReply>> List(const std::string& centre_id,
                                        const std::optional<std::string>& language);
  Result<CannedReply> Create(const auth::Principal& actor, const std::string& centre_id,
                             const CannedReplyInput& input);
  Result<CannedReply> Update(const auth::Principal& actor, const std::string& centre_id,
                             const std::string& id, const CannedReplyInput& input);
  Status Delete(const auth::Principal& actor, const std::string& centre_id, const std::string& id);

 private:
  store::Db& db_;
  Env& env_;
};

}  // namespace serai::inbox
