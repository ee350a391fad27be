// Temporal visibility on the dev server, as an operator uses it: the CLI lists a cluster's workflows
// by the Cluster search attribute, a donor's pledges by DonorId and status, and every start carries
// a summary for the UI's list.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, inject, it } from 'vitest';
import { findTemporalBinary } from '../../platform/temporal-server.js';
import { pledgeWorkflowId } from '../../domain/pledge.js';
import { financialPledge, useFundingApp } from '../support/funding.js';
import { recordHistory } from '../support/histories.js';
import { seedCluster } from '../support/workflow-env.js';

const api = useFundingApp();
const { http, fx } = api;
const today = () => new Date().toISOString().slice(0, 10);

/** `temporal workflow list --query …`: the IDs the CLI answers. */
async function cliList(query: string): Promise<string[]> {
  const cli = findTemporalBinary('temporal');
  expect(cli, 'npm run setup installs the temporal CLI').toBeDefined();
  const { stdout } = await promisify(execFile)(cli!, [
    'workflow',
    'list',
    '--address',
    inject('temporalAddress'),
    '--namespace',
    'default',
    '--query',
    query,
    '--output',
    'json',
  ]);
  const rows = stdout.trim() ? (JSON.parse(stdout) as { execution: { workflowId: string } }[]) : [];
  return rows.map((r) => r.execution.workflowId).sort();
}

describe('search attributes and summaries', () => {
  it('lists a cluster\'s cycle and election by Cluster = "<code>", and the election by its status', async () => {
    const { cluster } = await seedCluster(api.app.orm, 2);
    const opened = await http.post(`/clusters/${cluster}/elections`, { termStart: today(), nominationWindow: 'PT1H' });
    expect(opened.status, JSON.stringify(opened.body)).toBe(202);
    const election = opened.body.workflowId as string;
    expect(election).toBe(`election:${cluster}:${today()}`);
    // Visibility is eventually consistent: the list catches up with the upserts.
    await expect
      .poll(() => cliList(`Cluster = "${cluster}"`), { timeout: 20_000, interval: 300 })
      .toEqual([`cycle:${cluster}`, election].sort());
    await expect
      .poll(() => cliList(`Cluster = "${cluster}" AND GnlcStatus = "nominating"`), { timeout: 20_000, interval: 300 })
      .toEqual([election]);
    const described = await api.app.client.workflow.getHandle(election).describe();
    expect(await described.staticSummary()).toBe(
      `Election of the ${cluster} cluster's coordinators for the term from ${today()}`,
    );
  });

  it("lists a donor's pledges by DonorId, Biennium and their status as it moves", async () => {
    const donor = await fx.donor();
    const pledge = (await http.post('/pledges', financialPledge(donor.id, { biennium: '2029-2031' }))).body;
    const id = pledgeWorkflowId(pledge.id);
    await expect
      .poll(() => cliList(`DonorId = "${donor.id}" AND GnlcStatus = "pledged"`), { timeout: 20_000, interval: 300 })
      .toEqual([id]);
    expect((await http.post(`/pledges/${pledge.id}/transitions`, { to: 'agreement_signed' })).status).toBe(200);
    await expect
      .poll(() => cliList(`DonorId = "${donor.id}" AND GnlcStatus = "agreement_signed"`), {
        timeout: 20_000,
        interval: 300,
      })
      .toEqual([id]);
    expect(await cliList(`DonorId = "${donor.id}" AND Biennium = "2029-2031"`)).toEqual([id]);
    expect(await cliList(`DonorId = "${donor.id}" AND GnlcStatus = "pledged"`)).toEqual([]);
    const handle = api.app.client.workflow.getHandle(id);
    expect(await (await handle.describe()).staticSummary()).toBe(
      `financial pledge to mdfm for 2029-2031, donor ${donor.id}`,
    );
    // The replay test's history of this path (patch marker and upserts): RECORD_HISTORIES=1 rewrites it.
    await recordHistory(handle, 'pledge-visibility');
  });
});
