import { describe, expect, it } from 'vitest';
import { bienniumRange, isBiennium } from '../../domain/biennium.js';
import {
  CreatePledgeBody,
  PLEDGE_DEFAULTS,
  ReceiptBody,
  PLEDGE_STATUSES,
  TRANSITIONS,
  ValuationBody,
  buildSchedule,
  checkTransition,
  instalmentReminders,
  nextInstalmentStatus,
  reminderSettings,
  scaleDuration,
  scheduleOf,
  subtractDuration,
  type PledgeStatus,
} from '../../domain/pledge.js';

const LEGAL: [PledgeStatus, PledgeStatus][] = [
  ['prospect', 'in_discussion'],
  ['prospect', 'declined'],
  ['in_discussion', 'pledged'],
  ['in_discussion', 'declined'],
  ['pledged', 'agreement_signed'],
  ['pledged', 'cancelled'],
  ['pledged', 'written_off'],
  ['agreement_signed', 'in_fulfilment'],
  ['agreement_signed', 'cancelled'],
  ['agreement_signed', 'written_off'],
  ['in_fulfilment', 'fulfilled'],
  ['in_fulfilment', 'cancelled'],
  ['in_fulfilment', 'written_off'],
  ['fulfilled', 'reported'],
  ['reported', 'closed'],
];

describe('pledge statuses', () => {
  it('allows exactly the listed transitions (all 121 pairs checked)', () => {
    let legal = 0;
    for (const from of PLEDGE_STATUSES) {
      for (const to of PLEDGE_STATUSES) {
        const expected = LEGAL.some(([f, t]) => f === from && t === to);
        const r = checkTransition(from, to, 'a reason');
        expect(r.ok, `${from} → ${to}`).toBe(expected);
        if (expected) legal++;
        else if (!r.ok) {
          expect(r.status).toBe(409);
          expect(r.legal).toEqual([...TRANSITIONS[from]]);
          // The refusal names the legal ones (or says the status is final).
          expect(r.message).toContain(TRANSITIONS[from].length ? TRANSITIONS[from].join(', ') : 'final');
        }
      }
    }
    expect(legal).toBe(LEGAL.length);
  });

  it('declined is possible only before pledging; the off-ramps need a reason', () => {
    for (const from of ['pledged', 'agreement_signed', 'in_fulfilment', 'fulfilled'] as const)
      expect(checkTransition(from, 'declined', 'x').ok).toBe(false);
    for (const to of ['declined', 'cancelled', 'written_off'] as const) {
      const from: PledgeStatus = to === 'declined' ? 'in_discussion' : 'pledged';
      const r = checkTransition(from, to, '  ');
      expect(r).toMatchObject({ ok: false, status: 422 });
      expect(checkTransition(from, to).ok).toBe(false);
    }
    expect(checkTransition('in_discussion', 'pledged').ok).toBe(true);
    expect(checkTransition('closed', 'prospect')).toMatchObject({
      ok: false,
      legal: [],
      message: expect.stringMatching(/closed is final/),
    });
  });
});

describe('biennium', () => {
  it('accepts two-year terms such as 2021-2023 only', () => {
    expect(isBiennium('2021-2023')).toBe(true);
    for (const b of ['2021-2022', '2021–2023', '21-23', '2021-2023 ', '2023-2021', 2021])
      expect(isBiennium(b), String(b)).toBe(false);
    expect(bienniumRange('2021-2023')).toEqual({ start: '2021-07-01', end: '2023-07-01' });
  });
});

describe('instalment schedules', () => {
  it('an explicit list must sum to the pledge, and is ordered by due date', () => {
    const ok = buildSchedule(300, {
      list: [
        { due: '2027-01-01', amountMinor: 200 },
        { due: '2026-01-01', amountMinor: 100 },
      ],
    });
    expect(ok).toEqual({
      ok: true,
      instalments: [
        { seq: 1, due: '2026-01-01', amountMinor: 100, paidMinor: 0, status: 'scheduled' },
        { seq: 2, due: '2027-01-01', amountMinor: 200, paidMinor: 0, status: 'scheduled' },
      ],
    });
    expect(buildSchedule(301, { list: [{ due: '2026-01-01', amountMinor: 300 }] })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/sum to 300.*301/),
    });
  });

  it('count × interval splits evenly and keeps the day of the month (no drift)', () => {
    const r = buildSchedule(1000, { count: 3, interval: 'P1M', start: '2026-01-31' });
    expect(r.ok && r.instalments.map((i) => [i.due, i.amountMinor])).toEqual([
      ['2026-01-31', 334],
      ['2026-02-28', 333],
      ['2026-03-31', 333],
    ]);
    expect(scaleDuration('P1M2D', 3)).toBe('P0Y3M0W6D');
    expect(buildSchedule(2, { count: 3, interval: 'P1Y', start: '2026-01-01' }).ok).toBe(false);
  });

  it('instalment status only moves forward and never leaves a settled state', () => {
    expect(nextInstalmentStatus('scheduled', 'due')).toBe('due');
    expect(nextInstalmentStatus('overdue', 'due')).toBe('overdue');
    expect(nextInstalmentStatus('due', 'paid')).toBe('paid');
    expect(nextInstalmentStatus('paid', 'overdue')).toBe('paid');
    expect(nextInstalmentStatus('written_off', 'paid')).toBe('written_off');
  });

  it('plans a reminder before each due date, overdue notices and an escalation', () => {
    const s = reminderSettings();
    expect(s).toEqual({
      beforeDue: 'P14D',
      overdueAfter: ['P1D', 'P30D'],
      escalateAfter: 'P60D',
      stuckAfter: 'P60D',
      reportDue: 'P90D',
    });
    const plan = instalmentReminders(
      [{ seq: 1, due: '2026-03-01', amountMinor: 1, paidMinor: 0, status: 'scheduled' }],
      s,
    );
    const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    expect(plan.map((p) => [p.key, day(p.at)])).toEqual([
      ['inst1:before-due', '2026-02-15'],
      ['inst1:overdue1', '2026-03-02'],
      ['inst1:overdue2', '2026-03-31'],
      ['inst1:escalation', '2026-04-30'],
    ]);
    expect(subtractDuration(new Date('2026-03-31T00:00:00Z'), 'P1M').toISOString()).toBe('2026-02-28T00:00:00.000Z');
    expect(PLEDGE_DEFAULTS.overdueAfter).toEqual(['P1D', 'P30D']);
  });
});

describe('request schemas', () => {
  const donorId = '6f1c1f0e-8a0c-4a6e-9d5e-1f2a3b4c5d6e';
  const financial = {
    donorId,
    kind: 'financial',
    fundingOption: 'mdfm',
    biennium: '2025-2027',
    amount: { currency: 'EUR', value: '150000.00' },
  };

  it('accepts financial and in-kind pledges with earmarks and focus', () => {
    const f = CreatePledgeBody.parse({
      ...financial,
      focus: ['africa'],
      instalments: [
        { due: '2026-01-01', amount: '50000' },
        { due: '2027-01-01', amount: '100000.00' },
      ],
    });
    const sched = scheduleOf(f, 15_000_000);
    expect(sched.ok && sched.instalments.map((i) => i.amountMinor)).toEqual([5_000_000, 10_000_000]);
    expect(
      CreatePledgeBody.safeParse({
        ...financial,
        fundingOption: 'communication_exchange',
        subOption: 'fund_peer_learning_database',
      }).success,
    ).toBe(true);
    expect(
      CreatePledgeBody.safeParse({
        donorId,
        kind: 'in_kind',
        fundingOption: 'communication_exchange',
        subOption: 'seconded_staff',
        biennium: '2025-2027',
        inKind: { description: 'one officer for 12 months', quantity: '12', unit: 'person-months' },
      }).success,
    ).toBe(true);
    const noSchedule = CreatePledgeBody.parse(financial);
    expect(scheduleOf(noSchedule, 15_000_000)).toMatchObject({
      ok: true,
      instalments: [{ due: '2025-07-01', amountMinor: 15_000_000 }],
    });
  });

  it('refuses inconsistent bodies field by field', () => {
    const paths = (body: unknown) => {
      const r = CreatePledgeBody.safeParse(body);
      return r.success ? [] : r.error.issues.map((i) => i.path.join('.'));
    };
    expect(paths({ ...financial, subOption: 'host_event' })).toEqual(['subOption']);
    expect(paths({ ...financial, amount: undefined })).toEqual(['amount']);
    expect(paths({ ...financial, amount: { currency: 'JPY', value: '10.5' } })).toEqual(['amount.value']);
    expect(paths({ ...financial, amount: { currency: 'USD', value: 10 } })).toEqual(['amount.value']);
    expect(paths({ ...financial, biennium: '2025-2026' })).toEqual(['biennium']);
    expect(paths({ ...financial, focus: ['europe'] })).toEqual(['focus.0']);
    expect(paths({ ...financial, colour: 'red' })).toEqual(['']);
    expect(paths({ ...financial, kind: 'in_kind' })).toEqual(expect.arrayContaining(['inKind', 'amount']));
    expect(paths({ ...financial, instalments: [{ due: '2026-02-30', amount: '1' }] })).toEqual(['instalments.0.due']);
  });

  it('receipt and valuation bodies', () => {
    expect(
      ReceiptBody.parse({ amount: { currency: 'KWD', value: '10.125' }, receivedOn: '2026-01-05', fxRateToUsd: '3.25' })
        .amount,
    ).toEqual({ currency: 'KWD', minor: 10125 });
    expect(ReceiptBody.safeParse({ amount: { currency: 'USD', value: '0' }, receivedOn: '2026-01-05' }).success).toBe(
      false,
    );
    expect(
      ReceiptBody.safeParse({ amount: { currency: 'USD', value: '1' }, receivedOn: '2026-01-05', fxRateToUsd: '0' })
        .success,
    ).toBe(false);
    expect(
      ReceiptBody.safeParse({ amount: { currency: 'USD', value: '1' }, receivedOn: '2026-01-05', fxRateToUsd: 1.1 })
        .success,
    ).toBe(false);
    expect(ValuationBody.safeParse({ decision: 'approve' }).success).toBe(true);
    expect(
      ValuationBody.safeParse({
        amount: { currency: 'EUR', value: '90000' },
        method: 'salary scale',
        evidence: 'HR letter',
      }).success,
    ).toBe(true);
    expect(ValuationBody.safeParse({ decision: 'maybe' }).success).toBe(false);
  });
});
