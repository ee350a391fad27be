// Work plans through the HTTP API: versions, coordinator rights, refusals.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { as, day, useClusterWorkApp } from '../support/cluster-work.js';

const t = useClusterWorkApp();
const { http, sql, cluster } = t;

describe('work plans', () => {
  const outputs = [
    {
      key: 'centres',
      title: 'Community learning centres',
      description: 'Open centres in every district',
      target: { value: 12, unit: 'centres' },
      due: '2023-06-30',
    },
    { key: 'guide', title: 'Guide to learning neighbourhoods', target: { value: 1, unit: 'guide' }, due: '2023-12-31' },
  ];

  it('is set by a current coordinator or the secretariat, keeps every version, and refuses other cities', async () => {
    const { code, cities, tokens } = await cluster(3);
    const [coord, member] = tokens as [string, string];
    const path = `/clusters/${code}/phases/2021-2023/workplan`;
    expect((await http.put(path, { outputs }, as(coord))).status).toBe(404);
    await http.post(`/clusters/${code}/phases`, { biennium: '2021-2023' });

    // A member that is not a coordinator, an t.outsider, a t.viewer: 403; an expired coordinator too.
    expect((await http.put(path, { outputs }, as(member))).status).toBe(403);
    expect((await http.put(path, { outputs }, as(t.outsider.token))).status).toBe(403);
    expect((await http.put(path, { outputs }, as(t.viewer))).status).toBe(403);
    await sql(
      `insert into coordinator_term (id, cluster_code, city_id, term_start, term_end, created_at) values (?, ?, ?, ?, ?, now())`,
      [randomUUID(), code, cities[2], day(-800), day(-70)],
    );
    expect((await http.put(path, { outputs }, as(tokens[2]!))).status).toBe(403);

    const v1 = await http.put(path, { outputs: [{ ...outputs[0], ownerCityId: cities[1] }] }, as(coord));
    expect(v1.status, JSON.stringify(v1.body)).toBe(200);
    expect(v1.body.current).toMatchObject({
      version: 1,
      setBy: cities[0],
      outputs: [{ key: 'centres', ownerCityId: cities[1], target: { value: 12, unit: 'centres' } }],
    });
    const v2 = await http.put(path, { outputs });
    expect(v2.body.current).toMatchObject({ version: 2, setBy: null });
    expect(v2.body.current.outputs[1]).toEqual({ ...outputs[1], description: '' });

    const got = await http.get(path, as(t.viewer));
    expect(got.status).toBe(200);
    expect(got.body.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect((await http.get(`/clusters/${code}/phases`)).body.items[0].workplanVersion).toBe(2);

    const dup = await http.put(path, { outputs: [outputs[0], outputs[0]] });
    expect(dup.status).toBe(400);
    expect(dup.body.errors[0].path).toBe('body.outputs.1.key');
    expect(
      (await http.put(path, { outputs: [{ ...outputs[0], target: { value: -1, unit: 'x' }, due: '2023-02-30' }] }))
        .status,
    ).toBe(400);
    expect((await http.put(path, { outputs: [] })).status).toBe(400);
    const notMember = await http.put(path, { outputs: [{ ...outputs[0], ownerCityId: t.outsider.id }] });
    expect(notMember.status).toBe(422);
    expect(notMember.body.errors[0].path).toBe('body.outputs.0.ownerCityId');
    expect((await http.put(`/clusters/${code}/phases/2021/workplan`, { outputs })).status).toBe(400);
    expect((await http.get(path)).body.versions).toHaveLength(2);
  });
});
