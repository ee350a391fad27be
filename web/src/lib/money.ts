// A decimal amount typed by a person, as integer minor units of its currency: exact (string
// arithmetic, no floats), the currency's own number of decimals from Intl. Null when the text is not
// such an amount, so the form sends nothing and the API names the field.
export function minorUnitsOf(text: string, currency: string): number | null {
  let exponent: number;
  try {
    exponent =
      new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return null;
  }
  const m = /^(\d{1,13})(?:[.,](\d+))?$/.exec(text.trim());
  if (!m || (m[2] ?? '').length > exponent) return null;
  const minor = Number(m[1]! + (m[2] ?? '').padEnd(exponent, '0'));
  return Number.isSafeInteger(minor) ? minor : null;
}
