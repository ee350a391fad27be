// A member survey: its questions, the API's bodies, the check of a city's answers against the
// questions and the aggregation of results per question and per cluster. Pure: shared by the API,
// the activities and the workflow.
import { z } from 'zod';
import { MAX_DURATION, addDuration, boundedDuration, durationMs, parseDuration } from './duration.js';
import { Instant, Prose, Text } from './schemas.js';

/** The workflow of a survey: `survey:<id>`, so a second start of the same survey is refused. */
export const surveyWorkflowId = (surveyId: string) => `survey:${surveyId}`;

export const QUESTION_KINDS = ['single', 'multiple', 'scale', 'text'] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];
export const SURVEY_STATUSES = ['open', 'closed', 'cancelled'] as const;
export type SurveyStatus = (typeof SURVEY_STATUSES)[number];
export const FINAL_SURVEY_STATUSES: readonly SurveyStatus[] = ['closed', 'cancelled'];

export const SURVEY_LIMITS = Object.freeze({
  questions: 50,
  options: 20,
  option: 200,
  prompt: 500,
  title: 200,
  description: 4000,
  /** Longest free-text answer a question may allow, and its default. */
  text: 5000,
  textDefault: 2000,
  clusters: 12,
  reminders: 3,
  /** The scale of a `scale` question. */
  scaleMin: 1,
  scaleMax: 5,
});

/**
 * In an anonymous survey, a cluster with fewer respondents than this is not broken down: with two
 * respondents in a cluster, each could read the other's answers off the cluster's results.
 */
export const ANONYMITY_THRESHOLD = 5;

export const SURVEY_DEFAULTS = Object.freeze({ reminders: ['P7D', 'P2D'] as string[] });

export const QuestionId = z.string().regex(/^[a-z][a-z0-9_-]{0,39}$/, {
  error: 'must be 1–40 lower-case letters, digits, - or _, starting with a letter',
});

export const Question = z
  .object({
    id: QuestionId,
    kind: z.enum(QUESTION_KINDS),
    prompt: Prose(SURVEY_LIMITS.prompt),
    required: z.boolean().default(false),
    options: z.array(Text(SURVEY_LIMITS.option)).max(SURVEY_LIMITS.options).optional(),
    maxLength: z.int().min(1).max(SURVEY_LIMITS.text).optional(),
  })
  .strict();
export type Question = z.output<typeof Question>;

/** Each kind's own rules: choices have 2..20 distinct options, others none. */
function questionIssues(q: Question): { path: (string | number)[]; message: string }[] {
  const choice = q.kind === 'single' || q.kind === 'multiple';
  const out: { path: (string | number)[]; message: string }[] = [];
  if (choice) {
    if (!q.options || q.options.length < 2)
      out.push({ path: ['options'], message: 'a choice needs at least 2 options' });
    else if (new Set(q.options).size !== q.options.length)
      out.push({ path: ['options'], message: 'an option is listed twice' });
  } else if (q.options) out.push({ path: ['options'], message: `a ${q.kind} question has no options` });
  if (q.maxLength !== undefined && q.kind !== 'text')
    out.push({ path: ['maxLength'], message: 'only a text question has a maximum length' });
  return out;
}

/** A reminder's lead before the close: of fixed length (days, weeks, hours), at most the longest window. */
export const ReminderLead = boundedDuration(MAX_DURATION.WINDOW).refine(
  (d) => {
    try {
      const p = parseDuration(d);
      return p.years === 0 && p.months === 0;
    } catch {
      return true; // the duration's own check names it
    }
  },
  { error: 'must be in weeks, days or hours (no years or months)' },
);

export const CreateSurveyBody = z
  .object({
    title: Text(SURVEY_LIMITS.title),
    description: Prose(SURVEY_LIMITS.description).optional(),
    clusters: z
      .array(z.string().min(1).max(32))
      .max(SURVEY_LIMITS.clusters)
      .optional()
      .describe('the clusters whose member cities are asked; omitted or empty: the whole network'),
    anonymous: z.boolean().default(false),
    opensAt: Instant.optional().describe('default: now'),
    closesAt: Instant,
    reminders: z
      .array(ReminderLead)
      .max(SURVEY_LIMITS.reminders)
      .optional()
      .describe('leads before the close at which cities that have not answered are reminded (default P7D, P2D)'),
    questions: z.array(Question).min(1).max(SURVEY_LIMITS.questions),
  })
  .strict()
  .superRefine((b, ctx) => {
    const ids = new Set<string>();
    b.questions.forEach((q, i) => {
      if (ids.has(q.id))
        ctx.addIssue({ code: 'custom', path: ['questions', i, 'id'], message: 'a question id is used twice' });
      ids.add(q.id);
      for (const p of questionIssues(q))
        ctx.addIssue({ code: 'custom', path: ['questions', i, ...p.path], message: p.message });
    });
    if (b.clusters && new Set(b.clusters).size !== b.clusters.length)
      ctx.addIssue({ code: 'custom', path: ['clusters'], message: 'a cluster is listed twice' });
  });
export type CreateSurveyBody = z.output<typeof CreateSurveyBody>;

/** The window's own rules, against `now`; a problem names the field. */
export function windowProblem(
  w: { opensAt: number; closesAt: number },
  now: number,
): { path: string; message: string } | null {
  if (w.closesAt <= now) return { path: 'body.closesAt', message: 'must be in the future' };
  if (w.closesAt <= w.opensAt) return { path: 'body.closesAt', message: 'must be after opensAt' };
  if (w.closesAt > addDuration(new Date(w.opensAt), MAX_DURATION.WINDOW).getTime())
    return { path: 'body.closesAt', message: `the survey may be open at most ${MAX_DURATION.WINDOW}` };
  return null;
}

/** One answer: a single choice's option, a multiple choice's options, a scale's step, a text. */
export const AnswerValue = z.union([
  z.string().max(SURVEY_LIMITS.text),
  z.array(z.string().max(SURVEY_LIMITS.option)).max(SURVEY_LIMITS.options),
  z.int().min(SURVEY_LIMITS.scaleMin).max(SURVEY_LIMITS.scaleMax),
]);
export type AnswerValue = z.output<typeof AnswerValue>;
export type Answers = Record<string, AnswerValue>;

export const AnswerBody = z
  .object({
    answers: z.record(QuestionId, AnswerValue).refine((a) => Object.keys(a).length <= SURVEY_LIMITS.questions, {
      error: `at most ${SURVEY_LIMITS.questions} answers`,
    }),
    cityId: z.uuid().optional().describe('the secretariat answering for a city; a city answers for itself'),
  })
  .strict();
export type AnswerBody = z.output<typeof AnswerBody>;

export interface AnswerIssue {
  path: string;
  message: string;
}

/**
 * What is wrong with `answers` for `questions`, each issue naming `body.answers.<question>`:
 * unknown questions, missing required ones, values of the wrong kind, options not offered, a text
 * too long. An empty list means the answers can be stored as they are (blank texts dropped).
 */
export function answerIssues(questions: readonly Question[], answers: Answers): AnswerIssue[] {
  const issues: AnswerIssue[] = [];
  const at = (id: string) => `body.answers.${id}`;
  const byId = new Map(questions.map((q) => [q.id, q]));
  for (const id of Object.keys(answers))
    if (!byId.has(id)) issues.push({ path: at(id), message: 'no such question in this survey' });
  for (const q of questions) {
    const v = answers[q.id];
    const empty = v === undefined || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0);
    if (empty) {
      if (q.required) issues.push({ path: at(q.id), message: 'an answer is required' });
      continue;
    }
    const opts = q.options ?? [];
    if (q.kind === 'single') {
      if (typeof v !== 'string' || !opts.includes(v))
        issues.push({ path: at(q.id), message: 'must be one of the options' });
    } else if (q.kind === 'multiple') {
      if (!Array.isArray(v) || v.some((o) => !opts.includes(o)))
        issues.push({ path: at(q.id), message: 'must be a list of the options' });
      else if (new Set(v).size !== v.length) issues.push({ path: at(q.id), message: 'an option is chosen twice' });
    } else if (q.kind === 'scale') {
      if (typeof v !== 'number')
        issues.push({
          path: at(q.id),
          message: `must be a whole number ${SURVEY_LIMITS.scaleMin}–${SURVEY_LIMITS.scaleMax}`,
        });
    } else if (typeof v !== 'string') issues.push({ path: at(q.id), message: 'must be a text' });
    else if ([...v.trim()].length > (q.maxLength ?? SURVEY_LIMITS.textDefault))
      issues.push({
        path: at(q.id),
        message: `must be at most ${q.maxLength ?? SURVEY_LIMITS.textDefault} characters`,
      });
  }
  return issues;
}

/** The answers as stored: texts trimmed, blank ones and empty choices left out. */
export function normalizeAnswers(questions: readonly Question[], answers: Answers): Answers {
  const out: Answers = {};
  for (const q of questions) {
    const v = answers[q.id];
    if (v === undefined) continue;
    if (typeof v === 'string') {
      if (v.trim() !== '') out[q.id] = v.trim();
    } else if (Array.isArray(v)) {
      // In the order the options are offered, so two equal choices are stored alike.
      if (v.length) out[q.id] = (q.options ?? []).filter((o) => v.includes(o));
    } else out[q.id] = v;
  }
  return out;
}

// ---------------------------------------------------------------- results

export type QuestionResult =
  | { id: string; kind: 'single' | 'multiple'; answered: number; counts: { option: string; count: number }[] }
  | {
      id: string;
      kind: 'scale';
      answered: number;
      counts: { option: string; count: number }[];
      /** Mean of the steps with two decimals, as a string; null with no answer. */
      mean: string | null;
    }
  | { id: string; kind: 'text'; answered: number; texts: string[] };

/** One question's results over `answers` (one per respondent). Texts sorted, so no order hints at who wrote them. */
export function questionResult(q: Question, answers: readonly Answers[]): QuestionResult {
  const given = answers.map((a) => a[q.id]).filter((v) => v !== undefined);
  if (q.kind === 'text')
    return {
      id: q.id,
      kind: 'text',
      answered: given.length,
      texts: given.map(String).sort((a, b) => a.localeCompare(b)),
    };
  if (q.kind === 'scale') {
    const steps = given.filter((v): v is number => typeof v === 'number');
    const counts = [1, 2, 3, 4, 5].map((s) => ({ option: String(s), count: steps.filter((v) => v === s).length }));
    const sum = steps.reduce((a, b) => a + b, 0);
    // Integer hundredths, rounded half up: no float drift in what is shown and exported.
    const h = steps.length ? Math.round((sum * 100) / steps.length) : null;
    const mean = h === null ? null : `${Math.floor(h / 100)}.${String(h % 100).padStart(2, '0')}`;
    return { id: q.id, kind: 'scale', answered: steps.length, counts, mean };
  }
  const chosen = given.flatMap((v) => (Array.isArray(v) ? v : [v]));
  return {
    id: q.id,
    kind: q.kind,
    answered: given.length,
    counts: (q.options ?? []).map((option) => ({ option, count: chosen.filter((c) => c === option).length })),
  };
}

export interface RespondedAnswers {
  /** The clusters the answering city belonged to among the survey's (a city may be in several). */
  clusters: readonly string[];
  answers: Answers;
}

export interface ClusterResults {
  cluster: string;
  addressees: number;
  respondents: number;
  /** Null when the cluster is not broken down (an anonymous survey's cluster under the threshold). */
  questions: QuestionResult[] | null;
  suppressed: boolean;
}

export interface SurveyResults {
  anonymous: boolean;
  addressees: number;
  respondents: number;
  questions: QuestionResult[];
  clusters: ClusterResults[];
}

/**
 * Results per question over every response and per cluster. In an anonymous survey a cluster with
 * fewer than ANONYMITY_THRESHOLD respondents gets counts only, no breakdown.
 */
export function aggregate(
  questions: readonly Question[],
  responses: readonly RespondedAnswers[],
  rates: readonly { cluster: string; addressees: number; respondents: number }[],
  anonymous: boolean,
  addressees: number,
): SurveyResults {
  const results = (rs: readonly RespondedAnswers[]) =>
    questions.map((q) =>
      questionResult(
        q,
        rs.map((r) => r.answers),
      ),
    );
  return {
    anonymous,
    addressees,
    respondents: responses.length,
    questions: results(responses),
    clusters: rates.map((r) => {
      const mine = responses.filter((x) => x.clusters.includes(r.cluster));
      const suppressed = anonymous && mine.length < ANONYMITY_THRESHOLD;
      return { ...r, respondents: mine.length, questions: suppressed ? null : results(mine), suppressed };
    }),
  };
}

const csvCell = (v: string | number): string => {
  const s = String(v);
  // A leading =, +, - or @ would be a formula in a spreadsheet: quoted with a leading apostrophe.
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) || safe !== s ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** The results as CSV: one row per scope (all, then each broken-down cluster), question and option or text. */
export function resultsCsv(questions: readonly Question[], r: SurveyResults): string {
  const rows: (string | number)[][] = [['scope', 'question', 'prompt', 'kind', 'answer', 'count']];
  const scope = (name: string, qs: QuestionResult[]) => {
    for (const res of qs) {
      const prompt = questions.find((q) => q.id === res.id)?.prompt ?? '';
      if (res.kind === 'text') for (const t of res.texts) rows.push([name, res.id, prompt, res.kind, t, 1]);
      else for (const c of res.counts) rows.push([name, res.id, prompt, res.kind, c.option, c.count]);
    }
  };
  scope('all', r.questions);
  for (const c of r.clusters) if (c.questions) scope(c.cluster, c.questions);
  return rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** Reminder instants (epoch ms) before `closesAt`, latest lead first, only those after `from`. */
export function reminderTimes(closesAt: number, leads: readonly string[], from: number): number[] {
  return [...new Set(leads.map((l) => closesAt - durationMs(l)))].filter((t) => t > from).sort((a, b) => a - b);
}
