// Durability: the worker runs as a process of its own and is SIGKILLed while receipts of a pledge
// are in flight. Every acknowledged receipt must be recorded once, none twice, and the instalments
// must add up to exactly the money sent.
import { describe, expect, it } from 'vitest';
import { useWorkerProcesses } from '../support/worker-process.js';
import { eventually } from '../support/workflow-env.js';

const RECEIPTS = 10;
const workers = useWorkerProcesses();
const { start: startWorker, kill: killGroup, awaitNewPoller } = workers;

describe('a worker killed mid-schedule', () => {
  it('loses no acknowledged receipt, records none twice, and allocates exactly the money sent', async () => {
    const { http, fx } = workers.ctx;
    const first = startWorker();
    const firstPoller = await awaitNewPoller([], first);
    const donor = await fx.donor();
    // Ten receipts of 1000.00 against five instalments of 2000.00: each receipt half-pays one.
    const created = await http.post('/pledges', {
      donorId: donor.id,
      kind: 'financial',
      fundingOption: 'mdfm',
      biennium: '2025-2027',
      amount: { currency: 'USD', value: '10000.00' },
      instalments: { count: 5, interval: 'P3M', start: '2027-01-01' },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id: string = created.body.id;
    expect((await http.post(`/pledges/${id}/transitions`, { to: 'agreement_signed' })).status).toBe(200);

    const sent = Array.from({ length: RECEIPTS }, (_, i) => ({
      receiptNumber: `K-${i + 1}`,
      amount: { currency: 'USD', value: '1000.00' },
      receivedOn: '2026-11-01',
    }));
    const post = (b: (typeof sent)[number]) => http.post(`/pledges/${id}/receipts`, b);
    // Half go out together; at the first acknowledgement the worker dies with the rest in flight,
    // and the other half is sent while no worker runs at all.
    const firstHalf = sent.slice(0, RECEIPTS / 2).map(post);
    await Promise.race(firstHalf);
    await killGroup(first);
    const secondHalf = sent.slice(RECEIPTS / 2).map(post);
    const second = startWorker();
    await awaitNewPoller([firstPoller], second);

    const answers = await Promise.all([...firstHalf, ...secondHalf]);
    expect(answers.map((r) => r.status)).toEqual(sent.map(() => 201));

    const rows = await workers.ctx.app.orm.em
      .getConnection()
      .execute<{ key: string; amount_minor: string }[]>(`select key, amount_minor from receipt where pledge_id = ?`, [
        id,
      ]);
    expect(rows.map((r) => r.key).sort()).toEqual(sent.map((s) => s.receiptNumber).sort());
    expect(rows.every((r) => Number(r.amount_minor) === 100_000)).toBe(true);
    const view = await eventually(
      async () => {
        const r = await http.get(`/pledges/${id}`);
        return r.body.status === 'fulfilled' ? r.body : undefined;
      },
      20_000,
      'the pledge to be fulfilled',
    );
    expect(view.instalments.map((i: { paid: string; status: string }) => [i.paid, i.status])).toEqual(
      Array.from({ length: 5 }, () => ['2000.00', 'paid']),
    );
    expect(view.totals).toMatchObject({ received: '10000.00', outstanding: '0.00', overpaid: '0.00' });
    expect(view.statusChanges.map((s: { to: string }) => s.to)).toEqual([
      'pledged',
      'agreement_signed',
      'in_fulfilment',
      'fulfilled',
    ]);
    // Sending one again after the crash is recognised as the same receipt.
    expect((await post(sent[0]!)).status).toBe(200);
  }, 90_000);
});
