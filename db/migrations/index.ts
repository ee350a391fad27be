import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261128182626_Elections } from './Migration20261128182626_Elections.js';
import { Migration20261128181642_Initial } from './Migration20261128181642_Initial.js';
import { Migration20261128183611_ClusterWork } from './Migration20261128183611_ClusterWork.js';
import { Migration20261128183647_Funding } from './Migration20261128183647_Funding.js';
import { Migration20261201102000_PledgeStatus } from './Migration20261201102000_PledgeStatus.js';
import { Migration20261201100200_ElectionStatus } from './Migration20261201100200_ElectionStatus.js';
import { Migration20261201104500_ClusterWorkRenames } from './Migration20261201104500_ClusterWorkRenames.js';
import { Migration20261201110000_People } from './Migration20261201110000_People.js';
import { Migration20261201111000_AuthFailure } from './Migration20261201111000_AuthFailure.js';
import { Migration20261210090000_OutboxBackoff } from './Migration20261210090000_OutboxBackoff.js';
import { Migration20261211090000_OverviewIndexes } from './Migration20261211090000_OverviewIndexes.js';
import { Migration20261212090000_MessageLanguage } from './Migration20261212090000_MessageLanguage.js';
import { Migration20261212090000_PledgeBalance } from './Migration20261212090000_PledgeBalance.js';
import { Migration20261212090000_Surveys } from './Migration20261212090000_Surveys.js';
import { Migration20261218090000_Partnerships } from './Migration20261218090000_Partnerships.js';
import { Migration20261212100000_ClusterRestructuring } from './Migration20261212100000_ClusterRestructuring.js';
import { Migration20261213090000_WorkshopRevision } from './Migration20261213090000_WorkshopRevision.js';
import { Migration20261217090000_Pipeline } from './Migration20261217090000_Pipeline.js';
import { Migration20261215090000_Funds } from './Migration20261215090000_Funds.js';
import { Migration20261221090000_DonorIatiRef } from './Migration20261221090000_DonorIatiRef.js';
import { Migration20261219090000_ProgressReports } from './Migration20261219090000_ProgressReports.js';
import { Migration20261219100000_OutputProgress } from './Migration20261219100000_OutputProgress.js';
import { Migration20261216090000_Obligations } from './Migration20261216090000_Obligations.js';
import { Migration20261222090000_AdvisorySessionProposals } from './Migration20261222090000_AdvisorySessionProposals.js';
import { Migration20261222100000_JurorLinks } from './Migration20261222100000_JurorLinks.js';
import { Migration20261223200000_JurorLanguageNatcomResend } from './Migration20261223200000_JurorLanguageNatcomResend.js';
import { Migration20261223300000_CalendarIndexes } from './Migration20261223300000_CalendarIndexes.js';
import { Migration20261214090000_MembershipCalls } from './Migration20261214090000_MembershipCalls.js';

/** Every committed migration, in order; applied at start. */
export const MIGRATIONS: MigrationObject[] = [
  { name: 'Migration20261128181642_Initial', class: Migration20261128181642_Initial },
  { name: 'Migration20261128182626_Elections', class: Migration20261128182626_Elections },
  { name: 'Migration20261128183611_ClusterWork', class: Migration20261128183611_ClusterWork },
  { name: 'Migration20261128183647_Funding', class: Migration20261128183647_Funding },
  { name: 'Migration20261201100200_ElectionStatus', class: Migration20261201100200_ElectionStatus },
  { name: 'Migration20261201102000_PledgeStatus', class: Migration20261201102000_PledgeStatus },
  { name: 'Migration20261201104500_ClusterWorkRenames', class: Migration20261201104500_ClusterWorkRenames },
  { name: 'Migration20261201110000_People', class: Migration20261201110000_People },
  { name: 'Migration20261201111000_AuthFailure', class: Migration20261201111000_AuthFailure },
  { name: 'Migration20261210090000_OutboxBackoff', class: Migration20261210090000_OutboxBackoff },
  { name: 'Migration20261211090000_OverviewIndexes', class: Migration20261211090000_OverviewIndexes },
  { name: 'Migration20261212090000_MessageLanguage', class: Migration20261212090000_MessageLanguage },
  { name: 'Migration20261212090000_PledgeBalance', class: Migration20261212090000_PledgeBalance },
  { name: 'Migration20261212090000_Surveys', class: Migration20261212090000_Surveys },
  { name: 'Migration20261212100000_ClusterRestructuring', class: Migration20261212100000_ClusterRestructuring },
  { name: 'Migration20261213090000_WorkshopRevision', class: Migration20261213090000_WorkshopRevision },
  { name: 'Migration20261214090000_MembershipCalls', class: Migration20261214090000_MembershipCalls },
  { name: 'Migration20261215090000_Funds', class: Migration20261215090000_Funds },
  { name: 'Migration20261216090000_Obligations', class: Migration20261216090000_Obligations },
  { name: 'Migration20261217090000_Pipeline', class: Migration20261217090000_Pipeline },
  { name: 'Migration20261218090000_Partnerships', class: Migration20261218090000_Partnerships },
  { name: 'Migration20261219090000_ProgressReports', class: Migration20261219090000_ProgressReports },
  { name: 'Migration20261219100000_OutputProgress', class: Migration20261219100000_OutputProgress },
  { name: 'Migration20261221090000_DonorIatiRef', class: Migration20261221090000_DonorIatiRef },
  {
    name: 'Migration20261222090000_AdvisorySessionProposals',
    class: Migration20261222090000_AdvisorySessionProposals,
  },
  { name: 'Migration20261222100000_JurorLinks', class: Migration20261222100000_JurorLinks },
  {
    name: 'Migration20261223200000_JurorLanguageNatcomResend',
    class: Migration20261223200000_JurorLanguageNatcomResend,
  },
  { name: 'Migration20261223300000_CalendarIndexes', class: Migration20261223300000_CalendarIndexes },
];
