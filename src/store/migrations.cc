// Versioned schema. Append new migrations; never edit one that has shipped.
#include <algorithm>

#include "store/db.h"

namespace serai::store {
namespace {

constexpr std::string_view kV1Foundation = R"sql(
CREATE TABLE centre (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  country TEXT NOT NULL,
  city TEXT NOT NULL,
  languages TEXT NOT NULL,
  time_zone TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE TABLE app_user (
  id TEXT PRIMARY KEY,
  email TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  locale TEXT NOT NULL,
  totp_secret BLOB,
  totp_pending BLOB,
  totp_last_step BIGINT NOT NULL DEFAULT 0,
  disabled BIGINT NOT NULL DEFAULT 0,
  failed_logins BIGINT NOT NULL DEFAULT 0,
  locked_until BIGINT NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE TABLE user_role (
  user_id TEXT NOT NULL REFERENCES app_user(id),
  centre_id TEXT NOT NULL,
  role TEXT NOT NULL,
  PRIMARY KEY (user_id, centre_id, role)
);
CREATE INDEX user_role_by_centre ON user_role (centre_id, user_id);
CREATE TABLE session (
  token_hash BLOB PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES app_user(id),
  csrf_token TEXT NOT NULL,
  mfa_ok BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE INDEX session_by_user ON session (user_id);
CREATE TABLE api_token (
  id TEXT PRIMARY KEY,
  token_hash BLOB NOT NULL UNIQUE,
  user_id TEXT NOT NULL REFERENCES app_user(id),
  name TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  revoked BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX api_token_by_user ON api_token (user_id);
CREATE TABLE audit_event (
  seq BIGINT PRIMARY KEY,
  at BIGINT NOT NULL,
  actor TEXT NOT NULL,
  centre_id TEXT NOT NULL,
  action TEXT NOT NULL,
  resource TEXT NOT NULL,
  purpose TEXT NOT NULL,
  detail TEXT NOT NULL,
  prev_hash BLOB NOT NULL,
  hash BLOB NOT NULL
);
CREATE INDEX audit_event_by_centre ON audit_event (centre_id, seq);
)sql";

// Channels and the inbox. Handles, names and message text are personal data: stored sealed under
// the contact's own key (shredding the contact's key makes them unreadable); contacts are found by
// an HMAC digest of the handle keyed per centre, never by the handle in clear.
constexpr std::string_view kV2Channels = R"sql(
CREATE TABLE channel_account (
  id TEXT PRIMARY KEY,
  centre_id TEXT NOT NULL REFERENCES centre(id),
  platform TEXT NOT NULL,
  name TEXT NOT NULL,
  external_id TEXT NOT NULL,
  base_url TEXT NOT NULL,
  secrets BLOB NOT NULL,
  enabled BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX channel_account_by_centre ON channel_account (centre_id, id);
CREATE TABLE contact (
  id TEXT PRIMARY KEY,
  centre_id TEXT NOT NULL,
  channel_account_id TEXT NOT NULL REFERENCES channel_account(id),
  handle_digest BLOB NOT NULL,
  handle_sealed BLOB NOT NULL,
  name_sealed BLOB,
  language TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  UNIQUE (channel_account_id, handle_digest)
);
CREATE TABLE conversation (
  id TEXT PRIMARY KEY,
  centre_id TEXT NOT NULL,
  contact_id TEXT NOT NULL UNIQUE REFERENCES contact(id),
  channel_account_id TEXT NOT NULL,
  status TEXT NOT NULL,
  assignee_id TEXT,
  last_message_at BIGINT NOT NULL,
  last_inbound_at BIGINT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX conversation_by_centre ON conversation (centre_id, status, last_message_at);
CREATE TABLE message (
  id TEXT PRIMARY KEY,
  conversation_id TEXT NOT NULL REFERENCES conversation(id),
  centre_id TEXT NOT NULL,
  channel_account_id TEXT NOT NULL,
  direction TEXT NOT NULL,
  platform_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  body_sealed BLOB,
  media TEXT NOT NULL,
  status TEXT NOT NULL,
  status_rank BIGINT NOT NULL,
  error TEXT NOT NULL,
  sent_at BIGINT NOT NULL,
  received_at BIGINT NOT NULL,
  UNIQUE (channel_account_id, direction, platform_id)
);
CREATE INDEX message_by_conversation ON message (conversation_id, sent_at);
CREATE TABLE receipt_pending (
  channel_account_id TEXT NOT NULL,
  platform_id TEXT NOT NULL,
  status TEXT NOT NULL,
  status_rank BIGINT NOT NULL,
  error TEXT NOT NULL,
  at BIGINT NOT NULL,
  PRIMARY KEY (channel_account_id, platform_id, status)
);
CREATE TABLE webhook_event (
  channel_account_id TEXT NOT NULL,
  dedupe_key TEXT NOT NULL,
  kind TEXT NOT NULL,
  received_at BIGINT NOT NULL,
  PRIMARY KEY (channel_account_id, dedupe_key)
);
)sql";

// The outbox: one job per outbound message, claimed by a worker, retried with backoff.
constexpr std::string_view kV3Outbox = R"sql(
CREATE TABLE outbox_job (
  id TEXT PRIMARY KEY,
  message_id TEXT NOT NULL REFERENCES message(id),
  channel_account_id TEXT NOT NULL,
  state TEXT NOT NULL,
  run_at BIGINT NOT NULL,
  attempts BIGINT NOT NULL,
  last_error TEXT NOT NULL,
  locked_until BIGINT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX outbox_job_due ON outbox_job (state, run_at);
)sql";

// Working the inbox: who a conversation is assigned to, until when it is snoozed, and internal
// notes (about a person, so sealed under the contact's key like messages).
constexpr std::string_view kV4InboxWork = R"sql(
ALTER TABLE conversation ADD COLUMN snoozed_until BIGINT NOT NULL DEFAULT 0;
CREATE INDEX conversation_by_assignee ON conversation (centre_id, assignee_id, last_message_at);
CREATE TABLE note (
  id TEXT PRIMARY KEY,
  conversation_id TEXT NOT NULL REFERENCES conversation(id),
  centre_id TEXT NOT NULL,
  author_id TEXT NOT NULL,
  body_sealed BLOB NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX note_by_conversation ON note (conversation_id, created_at);
)sql";

// Queues and routing: the languages a staff member counsels in, each conversation's language, and
// who is online in which centre (seen by their live inbox stream) with the time of their last
// automatic assignment (round robin).
constexpr std::string_view kV5Routing = R"sql(
ALTER TABLE app_user ADD COLUMN languages TEXT NOT NULL DEFAULT '';
ALTER TABLE conversation ADD COLUMN language TEXT NOT NULL DEFAULT '';
CREATE INDEX conversation_by_language ON conversation (centre_id, language, last_message_at);
CREATE TABLE presence (
  centre_id TEXT NOT NULL,
  user_id TEXT NOT NULL REFERENCES app_user(id),
  last_seen BIGINT NOT NULL,
  last_assigned_at BIGINT NOT NULL,
  PRIMARY KEY (centre_id, user_id)
);
)sql";

// Tools of the inbox: topic tags on conversations, canned replies per centre and language, and each
// centre's response-time target.
constexpr std::string_view kV6InboxTools = R"sql(
ALTER TABLE centre ADD COLUMN response_target_minutes BIGINT NOT NULL DEFAULT 120;
CREATE TABLE conversation_tag (
  conversation_id TEXT NOT NULL REFERENCES conversation(id),
  centre_id TEXT NOT NULL,
  topic TEXT NOT NULL,
  PRIMARY KEY (conversation_id, topic)
);
CREATE INDEX conversation_tag_by_topic ON conversation_tag (centre_id, topic, conversation_id);
CREATE TABLE canned_reply (
  id TEXT PRIMARY KEY,
  centre_id TEXT NOT NULL,
  language TEXT NOT NULL,
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX canned_reply_by_centre ON canned_reply (centre_id, language, title);
)sql";

// The inbox's newest-first list reads the first index and stops after a page, however many
// conversations a centre has; the queue counts read only the second (it covers them).
constexpr std::string_view kV7InboxRecent = R"sql(
CREATE INDEX conversation_by_recent ON conversation (centre_id, last_message_at);
CREATE INDEX conversation_queue_counts ON conversation (centre_id, language, status, assignee_id,
  last_inbound_at, last_message_at);
)sql";

// One person across channels: contacts whose phone numbers match (an HMAC of the E.164 number,
// keyed per centre) are suggested for linking; linked contacts share a person id.
constexpr std::string_view kV8ContactLinks = R"sql(
ALTER TABLE contact ADD COLUMN phone_digest BLOB;
ALTER TABLE contact ADD COLUMN person_id TEXT;
CREATE INDEX contact_by_phone ON contact (centre_id, phone_digest);
CREATE INDEX contact_by_person ON contact (person_id);
)sql";

// Every message rewrites its conversation's times, and with them every index that holds them:
// only the newest-first list, the language queues and the overdue ones (open, by the time of the
// person's last message) keep a time; the rest do without.
constexpr std::string_view kV9LeanerIndexes = R"sql(
DROP INDEX conversation_by_centre;
CREATE INDEX conversation_awaiting ON conversation (centre_id, status, last_inbound_at);
DROP INDEX conversation_by_assignee;
CREATE INDEX conversation_by_assignee ON conversation (centre_id, assignee_id, status);
DROP INDEX conversation_queue_counts;
CREATE INDEX conversation_queue_counts ON conversation (centre_id, language, status, assignee_id);
)sql";

// Search over sealed conversations (domain/inbox/conversation_terms.h): keyed digests of their
// words. The primary key is the whole row, so SQLite keeps it without a rowid.
constexpr std::string_view kV10ConversationTerms = R"sql(
CREATE TABLE conversation_term (
  term BIGINT NOT NULL,
  conversation_id TEXT NOT NULL REFERENCES conversation(id),
  PRIMARY KEY (term, conversation_id)
) WITHOUT ROWID;
)sql";

// What people send (photos, voice notes, documents), fetched from the platform before its link
// expires: one row per media message. Where to fetch it and the file's name are sealed under the
// contact's key; the file itself, also sealed, is in DATA/media.
constexpr std::string_view kV11Media = R"sql(
CREATE TABLE media (
  message_id TEXT PRIMARY KEY REFERENCES message(id),
  centre_id TEXT NOT NULL,
  contact_id TEXT NOT NULL,
  channel_account_id TEXT NOT NULL,
  source_sealed BLOB NOT NULL,
  state TEXT NOT NULL,
  reason TEXT NOT NULL,
  attempts BIGINT NOT NULL,
  run_at BIGINT NOT NULL,
  deadline BIGINT NOT NULL,
  locked_until BIGINT NOT NULL,
  mime TEXT NOT NULL,
  size BIGINT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX media_due ON media (state, run_at);
)sql";

// WhatsApp message templates a centre's account has registered with Meta; a reply sent as a
// template keeps which one and its values sealed with the job (the message holds the text).
constexpr std::string_view kV12Templates = R"sql(
CREATE TABLE message_template (
  id TEXT PRIMARY KEY,
  centre_id TEXT NOT NULL,
  channel_account_id TEXT NOT NULL REFERENCES channel_account(id),
  name TEXT NOT NULL,
  language TEXT NOT NULL,
  body TEXT NOT NULL,
  parameters BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  UNIQUE (channel_account_id, name, language)
);
CREATE INDEX message_template_by_centre ON message_template (centre_id);
ALTER TABLE outbox_job ADD COLUMN template_sealed BLOB;
)sql";

// The knowledge base: articles (topics, countries, audiences) and their translations, each change a
// new version; the status of a version moves draft, in_review, published, archived.
constexpr std::string_view kV13KnowledgeBase = R"sql(
CREATE TABLE kb_article (
  id TEXT PRIMARY KEY,
  slug TEXT NOT NULL UNIQUE,
  topics TEXT NOT NULL,
  countries TEXT NOT NULL,
  audiences TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE TABLE kb_translation (
  id TEXT PRIMARY KEY,
  article_id TEXT NOT NULL REFERENCES kb_article(id),
  lang TEXT NOT NULL,
  version BIGINT NOT NULL,
  status TEXT NOT NULL,
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  short_answer TEXT NOT NULL,
  author_id TEXT NOT NULL,
  reviewer_id TEXT,
  review_by TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  UNIQUE (article_id, lang, version)
);
CREATE INDEX kb_translation_by_status ON kb_translation (status, article_id, lang);
)sql";

// Answers from the knowledge base for people who write: every incoming text is assessed once
// (kb_question keeps the outcome, the best article and the question's concepts, never its words);
// self-service per channel account (off by default); a conversation's priority (protection
// topics are urgent) and whether the person asked for a person (the assistant then stays quiet).
constexpr std::string_view kV14Answers = R"sql(
ALTER TABLE channel_account ADD COLUMN self_service BIGINT NOT NULL DEFAULT 0;
ALTER TABLE conversation ADD COLUMN priority TEXT NOT NULL DEFAULT 'normal';
ALTER TABLE conversation ADD COLUMN assistant_off BIGINT NOT NULL DEFAULT 0;
ALTER TABLE conversation ADD COLUMN assistant_notice_at BIGINT NOT NULL DEFAULT 0;
CREATE TABLE kb_question (
  message_id TEXT PRIMARY KEY,
  centre_id TEXT NOT NULL,
  conversation_id TEXT NOT NULL,
  language TEXT NOT NULL,
  state TEXT NOT NULL,
  locked_until BIGINT NOT NULL DEFAULT 0,
  answerable BIGINT NOT NULL DEFAULT 0,
  outcome TEXT NOT NULL DEFAULT '',
  top_slug TEXT NOT NULL DEFAULT '',
  top_score_milli BIGINT NOT NULL DEFAULT 0,
  concepts TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL
);
CREATE INDEX kb_question_due ON kb_question (state, created_at);
CREATE INDEX kb_question_by_time ON kb_question (created_at, centre_id);
)sql";

// Files that go with an article (two-page briefs, images): public like the article, kept in
// DATA/kb/files under the attachment's id; for one translation, or every one ('').
constexpr std::string_view kV15KbAttachments = R"sql(
CREATE TABLE kb_attachment (
  id TEXT PRIMARY KEY,
  article_id TEXT NOT NULL REFERENCES kb_article(id),
  lang TEXT NOT NULL,
  file_name TEXT NOT NULL,
  mime TEXT NOT NULL,
  size BIGINT NOT NULL,
  sha256 TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX kb_attachment_by_article ON kb_attachment (article_id);
)sql";

// The report reads done questions by time through kb_question_due (state, created_at): one index
// fewer for every incoming message to write.
constexpr std::string_view kV16LeanerQuestions = R"sql(
DROP INDEX kb_question_by_time;
)sql";

// People behind conversations: pseudonymous (a code) with their identifying fields sealed together
// under the person's own data key (person.identity_sealed; NULL once shredded); consent per purpose
// with its basis and channel; the migration profile and its history. A person's id is the one
// that links their contacts (contact.person_id), so their conversations attach to them.
constexpr std::string_view kV17People = R"sql(
CREATE TABLE person (
  id TEXT PRIMARY KEY,
  centre_id TEXT NOT NULL,
  code TEXT NOT NULL,
  identity_sealed BLOB,
  stage TEXT NOT NULL DEFAULT '',
  destination TEXT NOT NULL DEFAULT '',
  route TEXT NOT NULL DEFAULT '',
  reasons TEXT NOT NULL DEFAULT '',
  created_by TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  shredded_at BIGINT NOT NULL DEFAULT 0,
  UNIQUE (centre_id, code)
);
CREATE INDEX person_by_centre ON person (centre_id, updated_at);
CREATE TABLE consent (
  id TEXT PRIMARY KEY,
  person_id TEXT NOT NULL REFERENCES person(id),
  purpose TEXT NOT NULL,
  basis TEXT NOT NULL,
  channel TEXT NOT NULL,
  given_by TEXT NOT NULL,
  given_at BIGINT NOT NULL,
  withdrawn_by TEXT NOT NULL DEFAULT '',
  withdrawn_at BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX consent_by_person ON consent (person_id, purpose);
CREATE TABLE profile_change (
  id TEXT PRIMARY KEY,
  person_id TEXT NOT NULL REFERENCES person(id),
  stage TEXT NOT NULL,
  destination TEXT NOT NULL,
  route TEXT NOT NULL,
  reasons TEXT NOT NULL,
  changed_by TEXT NOT NULL,
  changed_at BIGINT NOT NULL
);
CREATE INDEX profile_change_by_person ON profile_change (person_id, changed_at);
)sql";

// How long a centre keeps people it has not been in touch with (0: until shredded by hand).
constexpr std::string_view kV18Retention = R"sql(
CREATE TABLE retention_rule (
  centre_id TEXT PRIMARY KEY,
  people_days BIGINT NOT NULL,
  updated_by TEXT NOT NULL,
  updated_at BIGINT NOT NULL
);
)sql";

// Cases (people/cases.h): the follow-up of a person's situation. Notes and task titles are sealed
// under the person's data key (unreadable once the person is shredded); task days are YYYY-MM-DD.
constexpr std::string_view kV19Cases = R"sql(
CREATE TABLE case_file (
  id TEXT PRIMARY KEY,
  centre_id TEXT NOT NULL,
  person_id TEXT NOT NULL REFERENCES person(id),
  number TEXT NOT NULL,
  type TEXT NOT NULL,
  categories TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL,
  priority TEXT NOT NULL,
  owner_id TEXT NOT NULL,
  opened_by TEXT NOT NULL,
  opened_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  closed_at BIGINT NOT NULL DEFAULT 0,
  UNIQUE (centre_id, number)
);
CREATE INDEX case_by_centre ON case_file (centre_id, id);
CREATE INDEX case_by_person ON case_file (person_id);
CREATE TABLE case_note (
  id TEXT PRIMARY KEY,
  case_id TEXT NOT NULL REFERENCES case_file(id),
  author_id TEXT NOT NULL,
  text_sealed BLOB NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX case_note_by_case ON case_note (case_id, created_at);
CREATE TABLE case_task (
  id TEXT PRIMARY KEY,
  case_id TEXT NOT NULL REFERENCES case_file(id),
  title_sealed BLOB NOT NULL,
  assignee_id TEXT NOT NULL,
  due_on TEXT NOT NULL,
  remind_on TEXT NOT NULL,
  done_by TEXT NOT NULL DEFAULT '',
  done_at BIGINT NOT NULL DEFAULT 0,
  created_by TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX case_task_by_case ON case_task (case_id);
CREATE INDEX case_task_by_assignee ON case_task (assignee_id, done_at, remind_on);
CREATE TABLE case_conversation (
  case_id TEXT NOT NULL REFERENCES case_file(id),
  conversation_id TEXT NOT NULL,
  attached_by TEXT NOT NULL,
  attached_at BIGINT NOT NULL,
  PRIMARY KEY (case_id, conversation_id)
);
)sql";

// The service directory and referrals (people/referrals.h): partner organisations of a centre,
// their services, the partner users who answer for them, and referrals of people to a service.
// A referral's note and the partner's feedback are sealed under the person's data key.
constexpr std::string_view kV20Referrals = R"sql(
CREATE TABLE partner_org (
  id TEXT PRIMARY KEY,
  centre_id TEXT NOT NULL,
  name TEXT NOT NULL,
  place TEXT NOT NULL DEFAULT '',
  contact TEXT NOT NULL DEFAULT '',
  created_by TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  UNIQUE (centre_id, name)
);
CREATE TABLE partner_service (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES partner_org(id),
  type TEXT NOT NULL,
  place TEXT NOT NULL DEFAULT '',
  languages TEXT NOT NULL DEFAULT '',
  eligibility TEXT NOT NULL DEFAULT '',
  contact TEXT NOT NULL DEFAULT '',
  active BIGINT NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX partner_service_by_org ON partner_service (org_id);
CREATE TABLE partner_member (
  org_id TEXT NOT NULL REFERENCES partner_org(id),
  user_id TEXT NOT NULL,
  PRIMARY KEY (org_id, user_id)
);
CREATE INDEX partner_member_by_user ON partner_member (user_id);
CREATE TABLE referral (
  id TEXT PRIMARY KEY,
  centre_id TEXT NOT NULL,
  person_id TEXT NOT NULL REFERENCES person(id),
  case_id TEXT NOT NULL DEFAULT '',
  org_id TEXT NOT NULL REFERENCES partner_org(id),
  service_id TEXT NOT NULL REFERENCES partner_service(id),
  status TEXT NOT NULL,
  share_identity BIGINT NOT NULL DEFAULT 0,
  note_sealed BLOB,
  feedback_sealed BLOB,
  created_by TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_by TEXT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX referral_by_centre ON referral (centre_id, id);
CREATE INDEX referral_by_org ON referral (org_id, id);
CREATE INDEX referral_by_person ON referral (person_id);
)sql";

// Reintegration monitoring (people/reintegration.h): rules per centre, monitoring started on a
// reintegration case, its follow-ups, assessments and milestones, and the set-backs raised, once
// per rule and thing they are about. Titles, notes and resolutions are sealed under the person's
// key.
constexpr std::string_view kV21Reintegration = R"sql(
CREATE TABLE reintegration_rule (
  centre_id TEXT PRIMARY KEY,
  follow_up_months TEXT NOT NULL,
  missed_grace_days BIGINT NOT NULL,
  score_drop BIGINT NOT NULL,
  milestone_grace_days BIGINT NOT NULL,
  updated_by TEXT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE TABLE reintegration (
  case_id TEXT PRIMARY KEY REFERENCES case_file(id),
  start_on TEXT NOT NULL,
  started_by TEXT NOT NULL,
  started_at BIGINT NOT NULL
);
CREATE TABLE follow_up (
  id TEXT PRIMARY KEY,
  case_id TEXT NOT NULL REFERENCES case_file(id),
  months BIGINT NOT NULL,
  due_on TEXT NOT NULL,
  done_by TEXT NOT NULL DEFAULT '',
  done_at BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX follow_up_due ON follow_up (done_at, due_on);
CREATE INDEX follow_up_by_case ON follow_up (case_id);
CREATE TABLE assessment (
  id TEXT PRIMARY KEY,
  case_id TEXT NOT NULL REFERENCES case_file(id),
  follow_up_id TEXT NOT NULL DEFAULT '',
  economic BIGINT NOT NULL,
  social BIGINT NOT NULL,
  psychosocial BIGINT NOT NULL,
  distress BIGINT NOT NULL,
  note_sealed BLOB,
  assessed_by TEXT NOT NULL,
  assessed_at BIGINT NOT NULL
);
CREATE INDEX assessment_by_case ON assessment (case_id, assessed_at);
CREATE TABLE milestone (
  id TEXT PRIMARY KEY,
  case_id TEXT NOT NULL REFERENCES case_file(id),
  title_sealed BLOB NOT NULL,
  due_on TEXT NOT NULL,
  done_by TEXT NOT NULL DEFAULT '',
  done_at BIGINT NOT NULL DEFAULT 0,
  created_by TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX milestone_due ON milestone (done_at, due_on);
CREATE INDEX milestone_by_case ON milestone (case_id);
CREATE TABLE setback (
  id TEXT PRIMARY KEY,
  centre_id TEXT NOT NULL,
  case_id TEXT NOT NULL REFERENCES case_file(id),
  rule TEXT NOT NULL,
  subject TEXT NOT NULL,
  detail TEXT NOT NULL,
  raised_at BIGINT NOT NULL,
  resolved_by TEXT NOT NULL DEFAULT '',
  resolved_at BIGINT NOT NULL DEFAULT 0,
  resolution_sealed BLOB,
  UNIQUE (case_id, rule, subject)
);
CREATE INDEX setback_queue ON setback (centre_id, resolved_at, raised_at);
)sql";

// Duplicate detection (people/duplicates.h). What a search compares is sealed beside the identity
// (person.match_sealed); the keys a person is found by (phones, documents, date of birth) are kept
// only as keyed digests. A merged record points at the one it was merged into and keeps its own
// cases, sealed under its own key; person_merge says what the merge moved, so it can be undone.
constexpr std::string_view kV22Duplicates = R"sql(
ALTER TABLE person ADD COLUMN match_sealed BLOB;
ALTER TABLE person ADD COLUMN match_version INTEGER NOT NULL DEFAULT 0;
ALTER TABLE person ADD COLUMN merged_into TEXT;
CREATE INDEX person_by_merge ON person (merged_into);
CREATE INDEX person_to_index ON person (match_version, shredded_at);
CREATE TABLE person_key (
  digest BLOB NOT NULL,
  person_id TEXT NOT NULL REFERENCES person(id),
  PRIMARY KEY (digest, person_id)
) WITHOUT ROWID;
CREATE INDEX person_key_by_person ON person_key (person_id);
CREATE TABLE duplicate_pair (
  id TEXT PRIMARY KEY,
  centre_id TEXT NOT NULL,
  person_a TEXT NOT NULL REFERENCES person(id),
  person_b TEXT NOT NULL REFERENCES person(id),
  score_tenths INTEGER NOT NULL,
  reasons TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'open',
  found_at BIGINT NOT NULL,
  decided_by TEXT NOT NULL DEFAULT '',
  decided_at BIGINT NOT NULL DEFAULT 0,
  UNIQUE (person_a, person_b)
);
CREATE INDEX duplicate_queue ON duplicate_pair (centre_id, status, score_tenths);
CREATE TABLE person_merge (
  id TEXT PRIMARY KEY,
  centre_id TEXT NOT NULL,
  pair_id TEXT NOT NULL REFERENCES duplicate_pair(id),
  kept_id TEXT NOT NULL REFERENCES person(id),
  merged_id TEXT NOT NULL REFERENCES person(id),
  contacts TEXT NOT NULL,
  added_sealed BLOB,
  merged_by TEXT NOT NULL,
  merged_at BIGINT NOT NULL,
  undone_by TEXT NOT NULL DEFAULT '',
  undone_at BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX person_merge_by_kept ON person_merge (kept_id);
)sql";

// The migration profile's route is free text that can say more than it should ("with the agent
// in Nimroz"): it is sealed under the person's key like the identity, in the record and in its
// history, so a shred reaches it. Routes written in the clear before this are sealed when the data
// directory is next opened (People::SealClearRoutes), and their clear text blanked; the partial
// indexes hold only those, so that the look at every opening reads an empty index, not the tables.
constexpr std::string_view kV23SealedRoutes = R"sql(
ALTER TABLE person ADD COLUMN route_sealed BLOB;
ALTER TABLE profile_change ADD COLUMN route_sealed BLOB;
CREATE INDEX person_clear_route ON person (id) WHERE route <> '';
CREATE INDEX profile_change_clear_route ON profile_change (id) WHERE route <> '';
)sql";

}  // namespace

const std::vector<Migration>& SeraiMigrations() {
  static const std::vector<Migration> kMigrations = {
      {1, "foundation", kV1Foundation},
      {2, "channels", kV2Channels},
      {3, "outbox", kV3Outbox},
      {4, "inbox_work", kV4InboxWork},
      {5, "routing", kV5Routing},
      {6, "inbox_tools", kV6InboxTools},
      {7, "inbox_recent", kV7InboxRecent},
      {8, "contact_links", kV8ContactLinks},
      {9, "leaner_indexes", kV9LeanerIndexes},
      {10, "conversation_terms", kV10ConversationTerms},
      {11, "media", kV11Media},
      {12, "templates", kV12Templates},
      {13, "knowledge_base", kV13KnowledgeBase},
      {14, "answers", kV14Answers},
      {15, "kb_attachments", kV15KbAttachments},
      {16, "leaner_questions", kV16LeanerQuestions},
      {17, "people", kV17People},
      {18, "retention", kV18Retention},
      {19, "cases", kV19Cases},
      {20, "referrals", kV20Referrals},
      {21, "reintegration", kV21Reintegration},
      {22, "duplicates", kV22Duplicates},
      {23, "sealed_routes", kV23SealedRoutes},
  };
  return kMigrations;
}

Result<int64_t> SchemaVersion(Db& db) {
  int64_t version = 0;
  RETURN_IF_ERROR(db.Transact(Access::kRead, [&](Conn& conn) -> Status {
    ASSIGN_OR_RETURN(Rows rows,
                     conn.Query("SELECT COALESCE(MAX(version), 0) FROM schema_migration", {}));
    version = rows.at(0).Int(0);
    return Status::Ok();
  }));
  return version;
}

Status Migrate(Db& db, const std::vector<Migration>& migrations) {
  RETURN_IF_ERROR(db.Transact(Access::kWrite, [](Conn& conn) {
    return conn.ExecScript(
        "CREATE TABLE IF NOT EXISTS schema_migration (version BIGINT PRIMARY KEY, name TEXT NOT "
        "NULL, applied_at BIGINT NOT NULL)");
  }));
  std::vector<Migration> ordered = migrations;
  std::sort(ordered.begin(), ordered.end(),
            [](const Migration& a, const Migration& b) { return a.version < b.version; });
  for (const Migration& m : ordered) {
    RETURN_IF_ERROR(db.Transact(Access::kWrite, [&](Conn& conn) -> Status {
      if (conn.backend() == Backend::kPostgres) {
        // Several processes may start at once; one applies, the others wait and then skip.
        RETURN_IF_ERROR(conn.ExecScript("SELECT pg_advisory_xact_lock(727301)"));
      }
      ASSIGN_OR_RETURN(Rows done, conn.Query("SELECT 1 FROM schema_migration WHERE version = ?",
                                             {int64_t{m.version}}));
      if (!done.empty()) return Status::Ok();
      RETURN_IF_ERROR(conn.ExecScript(m.sql));
      return conn
          .Exec("INSERT INTO schema_migration (version, name, applied_at) VALUES (?, ?, ?)",
                {int64_t{m.version}, std::string(m.name), int64_t{0}})
          .status();
    }));
  }
  return Status::Ok();
}

}  // namespace serai::store
