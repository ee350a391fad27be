// Expert groups through the HTTP API: who adds experts and who sees their addresses.
import { describe, expect, it } from 'vitest';
import { as, useClusterWorkApp } from '../support/cluster-work.js';

const t = useClusterWorkApp();
const { http, cluster } = t;

describe('expert groups', () => {
  it('lists experts and their support; coordinators and the secretariat add them', async () => {
    const { code, tokens } = await cluster(2);
    const [coord, member] = tokens as [string, string];
    const expert = {
      name: 'Dr Lin Wei',
      email: 'Lin.Wei@example.org',
      organisation: 'Beijing Normal University',
      expertiseAreas: ['ICT in education'],
      support: ['mentoring', 'masterplan'],
    };
    expect((await http.post(`/clusters/${code}/experts`, expert, as(member))).status).toBe(403);
    expect((await http.post(`/clusters/${code}/experts`, { ...expert, support: ['coaching'] }, as(coord))).status).toBe(
      400,
    );
    const r = await http.post(`/clusters/${code}/experts`, expert, as(coord));
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({ email: 'lin.wei@example.org', support: ['mentoring', 'masterplan'] });
    expect((await http.post(`/clusters/${code}/experts`, expert)).status).toBe(409);
    await http.post(`/clusters/${code}/experts`, {
      name: 'Ms Sara Ruiz',
      email: 'sara@example.org',
      expertiseAreas: ['literacy'],
      support: ['training_of_specialists', 'materials_and_lectures'],
    });

    const asViewer = await http.get(`/clusters/${code}/experts`, as(t.viewer));
    expect(asViewer.body.items.map((e: { name: string }) => e.name)).toEqual(['Dr Lin Wei', 'Ms Sara Ruiz']);
    expect(asViewer.body.items[0].email).toBeUndefined();
    expect((await http.get(`/clusters/${code}/experts`, as(member))).body.items[0].email).toBe('lin.wei@example.org');
    expect((await http.get(`/clusters/${code}/experts?support=masterplan`)).body.items).toHaveLength(1);
    expect((await http.get(`/clusters/${code}/experts?support=nothing`)).status).toBe(400);
  });
});
