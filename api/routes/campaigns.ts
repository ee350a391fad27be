// A biennium's fundraising campaign: opened here, run by its workflow (prospects, follow-ups, digests).
import { randomUUID } from 'node:crypto';
import { Router } from 'express';
import { z } from 'zod';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Campaign, CampaignProspect, Donor, Pledge, type ICampaign } from '../../db/entities/index.js';
import { listCampaigns, openCampaign } from '../../db/queries/campaign.js';
import { fundingSummary } from '../../db/queries/funding-summary.js';
import { BienniumString, bienniumRange } from '../../domain/biennium.js';
import {
  CAMPAIGN_DEFAULTS,
  CreateCampaignBody,
  MDFM_TARGET_USD_MINOR,
  campaignWorkflowId,
} from '../../domain/campaign.js';
import type { CampaignInput } from '../../domain/campaign.contract.js';
import { formatAmount, parseAmount } from '../../domain/money.js';
import { FUNDING_OPTIONS, reminderSettings } from '../../domain/pledge.js';
import { MAX_ADDED_PROSPECTS, addProspectsUpdate, campaignWorkflow } from '../../workflows/campaign.js';
import type { AppDeps } from '../deps.js';
import { conflict, notFound, unprocessable } from '../errors.js';
import { PageQuery, page, pageOf } from '../pagination.js';
import { defineRoute, reply } from '../route.js';
import { summaryView } from '../views/funding-summary.js';

const day = (d: unknown): string => (d instanceof Date ? d.toISOString().slice(0, 10) : String(d).slice(0, 10));

async function campaignView(em: EntityManager, c: ICampaign) {
  const prospects = await em.find(CampaignProspect, { campaign: c.id }, { orderBy: { donor: 'asc' } });
  const pledges = prospects.length ? await em.find(Pledge, { id: { $in: prospects.map((p) => p.pledge) } }) : [];
  const summary = await fundingSummary(em, c.biennium, new Date().toISOString().slice(0, 10));
  return {
    id: c.id,
    biennium: c.biennium,
    workflowId: c.workflowId,
    status: c.status,
    fundingOption: c.fundingOption,
    target: { currency: 'USD', value: formatAmount(Number(c.targetUsdMinor), 'USD') },
    inKindCountsTowardTarget: c.inKindCountsTowardTarget,
    followUpEvery: c.followUpEvery,
    digestEvery: c.digestEvery,
    closesOn: day(c.closesOn),
    progress: summaryView(summary),
    prospects: prospects.map((p) => ({
      donorId: p.donor,
      pledgeId: p.pledge,
      status: pledges.find((x) => x.id === p.pledge)?.status ?? null,
      followUps: p.followUps,
    })),
    finalReport: c.finalReport ?? null,
  };
}

const CampaignView = z
  .object({
    id: z.uuid(),
    biennium: z.string(),
    status: z.enum(['open', 'closed']),
    target: z.object({ currency: z.literal('USD'), value: z.string() }),
    prospects: z.array(
      z.object({ donorId: z.uuid(), pledgeId: z.uuid(), status: z.string().nullable(), followUps: z.int() }),
    ),
  })
  .passthrough()
  .openapi('Campaign');

/** A campaign as a row of the list: no progress (a funding summary per row would cost too much). */
const CampaignListItem = z
  .object({
    id: z.uuid(),
    biennium: z.string(),
    status: z.enum(['open', 'closed']),
    fundingOption: z.enum(FUNDING_OPTIONS),
    target: z.object({ currency: z.literal('USD'), value: z.string() }),
    closesOn: z.string(),
    prospects: z.int().describe('donors approached'),
    createdAt: z.string(),
  })
  .openapi('CampaignListItem');

const AddProspectsBody = z
  .object({ donorIds: z.array(z.uuid()).min(1).max(MAX_ADDED_PROSPECTS) })
  .strict()
  .refine((b) => new Set(b.donorIds).size === b.donorIds.length, {
    error: 'a donor is listed twice',
    path: ['donorIds'],
  });

const CampaignListQuery = PageQuery.extend({
  status: z.enum(['open', 'closed']).optional(),
  biennium: BienniumString.optional(),
});

/** The workflow's input for a valid body: the defaults of the strategy where the body says nothing. */
function campaignInput(body: CreateCampaignBody): CampaignInput {
  const closesOn = body.closesOn ?? bienniumRange(body.biennium).end;
  const target = body.target ? parseAmount(body.target.value, 'USD') : undefined;
  return {
    campaignId: randomUUID(),
    biennium: body.biennium,
    targetUsdMinor: target?.ok ? target.value : MDFM_TARGET_USD_MINOR,
    donorIds: body.donorIds,
    fundingOption: body.fundingOption,
    followUpEvery: body.followUpEvery ?? CAMPAIGN_DEFAULTS.followUpEvery,
    digestEvery: body.digestEvery ?? CAMPAIGN_DEFAULTS.digestEvery,
    closesAt: Date.parse(`${closesOn}T00:00:00Z`),
    inKindCountsTowardTarget: body.inKindCountsTowardTarget,
    reminders: reminderSettings(),
  };
}

export function campaignRoutes(deps: AppDeps): Router {
  const router = Router();

  defineRoute(router, deps, {
    method: 'post',
    path: '/campaigns',
    summary: 'Open the fundraising campaign of a biennium (MDFM target, prospective donors)',
    tags: ['funding'],
    roles: ['secretariat'],
    body: CreateCampaignBody,
    responses: {
      202: { description: 'started; prospects are opened by its workflow', schema: CampaignView },
      409: { description: 'the biennium has a campaign' },
      422: { description: 'unknown donors' },
    },
    handler: async ({ body, em }) => {
      const known = body.donorIds.length ? await em.find(Donor, { id: { $in: body.donorIds } }) : [];
      const unknown = body.donorIds.filter((id) => !known.some((d) => d.id === id));
      if (unknown.length)
        throw unprocessable(
          'unknown donors',
          unknown.map((id) => ({ path: `body.donorIds.${body.donorIds.indexOf(id)}`, message: `no donor ${id}` })),
        );
      if (await em.findOne(Campaign, { biennium: body.biennium }))
        throw conflict(`the ${body.biennium} campaign exists already`);
      const input = campaignInput(body);
      await deps.temporal.workflow.start(campaignWorkflow, {
        workflowId: campaignWorkflowId(body.biennium),
        taskQueue: deps.config.TEMPORAL_TASK_QUEUE,
        args: [input],
      });
      // The workflow opens the same row; doing it here too lets the answer show it at once.
      await openCampaign(em.fork() as EntityManager, input);
      const c = await em.fork().findOneOrFail(Campaign, { biennium: body.biennium });
      return reply(202, await campaignView(em.fork() as EntityManager, c), { Location: `/campaigns/${c.id}` });
    },
  });

  defineRoute(router, deps, {
    method: 'get',
    path: '/campaigns',
    summary: 'Fundraising campaigns, latest biennium first',
    tags: ['funding'],
    roles: ['secretariat', 'viewer'],
    query: CampaignListQuery,
    responses: { 200: { description: 'campaigns', schema: pageOf(CampaignListItem) } },
    handler: async ({ query, em }) => {
      const { rows, total } = await listCampaigns(em, query);
      const items = rows.map((c) => ({
        id: c.id,
        biennium: c.biennium,
        status: c.status,
        fundingOption: c.funding_option as z.infer<typeof CampaignListItem>['fundingOption'],
        target: { currency: 'USD' as const, value: formatAmount(Number(c.target_usd_minor), 'USD') },
        closesOn: c.closes_on,
        prospects: c.prospects,
        createdAt: new Date(c.created_at).toISOString(),
      }));
      return page(items, total, query);
    },
  });

  defineRoute(router, deps, {
    method: 'get',
    path: '/campaigns/:id',
    summary: 'A campaign: target, progress, prospects and, once closed, its final report',
    tags: ['funding'],
    roles: ['secretariat', 'viewer'],
    params: z.object({ id: z.uuid() }),
    responses: { 200: { description: 'the campaign', schema: CampaignView }, 404: { description: 'unknown' } },
    handler: async ({ params, em }) => {
      const c = await em.findOne(Campaign, params.id);
      if (!c) throw notFound('campaign');
      return campaignView(em, c);
    },
  });

  defineRoute(router, deps, {
    method: 'post',
    path: '/campaigns/:id/prospects',
    summary: 'Add donors (prospects of the pipeline or partners) to a running campaign',
    tags: ['funding'],
    roles: ['secretariat'],
    params: z.object({ id: z.uuid() }),
    body: AddProspectsBody,
    responses: {
      200: { description: 'added: each has its prospect pledge', schema: CampaignView },
      404: { description: 'unknown campaign' },
      409: { description: 'the campaign is closed, or a donor is in it already' },
      422: { description: 'unknown donors' },
    },
    handler: async ({ params, body, em }) => {
      const c = await em.findOne(Campaign, params.id);
      if (!c) throw notFound('campaign');
      if (c.status !== 'open') throw conflict('the campaign is closed');
      const known = await em.find(Donor, { id: { $in: body.donorIds } });
      const unknown = body.donorIds.filter((id) => !known.some((d) => d.id === id));
      if (unknown.length)
        throw unprocessable(
          'unknown donors',
          unknown.map((id) => ({ path: `body.donorIds.${body.donorIds.indexOf(id)}`, message: `no donor ${id}` })),
        );
      const already = await em.find(CampaignProspect, { campaign: c.id, donor: { $in: body.donorIds } });
      if (already.length) throw conflict('donors already in the campaign', { donorIds: already.map((p) => p.donor) });
      await deps.temporal.workflow.getHandle(c.workflowId).executeUpdate(addProspectsUpdate, {
        args: [{ donorIds: body.donorIds }],
      });
      return campaignView(em.fork() as EntityManager, c);
    },
  });
  return router;
}
