// One donor pledge from first contact to closing: status changes and receipts as updates, reminders
// to the donor and the secretariat as timers that are recomputed after every change (so nothing is
// sent for what is paid or for a pledge that moved on). ID: pledgeWorkflowId(id) = pledge:<id>.
// The pledge's state and rules live in PledgeRun; the handlers delegate to it; the main loop only
// waits for the next reminder or a change.
import {
  allHandlersFinished,
  condition,
  continueAsNew,
  defineQuery,
  defineUpdate,
  log,
  patched,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import { addDuration } from '../domain/duration.js';
import { allocate, formatAmount } from '../domain/money.js';
import type { NotificationRequest } from '../domain/notification.js';
import { message as said, type MessageRef, type Param } from '../domain/messages/index.js';
import {
  RECEIVING_STATUSES,
  SETTLED,
  TERMINAL_STATUSES,
  checkTransition,
  instalmentReminders,
  outstandingOf,
  outstandingTotal,
  pledgeWorkflowId,
  subtractDuration,
  type Instalment,
  type PledgeStatus,
  type ReminderKind,
} from '../domain/pledge.js';
import type {
  PledgeCarry,
  PledgeInput,
  PledgeOutcome,
  PledgeSpec,
  PledgeState,
  ReceiptArgs,
  ReceiptResult,
  StatusChange,
  TransitionArgs,
  WaiveArgs,
} from '../domain/pledge.contract.js';
import { activities, tellingTheSecretariat, checkInput, localWrites, refuse, waitUntil } from './kit.js';
import { PledgeInputSchema } from '../domain/pledge.contract.js';
import { showInVisibility } from './visibility.js';

const acts = activities();
/** The pledge's own rows are short keyed writes: local activities keep an update's answer fast. */
const db = localWrites();

export const transitionUpdate = defineUpdate<PledgeState, [TransitionArgs]>('transition');
export const receiptUpdate = defineUpdate<ReceiptResult, [ReceiptArgs]>('receipt');
export const waiveUpdate = defineUpdate<PledgeState, [WaiveArgs]>('waive');
export const pledgeStateQuery = defineQuery<PledgeState>('state');

/** The fulfilled pledge's report reminder goes to the secretariat, which owes the report. */
export const REPORT_OWED_PATCH = 'report-owed-by-secretariat';

/**
 * A reminder's notification is written by a local activity, in the workflow task its timer woke
 * (with the instalment's status, for instalment reminders), instead of a remote one that takes a
 * second workflow task once it completes: one task and no activity task a reminder (the parked
 * bench's timer storm: 0.28 → 0.31 of bare timers, the server's CPU a reminder down a third). The
 * write is keyed (notification.key), so a local retry sends nothing twice, as the remote one did.
 * Histories from before it replay the remote activity.
 */
export const LOCAL_REMINDERS_PATCH = 'reminder-notify-local';

/** Events fired in one run before continuing as new: keeps histories short on long schedules. */
const EVENTS_PER_RUN = 200;

interface Planned {
  key: string;
  at: number;
  /** Events of one group supersede each other: only the latest one already due is sent. */
  group: string;
  fire: () => Promise<void>;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** One run of a pledge: its state, the changes it allows and the reminders it plans. */
class PledgeRun {
  readonly spec: PledgeSpec;
  status: PledgeStatus;
  statusSince: number;
  readonly instalments: Instalment[];
  changeSeq: number;
  readonly receiptKeys: Set<string>;
  readonly receiptResults = new Map<string, ReceiptResult>();
  readonly sent: Set<string>;
  /** Bumped by every change: the main loop re-plans when it moves. */
  version = 0;
  fired = 0;
  /** An update may arrive while the pledge's rows are still being written: its writes wait for them. */
  opened: boolean;

  constructor(input: PledgeInput) {
    const { spec, carry } = input;
    this.spec = spec;
    this.status = carry?.status ?? spec.status;
    this.statusSince = carry?.statusSince ?? Date.now();
    this.instalments = (carry?.instalments ?? spec.instalments).map((i) => ({ ...i }));
    this.changeSeq = carry?.changeSeq ?? 1;
    this.receiptKeys = new Set(carry?.receiptKeys ?? []);
    this.sent = new Set(carry?.sent ?? []);
    this.opened = carry !== undefined;
  }

  get financial() {
    return this.spec.kind === 'financial';
  }
  whenOpened = () => condition(() => this.opened);
  money = (minor: number) => `${formatAmount(minor, this.spec.currency ?? 'USD')} ${this.spec.currency ?? ''}`.trim();
  /** An amount as a message value: the notify activity writes it for the reader, with its USD value. */
  amount = (minor: number): Param => ({ money: { minor, currency: this.spec.currency ?? 'USD' } });
  settledAll = () => this.instalments.every((i) => SETTLED.includes(i.status));
  instalment = (seq: number) => this.instalments.find((i) => i.seq === seq);

  state = (): PledgeState => {
    const next = this.plan()[0];
    return {
      pledgeId: this.spec.pledgeId,
      status: this.status,
      statusSince: iso(this.statusSince),
      instalments: this.instalments.map((i) => ({ ...i })),
      receipts: this.receiptKeys.size,
      nextReminderAt: next ? iso(next.at) : null,
    };
  };

  carry = (): PledgeCarry => ({
    status: this.status,
    statusSince: this.statusSince,
    instalments: this.instalments,
    changeSeq: this.changeSeq,
    receiptKeys: [...this.receiptKeys],
    sent: [...this.sent],
  });

  message(recipient: 'donor' | 'secretariat', key: string, m: MessageRef): NotificationRequest {
    const { spec } = this;
    return {
      key: `${pledgeWorkflowId(spec.pledgeId)}:${key}`,
      recipientKind: recipient,
      ...(recipient === 'donor' ? { donorId: spec.donorId } : {}),
      kind: m.kind,
      message: m,
      resource: `/pledges/${spec.pledgeId}`,
    };
  }
  notify = (...args: Parameters<PledgeRun['message']>) => acts.notify([this.message(...args)]).then(() => undefined);
  /** A reminder's notification: local from LOCAL_REMINDERS_PATCH on. */
  remind = (...args: Parameters<PledgeRun['message']>) =>
    (patched(LOCAL_REMINDERS_PATCH) ? db : acts).notify([this.message(...args)]).then(() => undefined);

  /** Changes the status now, so that validators that follow see it; the caller records the change. */
  change(to: PledgeStatus, by: string, note: string | null): StatusChange {
    const from = this.status;
    log.info('pledge status changed', { from, to, by });
    this.status = to;
    showInVisibility({ status: to });
    this.statusSince = Date.now();
    this.changeSeq += 1;
    const writeOff = to === 'cancelled' || to === 'written_off';
    if (writeOff) for (const i of this.instalments) if (!SETTLED.includes(i.status)) i.status = 'written_off';
    this.version++;
    return {
      pledgeId: this.spec.pledgeId,
      seq: this.changeSeq,
      from,
      to,
      by,
      note,
      at: iso(this.statusSince),
      writeOff,
    };
  }

  /** The reminders still to send, soonest first, recomputed from the current state. */
  plan(): Planned[] {
    const { spec, status } = this;
    const s = spec.reminders;
    const out: Planned[] = [];
    if (status === 'in_discussion' || status === 'pledged') {
      const since = iso(this.statusSince).slice(0, 10);
      out.push({
        key: `stuck:${status}`,
        at: addDuration(new Date(this.statusSince), s.stuckAfter).getTime(),
        group: 'stuck',
        fire: () =>
          this.remind(
            'secretariat',
            `stuck:${status}`,
            said('pledge.stuck', {
              status: { term: `pledge.${status}` },
              since: { date: since },
              option: { term: `option.${spec.fundingOption}` },
              donor: { donor: spec.donorId },
              after: { duration: s.stuckAfter },
            }),
          ),
      });
    }
    if (this.financial && RECEIVING_STATUSES.includes(status)) {
      for (const r of instalmentReminders(
        this.instalments.filter((i) => !SETTLED.includes(i.status)),
        s,
      )) {
        out.push({
          key: r.key,
          at: r.at,
          group: `inst${r.seq}`,
          fire: () => this.remindInstalment(r.seq, r.key, r.kind),
        });
      }
    }
    if (status === 'fulfilled') {
      const reportDue = addDuration(new Date(this.statusSince), s.reportDue);
      const day = reportDue.toISOString().slice(0, 10);
      out.push({
        key: 'report:reminder',
        at: subtractDuration(reportDue, s.beforeDue).getTime(),
        group: 'report',
        // The recipient reports to its donor, not the other way round: from REPORT_OWED_PATCH on the
        // reminder goes to the secretariat (histories from before it still remind the donor).
        fire: () =>
          patched(REPORT_OWED_PATCH)
            ? this.remind(
                'secretariat',
                'report:owed',
                said('pledge.report-owed', {
                  day: { date: day },
                  donor: { donor: spec.donorId },
                  option: { term: `option.${spec.fundingOption}` },
                }),
              )
            : this.remind('donor', 'report:reminder', said('pledge.report-due', { day: { date: day } })),
      });
      out.push({
        key: 'report:overdue',
        at: reportDue.getTime(),
        group: 'report',
        fire: () =>
          this.remind(
            'secretariat',
            'report:overdue',
            said('pledge.report-overdue', { day: { date: day }, donor: { donor: spec.donorId } }),
          ),
      });
    }
    return out.filter((p) => !this.sent.has(p.key)).sort((a, b) => a.at - b.at || (a.key < b.key ? -1 : 1));
  }

  async remindInstalment(seq: number, key: string, kind: ReminderKind) {
    const { pledgeId, donorId, reminders } = this.spec;
    const i = this.instalment(seq)!;
    const amount = this.amount(outstandingOf(i));
    const due = { date: i.due };
    if (kind === 'before-due') {
      i.status = 'due';
      await db.setInstalmentStatus({ pledgeId, seq, status: 'due' });
      await this.remind('donor', key, said('pledge.instalment-due', { seq, due, amount }));
    } else if (kind === 'overdue') {
      i.status = 'overdue';
      await db.setInstalmentStatus({ pledgeId, seq, status: 'overdue' });
      await this.remind('donor', key, said('pledge.instalment-overdue', { seq, due, amount }));
    } else {
      await this.remind(
        'secretariat',
        key,
        said('pledge.instalment-escalation', {
          seq,
          due,
          donor: { donor: donorId },
          amount,
          times: reminders.overdueAfter.length,
        }),
      );
    }
  }
}

function handleTransitions(run: PledgeRun) {
  setHandler(
    transitionUpdate,
    async ({ to, note, by }) => {
      const c = run.change(to, by, note ?? null);
      await run.whenOpened();
      await db.recordStatusChange(c);
      return run.state();
    },
    {
      validator: ({ to, note }) => {
        const check = checkTransition(run.status, to, note);
        if (!check.ok)
          throw refuse(check.status === 409 ? 'Conflict' : 'Invalid', check.message, {
            from: run.status,
            to,
            legal: check.legal,
          });
        if (to === 'fulfilled' && run.financial && !run.settledAll()) {
          throw refuse(
            'Invalid',
            `the pledge is fulfilled once paid in full; ${run.money(outstandingTotal(run.instalments))} is outstanding`,
          );
        }
      },
    },
  );
}

function handleReceipts(run: PledgeRun) {
  setHandler(
    receiptUpdate,
    async (r) => {
      const prior = run.receiptResults.get(r.key);
      if (prior) return { ...prior, duplicate: true };
      if (run.receiptKeys.has(r.key))
        return { key: r.key, duplicate: true, allocations: [], overpaymentMinor: 0, status: run.status };
      run.receiptKeys.add(r.key);
      const open = run.instalments.map((i) => ({ id: i.seq, due: i.due, outstanding: outstandingOf(i) }));
      const { allocations, overpayment } = allocate(open, r.pledgeMinor);
      for (const a of allocations) {
        const inst = run.instalment(Number(a.id))!;
        inst.paidMinor += a.minor;
        if (inst.paidMinor >= inst.amountMinor) inst.status = 'paid';
      }
      run.version++;
      const result: ReceiptResult = {
        key: r.key,
        duplicate: false,
        allocations: allocations.map((a) => ({ seq: Number(a.id), minor: a.minor })),
        overpaymentMinor: overpayment,
        status: run.status,
      };
      run.receiptResults.set(r.key, result);
      // The status follows the money: the first receipt starts fulfilment, the last one ends it.
      const changes: StatusChange[] = [];
      if (run.status === 'agreement_signed')
        changes.push(run.change('in_fulfilment', 'system', `receipt ${r.receiptNumber ?? r.key}`));
      if (run.status === 'in_fulfilment' && run.settledAll())
        changes.push(run.change('fulfilled', 'system', 'paid in full'));
      result.status = run.status;
      await run.whenOpened();
      // One transaction for the receipt and the status changes it causes.
      await db.recordReceipt({
        ...r,
        pledgeId: run.spec.pledgeId,
        allocations: result.allocations,
        overpaymentMinor: overpayment,
        statusChanges: changes,
      });
      if (overpayment > 0) {
        await run.notify(
          'secretariat',
          `overpayment:${r.key}`,
          said('pledge.overpayment', { receipt: r.receiptNumber ?? r.key, amount: run.amount(overpayment) }),
        );
      }
      return result;
    },
    {
      validator: (r) => {
        if (run.receiptKeys.has(r.key)) return; // a repeat answers with the first result
        if (!run.financial) throw refuse('Conflict', 'an in-kind pledge takes no receipts');
        if (!RECEIVING_STATUSES.includes(run.status))
          throw refuse(
            'Conflict',
            `a pledge that is ${run.status} takes no receipts; receipts are recorded while ${RECEIVING_STATUSES.join(', ')}`,
          );
        if (!Number.isSafeInteger(r.pledgeMinor) || r.pledgeMinor <= 0)
          throw refuse('BadRequest', 'the receipt amount must be a positive number of minor units');
      },
    },
  );
}

// Waiving forgoes what is owed on one instalment: it is settled (no more reminders for it), and
// like the last receipt, the waiver that settles the last instalment fulfils a pledge in fulfilment.
function handleWaivers(run: PledgeRun) {
  setHandler(
    waiveUpdate,
    async ({ seq, note, by }) => {
      const inst = run.instalment(seq)!;
      const owed = outstandingOf(inst);
      inst.status = 'waived';
      run.version++;
      const changes: StatusChange[] = [];
      if (run.status === 'in_fulfilment' && run.settledAll())
        changes.push(run.change('fulfilled', by, `instalment ${seq} waived (${note}); nothing else is owed`));
      await run.whenOpened();
      await db.waiveInstalment({ pledgeId: run.spec.pledgeId, seq, statusChanges: changes });
      await run.notify(
        'donor',
        `inst${seq}:waived`,
        said('pledge.instalment-waived', { seq, amount: run.amount(owed), due: { date: inst.due }, note }),
      );
      return run.state();
    },
    {
      validator: ({ seq }) => {
        if (!run.financial) throw refuse('Conflict', 'an in-kind pledge has no instalments');
        const inst = run.instalment(seq);
        if (!inst) throw refuse('NotFound', `the pledge has no instalment ${seq}`);
        if (SETTLED.includes(inst.status))
          throw refuse('Conflict', `instalment ${seq} is ${inst.status}; only an unsettled one can be waived`, {
            status: inst.status,
          });
        if (!RECEIVING_STATUSES.includes(run.status))
          throw refuse(
            'Conflict',
            `a pledge that is ${run.status} has no instalments to waive; waive while ${RECEIVING_STATUSES.join(', ')}`,
          );
      },
    },
  );
}

async function runPledgeWorkflow(input: PledgeInput): Promise<PledgeOutcome> {
  checkInput(PledgeInputSchema, input, 'pledge');
  const run = new PledgeRun(input);
  showInVisibility({ donorId: input.spec.donorId, biennium: input.spec.biennium, status: run.status });
  setHandler(pledgeStateQuery, run.state);
  handleTransitions(run);
  handleReceipts(run);
  handleWaivers(run);

  if (!run.opened) {
    await db.openPledge(run.spec);
    run.opened = true;
  }
  while (!TERMINAL_STATUSES.includes(run.status)) {
    if (run.fired >= (input.eventsPerRun ?? EVENTS_PER_RUN) || workflowInfo().continueAsNewSuggested) {
      await condition(allHandlersFinished);
      await continueAsNew<typeof pledgeWorkflow>({
        spec: run.spec,
        carry: run.carry(),
        ...(input.eventsPerRun ? { eventsPerRun: input.eventsPerRun } : {}),
      });
    }
    const seen = run.version;
    const changed = () => run.version !== seen;
    const next = run.plan()[0];
    if (!next) {
      await condition(changed);
      continue;
    }
    if (await waitUntil(next.at, changed)) continue;
    run.sent.add(next.key);
    // A reminder already superseded by a later one of its group (e.g. a pledge made after its due
    // dates) is skipped: the donor gets the latest applicable notice, not the whole backlog.
    const superseded = run.plan().some((p) => p.group === next.group && p.at <= Date.now());
    if (!superseded) {
      run.fired++;
      await next.fire();
    }
  }
  await condition(allHandlersFinished);
  return { pledgeId: run.spec.pledgeId, status: run.status };
}

export async function pledgeWorkflow(input: PledgeInput): Promise<PledgeOutcome> {
  return tellingTheSecretariat(
    { key: pledgeWorkflowId(input.spec.pledgeId), noun: 'pledge', resource: `/pledges/${input.spec.pledgeId}` },
    (reason) => said('pledge.failed', { reason }),
    () => runPledgeWorkflow(input),
  );
}
