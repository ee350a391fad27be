// One donor pledge from first contact to closing: stage changes and receipts as updates, reminders
// to the donor and the secretariat as timers that are recomputed after every change (so nothing is
// sent for what is paid or for a pledge that moved on). ID: pledge:<id>.
import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  continueAsNew,
  defineQuery,
  defineUpdate,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../activities/index.js';
import { addDuration } from '../domain/duration.js';
import { allocate, formatAmount } from '../domain/money.js';
import {
  RECEIVING_STAGES,
  SETTLED,
  TERMINAL_STAGES,
  checkTransition,
  instalmentReminders,
  outstandingOf,
  subtractDuration,
  type Instalment,
  type Stage,
} from '../domain/pledge.js';
import type { PledgeCarry, PledgeInput, PledgeOutcome, PledgeState, ReceiptArgs, ReceiptResult, StageChange, TransitionArgs, WaiveArgs } from '../domain/pledge-process.js';
import type { NotificationRequest } from '../domain/notification.js';

const acts = proxyActivities<Activities>({ startToCloseTimeout: '1 minute', retry: { maximumInterval: '30 seconds' } });
/**
 * The pledge's own rows are short keyed writes: run as local activities they complete inside the
 * workflow task that asks for them (no round trip through the server), which is what keeps a stage
 * change or a receipt fast enough to answer synchronously. Same at-least-once retries as above.
 */
const db = proxyLocalActivities<Activities>({ startToCloseTimeout: '30 seconds', localRetryThreshold: '10 seconds', retry: { maximumInterval: '30 seconds' } });

export const transitionUpdate = defineUpdate<PledgeState, [TransitionArgs]>('transition');
export const receiptUpdate = defineUpdate<ReceiptResult, [ReceiptArgs]>('receipt');
export const waiveUpdate = defineUpdate<PledgeState, [WaiveArgs]>('waive');
export const pledgeStateQuery = defineQuery<PledgeState>('state');

const refuse = (type: 'Conflict' | 'Invalid' | 'BadRequest' | 'NotFound', message: string, details?: Record<string, unknown>) =>
  ApplicationFailure.create({ type, message, nonRetryable: true, ...(details ? { details: [details] } : {}) });

/** Events fired in one run before continuing as new: keeps histories short on long schedules. */
const EVENTS_PER_RUN = 200;

interface Planned {
  key: string;
  at: number;
  /** Events of one group supersede each other: only the latest one already due is sent. */
  group: string;
  fire: () => Promise<void>;
}

export async function pledgeWorkflow(input: PledgeInput): Promise<PledgeOutcome> {
  const { spec } = input;
  const { pledgeId, reminders: s } = spec;
  const wfId = `pledge:${pledgeId}`;
  let stage: Stage = input.carry?.stage ?? spec.stage;
  let stageEnteredAt = input.carry?.stageEnteredAt ?? Date.now();
  const instalments: Instalment[] = (input.carry?.instalments ?? spec.instalments).map((i) => ({ ...i }));
  let changeSeq = input.carry?.changeSeq ?? 1;
  const receiptKeys = new Set(input.carry?.receiptKeys ?? []);
  const receiptResults = new Map<string, ReceiptResult>();
  const sent = new Set(input.carry?.sent ?? []);
  let version = 0;
  let fired = 0;
  // An update may arrive while the pledge's rows are still being written: its writes wait for them.
  let opened = input.carry !== undefined;
  const whenOpened = () => condition(() => opened);

  const iso = (ms: number) => new Date(ms).toISOString();
  const money = (minor: number) => `${formatAmount(minor, spec.currency ?? 'USD')} ${spec.currency ?? ''}`.trim();
  const settledAll = () => instalments.every((i) => SETTLED.includes(i.status));
  const state = (): PledgeState => ({
    pledgeId,
    stage,
    stageEnteredAt: iso(stageEnteredAt),
    instalments: instalments.map((i) => ({ ...i })),
    receipts: receiptKeys.size,
    nextReminderAt: (() => {
      const next = plan()[0];
      return next ? iso(next.at) : null;
    })(),
  });
  const message = (recipient: 'donor' | 'secretariat', key: string, kind: string, subject: string, body: string): NotificationRequest => ({
    key: `${wfId}:${key}`,
    recipientKind: recipient,
    ...(recipient === 'donor' ? { donorId: spec.donorId } : {}),
    kind: `pledge.${kind}`,
    subject,
    body,
    resource: `/pledges/${pledgeId}`,
  });

  /** Changes the stage now, so that validators that follow see it; the caller records the change. */
  const change = (to: Stage, by: string, note: string | null): StageChange => {
    const from = stage;
    stage = to;
    stageEnteredAt = Date.now();
    changeSeq += 1;
    const writeOff = to === 'cancelled' || to === 'written_off';
    if (writeOff) for (const i of instalments) if (!SETTLED.includes(i.status)) i.status = 'written_off';
    version++;
    return { pledgeId, seq: changeSeq, from, to, by, note, at: iso(stageEnteredAt), writeOff };
  };
  const move = async (to: Stage, by: string, note: string | null) => {
    const c = change(to, by, note);
    await whenOpened();
    await db.recordStageChange(c);
  };

  setHandler(pledgeStateQuery, state);

  setHandler(
    transitionUpdate,
    async ({ to, note, by }) => {
      await move(to, by, note ?? null);
      return state();
    },
    {
      validator: ({ to, note }) => {
        const check = checkTransition(stage, to, note);
        if (!check.ok) throw refuse(check.status === 409 ? 'Conflict' : 'Invalid', check.message, { from: stage, to, legal: check.legal });
        if (to === 'fulfilled' && spec.kind === 'financial' && !settledAll()) {
          const owed = instalments.reduce((sum, i) => sum + outstandingOf(i), 0);
          throw refuse('Invalid', `the pledge is fulfilled once paid in full; ${money(owed)} is outstanding`);
        }
      },
    },
  );

  setHandler(
    receiptUpdate,
    async (r) => {
      const prior = receiptResults.get(r.key);
      if (prior) return { ...prior, duplicate: true };
      if (receiptKeys.has(r.key)) return { key: r.key, duplicate: true, allocations: [], overpaymentMinor: 0, stage };
      receiptKeys.add(r.key);
      const open = instalments.map((i) => ({ id: i.seq, due: i.due, outstanding: outstandingOf(i) }));
      const { allocations, overpayment } = allocate(open, r.pledgeMinor);
      for (const a of allocations) {
        const inst = instalments.find((i) => i.seq === a.id)!;
        inst.paidMinor += a.minor;
        if (inst.paidMinor >= inst.amountMinor) inst.status = 'paid';
      }
      version++;
      const result: ReceiptResult = { key: r.key, duplicate: false, allocations: allocations.map((a) => ({ seq: Number(a.id), minor: a.minor })), overpaymentMinor: overpayment, stage };
      receiptResults.set(r.key, result);
      // The stage follows the money: the first receipt starts fulfilment, the last one ends it.
      const changes: StageChange[] = [];
      if (stage === 'agreement_signed') changes.push(change('in_fulfilment', 'system', `receipt ${r.receiptNumber ?? r.key}`));
      if (stage === 'in_fulfilment' && settledAll()) changes.push(change('fulfilled', 'system', 'paid in full'));
      result.stage = stage;
      await whenOpened();
      // One transaction for the receipt and the stage changes it causes.
      await db.recordReceipt({ ...r, pledgeId, allocations: result.allocations, overpaymentMinor: overpayment, stageChanges: changes });
      if (overpayment > 0) {
        await acts.notify([message('secretariat', `overpayment:${r.key}`, 'overpayment', 'A receipt exceeds what the pledge owes', `Receipt ${r.receiptNumber ?? r.key} leaves ${money(overpayment)} beyond the pledge; decide whether to refund or re-earmark it.`)]);
      }
      return result;
    },
    {
      validator: (r) => {
        if (receiptKeys.has(r.key)) return; // a repeat answers with the first result
        if (spec.kind !== 'financial') throw refuse('Conflict', 'an in-kind pledge takes no receipts');
        if (!RECEIVING_STAGES.includes(stage)) throw refuse('Conflict', `a pledge that is ${stage} takes no receipts; receipts are recorded while ${RECEIVING_STAGES.join(', ')}`);
        if (!Number.isSafeInteger(r.pledgeMinor) || r.pledgeMinor <= 0) throw refuse('BadRequest', 'the receipt amount must be a positive number of minor units');
      },
    },
  );

  // Waiving forgoes what is owed on one instalment: it is settled (no more reminders for it), and
  // like the last receipt, the waiver that settles the last instalment fulfils a pledge in fulfilment.
  setHandler(
    waiveUpdate,
    async ({ seq, note, by }) => {
      const inst = instalments.find((i) => i.seq === seq)!;
      const owed = outstandingOf(inst);
      inst.status = 'waived';
      version++;
      const changes: StageChange[] = [];
      if (stage === 'in_fulfilment' && settledAll()) changes.push(change('fulfilled', by, `instalment ${seq} waived (${note}); nothing else is owed`));
      await whenOpened();
      await db.waiveInstalment({ pledgeId, seq, stageChanges: changes });
      await acts.notify([message('donor', `inst${seq}:waived`, 'instalment-waived', `Instalment ${seq} of your pledge is waived`, `The secretariat waived the ${money(owed)} still owed on instalment ${seq} (due ${inst.due}): ${note}`)]);
      return state();
    },
    {
      validator: ({ seq }) => {
        if (spec.kind !== 'financial') throw refuse('Conflict', 'an in-kind pledge has no instalments');
        const inst = instalments.find((i) => i.seq === seq);
        if (!inst) throw refuse('NotFound', `the pledge has no instalment ${seq}`);
        if (SETTLED.includes(inst.status)) throw refuse('Conflict', `instalment ${seq} is ${inst.status}; only an unsettled one can be waived`, { status: inst.status });
        if (!RECEIVING_STAGES.includes(stage)) throw refuse('Conflict', `a pledge that is ${stage} has no instalments to waive; waive while ${RECEIVING_STAGES.join(', ')}`);
      },
    },
  );

  // ---- reminders: recomputed from the current state whenever it changes
  const stuckAt = (): number => addDuration(new Date(stageEnteredAt), s.stuckAfter).getTime();
  const plan = (): Planned[] => {
    const out: Planned[] = [];
    if (stage === 'in_discussion' || stage === 'pledged') {
      out.push({
        key: `stuck:${stage}`,
        at: stuckAt(),
        group: 'stuck',
        fire: () => acts.notify([message('secretariat', `stuck:${stage}`, 'stuck', `A pledge has been ${stage} since ${iso(stageEnteredAt).slice(0, 10)}`, `The ${spec.fundingOption} pledge of donor ${spec.donorId} has not moved for ${s.stuckAfter}; follow up with the donor.`)]).then(() => undefined),
      });
    }
    if (spec.kind === 'financial' && RECEIVING_STAGES.includes(stage)) {
      for (const r of instalmentReminders(instalments.filter((i) => !SETTLED.includes(i.status)), s)) {
        const inst = () => instalments.find((i) => i.seq === r.seq)!;
        out.push({
          key: r.key,
          at: r.at,
          group: `inst${r.seq}`,
          fire: async () => {
            const i = inst();
            const owed = money(outstandingOf(i));
            if (r.kind === 'before-due') {
              i.status = 'due';
              await db.setInstalmentStatus({ pledgeId, seq: i.seq, status: 'due' });
              await acts.notify([message('donor', r.key, 'instalment-due', `Instalment ${i.seq} is due on ${i.due}`, `${owed} of your pledge to the UNESCO GNLC falls due on ${i.due}.`)]);
            } else if (r.kind === 'overdue') {
              i.status = 'overdue';
              await db.setInstalmentStatus({ pledgeId, seq: i.seq, status: 'overdue' });
              await acts.notify([message('donor', r.key, 'instalment-overdue', `Instalment ${i.seq} is overdue`, `${owed} of your pledge to the UNESCO GNLC was due on ${i.due} and has not been received.`)]);
            } else {
              await acts.notify([message('secretariat', r.key, 'instalment-escalation', `Instalment ${i.seq} of a pledge is unpaid since ${i.due}`, `Donor ${spec.donorId} still owes ${owed} of instalment ${i.seq}; the donor was reminded ${s.overdueAfter.length} time(s).`)]);
            }
          },
        });
      }
    }
    if (stage === 'fulfilled') {
      const reportDue = addDuration(new Date(stageEnteredAt), s.reportDue);
      const day = reportDue.toISOString().slice(0, 10);
      out.push({
        key: 'report:reminder',
        at: subtractDuration(reportDue, s.beforeDue).getTime(),
        group: 'report',
        fire: () => acts.notify([message('donor', 'report:reminder', 'report-due', `Your contribution report is due on ${day}`, 'Thank you for fulfilling your pledge. Please send the secretariat your donor report.')]).then(() => undefined),
      });
      out.push({
        key: 'report:overdue',
        at: reportDue.getTime(),
        group: 'report',
        fire: () => acts.notify([message('secretariat', 'report:overdue', 'report-overdue', `A donor report was due on ${day}`, `Donor ${spec.donorId} has not reported on its fulfilled pledge.`)]).then(() => undefined),
      });
    }
    return out.filter((p) => !sent.has(p.key)).sort((a, b) => a.at - b.at || (a.key < b.key ? -1 : 1));
  };

  const carry = (): PledgeCarry => ({ stage, stageEnteredAt, instalments, changeSeq, receiptKeys: [...receiptKeys], sent: [...sent] });

  if (!opened) {
    await db.openPledge(spec);
    opened = true;
  }

  while (!TERMINAL_STAGES.includes(stage)) {
    if (fired >= (input.eventsPerRun ?? EVENTS_PER_RUN) || workflowInfo().continueAsNewSuggested) {
      await condition(allHandlersFinished);
      await continueAsNew<typeof pledgeWorkflow>({ spec, carry: carry(), ...(input.eventsPerRun ? { eventsPerRun: input.eventsPerRun } : {}) });
    }
    const seen = version;
    const next = plan()[0];
    if (!next) {
      await condition(() => version !== seen);
      continue;
    }
    const wait = next.at - Date.now();
    if (wait > 0 && (await condition(() => version !== seen, wait))) continue;
    sent.add(next.key);
    // A reminder already superseded by a later one of its group (e.g. a pledge made after its due
    // dates) is skipped: the donor gets the latest applicable notice, not the whole backlog.
    const superseded = plan().some((p) => p.group === next.group && p.at <= Date.now());
    if (!superseded) {
      fired++;
      await next.fire();
    }
  }
  await condition(allHandlersFinished);
  return { pledgeId, stage };
}
