// The funds as open data in the aid sector's own standard: an IATI 2.03 activity file
// (https://iatistandard.org/en/iati-standard/203/activity-standard/), one iati-activity per fund,
// with its receipts (incoming funds), allocations (commitments; a reduction a negative one) and disbursements to beneficiary
// cities, each in its original currency. Pure and deterministic: a tiny XML writer (escaping,
// characters XML 1.0 cannot hold dropped) and the document built in the schema's element order.
import { z } from 'zod';
import { splitByWeights, type FundKey } from './fund.js';
import { formatAmount } from './money.js';
import type { DONOR_TYPES } from './registry.js';

type DonorType = (typeof DONOR_TYPES)[number];

// ---------------------------------------------------------------- a tiny XML writer

export type XmlAttrs = readonly (readonly [string, string | number | null | undefined])[];
export interface XmlElement {
  name: string;
  attrs?: XmlAttrs;
  children?: readonly (XmlElement | string)[];
}

/** An element; attributes whose value is null or undefined are left out. */
export const el = (
  name: string,
  attrs: XmlAttrs = [],
  children: readonly (XmlElement | string)[] = [],
): XmlElement => ({
  name,
  attrs,
  children,
});

// XML 1.0 Char: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]. Anything
// else (other control characters, lone surrogates, U+FFFE/U+FFFF) cannot appear even escaped.
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Text content: & < > escaped (> too, so that "]]>" never appears), characters XML cannot hold dropped. */
export function escapeText(s: string): string {
  return s.replace(NOT_XML_CHAR, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** An attribute value in double quotes: also " and the white space a parser would normalise to a space. */
export function escapeAttr(s: string): string {
  return escapeText(s).replace(/"/g, '&quot;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
}

const NAME = /^[A-Za-z_][A-Za-z0-9._:-]*$/;

/** The element as XML text, two-space indented; an element of text only stays on one line. */
export function renderXml(root: XmlElement): string {
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>\n'];
  // An explicit stack: a deep document cannot overflow the call stack.
  const stack: (XmlElement | { close: string; depth: number })[] = [root];
  const depths = new Map<XmlElement, number>([[root, 0]]);
  while (stack.length) {
    const item = stack.pop()!;
    if ('close' in item) {
      out.push(`${'  '.repeat(item.depth)}</${item.close}>\n`);
      continue;
    }
    const depth = depths.get(item) ?? 0;
    if (!NAME.test(item.name)) throw new RangeError(`not an XML name: ${JSON.stringify(item.name)}`);
    let open = `${'  '.repeat(depth)}<${item.name}`;
    for (const [k, v] of item.attrs ?? []) {
      if (v === null || v === undefined) continue;
      if (!NAME.test(k)) throw new RangeError(`not an XML attribute name: ${JSON.stringify(k)}`);
      open += ` ${k}="${escapeAttr(String(v))}"`;
    }
    const children = item.children ?? [];
    if (!children.length) {
      out.push(`${open}/>\n`);
    } else if (children.every((c) => typeof c === 'string')) {
      out.push(`${open}>${children.map((c) => escapeText(c as string)).join('')}</${item.name}>\n`);
    } else {
      out.push(`${open}>\n`);
      stack.push({ close: item.name, depth });
      for (let i = children.length - 1; i >= 0; i--) {
        const c = children[i]!;
        if (typeof c === 'string') throw new RangeError(`mixed content in <${item.name}>: IATI uses none`);
        depths.set(c, depth + 1);
        stack.push(c);
      }
    }
  }
  return out.join('');
}

// ---------------------------------------------------------------- IATI codes

/**
 * An IATI organisation identifier: `{registration agency}-{number}` such as XM-DAC-41304 or
 * GB-CHC-1234567 (letters, digits, and . _ after the agency; no spaces, slashes or ampersands).
 */
export const IATI_ORG_REF = /^[A-Za-z0-9]+(-[A-Za-z0-9._]+)+$/;
export const IatiOrgRef = z
  .string()
  .max(100)
  .regex(IATI_ORG_REF, 'must be an IATI organisation identifier such as GB-GOV-1')
  .describe('an IATI organisation identifier (registration agency prefix, then the number)');

/** IATI 2.03 OrganisationType codelist for the registry's donor types. */
export const ORGANISATION_TYPE: Readonly<Record<DonorType, string>> = {
  member_city: '11', // Local Government
  national_government: '10', // Government
  regional_government: '11', // Local Government (sub-national)
  multilateral: '40', // Multilateral
  corporate: '70', // Private Sector
  foundation: '60', // Foundation
  civil_society: '21', // International NGO
  educational_institution: '80', // Academic, Training and Research
  think_tank: '80',
  research_institute: '80',
};
/** TransactionType: Incoming Funds, Outgoing Commitment, Disbursement. */
export const TRANSACTION_TYPE = { incoming: '1', commitment: '2', disbursement: '3' } as const;
/** ActivityStatus 2: Implementation (a fund stays open while it receives and disburses). */
export const ACTIVITY_STATUS_IMPLEMENTATION = '2';
/** ActivityDateType: 1 planned start, 2 actual start. */
export const ACTIVITY_DATE = { plannedStart: '1', actualStart: '2' } as const;
/** OrganisationRole: 1 Funding, 4 Implementing. */
export const ORGANISATION_ROLE = { funding: '1', implementing: '4' } as const;
/** OrganisationType 11: Local Government, what a beneficiary city is. */
export const LOCAL_GOVERNMENT = '11';

/** Each fund's title and description, English and French. */
export const FUND_TEXT: Readonly<Record<FundKey, { en: [string, string]; fr: [string, string] }>> = {
  mdfm: {
    en: [
      'GNLC Multi-Donor Fund Mechanism (MDFM) pooled fund',
      'The pooled fund of the UNESCO Global Network of Learning Cities, allocated by the secretariat to network activities.',
    ],
    fr: [
      'Fonds commun du mécanisme multidonateurs (MDFM) du GNLC',
      'Le fonds commun du Réseau mondial UNESCO des villes apprenantes, alloué par le secrétariat aux activités du réseau.',
    ],
  },
  capacity_building_ldc: {
    en: [
      'GNLC: capacity building in least developed countries',
      'Contributions earmarked for building the capacity of learning cities in least developed countries.',
    ],
    fr: [
      'GNLC : renforcement des capacités dans les pays les moins avancés',
      'Contributions affectées au renforcement des capacités des villes apprenantes des pays les moins avancés.',
    ],
  },
  thematic_study: {
    en: ['GNLC: thematic studies', 'Contributions earmarked for thematic studies of the network.'],
    fr: ['GNLC : études thématiques', 'Contributions affectées aux études thématiques du réseau.'],
  },
  communication_exchange: {
    en: [
      'GNLC: communication and exchange',
      'Contributions earmarked for communication and exchange among learning cities.',
    ],
    fr: [
      'GNLC : communication et échanges',
      'Contributions affectées à la communication et aux échanges entre villes apprenantes.',
    ],
  },
  'communication_exchange.host_event': {
    en: ['GNLC: communication and exchange — hosting an event', 'Contributions earmarked for hosting a network event.'],
    fr: [
      'GNLC : communication et échanges — accueil d’un événement',
      'Contributions affectées à l’accueil d’un événement du réseau.',
    ],
  },
  'communication_exchange.fund_publication': {
    en: ['GNLC: communication and exchange — publications', 'Contributions earmarked for network publications.'],
    fr: ['GNLC : communication et échanges — publications', 'Contributions affectées aux publications du réseau.'],
  },
  'communication_exchange.fund_peer_learning_database': {
    en: [
      'GNLC: communication and exchange — peer-learning database',
      'Contributions earmarked for a database for peer learning among member cities.',
    ],
    fr: [
      'GNLC : communication et échanges — base de données d’apprentissage entre pairs',
      'Contributions affectées à une base de données d’apprentissage entre pairs des villes membres.',
    ],
  },
  'communication_exchange.seconded_staff': {
    en: [
      'GNLC: communication and exchange — seconded staff',
      'Contributions earmarked for staff seconded to the network.',
    ],
    fr: [
      'GNLC : communication et échanges — personnel détaché',
      'Contributions affectées au personnel détaché auprès du réseau.',
    ],
  },
};

// ---------------------------------------------------------------- the activity file

export interface IatiReportingOrg {
  /** Organisation identifier, e.g. XM-DAC-41304 (UNESCO). */
  ref: string;
  /** OrganisationType code, e.g. 40 (multilateral). */
  type: string;
  name: string;
}

export interface IatiOrg {
  name: string;
  /** An IATI organisation identifier when the registry has one. */
  ref: string | null;
  type: DonorType;
}

/** What one receipt credited this fund, in the receipt's own currency. */
export interface IatiIncoming {
  receiptId: string;
  receivedOn: string;
  currency: string;
  amountMinor: number;
  donor: IatiOrg;
}

/** A later reduction or cancellation of an allocation: what it took off, on the day it was made. */
export interface IatiCommitmentChange {
  seq: number;
  action: 'reduce' | 'cancel';
  changedOn: string;
  /** Negative: the new amount less the one before. */
  deltaMinor: number;
}

export interface IatiCommitment {
  allocationId: string;
  allocatedOn: string;
  currency: string;
  /** The allocation as first committed, before any reduction or cancellation. */
  amountMinor: number;
  title: string;
  /** Its reductions and cancellation, oldest first; they and amountMinor sum to the allocation as it stands. */
  changes: readonly IatiCommitmentChange[];
}

export interface IatiDisbursement {
  disbursementId: string;
  disbursedOn: string;
  currency: string;
  amountMinor: number;
  title: string;
  /** Beneficiary cities with their country (ISO 3166-1 alpha-2). */
  cities: readonly { name: string; country: string }[];
}

export interface IatiFund {
  key: FundKey;
  incoming: readonly IatiIncoming[];
  commitments: readonly IatiCommitment[];
  disbursements: readonly IatiDisbursement[];
}

/**
 * A disbursement's value per beneficiary country (IATI allows one recipient-country per
 * transaction): split in proportion to the number of its cities in each country by splitByWeights,
 * so the parts sum to the disbursement exactly; countries in code order, their cities by name.
 * Cities of one country share its transaction's receiver-org narrative (one receiver per transaction).
 */
export function disbursementByCountry(
  d: Pick<IatiDisbursement, 'amountMinor' | 'cities'>,
): { country: string | null; amountMinor: number; cities: string[] }[] {
  const by = new Map<string, string[]>();
  for (const c of d.cities) by.set(c.country, [...(by.get(c.country) ?? []), c.name]);
  const countries = [...by.keys()].sort();
  // No city recorded: the whole value, with no recipient country (nothing is lost from the totals).
  if (!countries.length) return [{ country: null, amountMinor: d.amountMinor, cities: [] }];
  const parts = splitByWeights(
    d.amountMinor,
    countries.map((c) => by.get(c)!.length),
  );
  return countries.map((country, i) => ({
    country,
    amountMinor: parts[i]!,
    cities: by.get(country)!.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)),
  }));
}

const narrative = (text: string, lang?: string) => el('narrative', lang ? [['xml:lang', lang]] : [], [text]);
const value = (minor: number, currency: string, on: string) =>
  el(
    'value',
    [
      ['currency', currency],
      ['value-date', on],
    ],
    [formatAmount(minor, currency)],
  );
const orgOf = (name: string, o: IatiOrg) =>
  el(
    name,
    [
      ['ref', o.ref],
      ['type', ORGANISATION_TYPE[o.type]],
    ],
    [narrative(o.name)],
  );
const reporting = (name: string, r: IatiReportingOrg) =>
  el(
    name,
    [
      ['ref', r.ref],
      ['type', r.type],
    ],
    [narrative(r.name)],
  );

/** `{reporting org ref}-{fund key}`. */
export const iatiIdentifier = (reportingOrgRef: string, fund: FundKey) => `${reportingOrgRef}-${fund}`;

function activity(f: IatiFund, org: IatiReportingOrg, generated: string): XmlElement {
  const text = FUND_TEXT[f.key];
  const dates = [
    ...f.incoming.map((t) => t.receivedOn),
    ...f.commitments.flatMap((t) => [t.allocatedOn, ...t.changes.map((c) => c.changedOn)]),
    ...f.disbursements.map((t) => t.disbursedOn),
  ].sort();
  const donors = new Map<string, IatiOrg>();
  for (const t of f.incoming) donors.set(`${t.donor.ref ?? ''}\u0000${t.donor.name}`, t.donor);
  const funders = [...donors.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

  const transactions: XmlElement[] = [];
  for (const t of f.incoming)
    transactions.push(
      el(
        'transaction',
        [['ref', t.receiptId]],
        [
          el('transaction-type', [['code', TRANSACTION_TYPE.incoming]]),
          el('transaction-date', [['iso-date', t.receivedOn]]),
          value(t.amountMinor, t.currency, t.receivedOn),
          orgOf('provider-org', t.donor),
          reporting('receiver-org', org),
        ],
      ),
    );
  // A transaction records a flow on the day it took place (never a future one) and its value may be
  // negative (IATI 2.03, activity standard, overview: transactions). So an allocation is the commitment
  // it was on its day, and a reduction or cancellation is a further commitment (2) of negative value on
  // the day it was made: the history stays as published and the commitments still sum to what stands.
  for (const t of f.commitments) {
    transactions.push(
      el(
        'transaction',
        [['ref', t.allocationId]],
        [
          el('transaction-type', [['code', TRANSACTION_TYPE.commitment]]),
          el('transaction-date', [['iso-date', t.allocatedOn]]),
          value(t.amountMinor, t.currency, t.allocatedOn),
          el('description', [], [narrative(t.title)]),
          reporting('provider-org', org),
        ],
      ),
    );
    for (const c of t.changes)
      transactions.push(
        el(
          'transaction',
          [['ref', `${t.allocationId}-change-${c.seq}`]],
          [
            el('transaction-type', [['code', TRANSACTION_TYPE.commitment]]),
            el('transaction-date', [['iso-date', c.changedOn]]),
            value(c.deltaMinor, t.currency, c.changedOn),
            el('description', [], [narrative(`${c.action === 'cancel' ? 'Cancelled' : 'Reduced'}: ${t.title}`)]),
            reporting('provider-org', org),
          ],
        ),
      );
  }
  for (const t of f.disbursements) {
    const parts = disbursementByCountry(t);
    parts.forEach((p, i) =>
      transactions.push(
        el(
          'transaction',
          [['ref', parts.length > 1 ? `${t.disbursementId}-${i + 1}` : t.disbursementId]],
          [
            el('transaction-type', [['code', TRANSACTION_TYPE.disbursement]]),
            el('transaction-date', [['iso-date', t.disbursedOn]]),
            value(p.amountMinor, t.currency, t.disbursedOn),
            el('description', [], [narrative(t.title)]),
            reporting('provider-org', org),
            ...(p.cities.length
              ? [el('receiver-org', [['type', LOCAL_GOVERNMENT]], [narrative(p.cities.join(', '))])]
              : []),
            ...(p.country ? [el('recipient-country', [['code', p.country]])] : []),
          ],
        ),
      ),
    );
  }

  return el(
    'iati-activity',
    [
      ['last-updated-datetime', generated],
      ['xml:lang', 'en'],
      ['default-currency', 'USD'],
    ],
    [
      el('iati-identifier', [], [iatiIdentifier(org.ref, f.key)]),
      reporting('reporting-org', org),
      el('title', [], [narrative(text.en[0], 'en'), narrative(text.fr[0], 'fr')]),
      el('description', [['type', '1']], [narrative(text.en[1], 'en'), narrative(text.fr[1], 'fr')]),
      ...funders.map((d) =>
        el(
          'participating-org',
          [
            ['ref', d.ref],
            ['type', ORGANISATION_TYPE[d.type]],
            ['role', ORGANISATION_ROLE.funding],
          ],
          [narrative(d.name)],
        ),
      ),
      el(
        'participating-org',
        [
          ['ref', org.ref],
          ['type', org.type],
          ['role', ORGANISATION_ROLE.implementing],
        ],
        [narrative(org.name)],
      ),
      el('activity-status', [['code', ACTIVITY_STATUS_IMPLEMENTATION]]),
      dates.length
        ? el('activity-date', [
            ['type', ACTIVITY_DATE.actualStart],
            ['iso-date', dates[0]],
          ])
        : el('activity-date', [
            ['type', ACTIVITY_DATE.plannedStart],
            ['iso-date', generated.slice(0, 10)],
          ]),
      ...transactions,
    ],
  );
}

/** The IATI 2.03 activity file of the funds, generated at `now`. */
export function iatiActivities(funds: readonly IatiFund[], org: IatiReportingOrg, now: Date): string {
  const generated = now.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return renderXml(
    el(
      'iati-activities',
      [
        ['version', '2.03'],
        ['generated-datetime', generated],
      ],
      funds.map((f) => activity(f, org, generated)),
    ),
  );
}
