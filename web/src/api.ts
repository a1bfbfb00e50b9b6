// The JSON API: typed calls, the CSRF token on every write, problem+json turned into ApiError.
export interface Grant { centre: string; role: string }
export interface Me {
  id: string; display_name: string; locale: string; roles: Grant[];
  totp_required: boolean; second_factor_done: boolean; csrf_token: string;
}
export interface Centre {
  id: string; name: string; country: string; city: string; languages: string[]; time_zone: string;
  response_target_minutes: number;
}
export interface StaffUser {
  id: string; email: string; display_name: string; locale: string; languages: string[]; disabled: boolean;
  totp_enabled: boolean; roles: Grant[];
}
export interface Page<T> { items: T[]; next_cursor: string | null }

export class ApiError extends Error {
  constructor(public status: number, public code: string, public detail: string) {
    super(code);
  }
}

let csrfToken = '';
export function setCsrfToken(token: string): void {
  csrfToken = token;
}

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET') headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(path, {
      method, headers, credentials: 'same-origin',
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch {
    throw new ApiError(0, 'offline', '');
  }
  if (res.status === 204) return undefined as T;
  const data: unknown = await res.json().catch(() => ({}));
  if (!res.ok) {
    const p = data as { code?: string; detail?: string };
    throw new ApiError(res.status, p.code ?? 'unknown', p.detail ?? '');
  }
  return data as T;
}

export const ALL_ROLES = ['admin', 'manager', 'counsellor', 'outreach', 'me_officer', 'editor',
  'partner', 'registrar', 'auditor'] as const;

export function hasRole(me: Me, centre: string, ...roles: string[]): boolean {
  return me.roles.some((g) => (g.centre === centre || g.centre === '*') && roles.includes(g.role));
}

export interface Conversation {
  id: string; channel_account_id: string; platform: string; contact_id: string;
  contact_name: string; status: string; last_message_at: number; assignee_id: string | null; language: string;
  tags: string[]; awaiting_since: number | null; reply_due_at: number | null;
  reply_window_ends_at: number | null;  // until when the platform allows a free reply
  priority: 'normal' | 'urgent';  // urgent: a protection topic came up
}
export interface ChannelAccount {
  id: string; platform: string; name: string; external_id: string; base_url: string; enabled: boolean;
  webhook_path: string; created_at: number; self_service: boolean;
}
// A WhatsApp template approved by Meta: its body's {{1}}, {{2}}, ... take `parameters` values.
export interface MessageTemplate {
  id: string; channel_account_id: string; name: string; language: string; body: string; parameters: number; updated_at: number;
}
// An article of the knowledge base with the newest version of each translation.
export interface KbTranslation {
  lang: string; version: number; status: 'draft' | 'in_review' | 'published' | 'archived'; title: string;
  body?: string; body_html?: string; short_answer?: string; author_id: string; reviewer_id: string | null; review_by: string;
  published_version: number | null; updated_at: number;
}
export interface KbAttachment { id: string; lang: string | null; file_name: string; mime: string; size: number; created_at: number }
export interface KbArticle {
  id: string; slug: string; topics: string[]; countries: string[]; audiences: string[];
  translations: KbTranslation[]; attachments: KbAttachment[]; updated_at: number;
}
// An article of the knowledge base offered for the person's newest message.
export interface Suggestion { slug: string; lang: string; title: string; short_answer: string; score: number }
export interface CannedReply { id: string; language: string; title: string; body: string; updated_at: number }
export interface StaffMember {
  id: string; display_name: string; languages: string[]; role: 'counsellor' | 'manager'; online: boolean; active: number;
}
export interface QueueOverview {
  languages: { language: string; active: number; unassigned: number }[];
  mine: number; unassigned: number; overdue: number; staff: StaffMember[];
}
export interface Note { id: string; author_id: string; text: string; created_at: number }
export interface Message {
  id: string; direction: 'in' | 'out'; kind: string; text: string; status: string; error: string; sent_at: number;
  media: { duration_minutes?: number; topics?: string[] } | null; conversation_id?: string; platform?: string;
  attachment: Attachment | null;
}
// A file the person sent: fetched from the platform (pending), kept (stored), or not (failed, with
// the reason: too_large, type_not_allowed, expired, media_gone, ...).
export interface Attachment { state: 'pending' | 'stored' | 'failed'; reason: string; mime: string; size: number; file_name: string }

// The platforms' text limits, as the server enforces them.
export const TEXT_LIMITS: Record<string, number> = {
  whatsapp: 4096, telegram: 4096, viber: 7000, messenger: 1999, instagram: 1999,
};
export interface MigrationProfile {
  stage: string; destination: string; route: string; reasons: string[]; changed_by: string | null; changed_at: number | null;
}
export interface PersonSummary { id: string; code: string; profile: MigrationProfile; created_at: number; updated_at: number; shredded: boolean }
export interface Identity {
  name: string; name_latin: string; birth_date: string; age_band: string; sex: string; nationality: string;
  phones: string[]; documents: { type: string; number: string }[];
}
export interface Consent {
  id: string; purpose: string; basis: string; channel: string; given_by: string; given_at: number;
  withdrawn_by: string | null; withdrawn_at: number | null;
}
export interface PossibleDuplicate { person_id: string; code: string; score: number; reasons: string[] }
export interface MergedRecord { person_id: string; code: string; merge_id: string }
export interface Person extends PersonSummary {
  identity: Identity | null; consents: Consent[]; conversation_ids: string[];
  duplicates: PossibleDuplicate[]; merged_into: MergedRecord | null; merged: MergedRecord[];
}
export interface PairSide { person_id: string; code: string; identity?: Identity }
export interface DuplicatePair {
  id: string; a: PairSide; b: PairSide; score: number; reasons: string[]; status: string;
  found_at: number; decided_by: string | null; decided_at: number | null; merge_id: string | null;
}
export interface CaseSummary {
  id: string; number: string; person_id: string; person_code: string; type: string; categories: string[];
  status: string; priority: string; owner_id: string; opened_at: number; updated_at: number; closed_at: number | null;
  open_tasks: number; next_due_on: string | null;
}
export interface CaseTask {
  id: string; case_id: string; case_number: string; title: string; assignee_id: string; due_on: string; remind_on: string;
  done: boolean; done_by: string | null; done_at: number | null; created_by: string; created_at: number;
}
export interface CaseFile extends CaseSummary { opened_by: string; notes: Note[]; tasks: CaseTask[]; conversation_ids: string[] }
export interface PartnerService {
  id: string; partner_id: string; type: string; place: string; languages: string[]; eligibility: string; contact: string; active: boolean;
}
export interface Partner { id: string; name: string; place: string; contact: string; services: PartnerService[]; member_ids: string[] }
export interface ReferralSummary {
  id: string; person_id: string; person_code: string; case_id: string | null; partner_id: string; partner_name: string;
  service_id: string; service_type: string; status: string; share_identity: boolean;
  created_by: string; created_at: number; updated_by: string; updated_at: number;
}
export interface Referral extends ReferralSummary { note: string; feedback: string; person: { name: string; phones: string[] } | null }
export interface Setback {
  id: string; case_id: string; case_number: string; person_code: string; owner_id: string;
  rule: 'missed_follow_up' | 'score_drop' | 'distress' | 'milestone_overdue';
  detail: { months?: number; due_on?: string; dimension?: string; from?: number; to?: number };
  raised_at: number; resolved_by: string | null; resolved_at: number | null; resolution: string;
}
export interface Monitoring {
  started: boolean; start_on: string | null;
  assessments: { id: string; follow_up_id: string | null; economic: number; social: number; psychosocial: number; distress: boolean; note: string; assessed_by: string; assessed_at: number }[];
  milestones: { id: string; title: string; due_on: string; done: boolean }[];
  follow_ups: { id: string; months: number; due_on: string; done: boolean }[];
  setbacks: Setback[];
}
