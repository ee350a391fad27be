// The funds as an IATI 2.03 activity file (domain/iati.ts): open data in the aid sector's own
// standard, for the secretariat and viewers to publish to the IATI Registry.
import { Router } from 'express';
import { z } from 'zod';
import { iatiFunds } from '../../db/queries/iati.js';
import { iatiActivities } from '../../domain/iati.js';
import type { AppDeps } from '../deps.js';
import { defineRoute, reply } from '../route.js';

const IatiXml = z.string().meta({
  description:
    'An IATI 2.03 `iati-activities` document (validates against iati-activities-schema.xsd): one iati-activity per fund ' +
    '(`{IATI_REPORTING_ORG_REF}-{fund key}`) with incoming funds (1) per receipt credit, commitments (2) per allocation ' +
    'as first committed and a negative one per later reduction or cancellation, and disbursements (3) per beneficiary ' +
    'country, in their original currency',
  example:
    '<?xml version="1.0" encoding="UTF-8"?>\n<iati-activities version="2.03" generated-datetime="2026-12-01T12:00:00Z">…',
});

export function iatiRoutes(deps: AppDeps): Router {
  const router = Router();

  // Registered before the funds' router, whose /funds/:fund would otherwise take "iati.xml" for a fund key.
  defineRoute(router, deps, {
    method: 'get',
    path: '/funds/iati.xml',
    summary:
      'The funds as an IATI 2.03 activity file (receipts, allocations, disbursements in their original currency)',
    tags: ['funding'],
    roles: ['secretariat', 'viewer'],
    responses: { 200: { description: 'the activity file', schema: IatiXml, contentType: 'application/xml' } },
    handler: async ({ em }) => {
      const org = {
        ref: deps.config.IATI_REPORTING_ORG_REF,
        type: deps.config.IATI_REPORTING_ORG_TYPE,
        name: deps.config.IATI_REPORTING_ORG_NAME,
      };
      const xml = iatiActivities(await iatiFunds(em), org, new Date());
      return reply(
        200,
        xml,
        { 'Content-Disposition': 'attachment; filename="gnlc-funds-iati.xml"', 'Cache-Control': 'private, no-store' },
        'application/xml; charset=utf-8',
      );
    },
  });

  return router;
}
