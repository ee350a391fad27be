// The statement's rules without a database: totals that lose nothing, a stable order, and CSV that
// a spreadsheet reads as data (RFC 4180 quoting, no formula from a typed text).
import { describe, expect, it } from 'vitest';
import { csvField, statementCsv, statementOf, type StatementRow } from '../../domain/donor-statement.js';

const row = (over: Partial<StatementRow> = {}): StatementRow => ({
  date: '2026-02-03',
  pledgeId: '00000000-0000-4000-8000-000000000001',
  fundingOption: 'mdfm',
  subOption: null,
  kind: 'receipt',
  reference: null,
  currency: 'EUR',
  amountMinor: 100,
  fxRateToUsd: '1.08',
  usdMinor: 108,
  ...over,
});
const donor = { id: '00000000-0000-4000-8000-00000000000d', name: 'D' };

describe('donor statement', () => {
  it('totals exactly past 2^53, per currency and in USD, and counts rows without a rate apart', () => {
    const big = 1_000_000_000_000_000; // MAX_MINOR: ten of them exceed Number.MAX_SAFE_INTEGER
    const rows = Array.from({ length: 10 }, (_, i) => row({ reference: `R-${i}`, amountMinor: big, usdMinor: big }));
    rows.push(row({ kind: 'in_kind', currency: 'JPY', amountMinor: 5, fxRateToUsd: null, usdMinor: null }));
    const s = statementOf(donor, rows, new Date('2026-12-01T00:00:00Z'));
    expect(s.totals).toEqual({
      usdMinor: '10000000000000000',
      usd: '100000000000000.00',
      byCurrency: [
        { currency: 'EUR', amountMinor: '10000000000000000', amount: '100000000000000.00' },
        { currency: 'JPY', amountMinor: '5', amount: '5' },
      ],
      rowsWithoutRate: 1,
    });
    expect(s.rows.find((r) => r.kind === 'in_kind')).toMatchObject({ usd: null, fxRateToUsd: null, amount: '5' });
  });

  it('orders rows oldest first whatever order they come in', () => {
    const a = row({ date: '2026-01-01', reference: 'a' });
    const b = row({ date: '2026-01-01', reference: 'b' });
    const c = row({ date: '2025-12-31', reference: 'c' });
    const order = (rs: StatementRow[]) => statementOf(donor, rs, new Date(0)).rows.map((r) => r.reference);
    expect(order([b, a, c])).toEqual(['c', 'a', 'b']);
    expect(order([a, c, b])).toEqual(['c', 'a', 'b']);
  });

  it('quotes what needs quoting and keeps typed text from running as a formula', () => {
    expect(csvField(null)).toBe('');
    expect(csvField(12)).toBe('12');
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    for (const f of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx']) expect(csvField(f)).toBe(`'${f}`);
    expect(csvField('=a,b')).toBe(`"'=a,b"`);
    const csv = statementCsv(statementOf(donor, [row({ reference: '=cmd' })], new Date(0)));
    expect(csv.split('\r\n')[1]).toBe(`2026-02-03,${row().pledgeId},mdfm,,receipt,'=cmd,EUR,100,1.00,1.08,108,1.08`);
    expect(csv.endsWith('\r\n')).toBe(true);
  });
});
