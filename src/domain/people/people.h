// People behind the conversations, for follow-up: pseudonymous by default (staff see a random code
// such as "P-7K3M-9QXD"), their identifying fields sealed together under the person's own data key,
// so that destroying that key (Shred) makes them unreadable everywhere, backups included.
//
//  - Identity: names in their own script and in Latin letters, date of birth or age band, sex,
//    nationality, phone numbers (E.164, parsed with the centre's country), documents. Every read
//    of it is audited with its purpose; lists show codes and profiles only.
//  - Consent per purpose (counselling, referral, follow-up, statistics) with its basis and the
//    channel it was given in; withdrawn, never deleted.
//  - Migration profile (stage, destination, route, reasons) with the history of its changes.
//  - A person's id is the one that links their contacts in the inbox (contact.person_id): a person
//    made from a conversation takes it, and shredding the person shreds those contacts too.
//
// Thread-safe: all state is in the database and the key store.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/env.h"
#include "common/json.h"
#include "common/status.h"
#include "domain/audit/audit_log.h"
#include "domain/auth/access.h"
#include "domain/keys/key_store.h"
#include "domain/page.h"
#include "store/db.h"

namespace serai::people {

struct Document {
  std::string type;  // passport, national_id, ...
  std::string number;
};

// The identifying fields, all optional.
struct Identity {
  std::string name;                 // as the person writes it
  std::string name_latin;           // in Latin letters
  std::string birth_date;           // YYYY-MM-DD
  std::string age_band;             // when the date is not known: one of AgeBands()
  std::string sex;                  // female, male, other
  std::string nationality;          // ISO 3166-1 alpha-2
  std::vector<std::string> phones;  // E.164
  std::vector<Document> documents;
};

// An audit event about a person (resource "person/ID"), for the people and cases services.
audit::Event PersonEvent(const auth::Principal& actor, const std::string& centre_id,
                         std::string action, const std::string& person_id, auth::Purpose purpose,
                         std::string detail = "");

// Shared by the services that keep a person's follow-up (people, cases, referrals, reintegration),
// inside their transactions:
// The person's code, when they are one of the centre's and not shredded; NotFound or
// FailedPrecondition("shredded") otherwise.
Result<std::string> LivePersonCode(store::Conn& conn, const std::string& centre_id,
                                   const std::string& person_id);
// Something new was recorded about the person: retention counts from `now`.
Status TouchPerson(store::Conn& conn, const std::string& person_id, int64_t now);
// Makes an inbox conversation of the centre the person's: its contact, and the contacts linked to
// it in the inbox, take the person's id (so the person's shred reaches them). AlreadyExists when
// the conversation is already someone else's.
Status LinkConversation(store::Conn& conn, const std::string& centre_id,
                        const std::string& conversation_id, const std::string& person_id);
// A text sealed under the person's key in column `column` of `row`: "" when NULL or once the
// person is shredded (their words are gone; the rest of the record remains).
std::string OpenSealed(keys::KeyStore& keys, const std::string& centre_id,
                       const std::string& person_id, const char* field, const store::Row& row,
                       size_t column);

// Checks every identifying field and writes phones in E.164 (with the centre's country for local
// numbers); `now` says which birth dates are in the future.
Status CheckIdentity(store::Conn& conn, const std::string& centre_id, Identity& identity,
                     int64_t now);
// Seals an identity under the person's key (person.identity_sealed).
Result<std::string> SealIdentity(keys::KeyStore& keys, const std::string& centre_id,
                                 const std::string& person_id, const Identity& identity);
// Opens a person's sealed identity (person.identity_sealed); FailedPrecondition once shredded.
Result<Identity> OpenIdentity(keys::KeyStore& keys, const std::string& centre_id,
                              const std::string& person_id, const std::string& sealed);

// The identity as JSON: how it is sealed, and how the API shows it; and back.
Json IdentityJson(const Identity& identity);
Result<Identity> IdentityFromJson(std::string_view text);

const std::vector<std::string>& AgeBands();         // "0-17", "18-24", ..., "65+"
const std::vector<std::string>& Stages();           // potential, intending, outgoing, ...
const std::vector<std::string>& Reasons();          // work, family, study, safety, ...
const std::vector<std::string>& ConsentPurposes();  // counselling, referral, follow_up, statistics
const std::vector<std::string>& ConsentBases();     // consent, vital_interest, legal_obligation
const std::vector<std::string>& ConsentChannels();  // verbal, written, app

struct Profile {
  std::string stage;        // one of Stages(), or "" (not known yet)
  std::string destination;  // ISO 3166-1 alpha-2, or ""
  // Short free text ("Iran, Turkey"), sealed under the person's key: only a person's own read and
  // the profile's history open it; lists leave it empty.
  std::string route;
  std::vector<std::string> reasons;  // from Reasons()
  std::string changed_by;
  int64_t changed_at = 0;
};

struct Consent {
  std::string id, purpose, basis, channel, given_by;
  int64_t given_at = 0;
  std::string withdrawn_by;
  int64_t withdrawn_at = 0;  // 0 while in force
};

// What lists show: no identifying field.
struct PersonSummary {
  std::string id, code;
  Profile profile;
  int64_t created_at = 0, updated_at = 0;
  bool shredded = false;
};

// Another record that may be the same person (duplicates.h): its code, score and reasons.
struct PossibleDuplicate {
  std::string person_id, code;
  double score = 0;
  std::vector<std::string> reasons;
};

// A record merged into this one (duplicates.h), or the one this record was merged into.
struct MergedRecord {
  std::string person_id, code, merge_id;
};

struct Person {
  PersonSummary summary;
  Identity identity;  // empty once shredded
  std::vector<Consent> consents;
  std::vector<std::string> conversation_ids;  // the inbox conversations that are this person's
  std::vector<PossibleDuplicate> duplicates;  // open pairs, best first (Create only)
  std::optional<MergedRecord> merged_into;    // this record was merged into that one
  std::vector<MergedRecord> merged;           // records merged into this one
};

class People {
 public:
  People(store::Db& db, keys::KeyStore& keys, Env& env) : db_(db), keys_(keys), env_(env) {}

  // A new person in `centre_id`; with `conversation_id`, that conversation (and those already
  // linked to it) become theirs. Phones are parsed with the centre's country. The answer lists the
  // records that may be the same person (duplicates.h).
  Result<Person> Create(const auth::Principal& actor, const std::string& centre_id,
                        auth::Purpose purpose, Identity identity,
                        const std::string& conversation_id);
  // One person with their identity (an audited read).
  Result<Person> Get(const auth::Principal& actor, const std::string& centre_id,
                     auth::Purpose purpose, const std::string& person_id);
  // The identity as stored (phones in E.164). A record merged into another is changed through that
  // one (FailedPrecondition "merged"), as are its consent and profile.
  Result<Identity> UpdateIdentity(const auth::Principal& actor, const std::string& centre_id,
                                  auth::Purpose purpose, const std::string& person_id,
                                  Identity identity);
  // Newest first, without records merged into others; codes and profiles only, so not a read of
  // identifying data.
  Result<Page<PersonSummary>> List(const std::string& centre_id, int limit,
                                   const std::string& after_id);

  Result<Consent> GiveConsent(const auth::Principal& actor, const std::string& centre_id,
                              const std::string& person_id, const std::string& purpose,
                              const std::string& basis, const std::string& channel);
  Status WithdrawConsent(const auth::Principal& actor, const std::string& centre_id,
                         const std::string& person_id, const std::string& consent_id);

  Result<Profile> SetProfile(const auth::Principal& actor, const std::string& centre_id,
                             const std::string& person_id, Profile profile);
  // Oldest first; it opens the sealed routes, so it is an audited read.
  Result<std::vector<Profile>> ProfileHistory(const auth::Principal& actor,
                                              const std::string& centre_id, auth::Purpose purpose,
                                              const std::string& person_id);

  // Destroys the person's data key and those of their inbox contacts: their identity, names,
  // handles and messages are unreadable everywhere, backups included. The person stays as a code.
  // The records merged into theirs are shredded with them.
  Status Shred(const auth::Principal& actor, const std::string& centre_id,
               const std::string& person_id, std::string_view why = "");
  // The centre a person belongs to, or "" when there is no such person (`serai shred`).
  Result<std::string> CentreOf(const std::string& person_id);

  // Retention: a centre keeps a person for `days` after the last change to their record or the
  // last message in their conversations, then they are shredded (0: until shredded by hand).
  static constexpr int64_t kMaxRetentionDays = 3650;
  Result<int64_t> RetentionDays(const std::string& centre_id);
  Status SetRetentionDays(const auth::Principal& actor, const std::string& centre_id, int64_t days);
  // Shreds up to 100 people whose retention has run out, in every centre; how many.
  Result<int> ShredDue();
  // Seals the routes written in the clear before routes were sealed (and blanks those of shredded
  // people); how many. Run when the data directory is opened.
  Result<int> SealClearRoutes();

 private:
  Status ShredOne(const auth::Principal& actor, const std::string& centre_id,
                  const std::string& person_id, std::string_view why);

  store::Db& db_;
  keys::KeyStore& keys_;
  Env& env_;
};

}  // namespace serai::people
