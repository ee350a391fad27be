import { describe, expect, it } from 'vitest';
import { WorkPlanBody } from '../../domain/work-plan.js';
import { PLAN_OUTPUTS as outputs } from './plan-outputs.js';

describe('work plans', () => {
  it('refuses duplicate output keys in a plan', () => {
    const r = WorkPlanBody.safeParse({ outputs: [outputs[0], outputs[0]] });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.path).toEqual(['outputs', 1, 'key']);
  });
});
