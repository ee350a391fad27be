// Advisory session proposals through the HTTP API: the secretariat lists them, schedules one through
// the workshop creation path (kind advisory_session) or dismisses it; nobody else sees them.
import { describe, expect, it } from 'vitest';
import { as, day, schedule, useClusterWorkApp } from '../support/cluster-work.js';

const t = useClusterWorkApp();
const { http, sql, cluster } = t;

/** A proposal as the cluster cycle's activity records it when a term starts (today). */
async function propose(code: string): Promise<string> {
  const [row] = await sql<{ id: string }>(
    `insert into advisory_session_proposal (id, cluster_code, term_start, term_end, due_by, status, created_at, updated_at)
     values (gen_random_uuid(), ?, ?, ?, now() + interval '3 months', 'proposed', now(), now()) returning id`,
    [code, day(0), day(730)],
  );
  return row!.id;
}

describe('advisory session proposals', () => {
  it('are for the secretariat only; 400 on bad input; dismissed once, then 409; 404 for an unknown one', async () => {
    const { code, tokens } = await cluster(2);
    const id = await propose(code);
    for (const token of [tokens[0]!, t.viewer, t.donor]) {
      expect((await http.get(`/advisory-session-proposals`, as(token))).status).toBe(403);
      expect((await http.post(`/advisory-session-proposals/${id}/dismiss`, {}, as(token))).status).toBe(403);
    }
    const list = await http.get(`/advisory-session-proposals?cluster=${code.toLowerCase()}`);
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({
      total: 1,
      items: [{ id, cluster: code, termStart: day(0), status: 'proposed' }],
    });

    const bad = await http.get(`/advisory-session-proposals?status=held&cluster=no%20such&limit=0`);
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'query.cluster',
      'query.limit',
      'query.status',
    ]);
    expect((await http.post(`/advisory-session-proposals/not-a-uuid/dismiss`, {})).status).toBe(400);
    const extra = await http.post(`/advisory-session-proposals/${id}/dismiss`, { reason: '', when: 'now' });
    expect(extra.status).toBe(400);
    expect(
      (await sql<{ status: string }>(`select status from advisory_session_proposal where id = ?`, [id]))[0],
    ).toEqual({ status: 'proposed' });

    const dismissed = await http.post(`/advisory-session-proposals/${id}/dismiss`, { reason: 'held with the meeting' });
    expect(dismissed.status).toBe(200);
    expect(dismissed.body).toMatchObject({ id, status: 'dismissed', dismissReason: 'held with the meeting' });
    expect((await http.post(`/advisory-session-proposals/${id}/dismiss`, {})).status).toBe(409);
    expect(
      (await http.post(`/advisory-session-proposals/00000000-0000-4000-8000-000000000000/dismiss`, {})).status,
    ).toBe(404);
    const open = await http.get(`/advisory-session-proposals?cluster=${code}&status=proposed`);
    expect(open.body.total).toBe(0);
  });

  it('is scheduled by creating an advisory session for the cluster (the workshop creation path)', async () => {
    const { code } = await cluster(2);
    const id = await propose(code);
    const r = await http.post(`/clusters/${code}/workshops`, {
      kind: 'advisory_session',
      title: 'Advisory session for the new coordinators',
      ...schedule(),
    });
    expect(r.status, JSON.stringify(r.body)).toBe(202);
    const list = await http.get(`/advisory-session-proposals?cluster=${code}`);
    expect(list.body.items).toEqual([expect.objectContaining({ id, status: 'scheduled', workshopId: r.body.id })]);
    expect((await http.post(`/advisory-session-proposals/${id}/dismiss`, {})).status).toBe(409);
  });
});
