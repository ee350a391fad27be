/**
 * The codes of db/seed/countries.ts that are NOT UNESCO Member States (194 are): dependent
 * territories, Antarctica and uninhabited islands, the Holy See, Taiwan and Western Sahara; and
 * two UN members outside UNESCO, Israel (withdrew at the end of 2018) and Liechtenstein. The Cook
 * Islands, Niue and Palestine are Member States though not UN members. Associate Members (Aruba,
 * Curaçao, the Faroes, Macao, ...) are not Member States. The withdrawals notified in 2025 (United
 * States, Nicaragua) take effect on 31 December 2026 and are not applied here yet.
 * Source: UNESCO, Member States list (2024).
 */
export const NOT_UNESCO_MEMBER_STATES: ReadonlySet<string> = new Set(
  (
    'AI AQ AS AW AX BL BM BQ BV CC CW CX EH FK FO GF GG GI GL GP GS GU HK HM IL IM IO JE KY LI MF MO MP MQ MS ' +
    'NC NF PF PM PN PR RE SH SJ SX TC TF TK TW UM VA VG VI WF YT'
  ).split(' '),
);
