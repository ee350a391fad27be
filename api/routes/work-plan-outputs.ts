// Work plan output tracking: the timeline of every plan's outputs across clusters by due date with
// their status (on_track, at_risk, late, done; domain/work-plan-output.ts), and the direct progress
// updates a cluster's coordinator or the secretariat records (meeting reports count as entries too).
import { Router } from 'express';
import { z } from 'zod';
import type { EntityManager } from '@mikro-orm/postgresql';
import { insertProgress, outputsTimeline, planOutput } from '../../db/queries/work-plan-output.js';
import { BienniumString } from '../../domain/biennium.js';
import { CalendarDate } from '../../domain/schemas.js';
import { OutputProgressBody, TRACK_STATUSES } from '../../domain/work-plan-output.js';
import { requireCoordinator } from '../auth.js';
import type { AppDeps } from '../deps.js';
import { badRequest, notFound } from '../errors.js';
import { defineRoute, reply } from '../route.js';
import { CodeParams } from './clusters.js';

const today = () => new Date().toISOString().slice(0, 10);

const EntryView = z.object({
  value: z.number(),
  date: z.string(),
  note: z.string().nullable(),
  source: z.enum(['meeting', 'direct']),
  reported: z.enum(['on_track', 'at_risk', 'off_track']).nullable().describe('a meeting report’s own judgement'),
});
const TimelineItemView = z
  .object({
    cluster: z.string(),
    biennium: z.string(),
    key: z.string(),
    title: z.string(),
    target: z.object({ value: z.number(), unit: z.string() }),
    due: z.string(),
    ownerCityId: z.uuid().nullable(),
    value: z.number().nullable().describe('the latest entry’s value'),
    lastUpdate: z.string().nullable(),
    status: z.enum(TRACK_STATUSES),
    entries: z.array(EntryView).describe('oldest first'),
  })
  .openapi('WorkPlanOutput');

const TimelineQuery = z.object({
  cluster: CodeParams.shape.code.optional(),
  biennium: BienniumString.optional(),
  status: z.enum(TRACK_STATUSES).optional(),
  dueFrom: CalendarDate.optional(),
  dueTo: CalendarDate.optional(),
});
const OutputParams = CodeParams.extend({
  biennium: BienniumString,
  key: z.string().regex(/^[a-z0-9][a-z0-9_.-]{0,63}$/, { error: 'lower-case letters, digits, _ . - (at most 64)' }),
});

export function workPlanOutputRoutes(deps: AppDeps): Router {
  const router = Router();

  defineRoute(router, deps, {
    method: 'get',
    path: '/work-plans/outputs/timeline',
    summary: 'Every plan’s outputs across clusters by due date, with their progress and status',
    tags: ['work plans'],
    roles: ['secretariat', 'viewer', 'city'],
    query: TimelineQuery,
    responses: { 200: { description: 'the outputs', schema: z.object({ items: z.array(TimelineItemView) }) } },
    handler: async ({ query, em }) => {
      if (query.dueFrom && query.dueTo && query.dueFrom > query.dueTo)
        throw badRequest('invalid query', [{ path: 'query.dueTo', message: 'must not be before dueFrom' }]);
      return {
        items: await outputsTimeline(
          em,
          {
            ...(query.cluster ? { cluster: query.cluster } : {}),
            ...(query.biennium ? { biennium: query.biennium } : {}),
            ...(query.status ? { status: query.status } : {}),
            ...(query.dueFrom ? { dueFrom: query.dueFrom } : {}),
            ...(query.dueTo ? { dueTo: query.dueTo } : {}),
          },
          today(),
        ),
      };
    },
  });

  defineRoute(router, deps, {
    method: 'post',
    path: '/work-plans/outputs/:code/:biennium/:key/progress',
    summary:
      'Record progress of an output of the plan in force (a current coordinator of the cluster or the secretariat)',
    tags: ['work plans'],
    roles: ['secretariat', 'city'],
    params: OutputParams,
    body: OutputProgressBody,
    responses: {
      201: { description: 'recorded; the output with its entries and status', schema: TimelineItemView },
      403: { description: 'not a current coordinator of the cluster' },
      404: { description: 'no such output in the plan in force' },
    },
    handler: async ({ params, body, em, principal }) => {
      await requireCoordinator(em, principal, params.code);
      const found = await planOutput(em, params.code, params.biennium, params.key);
      if (!found) throw notFound(`output ${params.key} of the ${params.biennium} plan of ${params.code}`);
      const date = body.date ?? today();
      await insertProgress(em.fork() as EntityManager, {
        workPhaseId: found.workPhaseId,
        key: params.key,
        value: body.value,
        note: body.note?.trim() ? body.note : null,
        date,
        recordedBy: principal.role === 'city' ? principal.cityId : null,
      });
      const [item] = await outputsTimeline(
        em.fork() as EntityManager,
        { cluster: params.code, biennium: params.biennium, key: params.key },
        today(),
      );
      return reply(201, item);
    },
  });
  return router;
}
