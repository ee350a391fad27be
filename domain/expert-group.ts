// A cluster's expert group: external experts, their expertise areas and the support they offer. Pure.
import { z } from 'zod';
import { Text } from './schemas.js';

export const SUPPORT_KINDS = ['mentoring', 'training_of_specialists', 'materials_and_lectures', 'masterplan'] as const;
export type SupportKind = (typeof SUPPORT_KINDS)[number];

export const ExpertBody = z
  .object({
    name: Text(200),
    email: z.email().max(320),
    organisation: Text(200).optional(),
    expertiseAreas: z.array(Text(100)).min(1).max(20),
    support: z.array(z.enum(SUPPORT_KINDS)).min(1).max(SUPPORT_KINDS.length),
  })
  .strict();
export type ExpertBody = z.infer<typeof ExpertBody>;
