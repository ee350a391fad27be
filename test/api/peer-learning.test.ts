// The peer-learning database: ranked full-text search and filters on a realistic corpus.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { as, useClusterWorkApp } from '../support/cluster-work.js';

const t = useClusterWorkApp(0);
const { http, cluster } = t;

type Kind = 'success' | 'challenge' | 'practice' | 'material';
/** [kind, title, body, tags] — what cities of an inclusion/literacy and a health cluster would share. */
const CORPUS_A: [Kind, string, string, string[]][] = [
  [
    'success',
    'Adult literacy circles in markets',
    'Market traders meet twice a week with volunteer tutors; 400 adults learned to read in a year.',
    ['adults', 'markets'],
  ],
  [
    'practice',
    'Reading corners in bus stations',
    'Commuters borrow books at bus stations and return them anywhere in the network.',
    ['literacy', 'transport'],
  ],
  [
    'challenge',
    'Keeping volunteer tutors',
    'Tutors leave after a few months; we lack recognition schemes and small stipends. Literacy programmes suffer.',
    ['volunteers'],
  ],
  [
    'material',
    'Toolkit for mapping learning spaces',
    'A step-by-step guide to map libraries, community centres and informal spaces where people learn.',
    ['mapping', 'toolkit'],
  ],
  [
    'success',
    'Public libraries open on Sundays',
    'Opening the libraries on Sundays doubled visits from working families.',
    ['library'],
  ],
  [
    'practice',
    'Digital skills for older people',
    'Young volunteers teach smartphone and online banking skills in community centres.',
    ['ict', 'older people'],
  ],
  [
    'challenge',
    'Reaching migrants without documents',
    'Fear of registration keeps undocumented migrants away from formal courses.',
    ['migrants', 'inclusion'],
  ],
  [
    'success',
    'Learning festival in every district',
    'A week-long learning festival with 300 events organised by neighbourhood associations.',
    ['festival'],
  ],
  [
    'practice',
    'Family learning in primary schools',
    'Parents join their children one afternoon a week to learn together.',
    ['families'],
  ],
  [
    'material',
    'Video lectures on inclusive pedagogy',
    'Ten recorded lectures by university partners on inclusive teaching.',
    ['lectures'],
  ],
  [
    'challenge',
    'Measuring learning outcomes in non-formal settings',
    'Certificates are rare and data on what people learn outside schools is thin.',
    ['monitoring'],
  ],
  [
    'success',
    'Mobile library for informal settlements',
    'A converted truck brings books, tablets and a tutor to three settlements each week.',
    ['library', 'inclusion'],
  ],
  [
    'practice',
    'Sign language courses for public servants',
    'City staff at service counters learn basic sign language.',
    ['disability'],
  ],
  [
    'challenge',
    'Funding adult education after the pilot',
    'Pilot grants end after two years and the city budget does not cover the courses.',
    ['funding'],
  ],
  [
    'success',
    'Women-only coding clubs',
    'Evening coding clubs for women in partnership with local tech firms.',
    ['ict', 'gender'],
  ],
  [
    'practice',
    'Learning city steering committee',
    'Mayor, university, NGOs and employers meet quarterly to steer the learning city plan.',
    ['governance'],
  ],
  [
    'material',
    'Masterplan template for learning cities',
    'A template to draft a city masterplan for lifelong learning with indicators.',
    ['masterplan'],
  ],
  [
    'challenge',
    'Low internet access in peripheral districts',
    'Online courses exclude households without broadband.',
    ['ict', 'inclusion'],
  ],
  [
    'success',
    'Prison education partnership',
    'Inmates complete secondary education with teachers from the city adult school.',
    ['justice'],
  ],
  [
    'practice',
    'Multilingual welcome courses',
    'Newcomers learn the local language together with practical information on services.',
    ['migrants', 'language'],
  ],
];
const CORPUS_B: [Kind, string, string, string[]][] = [
  [
    'success',
    'Healthy cooking classes in community kitchens',
    'Nutrition workshops reduced sugar consumption among participants.',
    ['nutrition'],
  ],
  [
    'practice',
    'Walking groups for seniors',
    'Weekly walking groups combine exercise with health literacy talks.',
    ['seniors'],
  ],
  [
    'challenge',
    'Mental health stigma among students',
    'Students do not seek help; counsellors are few.',
    ['mental health'],
  ],
  [
    'material',
    'Health literacy handbook',
    'A handbook to explain medical information in plain language.',
    ['handbook'],
  ],
  [
    'success',
    'School gardens across the city',
    'Every primary school runs a vegetable garden used in science lessons.',
    ['gardens'],
  ],
  [
    'practice',
    'First aid training in libraries',
    'Libraries host free first aid courses on Saturdays.',
    ['library', 'first aid'],
  ],
  [
    'challenge',
    'Air pollution awareness',
    'Residents underestimate the health effects of traffic pollution.',
    ['environment'],
  ],
  [
    'success',
    'Community health workers as learning facilitators',
    'Health workers run learning sessions on hygiene in informal settlements.',
    ['hygiene'],
  ],
  [
    'material',
    'Lecture series on well-being at work',
    'Six lectures for employers on workplace well-being.',
    ['lectures'],
  ],
  [
    'practice',
    'Mindfulness in secondary schools',
    'Ten minutes of mindfulness each morning in participating schools.',
    ['schools'],
  ],
];

describe('peer-learning database', () => {
  it('ranks full-text matches (title over tags over body, with stemming), filters by cluster, kind and city, and refuses outsiders', async () => {
    const a = await cluster(3);
    const b = await cluster(2);
    const other = await cluster(1);
    const post = (c: typeof a, i: number, [kind, title, body, tags]: (typeof CORPUS_A)[number]) =>
      http.post('/peer-learning', { cluster: c.code, kind, title, body, tags }, as(c.tokens[i % c.tokens.length]!));
    for (const [i, e] of CORPUS_A.entries()) expect((await post(a, i, e)).status).toBe(201);
    for (const [i, e] of CORPUS_B.entries()) expect((await post(b, i, e)).status).toBe(201);
    const bySecretariat = await http.post('/peer-learning', {
      cluster: a.code.toLowerCase(),
      kind: 'material',
      title: 'Network guidelines on literacy',
      body: 'UIL guidance for member cities.',
      tags: ['Guidelines', 'guidelines'],
    });
    expect(bySecretariat.status).toBe(201);
    expect(bySecretariat.body).toMatchObject({
      cluster: a.code,
      cityId: null,
      source: 'secretariat',
      tags: ['guidelines'],
    });
    expect(bySecretariat.headers.get('location')).toBe(`/peer-learning/${bySecretariat.body.id}`);
    expect((await http.get(`/peer-learning/${bySecretariat.body.id}`, as(t.viewer))).body.title).toBe(
      'Network guidelines on literacy',
    );

    // Refusals: not a member of the cluster, another city, a t.viewer, unknown values.
    const entry = { cluster: a.code, kind: 'success', title: 'Something', body: 'Something good happened.' };
    expect((await http.post('/peer-learning', entry, as(other.tokens[0]!))).status).toBe(403);
    expect((await http.post('/peer-learning', { ...entry, cityId: a.cities[1] }, as(a.tokens[0]!))).status).toBe(403);
    expect((await http.post('/peer-learning', entry, as(t.viewer))).status).toBe(403);
    expect((await http.post('/peer-learning', { ...entry, cityId: other.cities[0] })).status).toBe(422);
    expect((await http.post('/peer-learning', { ...entry, kind: 'story' }, as(a.tokens[0]!))).status).toBe(400);
    expect((await http.post('/peer-learning', { ...entry, cluster: 'NOPE1234' })).status).toBe(404);
    expect((await http.get(`/peer-learning?q=${'x'.repeat(201)}`)).status).toBe(400);
    expect((await http.get(`/peer-learning?kind=story`)).status).toBe(400);
    expect((await http.get(`/peer-learning/${randomUUID()}`)).status).toBe(404);

    const search = async (query: string) => {
      const r = await http.get(`/peer-learning?${query}`, as(t.viewer));
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      return r.body as {
        items: { title: string; kind: string; cityId: string | null; cluster: string; rank?: number }[];
        total: number;
      };
    };

    // "literacy": in a title (weight A) beats in tags (B) beats in the body only (C).
    const lit = await search(`q=literacy&cluster=${a.code}`);
    expect(
      lit.items
        .slice(0, 2)
        .map((e) => e.title)
        .sort(),
    ).toEqual(['Adult literacy circles in markets', 'Network guidelines on literacy']);
    expect(lit.items.slice(2).map((e) => e.title)).toEqual([
      'Reading corners in bus stations',
      'Keeping volunteer tutors',
    ]);
    expect(lit.items.map((e) => e.rank!)).toEqual([...lit.items.map((e) => e.rank!)].sort((x, y) => y - x));
    expect(lit.items[0]!.rank!).toBeGreaterThan(lit.items[2]!.rank!);
    expect(lit.items[2]!.rank!).toBeGreaterThan(lit.items[3]!.rank!);
    // Without a cluster filter both clusters answer (health literacy lives in B).
    const litAll = await search(`q=literacy&cluster=${b.code}`);
    expect(litAll.items.map((e) => e.title).sort()).toEqual(['Health literacy handbook', 'Walking groups for seniors']);

    // Stemming: "libraries" finds "library"/"libraries"; across clusters unless filtered.
    const libs = await search(`q=libraries&cluster=${a.code}`);
    expect(libs.items.map((e) => e.title).sort()).toEqual([
      'Mobile library for informal settlements',
      'Public libraries open on Sundays',
      'Toolkit for mapping learning spaces',
    ]);
    expect(libs.items[0]!.title).toBe('Public libraries open on Sundays');
    // Web search syntax: a phrase, and exclusion.
    expect(
      (await search(`q=${encodeURIComponent('"learning festival"')}&cluster=${a.code}`)).items.map((e) => e.title),
    ).toEqual(['Learning festival in every district']);
    expect(
      (await search(`q=${encodeURIComponent('ict -women')}&cluster=${a.code}`)).items.map((e) => e.title).sort(),
    ).toEqual(['Digital skills for older people', 'Low internet access in peripheral districts']);

    // Filters, alone and with a query.
    const challenges = await search(`cluster=${a.code}&kind=challenge`);
    expect(challenges.total).toBe(5);
    expect(challenges.items.every((e) => e.kind === 'challenge')).toBe(true);
    expect((await search(`cluster=${a.code}&kind=challenge&q=inclusion`)).items.map((e) => e.title).sort()).toEqual([
      'Low internet access in peripheral districts',
      'Reaching migrants without documents',
    ]);
    const byCity = await search(`city=${a.cities[1]}`);
    expect(byCity.total).toBe(CORPUS_A.filter((_, i) => i % 3 === 1).length);
    expect(byCity.items.every((e) => e.cityId === a.cities[1])).toBe(true);
    const paged = await search(`cluster=${a.code}&limit=5&offset=5`);
    expect(paged).toMatchObject({ total: CORPUS_A.length + 1, limit: 5, offset: 5 });
    expect(paged.items).toHaveLength(5);
    expect((await search(`cluster=${a.code}&q=zeppelin`)).items).toEqual([]);
  });
});
