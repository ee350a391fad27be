// Binding a list of strings to a text[] parameter in raw SQL.

/** A text[] literal: knex would expand a JS array binding into a list of parameters. */
export const pgTextArray = (items: readonly string[]): string =>
  `{${items.map((s) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;
