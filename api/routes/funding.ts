import { randomUUID } from 'node:crypto';
import { Router } from 'express';
import { z } from 'zod';
import type { EntityManager } from '@mikro-orm/postgresql';
import { createFundingActivities } from '../../activities/funding.js';
import { fundingSummary, summaryCsv, summaryView } from '../../activities/funding-summary.js';
import { Campaign, CampaignProspect, Donor, FxRate, Pledge, type ICampaign } from '../../db/entities/index.js';
import { CalendarDate } from '../../domain/schemas.js';
import { BienniumString, bienniumRange } from '../../domain/biennium.js';
import { Currency, RateString, formatAmount, normalizeRate, parseAmount } from '../../domain/money.js';
import { CAMPAIGN_DEFAULTS, CreateCampaignBody, MDFM_TARGET_USD_MINOR, campaignWorkflowId, reminderSettings } from '../../domain/pledge.js';
import type { CampaignInput } from '../../domain/pledge-process.js';
import { createLogger } from '../../platform/logger.js';
import { campaignWorkflow } from '../../workflows/campaign.js';
import type { AppDeps } from '../deps.js';
import { badRequest, conflict, notFound, unprocessable, type FieldError } from '../errors.js';
import { PageQuery, page, pageOf } from '../pagination.js';
import { defineRoute, reply } from '../route.js';

const calendarDate = CalendarDate;
const FxRateBody = z.object({ currency: Currency.refine((c) => c !== 'USD', { error: 'USD is the base currency (rate 1)' }), date: calendarDate, rateToUsd: RateString }).strict();
const FxRateView = z.object({ currency: z.string(), date: z.string(), rateToUsd: z.string() }).openapi('FxRate');
const day = (d: unknown): string => (d instanceof Date ? d.toISOString().slice(0, 10) : String(d).slice(0, 10));

type RateRow = z.output<typeof FxRateBody>;

/** Insert or correct (currency, date); receipts keep the rate they were recorded with. */
async function upsertRates(em: EntityManager, rows: RateRow[]): Promise<number> {
  let created = 0;
  await em.transactional(async (tx) => {
    for (const r of rows) {
      const res = await tx.execute<{ inserted: boolean }[]>(
        `insert into fx_rate (id, currency, date, rate_to_usd, created_at) values (gen_random_uuid(), ?, ?, ?, now())
         on conflict (currency, date) do update set rate_to_usd = excluded.rate_to_usd returning (xmax = 0) as inserted`,
        [r.currency, r.date, r.rateToUsd],
      );
      if (res[0]?.inserted) created++;
    }
  });
  return created;
}

/** `currency,date,rateToUsd` with a header line; every line is checked before anything is written. */
function parseCsv(text: string): { rows: RateRow[]; errors: FieldError[] } {
  const lines = text.split(/\r?\n/).map((l) => l.trim());
  const header = (lines.shift() ?? '').toLowerCase().replace(/[\s_"]/g, '');
  if (header !== 'currency,date,ratetousd') return { rows: [], errors: [{ path: 'body.line1', message: 'the first line must be the header currency,date,rateToUsd' }] };
  const rows: RateRow[] = [];
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  lines.forEach((line, i) => {
    if (!line) return;
    const [currency, date, rateToUsd, ...extra] = line.split(',').map((c) => c.trim().replace(/^"|"$/g, ''));
    const r = FxRateBody.safeParse({ currency, date, rateToUsd });
    const at = `body.line${i + 2}`;
    if (extra.length) errors.push({ path: at, message: 'expected 3 columns' });
    else if (!r.success) for (const issue of r.error.issues) errors.push({ path: `${at}.${issue.path.join('.')}`, message: issue.message });
    else if (seen.has(`${r.data.currency}:${r.data.date}`)) errors.push({ path: at, message: `${r.data.currency} ${r.data.date} is listed twice` });
    else {
      seen.add(`${r.data.currency}:${r.data.date}`);
      rows.push(r.data);
    }
  });
  if (rows.length === 0 && errors.length === 0) errors.push({ path: 'body', message: 'no rates in the file' });
  if (rows.length > 10_000) errors.push({ path: 'body', message: 'at most 10000 rates per import' });
  return { rows, errors };
}

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
    prospects: prospects.map((p) => ({ donorId: p.donor, pledgeId: p.pledge, stage: pledges.find((x) => x.id === p.pledge)?.stage ?? null, followUps: p.followUps })),
    finalReport: c.finalReport ?? null,
  };
}

const CampaignView = z
  .object({ id: z.uuid(), biennium: z.string(), status: z.enum(['open', 'closed']), target: z.object({ currency: z.literal('USD'), value: z.string() }), prospects: z.array(z.object({ donorId: z.uuid(), pledgeId: z.uuid(), stage: z.string().nullable(), followUps: z.int() })) })
  .passthrough()
  .openapi('Campaign');

export function fundingRoutes(deps: AppDeps): Router {
  const router = Router();
  const acts = createFundingActivities({ orm: deps.orm, logger: createLogger('silent') });

  defineRoute(router, deps, {
    method: 'get', path: '/fx-rates', summary: 'Exchange rates to USD, newest first', tags: ['funding'], roles: ['secretariat', 'viewer'],
    query: PageQuery.extend({ currency: Currency.optional(), from: calendarDate.optional(), to: calendarDate.optional() }),
    responses: { 200: { description: 'rates', schema: pageOf(FxRateView) } },
    handler: async ({ query, em }) => {
      const date = { ...(query.from ? { $gte: query.from } : {}), ...(query.to ? { $lte: query.to } : {}) };
      const where = { ...(query.currency ? { currency: query.currency } : {}), ...(query.from || query.to ? { date } : {}) };
      const [rows, total] = await em.findAndCount(FxRate, where, { orderBy: { date: 'desc', currency: 'asc' }, limit: query.limit, offset: query.offset });
      return page(rows.map((r) => ({ currency: r.currency, date: day(r.date), rateToUsd: normalizeRate(r.rateToUsd) })), total, query);
    },
  });

  defineRoute(router, deps, {
    method: 'post', path: '/fx-rates', summary: 'Record (or correct) the rate of a currency on a date', tags: ['funding'], roles: ['secretariat'],
    body: FxRateBody,
    responses: { 201: { description: 'recorded', schema: FxRateView }, 200: { description: 'corrected', schema: FxRateView } },
    handler: async ({ body, em }) => {
      const created = await upsertRates(em, [body]);
      return reply(created ? 201 : 200, { currency: body.currency, date: body.date, rateToUsd: normalizeRate(body.rateToUsd) });
    },
  });

  defineRoute(router, deps, {
    method: 'post', path: '/fx-rates/import', summary: 'Import rates from CSV (text/csv: currency,date,rateToUsd); all or nothing', tags: ['funding'], roles: ['secretariat'],
    body: z.string({ error: 'send the rates as text/csv' }).max(1_000_000),
    bodyContentType: 'text/csv',
    responses: { 200: { description: 'imported', schema: z.object({ imported: z.int(), created: z.int(), updated: z.int() }) }, 400: { description: 'a line is invalid; nothing was written' } },
    handler: async ({ body, em }) => {
      const { rows, errors } = parseCsv(body);
      if (errors.length) throw badRequest(`${errors.length} invalid line(s); nothing was imported`, errors.slice(0, 100));
      const created = await upsertRates(em, rows);
      return { imported: rows.length, created, updated: rows.length - created };
    },
  });

  defineRoute(router, deps, {
    method: 'post', path: '/campaigns', summary: 'Open the fundraising campaign of a biennium (MDFM target, prospective donors)', tags: ['funding'], roles: ['secretariat'],
    body: CreateCampaignBody,
    responses: { 202: { description: 'started; prospects are opened by its workflow', schema: CampaignView }, 409: { description: 'the biennium has a campaign' }, 422: { description: 'unknown donors' } },
    handler: async ({ body, em }) => {
      const known = body.donorIds.length ? await em.find(Donor, { id: { $in: body.donorIds } }) : [];
      const unknown = body.donorIds.filter((id) => !known.some((d) => d.id === id));
      if (unknown.length) throw unprocessable('unknown donors', unknown.map((id) => ({ path: `body.donorIds.${body.donorIds.indexOf(id)}`, message: `no donor ${id}` })));
      if (await em.findOne(Campaign, { biennium: body.biennium })) throw conflict(`the ${body.biennium} campaign exists already`);
      const closesOn = body.closesOn ?? bienniumRange(body.biennium).end;
      const target = body.target ? parseAmount(body.target.value, 'USD') : undefined;
      const input: CampaignInput = {
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
      await deps.temporal.workflow.start(campaignWorkflow, { workflowId: campaignWorkflowId(body.biennium), taskQueue: deps.config.TEMPORAL_TASK_QUEUE, args: [input] });
      await acts.openCampaign(input);
      const c = await em.fork().findOneOrFail(Campaign, { biennium: body.biennium });
      return reply(202, await campaignView(em.fork() as EntityManager, c), { Location: `/campaigns/${c.id}` });
    },
  });

  defineRoute(router, deps, {
    method: 'get', path: '/campaigns/:id', summary: 'A campaign: target, progress, prospects and, once closed, its final report', tags: ['funding'], roles: ['secretariat', 'viewer'],
    params: z.object({ id: z.uuid() }),
    responses: { 200: { description: 'the campaign', schema: CampaignView }, 404: { description: 'unknown' } },
    handler: async ({ params, em }) => {
      const c = await em.findOne(Campaign, params.id);
      if (!c) throw notFound('campaign');
      return campaignView(em, c);
    },
  });

  defineRoute(router, deps, {
    method: 'get', path: '/funding/summary', summary: 'Target, pledged, received, outstanding and overdue in USD, by funding option, donor type and focus (Accept: text/csv for CSV)', tags: ['funding'], roles: ['secretariat', 'viewer'],
    query: z.object({ biennium: BienniumString, asOf: calendarDate.optional().describe('default today') }),
    responses: { 200: { description: 'the summary; amounts are USD decimal strings', schema: z.record(z.string(), z.unknown()) } },
    handler: async ({ query, em, req }) => {
      const s = await fundingSummary(em, query.biennium, query.asOf ?? new Date().toISOString().slice(0, 10));
      if (req.accepts(['application/json', 'text/csv']) === 'text/csv') {
        return reply(200, summaryCsv(s), { 'Content-Disposition': `attachment; filename="funding-${query.biennium}.csv"` }, 'text/csv');
      }
      return summaryView(s);
    },
  });
  return router;
}
