// The catalogue of every e-mail and notification the engine sends, in English and French, one file
// per process noun; `renderMessage` writes one for its reader. Pure (no web, no I/O): the notify
// activity renders, workflows only name a message and give its values (ParamsOf).
import type { Language } from '../auth.js';
import type { RecipientKind } from '../notification.js';
import { authEn, authFr } from './auth.js';
import { campaignEn, campaignFr } from './campaign.js';
import { meetingEn, meetingFr } from './coordinator-meeting.js';
import { electionEn, electionFr } from './election.js';
import { fill, formatParam, type Param, type Params } from './format.js';
import { pledgeEn, pledgeFr } from './pledge.js';
import type { Template } from './template.js';
import { termsEn, termsFr } from './terms.js';
import { surveyEn, surveyFr } from './survey.js';
import { partnershipEn, partnershipFr } from './partnership.js';
import { progressReportEn, progressReportFr } from './progress-report.js';
import { membershipCallEn, membershipCallFr } from './membership-call.js';
import { workshopEn, workshopFr } from './workshop.js';
import { partnerInquiryEn, partnerInquiryFr } from './partner-inquiry.js';
import { donorContactEn, donorContactFr } from './donor-contact.js';
import { requirementEn, requirementFr } from './reporting-requirement.js';
import { acknowledgementEn, acknowledgementFr } from './acknowledgement.js';
import { advisoryEn, advisoryFr } from './advisory-session-proposal.js';
import { workPlanOutputEn, workPlanOutputFr } from './work-plan-output.js';

export type { Param, Params, Template };

const en = {
  ...electionEn,
  ...workshopEn,
  ...meetingEn,
  ...pledgeEn,
  ...campaignEn,
  ...surveyEn,
  ...partnershipEn,
  ...authEn,
  ...authEn,
  ...partnerInquiryEn,
  ...donorContactEn,
  ...authEn,
  ...progressReportEn,
  ...authEn,
  ...requirementEn,
  ...acknowledgementEn,
  ...authEn,
  ...membershipCallEn,
  ...advisoryEn,
  ...workPlanOutputEn,
};
export type MessageKind = keyof typeof en;
type TermKey = keyof typeof termsEn;

export const CATALOGUE: Record<Language, Record<MessageKind, Template>> = {
  en,
  fr: {
    ...electionFr,
    ...workshopFr,
    ...meetingFr,
    ...pledgeFr,
    ...campaignFr,
    ...surveyFr,
    ...partnershipFr,
    ...authFr,
    ...authFr,
    ...partnerInquiryFr,
    ...donorContactFr,
    ...authFr,
    ...progressReportFr,
    ...authFr,
    ...requirementFr,
    ...acknowledgementFr,
    ...authFr,
    ...membershipCallFr,
    ...advisoryFr,
    ...workPlanOutputFr,
  },
};
export const TERMS: Record<Language, Record<TermKey, string>> = { en: termsEn, fr: termsFr };

/** `{a} and {b}` → 'a' | 'b', so a workflow that leaves out a value does not compile. */
type Holes<S> = S extends `${string}{${infer P}}${infer R}` ? P | Holes<R> : never;
export type ParamsOf<K extends MessageKind> = {
  [P in Holes<(typeof en)[K]['subject'] | (typeof en)[K]['body']>]: Param;
};

/** What a process says, as data: a message of the catalogue and its values. */
export interface MessageRef<K extends MessageKind = MessageKind> {
  kind: K;
  params: ParamsOf<K>;
}
export const message = <K extends MessageKind>(kind: K, params: ParamsOf<K>): MessageRef =>
  ({ kind, params }) as MessageRef;

export const isMessageKind = (k: string): k is MessageKind => Object.hasOwn(en, k);

const termIn = (lang: Language) => (key: string) => TERMS[lang][key as TermKey] ?? key;

/** A message in `lang`: each value formatted for the locale, then put into the templates. */
export function renderMessage(kind: MessageKind, params: Params, lang: Language): { subject: string; body: string } {
  const t = CATALOGUE[lang][kind];
  const values = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, formatParam(v, lang, termIn(lang))]));
  return { subject: fill(t.subject, values), body: fill(t.body, values) };
}

// The page of the web app where each reader acts on a process (its API resource): member cities in
// their portal (/app/city/...), donors in theirs, the secretariat in the console. Agreed with the
// portals: elections, workshops and coordinator meetings under /app/city, pledges under /app/donor;
// work plan outputs (/work-plans/timeline) at the portal's outputs page of the city's clusters.
const CITY_PAGES = ['elections', 'workshops', 'coordinator-meetings', 'partnerships', 'progress-reports', 'work-plans'];

/** The web app path a message links to, or null when its reader has no page (an external expert). */
export function appLink(recipient: RecipientKind, resource: string | null | undefined): string | null {
  // A console list page (the workshops page, where advisory session proposals wait): the secretariat's only.
  if (recipient === 'secretariat' && resource && /^\/[a-z-]+$/.test(resource)) return `/app${resource}`;
  if (!resource || !/^\/[a-z-]+\/[\w.:-]+$/.test(resource)) return null;
  const noun = resource.split('/')[1]!;
  if (recipient === 'secretariat') return `/app${resource}`;
  if (recipient === 'city') return CITY_PAGES.includes(noun) ? `/app/city${resource}` : '/app/city';
  // A campaign's follow-up invites the donor to pledge: the portal's home, where a pledge is offered.
  if (recipient === 'donor') return noun === 'pledges' ? `/app/donor${resource}` : '/app/donor';
  return null;
}
