import { describe, expect, it } from 'vitest';
import { useTestApp } from '../support/app.js';

const api = useTestApp({ worker: false });
const { http, fx } = api;

describe('reference data', () => {
  it('lists every ISO country with region, income group and LDC flag', async () => {
    const r = await http.get('/countries');
    expect(r.status).toBe(200);
    expect(r.body.total).toBe(249);
    const ng = r.body.items.find((c: { code: string }) => c.code === 'NG');
    expect(ng).toMatchObject({ region: 'africa', ldc: false });
    const ldc = await http.get('/countries?ldc=true');
    expect(ldc.body.total).toBe(44);
  });

  it('lists the five active clusters and the seven retired ones with their lineage', async () => {
    // Test clusters of other files sort before the retired ones: ask for a page that holds them all.
    const r = await http.get('/clusters?limit=200');
    expect(r.status).toBe(200);
    // Other test files add isolated test clusters (code T + hex) to the shared database.
    const seeded = r.body.items.filter((c: { code: string }) => !/^T[0-9A-F]{8}$/.test(c.code));
    const active = seeded.filter((c: { status: string }) => c.status === 'active');
    const retired = seeded.filter((c: { status: string }) => c.status === 'retired');
    expect(active.map((c: { code: string }) => c.code).sort()).toEqual([
      'ESD',
      'GCED',
      'HEALTH',
      'INCLUSION',
      'PLANNING',
    ]);
    expect(retired).toHaveLength(7);
    const inclusion = active.find((c: { code: string }) => c.code === 'INCLUSION');
    expect(inclusion.themes).toEqual(['literacy', 'ICTs']);
    expect(inclusion.predecessors.sort()).toEqual(['INCLUSION-EQUITY-2019', 'LITERACY-2019']);
    const entrepreneurship = retired.find((c: { name: string }) => c.name === 'Entrepreneurship');
    expect(entrepreneurship).toMatchObject({ successor: null, memberCount2019: 30 });
    const counts = Object.fromEntries(
      retired.map((c: { name: string; memberCount2019: number }) => [c.name, c.memberCount2019]),
    );
    expect(counts['Education for Sustainable Development']).toBe(112);
    expect(counts['Educational Planning, Monitoring and Evaluation']).toBe(57);
  });
});

describe('cities and memberships', () => {
  it('creates, reads, filters and patches a city', async () => {
    const city = await fx.city({ country: 'ke', yearJoined: 2020 });
    expect(city.country).toBe('KE');
    expect((await http.get(`/cities/${city.id}`)).body.name).toBe(city.name);
    const byRegion = await http.get(`/cities?region=africa&q=${encodeURIComponent(city.name)}`);
    expect(byRegion.body.items.map((c: { id: string }) => c.id)).toEqual([city.id]);
    const patched = await http.patch(`/cities/${city.id}`, { status: 'suspended' });
    expect(patched.body.status).toBe('suspended');
  });

  it('keeps membership history and warns about a representative off the cluster focus', async () => {
    const city = await fx.city();
    const joined = await http.post('/clusters/HEALTH/members', {
      cityId: city.id,
      representative: { name: 'Ana', email: 'ana@example.org', expertise: ['urban transport'] },
    });
    expect(joined.status).toBe(201);
    expect(joined.body.warnings).toHaveLength(1);
    expect((await http.get(`/cities?cluster=HEALTH&q=${encodeURIComponent(city.name)}`)).body.total).toBe(1);
    expect((await http.del(`/clusters/HEALTH/members/${city.id}`)).status).toBe(204);
    const current = await http.get(`/cities?cluster=HEALTH&q=${encodeURIComponent(city.name)}`);
    expect(current.body.total).toBe(0);
    const history = await http.get('/clusters/HEALTH/members?includeEnded=true&limit=200');
    const ended = history.body.items.find((m: { cityId: string }) => m.cityId === city.id);
    expect(ended.until).not.toBeNull();
    const rejoined = await http.post('/clusters/HEALTH/members', {
      cityId: city.id,
      representative: { name: 'Ana', email: 'ana@example.org', expertise: ['public health'] },
    });
    expect(rejoined.status).toBe(201);
    expect(rejoined.body.warnings).toEqual([]);
  });
});
