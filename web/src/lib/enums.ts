// The API's enumerations, checked against the generated types; labels come from the catalogue.
import type { Schemas } from '../api/client';
import type { GetQuery } from '../api/query';

export const REGIONS = [
  'africa',
  'arab_states',
  'asia_pacific',
  'europe_north_america',
  'latin_america_caribbean',
] as const satisfies readonly Schemas['Country']['region'][];
export const INCOME_GROUPS = [
  'low',
  'lower_middle',
  'upper_middle',
  'high',
  'unclassified',
] as const satisfies readonly Schemas['Country']['incomeGroup'][];
export const CITY_STATUSES = [
  'candidate',
  'member',
  'suspended',
  'withdrawn',
] as const satisfies readonly Schemas['City']['status'][];
export const DONOR_TYPES = [
  'member_city',
  'national_government',
  'regional_government',
  'multilateral',
  'corporate',
  'foundation',
  'civil_society',
  'educational_institution',
  'think_tank',
  'research_institute',
] as const satisfies readonly Schemas['Donor']['type'][];
export const ELECTION_STATUSES = [
  'nominating',
  'voting',
  'awaiting_tie_break',
  'decided',
  'no_candidates',
  'cancelled',
] as const satisfies readonly Schemas['Election']['status'][];
export const CLUSTER_STATUSES = ['active', 'retired'] as const satisfies readonly NonNullable<
  GetQuery<'/clusters'>['status']
>[];

export const isOneOf = <T extends string>(list: readonly T[], v: string | undefined): v is T =>
  v !== undefined && (list as readonly string[]).includes(v);
export const PLEDGE_STATUSES = [
  'prospect',
  'in_discussion',
  'pledged',
  'agreement_signed',
  'in_fulfilment',
  'fulfilled',
  'reported',
  'closed',
  'declined',
  'cancelled',
  'written_off',
] as const satisfies readonly Schemas['Pledge']['status'][];
export const FUNDING_OPTIONS = [
  'mdfm',
  'capacity_building_ldc',
  'thematic_study',
  'communication_exchange',
] as const satisfies readonly Schemas['Pledge']['fundingOption'][];
export const PEER_KINDS = [
  'success',
  'challenge',
  'practice',
  'material',
] as const satisfies readonly Schemas['PeerLearningEntry']['kind'][];
export const MEETING_STATUSES = [
  'collecting',
  'held',
  'cancelled',
] as const satisfies readonly Schemas['CoordinatorMeeting']['status'][];
