// A two-output work plan the work-plan and coordinator-meeting rule tests share.
import type { PlanOutput } from '../../domain/work-plan.js';

export const PLAN_OUTPUTS: PlanOutput[] = [
  { key: 'centres', title: 'Centres', description: '', target: { value: 12, unit: 'centres' }, due: '2023-06-30' },
  { key: 'guide', title: 'Guide', description: '', target: { value: 1, unit: 'guide' }, due: '2023-12-31' },
];
