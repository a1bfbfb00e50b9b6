// Reading conversations from their rows, shared by the inbox's source files (not an interface).
#pragma once

#include <string>
#include <vector>

#include "domain/audit/audit_log.h"
#include "domain/inbox/inbox.h"

namespace serai::inbox::rows {

// How a platform's message id is stored: "h:" and a keyed digest, never the id itself (WhatsApp's
// ids carry the person's number, Telegram's their chat id). De-duplication and receipts only need
// to match ids. Ids stored before this form were kept as they came: lookups try both.
Result<std::string> StoredPlatformId(keys::KeyStore& keys, const std::string& centre_id,
                                     std::string_view platform_id);

// Opens a sealed field of a contact; "" when empty or shredded.
std::string Open(keys::KeyStore& keys, const std::string& centre, const std::string& contact,
                 const std::string& field, const std::string& sealed);

// The conversation's contact, or NotFound unless it belongs to `centre_id`.
Result<std::string> ContactOf(store::Conn& conn, const std::string& centre_id,
                              const std::string& conversation_id);

// A conversation as lists show it: SELECT ... FROM conversation v (and its contact c, account a,
// centre ce); SummaryFrom() reads its columns. `keys` null leaves the name closed.
extern const char kSummarySelect[];
ConversationSummary SummaryFrom(const store::Row& r, keys::KeyStore* keys,
                                const std::string& centre_id, int64_t now);

// Fills in the topics of `items` with one query.
Status AttachTags(store::Conn& conn, std::vector<ConversationSummary>& items);

// One conversation of `centre_id` with its topics, or NotFound.
Result<ConversationSummary> LoadSummary(store::Conn& conn, keys::KeyStore* keys,
                                        const std::string& centre_id,
                                        const std::string& conversation_id, int64_t now);

// The audit event of `actor` reading personal data of a conversation (or list) for `purpose`.
audit::Event ReadEvent(const auth::Principal& actor, const std::string& centre_id,
                       std::string action, std::string resource, auth::Purpose purpose);

}  // namespace serai::inbox::rows
