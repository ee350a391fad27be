// The catalogue's names of a pledge's funding option and sub-option.
import type { MessageKey } from '../../i18n';

type T = (key: MessageKey, vars?: Record<string, string | number>) => string;

export const subOptionLabel = (t: T, sub: string) => t(`donor.subOption.${sub}` as MessageKey);

/** "Communication and exchange — Host or fund events", or the option alone. */
export const optionLabel = (t: T, p: { fundingOption: string; subOption: string | null }) =>
  `${t(`fundingOption.${p.fundingOption}` as MessageKey)}${p.subOption ? ` — ${subOptionLabel(t, p.subOption)}` : ''}`;
