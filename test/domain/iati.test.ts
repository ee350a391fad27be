// The IATI activity file's pure parts: the XML writer's escaping, exact amounts from minor units
// (0, 2 and 3 decimals), a disbursement split across countries without a lost minor unit, the
// schema's element order — and the whole document through lxml against the official XSD.
import { describe, expect, it } from 'vitest';
import { FUND_KEYS } from '../../domain/fund.js';
import {
  disbursementByCountry,
  el,
  escapeAttr,
  escapeText,
  iatiActivities,
  renderXml,
  type IatiFund,
} from '../../domain/iati.js';
import { readIati } from '../support/iati.js';

const org = { ref: 'XM-DAC-41304', type: '40', name: 'UNESCO' };
const NOW = new Date('2026-12-01T12:34:56.789Z');
const empty = (key: IatiFund['key']): IatiFund => ({ key, incoming: [], commitments: [], disbursements: [] });

describe('the XML writer', () => {
  it('escapes text and attributes, and drops characters XML 1.0 cannot hold', () => {
    expect(escapeText('a & b < c > d "e" \'f\'')).toBe('a &amp; b &lt; c &gt; d "e" \'f\'');
    expect(escapeText(']]>')).toBe(']]&gt;');
    expect(escapeAttr('say "hi" & <go>')).toBe('say &quot;hi&quot; &amp; &lt;go&gt;');
    expect(escapeAttr('a\tb\nc\rd')).toBe('a&#9;b&#10;c&#13;d');
    expect(escapeText('bell\u0007 nul\u0000 lone\uD800 ok\u{1F600} \uFFFE')).toBe('bell nul lone ok\u{1F600} ');
    expect(escapeText('Zürich — 東京')).toBe('Zürich — 東京');
  });

  it('writes nested elements, leaves out null attributes and refuses bad names and mixed content', () => {
    const xml = renderXml(
      el(
        'a',
        [
          ['x', '1 & 2'],
          ['gone', null],
          ['n', 3],
        ],
        [el('b', [], ['<t>']), el('c'), el('d', [], [el('e')])],
      ),
    );
    expect(xml).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n' +
        '<a x="1 &amp; 2" n="3">\n  <b>&lt;t&gt;</b>\n  <c/>\n  <d>\n    <e/>\n  </d>\n</a>\n',
    );
    expect(() => renderXml(el('bad name'))).toThrow(RangeError);
    expect(() => renderXml(el('a', [['on"x', '1']]))).toThrow(RangeError);
    expect(() => renderXml(el('a', [], ['text', el('b')]))).toThrow(/mixed content/);
  });
});

describe('a disbursement across countries', () => {
  it('splits by the number of cities per country, losing no minor unit', () => {
    const cities = [
      { name: 'Köln', country: 'DE' },
      { name: 'Nairobi', country: 'KE' },
      { name: 'Berlin', country: 'DE' },
    ];
    expect(disbursementByCountry({ amountMinor: 100, cities })).toEqual([
      { country: 'DE', amountMinor: 67, cities: ['Berlin', 'Köln'] },
      { country: 'KE', amountMinor: 33, cities: ['Nairobi'] },
    ]);
    for (const amountMinor of [0, 1, 2, 99_999, Number.MAX_SAFE_INTEGER]) {
      const parts = disbursementByCountry({ amountMinor, cities });
      expect(parts.reduce((s, p) => BigInt(p.amountMinor) + s, 0n)).toBe(BigInt(amountMinor));
    }
    expect(disbursementByCountry({ amountMinor: 5, cities: [] })).toEqual([
      { country: null, amountMinor: 5, cities: [] },
    ]);
  });
});

describe('the activity file', () => {
  const funds: IatiFund[] = FUND_KEYS.map(empty);
  funds[0] = {
    key: 'mdfm',
    incoming: [
      {
        receiptId: 'r-1',
        receivedOn: '2026-02-03',
        currency: 'JPY',
        amountMinor: 1_500_001,
        donor: { name: 'Fondation "Lumière" & <Fils>', ref: null, type: 'foundation' },
      },
      {
        receiptId: 'r-2',
        receivedOn: '2026-01-15',
        currency: 'EUR',
        amountMinor: 5,
        donor: { name: 'Ministry', ref: 'DE-1', type: 'national_government' },
      },
    ],
    commitments: [
      {
        allocationId: 'a-1',
        allocatedOn: '2026-03-01',
        currency: 'KWD',
        amountMinor: 1_000_125,
        title: 'A & B',
        // Reduced later to 1000.000: a commitment of negative value on that day.
        changes: [{ seq: 2, action: 'reduce', changedOn: '2026-03-20', deltaMinor: -125 }],
      },
    ],
    disbursements: [
      {
        disbursementId: 'd-1',
        disbursedOn: '2026-04-01',
        currency: 'KWD',
        amountMinor: 7,
        title: 'A & B',
        cities: [
          { name: 'Kuwait City', country: 'KW' },
          { name: 'Amman', country: 'JO' },
        ],
      },
    ],
  };
  const xml = iatiActivities(funds, org, NOW);

  it('writes amounts from minor units exactly: 0, 2 and 3 decimals', () => {
    expect(xml).toContain('<value currency="JPY" value-date="2026-02-03">1500001</value>');
    expect(xml).toContain('<value currency="EUR" value-date="2026-01-15">0.05</value>');
    expect(xml).toContain('<value currency="KWD" value-date="2026-03-01">1000.125</value>');
    expect(xml).toContain('<value currency="KWD" value-date="2026-03-20">-0.125</value>');
    expect(xml).toContain('<transaction ref="a-1-change-2">');
    expect(xml).toContain('<narrative>Reduced: A &amp; B</narrative>');
    // 7 fils over two countries: 4 + 3, none lost.
    expect(xml).toContain('<value currency="KWD" value-date="2026-04-01">0.004</value>');
    expect(xml).toContain('<value currency="KWD" value-date="2026-04-01">0.003</value>');
  });

  it('escapes the registry’s names and follows the schema: lxml validates it against iati-activities-schema.xsd', () => {
    expect(xml).toContain('<narrative>Fondation "Lumière" &amp; &lt;Fils&gt;</narrative>');
    expect(xml).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<iati-activities version="2.03" generated-datetime="2026-12-01T12:34:56Z">/,
    );
    const read = readIati(xml);
    expect(read.errors).toEqual([]);
    expect(read.valid).toBe(true);
    expect(read.activities.map((a) => a.id)).toEqual(FUND_KEYS.map((k) => `XM-DAC-41304-${k}`));
    expect(read.activities[0]!.titles).toMatchObject({
      en: expect.stringContaining('MDFM'),
      fr: expect.stringContaining('MDFM'),
    });
    const tx = read.activities[0]!.transactions;
    expect(tx.map((t) => [t.type, t.currency, t.value, t.country])).toEqual([
      ['1', 'JPY', '1500001', null],
      ['1', 'EUR', '0.05', null],
      ['2', 'KWD', '1000.125', null],
      ['2', 'KWD', '-0.125', null],
      ['3', 'KWD', '0.004', 'JO'],
      ['3', 'KWD', '0.003', 'KW'],
    ]);
    expect(tx[0]).toMatchObject({ provider: 'Fondation "Lumière" & <Fils>', providerRef: null });
    expect(tx[1]).toMatchObject({ provider: 'Ministry', providerRef: 'DE-1' });
  });

  it('dates an activity without transactions by a planned start', () => {
    expect(xml).toContain('<activity-date type="2" iso-date="2026-01-15"/>');
    expect(xml).toContain('<activity-date type="1" iso-date="2026-12-01"/>');
  });
});
