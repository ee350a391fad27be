import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CITY_STATUSES, DONOR_TYPES } from '../../domain/registry.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { fixtures, httpClient, unique, type Http, type HttpResult } from '../support/http.js';

// Invalid input only, by construction: every generated request must be refused with a 4xx
// problem and leave the database as it was.

let app: TestApp;
let http: Http;
let memberCity: { id: string };
let donor: { id: string };
let clusterCodes: Set<string>;
let countryCodes: Set<string>;

interface Req {
  method: string;
  path: string;
  body?: unknown;
  raw?: string;
  headers?: Record<string, string>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const enc = encodeURIComponent;

// ---- values that can never satisfy a field ----

// Deep enough to hurt a recursive walk, shallow enough for the client's own JSON.stringify.
const deep = fc.integer({ min: 500, max: 3_000 }).map((d) => JSON.parse('['.repeat(d) + ']'.repeat(d)) as unknown);
const garbageObject = fc.dictionary(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 3 }), {
  minKeys: 0,
  maxKeys: 4,
});
// No NaN/Infinity: JSON.stringify would turn them into null, which some fields accept.
const finite = fc.double({ noNaN: true, noDefaultInfinity: true });
const notString = fc.oneof(
  fc.integer(),
  finite,
  fc.boolean(),
  fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 4 }),
  garbageObject,
  deep,
);
const notStringOrNull = fc.oneof(notString, fc.constant(null));
/** For object-typed fields: `{}` may be a valid object, so no dictionaries here. */
const notObject = fc.oneof(
  fc.integer(),
  finite,
  fc.boolean(),
  fc.string({ maxLength: 20 }),
  fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 4 }),
  deep,
);
const notObjectOrNull = fc.oneof(notObject, fc.constant(null));
const withNul = fc.tuple(fc.string({ maxLength: 20 }), fc.string({ maxLength: 20 })).map(([a, b]) => `N${a}\u0000${b}`);
// A short random tail keeps URLs under Node's header size limit (a 431 from Node is not ours to shape).
const tooLong = (max: number) => fc.string({ maxLength: 40, unit: 'grapheme' }).map((s) => `N${'n'.repeat(max)}${s}N`);
const blank = fc.constantFrom('', ' ', '\t\n', '   ');
/** A string field of `name`'s shape (trimmed, 1..max). */
const badText = (max: number, nullable = false) =>
  fc.oneof(nullable ? notString : notStringOrNull, tooLong(max), blank, withNul);
const badEnum = (allowed: readonly string[], nullable = false) =>
  fc.oneof(
    nullable ? notString : notStringOrNull,
    fc.string({ maxLength: 30 }).filter((s) => !allowed.includes(s)),
    withNul,
  );
const badUuid = (nullable = false) =>
  fc.oneof(
    nullable ? notString : notStringOrNull,
    fc.string({ maxLength: 40 }).filter((s) => !UUID.test(s)),
    fc.uuid().map((u) => `${u}x`),
    withNul,
  );
/** Well formed but unknown: refused with 422 by the handler. */
const unknownUuid = fc.uuid().filter((u) => u !== memberCity.id && u !== donor.id);
const badCountry = (nullable = false) =>
  fc.oneof(
    nullable ? notString : notStringOrNull,
    fc.string({ maxLength: 6 }).filter((s) => !/^[A-Za-z]{2}$/.test(s)),
    fc.constantFrom('XX', 'ZZ', 'aa', 'Qq', 'DEU', 'D1', 'ÄÖ'),
    withNul,
  );
const badYear = (nullable = false) =>
  fc.oneof(
    fc.integer({ max: 2011 }),
    fc.integer({ min: 2101 }),
    fc.double({ noInteger: true, noNaN: true, noDefaultInfinity: true }),
    fc.integer({ min: 2012, max: 2100 }).map(String),
    fc.boolean(),
    ...(nullable ? [] : [fc.constant(null)]),
  );
const badEmail = (nullable = false) =>
  fc.oneof(
    nullable ? notString : notStringOrNull,
    fc.string({ maxLength: 40 }).filter((s) => !s.includes('@')),
    fc.constant(`${'a'.repeat(250)}@example.org`),
    fc.constantFrom('a@', '@b.org', 'a b@c.org', 'a@b@c.org'),
    withNul,
  );
const badDate = fc.oneof(
  notStringOrNull,
  fc.string({ maxLength: 12 }).filter((s) => !/^\d{4}-\d{2}-\d{2}$/.test(s)),
  fc.constantFrom(
    '2024-13-01',
    '2024-02-30',
    '2023-02-29',
    '2024-00-10',
    '2024-1-1',
    '0000-01-01',
    '2011-12-31',
    '2101-01-01',
    '20240101',
  ),
);
const extraKey = fc.oneof(
  fc.string({ minLength: 1, maxLength: 20 }),
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'id', 'createdAt'),
);

const rep = () => ({ name: 'Rep', email: 'rep@example.org', expertise: ['health'] });
const badExpertise = fc.oneof(
  notStringOrNull.filter((v) => !Array.isArray(v)),
  fc.array(fc.constant('health'), { minLength: 21, maxLength: 30 }),
  fc.tuple(fc.oneof(blank, tooLong(80), notStringOrNull, withNul)).map(([x]) => ['health', x]),
);
const badRepresentative = fc.oneof(
  notObjectOrNull,
  badText(200).map((name) => ({ ...rep(), name })),
  badEmail().map((email) => ({ ...rep(), email })),
  badExpertise.map((expertise) => ({ ...rep(), expertise })),
  fc.constantFrom('name', 'email').map((k) => {
    const r: Record<string, unknown> = rep();
    delete r[k];
    return r;
  }),
  fc
    .tuple(
      extraKey.filter((k) => !['name', 'email', 'expertise'].includes(k)),
      fc.jsonValue({ maxDepth: 2 }),
    )
    .map(([k, v]) => ({ ...rep(), ...JSON.parse(JSON.stringify({ [k]: v ?? 0 })) })),
);
const badContact = (nullable: boolean) =>
  fc.oneof(
    notObjectOrNull,
    badText(200, nullable).map((name) => ({ name })),
    badEmail(nullable).map((email) => ({ email })),
    fc
      .tuple(
        extraKey.filter((k) => k !== 'name' && k !== 'email'),
        fc.jsonValue({ maxDepth: 2 }),
      )
      .map(([k, v]) => JSON.parse(JSON.stringify({ [k]: v ?? 0 }))),
  );

// ---- bodies: a valid base with exactly one defect ----

interface BodySpec {
  method: 'POST' | 'PATCH';
  path: () => string;
  base: () => Record<string, unknown>;
  required: string[];
  bad: Record<string, fc.Arbitrary<unknown>>;
}

const bodySpecs = (): BodySpec[] => [
  {
    method: 'POST',
    path: () => '/cities',
    base: () => ({ name: unique('Fuzz'), country: 'DE', status: 'member', yearJoined: 2020 }),
    required: ['name', 'country'],
    bad: { name: badText(200), country: badCountry(), status: badEnum(CITY_STATUSES), yearJoined: badYear() },
  },
  {
    method: 'PATCH',
    path: () => `/cities/${memberCity.id}`,
    base: () => ({ name: unique('Fuzz') }),
    required: [],
    bad: { name: badText(200), status: badEnum(CITY_STATUSES), yearJoined: badYear(true) },
  },
  {
    method: 'POST',
    path: () => '/donors',
    base: () => ({
      name: unique('Fuzz'),
      type: 'foundation',
      country: 'DE',
      contact: { name: 'C', email: 'c@example.org' },
      cityId: memberCity.id,
    }),
    required: ['name', 'type'],
    bad: {
      name: badText(200),
      type: badEnum(DONOR_TYPES),
      country: badCountry(),
      contact: badContact(false),
      cityId: fc.oneof(badUuid(), unknownUuid),
    },
  },
  {
    method: 'PATCH',
    path: () => `/donors/${donor.id}`,
    base: () => ({ name: unique('Fuzz') }),
    required: [],
    bad: {
      name: badText(200),
      type: badEnum(DONOR_TYPES),
      country: badCountry(true),
      contact: badContact(true),
      cityId: fc.oneof(badUuid(true), unknownUuid),
    },
  },
  {
    method: 'POST',
    path: () => '/tokens',
    base: () => ({ role: 'city', cityId: memberCity.id, label: 'fuzz', readOnly: false }),
    required: ['role', 'label', 'cityId'],
    bad: {
      role: badEnum(['city']), // any other role refuses a cityId
      cityId: fc.oneof(badUuid(), unknownUuid),
      label: badText(200),
      readOnly: fc.oneof(fc.constantFrom('true', 'false', 1, 0, null), garbageObject),
      donorId: fc.oneof(badUuid(), fc.uuid()),
    },
  },
  {
    method: 'POST',
    path: () => '/clusters/ESD/members',
    base: () => ({ cityId: memberCity.id, since: '2024-01-01', representative: rep() }),
    required: ['cityId', 'representative'],
    bad: { cityId: fc.oneof(badUuid(), unknownUuid), since: badDate, representative: badRepresentative },
  },
];

function defective(spec: BodySpec): fc.Arbitrary<Req> {
  const known = new Set([...Object.keys(spec.base()), ...Object.keys(spec.bad)]);
  const field = fc.constantFrom(...Object.keys(spec.bad)).chain((k) => spec.bad[k]!.map((v) => ({ k, v })));
  const body = fc.oneof(
    field.map(({ k, v }) => ({ ...spec.base(), [k]: v })),
    spec.required.length
      ? fc.constantFrom(...spec.required).map((k) => {
          const b = spec.base();
          delete b[k];
          return b;
        })
      : fc.constant({}),
    fc
      .tuple(
        extraKey.filter((k) => !known.has(k)),
        fc.jsonValue({ maxDepth: 3 }),
      )
      .map(([k, v]) => ({ ...spec.base(), ...JSON.parse(JSON.stringify({ [k]: v ?? 0 })) })),
    fc.oneof(
      fc.jsonValue({ maxDepth: 3 }).filter((v) => typeof v !== 'object' || v === null || Array.isArray(v)),
      garbageObject.filter((o) => Object.keys(o).length > 0 && !Object.keys(o).some((k) => known.has(k))),
    ),
  );
  const idem = fc.option(fc.uuid(), { nil: undefined });
  return fc.tuple(body, idem).map(([b, key]) => ({
    method: spec.method,
    path: spec.path(),
    body: b,
    headers: key ? { 'idempotency-key': key } : undefined,
  }));
}

/** A whole body nested deeper than any schema, sent with a key so it would be hashed. */
const deepBody = fc
  .tuple(
    fc.integer({ min: 10_000, max: 100_000 }),
    fc.constantFrom('/cities', '/donors', '/tokens', '/clusters/ESD/members'),
  )
  .map(([d, path]): Req => ({
    method: 'POST',
    path,
    raw: `{"name":${'['.repeat(d)}${']'.repeat(d)},"country":"DE"}`,
    headers: { 'idempotency-key': `deep-${d}` },
  }));

// ---- bodies that are not JSON at all ----

const nonJson = fc
  .tuple(
    fc.constantFrom(
      'POST /cities',
      `PATCH /cities/:city`,
      'POST /donors',
      'POST /tokens',
      'POST /clusters/ESD/members',
    ),
    fc.constantFrom(
      'text/plain',
      'application/xml',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/octet-stream',
      'application/json; charset=utf-16',
      'application/json',
      'application/merge-patch+json',
    ),
    fc.oneof(
      fc.string({ minLength: 1, maxLength: 200, unit: 'binary' }),
      fc.constantFrom(
        'name=x&country=DE',
        '<city><name>x</name></city>',
        '{"name":"x",',
        "{'name':'x'}",
        'NaN',
        '"city"',
        '[]',
        'null',
        '{"name":"x","country":"DE"',
      ),
    ),
  )
  .filter(([, type, raw]) => !(type.includes('json') && !type.includes('utf-16') && isValidBody(raw)))
  .map(([route, type, raw]): Req => {
    const [method, path] = route.split(' ') as [string, string];
    return { method, path: path.replace(':city', memberCity.id), raw, headers: { 'content-type': type } };
  });

/** Some random strings parse as JSON objects; keep only those no schema can accept. */
function isValidBody(raw: string): boolean {
  try {
    const v = JSON.parse(raw) as unknown;
    return typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length > 0;
  } catch {
    return false;
  }
}

// ---- path parameters ----

const badSegment = fc.oneof(
  fc
    .string({ minLength: 1, maxLength: 40, unit: 'binary' })
    .filter((s) => !UUID.test(s) && s !== '.' && s !== '..')
    .map(enc),
  fc.constantFrom(
    '%',
    '%E0%A4%A',
    '%ZZ',
    '%C0%80',
    '%00',
    'null',
    'undefined',
    '0',
    '-1',
    '00000000-0000-0000-0000-00000000000g',
  ),
);
const badCode = fc.oneof(
  fc
    .string({ minLength: 1, maxLength: 60, unit: 'binary' })
    .filter((s) => !clusterCodes.has(s.toUpperCase()) && s !== '.' && s !== '..')
    .map(enc),
  fc.constant('C'.repeat(33)),
  fc.constantFrom('%', '%E0%A4%A', '%00', 'ESD%00'),
);
const badParams = fc.oneof(
  badSegment.map((s): Req => ({ method: 'GET', path: `/cities/${s}` })),
  badSegment.map((s): Req => ({ method: 'PATCH', path: `/cities/${s}`, body: { name: 'x' } })),
  badSegment.map((s): Req => ({ method: 'GET', path: `/donors/${s}` })),
  badSegment.map((s): Req => ({ method: 'PATCH', path: `/donors/${s}`, body: { name: 'x' } })),
  badSegment.map((s): Req => ({ method: 'DELETE', path: `/tokens/${s}` })),
  badSegment.map((s): Req => ({ method: 'DELETE', path: `/clusters/ESD/members/${s}` })),
  fc.uuid().map((u): Req => ({ method: 'DELETE', path: `/tokens/${u}` })),
  badCode.map((c): Req => ({ method: 'GET', path: `/clusters/${c}` })),
  badCode.map((c): Req => ({ method: 'GET', path: `/clusters/${c}/members` })),
  badCode.map((c): Req => ({
    method: 'POST',
    path: `/clusters/${c}/members`,
    body: { cityId: memberCity.id, representative: rep() },
  })),
  badCode.map((c): Req => ({ method: 'DELETE', path: `/clusters/${c}/members/${memberCity.id}` })),
);

// ---- query strings ----

const badInt = (min: number, max: number) =>
  fc.oneof(
    fc.string({ maxLength: 8 }).filter((s) => {
      const n = Number(s);
      return !(Number.isInteger(n) && n >= min && n <= max);
    }),
    fc.integer({ min: max + 1 }).map(String),
    fc.integer({ max: min - 1 }).map(String),
    fc.constantFrom('1.5', 'NaN', 'Infinity', '1e400', '--1'),
  );
const badQueryValue = (allowed?: readonly string[]) =>
  fc.oneof(
    fc.string({ maxLength: 20 }).filter((s) => !(allowed ?? []).includes(s)),
    withNul,
  );
const paged = (path: string, maxLimit = 200) => [
  badInt(1, maxLimit).map((v) => `${path}?limit=${enc(v)}`),
  badInt(0, 1_000_000).map((v) => `${path}?offset=${enc(v)}`),
  fc
    .tuple(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 9 }))
    .map(([a, b]) => `${path}?limit=${a}&limit=${b}`),
];
const badQuery = fc
  .oneof(
    ...paged('/cities'),
    badQueryValue()
      .filter((s) => !/^[A-Za-z]{2}$/.test(s))
      .map((v) => `/cities?country=${enc(v)}`),
    badQueryValue(['africa', 'arab_states', 'asia_pacific', 'europe_north_america', 'latin_america_caribbean']).map(
      (v) => `/cities?region=${enc(v)}`,
    ),
    badQueryValue(CITY_STATUSES).map((v) => `/cities?status=${enc(v)}`),
    fc.oneof(tooLong(100), withNul).map((v) => `/cities?q=${enc(v)}`),
    fc.oneof(tooLong(32), withNul).map((v) => `/cities?cluster=${enc(v)}`),
    ...paged('/countries', 250),
    badQueryValue(['true', 'false']).map((v) => `/countries?ldc=${enc(v)}`),
    badQueryValue().map((v) => `/countries?incomeGroup=${enc(v)}X`),
    badQueryValue(['active', 'retired']).map((v) => `/clusters?status=${enc(v)}`),
    ...paged('/clusters/ESD/members'),
    badQueryValue(['true', 'false']).map((v) => `/clusters/ESD/members?includeEnded=${enc(v)}`),
    ...paged('/tokens'),
    ...paged('/donors'),
    badQueryValue(DONOR_TYPES).map((v) => `/donors?type=${enc(v)}`),
    ...paged('/notifications'),
    fc.oneof(tooLong(64), withNul).map((v) => `/notifications?kind=${enc(v)}`),
    fc.oneof(tooLong(200), withNul).map((v) => `/notifications?resource=${enc(v)}`),
    ...paged('/audit-events'),
    fc.oneof(tooLong(500), withNul).map((v) => `/audit-events?path=${enc(v)}`),
  )
  .map((path): Req => ({ method: 'GET', path }));

// ---- the run ----

const RUNS = Number(process.env.FUZZ_RUNS ?? 400);
const TABLES = ['city', 'donor', 'api_token', 'membership', 'idempotency_record'] as const;

async function counts(): Promise<Record<string, number>> {
  const sql = `select ${TABLES.map((t) => `(select count(*) from ${t}) as ${t}`).join(', ')}`;
  const [row] = await app.orm.em.getConnection().execute<Record<string, string>[]>(sql);
  return Object.fromEntries(TABLES.map((t) => [t, Number(row![t])]));
}

async function rows(): Promise<unknown[]> {
  const conn = app.orm.em.getConnection();
  return [
    await conn.execute('select * from city where id = ?', [memberCity.id]),
    await conn.execute('select * from donor where id = ?', [donor.id]),
    await conn.execute('select * from membership where city_id = ?', [memberCity.id]),
  ];
}

function expectRefused(req: Req, r: HttpResult): void {
  const what = `${req.method} ${req.path.slice(0, 200)} → ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`;
  expect(r.status, what).toBeGreaterThanOrEqual(400);
  expect(r.status, what).toBeLessThan(500);
  expect(r.headers.get('content-type'), what).toMatch(/^application\/problem\+json/);
  expect(r.body, what).toMatchObject({ type: expect.any(String), title: expect.any(String), status: r.status });
  const where = /^invalid (params|query|body)$/.exec(r.body.detail ?? '')?.[1];
  if (where) {
    expect(r.body.errors?.length, what).toBeGreaterThan(0);
    for (const e of r.body.errors) {
      expect(e.path.startsWith(where), what).toBe(true);
      expect(typeof e.message, what).toBe('string');
    }
  }
}

beforeAll(async () => {
  app = await startTestApp({ worker: false });
  http = httpClient(app.url);
  const fx = fixtures(http);
  memberCity = await fx.city();
  donor = await fx.donor();
  clusterCodes = new Set((await http.get('/clusters')).body.items.map((c: { code: string }) => c.code));
  countryCodes = new Set((await http.get('/countries')).body.items.map((c: { code: string }) => c.code));
  expect(countryCodes.has('DE')).toBe(true);
  for (const code of ['XX', 'ZZ', 'AA', 'QQ']) expect(countryCodes.has(code)).toBe(false);
});
afterAll(() => app?.close());

describe('invalid input is refused without effect', () => {
  it('answers hundreds of generated invalid requests with 4xx problems and changes nothing', async () => {
    const before = await counts();
    const snapshot = await rows();
    const request = fc.oneof(
      { arbitrary: fc.oneof(...bodySpecs().map(defective)), weight: 5 },
      { arbitrary: badParams, weight: 2 },
      { arbitrary: badQuery, weight: 3 },
      { arbitrary: nonJson, weight: 1 },
      { arbitrary: deepBody, weight: 1 },
    );
    let sent = 0;
    await fc.assert(
      fc.asyncProperty(request, async (req) => {
        sent += 1;
        const r =
          req.raw !== undefined
            ? await http.call(req.method, req.path, { raw: req.raw, headers: req.headers })
            : await http.call(req.method, req.path, { body: req.body, headers: req.headers });
        expectRefused(req, r);
      }),
      // FUZZ_RUNS=5000 for a deeper local search; the default keeps the file well under 20 s.
      { numRuns: RUNS, ...(RUNS <= 400 ? { interruptAfterTimeLimit: 15_000, markInterruptAsFailure: true } : {}) },
    );
    expect(sent).toBeGreaterThanOrEqual(RUNS);
    expect(await counts()).toEqual(before);
    expect(await rows()).toEqual(snapshot);
  });

  it('refuses ill-formed role and reference combinations for tokens', async () => {
    const before = await counts();
    const combos = [
      { role: 'city', label: 'x' },
      { role: 'donor', label: 'x' },
      { role: 'viewer', label: 'x', cityId: memberCity.id },
      { role: 'secretariat', label: 'x', donorId: donor.id },
      { role: 'city', label: 'x', cityId: memberCity.id, donorId: donor.id },
      { role: 'donor', label: 'x', donorId: memberCity.id },
      { role: 'city', label: 'x', cityId: donor.id },
    ];
    for (const body of combos)
      expectRefused({ method: 'POST', path: '/tokens', body }, await http.post('/tokens', body));
    expect(await counts()).toEqual(before);
  });
});
