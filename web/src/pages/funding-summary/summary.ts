// The shape of GET /funding/summary (the API describes it as a record; amounts are USD strings).
export interface Figures {
  pledged: string;
  received: string;
  outstanding: string;
  overdue: string;
  inKind: string;
}
export interface FundingSummary extends Figures {
  biennium: string;
  asOf: string;
  currency: 'USD';
  target: string;
  towardTarget: string;
  inKindCountsTowardTarget: boolean;
  byFundingOption: Record<string, Figures>;
  byDonorType: Record<string, Figures>;
  byFocus: Record<string, Figures>;
  unconverted?: unknown[];
}
export const asSummary = (s: unknown) => s as FundingSummary;
