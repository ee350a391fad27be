import { describe, expect, it } from 'vitest';
import {
  ANONYMITY_THRESHOLD,
  CreateSurveyBody,
  aggregate,
  answerIssues,
  normalizeAnswers,
  reminderTimes,
  resultsCsv,
  windowProblem,
  type Question,
  type RespondedAnswers,
} from '../../domain/survey.js';

const questions: Question[] = [
  { id: 'focus', kind: 'single', prompt: 'Main focus', required: true, options: ['health', 'planning'] },
  { id: 'tools', kind: 'multiple', prompt: 'Tools used', required: false, options: ['web', 'radio', 'print'] },
  { id: 'value', kind: 'scale', prompt: 'Value of the cluster', required: true },
  { id: 'note', kind: 'text', prompt: 'Anything else', required: false, maxLength: 10 },
];

describe('survey questions', () => {
  it('refuses duplicate ids, choices without two distinct options and options on other kinds', () => {
    const r = CreateSurveyBody.safeParse({
      title: 'Review',
      closesAt: '2030-01-01T00:00:00Z',
      questions: [
        { id: 'a', kind: 'single', prompt: 'A', options: ['x'] },
        { id: 'a', kind: 'text', prompt: 'B', options: ['x', 'y'] },
        { id: 'c', kind: 'multiple', prompt: 'C', options: ['x', 'x'] },
        { id: 'd', kind: 'scale', prompt: 'D', maxLength: 3 },
      ],
    });
    expect(r.success).toBe(false);
    const paths = r.error!.issues.map((i) => i.path.join('.')).sort();
    expect(paths).toEqual([
      'questions.0.options',
      'questions.1.id',
      'questions.1.options',
      'questions.2.options',
      'questions.3.maxLength',
    ]);
  });

  it('bounds the window: in the future, after the opening, at most a year', () => {
    const now = Date.UTC(2030, 0, 1);
    expect(windowProblem({ opensAt: now, closesAt: now - 1 }, now)?.message).toBe('must be in the future');
    expect(windowProblem({ opensAt: now + 10, closesAt: now + 5 }, now)?.message).toBe('must be after opensAt');
    expect(windowProblem({ opensAt: now, closesAt: Date.UTC(2031, 0, 2) }, now)?.path).toBe('body.closesAt');
    expect(windowProblem({ opensAt: now, closesAt: Date.UTC(2030, 11, 31) }, now)).toBeNull();
  });

  it('refuses reminder leads in months (no fixed length)', () => {
    const base = { title: 'R', closesAt: '2030-01-01T00:00:00Z', questions: [questions[3]] };
    expect(CreateSurveyBody.safeParse({ ...base, reminders: ['P1M'] }).success).toBe(false);
    expect(CreateSurveyBody.safeParse({ ...base, reminders: ['P14D', 'PT12H'] }).success).toBe(true);
  });
});

describe('answers against questions', () => {
  it('names every faulty answer: unknown, missing required, wrong kind, option not offered, too long', () => {
    const issues = answerIssues(questions, { focus: 'sport', tools: ['web', 'web'], note: 'x'.repeat(11), extra: 'y' });
    expect(Object.fromEntries(issues.map((i) => [i.path, i.message]))).toEqual({
      'body.answers.extra': 'no such question in this survey',
      'body.answers.focus': 'must be one of the options',
      'body.answers.tools': 'an option is chosen twice',
      'body.answers.value': 'an answer is required',
      'body.answers.note': 'must be at most 10 characters',
    });
    expect(answerIssues(questions, { focus: ['health'], value: 'high' }).map((i) => i.path)).toEqual([
      'body.answers.focus',
      'body.answers.value',
    ]);
  });

  it('accepts a valid set and stores it trimmed, choices in offered order, blanks dropped', () => {
    const a = { focus: 'health', tools: ['print', 'web'], value: 4, note: '   ' };
    expect(answerIssues(questions, a)).toEqual([]);
    expect(normalizeAnswers(questions, a)).toEqual({ focus: 'health', tools: ['web', 'print'], value: 4 });
  });
});

describe('results', () => {
  const rs: RespondedAnswers[] = [
    { clusters: ['ESD'], answers: { focus: 'health', tools: ['web'], value: 5, note: 'b' } },
    { clusters: ['ESD', 'GCED'], answers: { focus: 'planning', tools: ['web', 'radio'], value: 4, note: 'a' } },
    { clusters: ['GCED'], answers: { focus: 'health', value: 4 } },
  ];
  const rates = [
    { cluster: 'ESD', addressees: 4, respondents: 2 },
    { cluster: 'GCED', addressees: 3, respondents: 2 },
  ];

  it('counts per option and per cluster, a scale mean in hundredths, texts sorted', () => {
    const r = aggregate(questions, rs, rates, false, 6);
    expect(r.respondents).toBe(3);
    expect(r.questions[0]).toEqual({
      id: 'focus',
      kind: 'single',
      answered: 3,
      counts: [
        { option: 'health', count: 2 },
        { option: 'planning', count: 1 },
      ],
    });
    expect(r.questions[1]).toMatchObject({ answered: 2, counts: [{ count: 2 }, { count: 1 }, { count: 0 }] });
    expect(r.questions[2]).toMatchObject({
      mean: '4.33',
      counts: [{ count: 0 }, { count: 0 }, { count: 0 }, { count: 2 }, { count: 1 }],
    });
    expect(r.questions[3]).toEqual({ id: 'note', kind: 'text', answered: 2, texts: ['a', 'b'] });
    expect(r.clusters.map((c) => [c.cluster, c.respondents, c.suppressed])).toEqual([
      ['ESD', 2, false],
      ['GCED', 2, false],
    ]);
    expect(r.clusters[1]!.questions![2]).toMatchObject({ mean: '4.00' });
  });

  it(`does not break an anonymous survey down by a cluster of fewer than ${ANONYMITY_THRESHOLD} respondents`, () => {
    const many = Array.from({ length: ANONYMITY_THRESHOLD }, () => rs[0]!);
    const r = aggregate(questions, [...many, rs[2]!], rates, true, 10);
    expect(r.clusters.find((c) => c.cluster === 'ESD')).toMatchObject({
      suppressed: false,
      respondents: ANONYMITY_THRESHOLD,
    });
    expect(r.clusters.find((c) => c.cluster === 'GCED')).toMatchObject({
      suppressed: true,
      questions: null,
      respondents: 1,
    });
    const csv = resultsCsv(questions, r);
    expect(csv.split('\r\n')[0]).toBe('scope,question,prompt,kind,answer,count');
    expect(csv).toContain('ESD,focus,Main focus,single,health,5');
    expect(csv).not.toContain('GCED,');
  });

  it('quotes CSV cells and defuses spreadsheet formulas', () => {
    const r = aggregate(
      questions,
      [{ clusters: [], answers: { focus: 'health', value: 1, note: '=1+1, "x"' } }],
      [],
      false,
      1,
    );
    expect(resultsCsv(questions, r)).toContain(`all,note,Anything else,text,"'=1+1, ""x""",1`);
  });

  it('reminds at each lead before the close, only after the opening, once per instant', () => {
    const close = Date.UTC(2030, 0, 15);
    const day = 86_400_000;
    expect(reminderTimes(close, ['P7D', 'P2D', 'P7D'], close - 10 * day)).toEqual([close - 7 * day, close - 2 * day]);
    expect(reminderTimes(close, ['P7D', 'P2D'], close - 5 * day)).toEqual([close - 2 * day]);
  });
});
