// A cluster's work phase: one biennium ("2021-2023") of work on its theme, opened with its inception
// workshop. Pure.
import { z } from 'zod';
import { BienniumString } from './biennium.js';
import { InceptionBody } from './workshop.js';

export const OpenWorkPhaseBody = z
  .object({
    biennium: BienniumString,
    inception: InceptionBody.optional().describe(
      'schedule of the inception workshop; without it the workshop waits in planning for /reschedule',
    ),
  })
  .strict();
export type OpenWorkPhaseBody = z.infer<typeof OpenWorkPhaseBody>;
