// The membership call and application workflows on the time-skipping server, with real durations
// (a call of 20 days, a National Commission window of a month): applications from two countries,
// the per-country limit refusing a fourth endorsement, that one lapsing after its reminders, an
// unconfirmed one expiring, the jury's decisions, admissions creating members, and the call's
// close with its report and its announcement to the member cities.
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { describe, expect, it } from 'vitest';
import { insertApplication, insertCall } from '../../db/queries/membership-call.js';
import {
  CALL_DEFAULTS,
  membershipApplicationWorkflowId,
  membershipCallWorkflowId,
} from '../../domain/membership-call.js';
import type { MembershipApplicationInput } from '../../domain/membership-call.contract.js';
import {
  applicationStateQuery,
  confirmEmailUpdate,
  juryDecisionUpdate,
  membershipApplicationWorkflow,
  membershipCallStateQuery,
  membershipCallWorkflow,
  natcomDecisionUpdate,
} from '../../workflows/membership-call.js';
import { recordHistory } from '../support/histories.js';
import { form } from '../support/membership-call.js';
import { sqlOn } from '../support/sql.js';
import { eventually, failureType, seedCluster, useWorkflowEnv } from '../support/workflow-env.js';

const t = useWorkflowEnv();
const sql = sqlOn(() => t.orm);
const DAY = 86_400_000;

describe('membership call workflows on the time-skipping server', () => {
  it('takes applications from two countries, holds the per-country limit, lapses, decides, admits and reports', async () => {
    await t.run(async () => {
      const { cluster, cities: members } = await seedCluster(t.orm, 2);
      await sql(`update country set natcom_email = 'natcom@unesco-ke.example.org' where code = 'KE'`);
      await sql(`update country set natcom_email = 'natcom@unesco-de.example.org' where code = 'DE'`);
      const callId = randomUUID();
      const now = await t.env.currentTimeMs();
      const call = { callId, title: 'Call 2027', opensAt: Math.min(now, Date.now()), closesAt: now + 20 * DAY };
      await insertCall(t.orm.em.fork() as EntityManager, { ...call, perCountryLimit: 3, natcomWindow: 'P1M' });
      const callHandle = await t.env.client.workflow.start(membershipCallWorkflow, {
        workflowId: membershipCallWorkflowId(callId),
        taskQueue: t.taskQueue,
        args: [call],
      });
      const tag = randomUUID().slice(0, 6);
      const apply = async (cityName: string, country: string) => {
        const applicationId = randomUUID();
        const out = await insertApplication(
          t.orm.em.fork() as EntityManager,
          callId,
          applicationId,
          form({ cityName: `${cityName} ${tag}`, country }) as never,
        );
        expect(out.ok).toBe(true);
        const input: MembershipApplicationInput = {
          applicationId,
          callId,
          title: call.title,
          cityName: `${cityName} ${tag}`,
          country,
          closesAt: call.closesAt,
          natcomWindow: 'P1M',
          natcomReminders: [...CALL_DEFAULTS.natcomReminders],
        };
        const handle = await t.env.client.workflow.start(membershipApplicationWorkflow, {
          workflowId: membershipApplicationWorkflowId(applicationId),
          taskQueue: t.taskQueue,
          args: [input],
        });
        return { applicationId, handle };
      };
      const [k1, k2, k3, k4, d1, unconfirmed] = await Promise.all([
        apply('Kisumu', 'KE'),
        apply('Nakuru', 'KE'),
        apply('Eldoret', 'KE'),
        apply('Thika', 'KE'),
        apply('Jena', 'DE'),
        apply('Kaolack', 'SN'),
      ]);
      for (const a of [k1, k2, k3, k4, d1]) {
        const s = await a!.handle.executeUpdate(confirmEmailUpdate);
        expect(s.status).toBe('natcom_review');
        expect(s.natcomDeadline).toBeGreaterThan(now + 29 * DAY);
      }
      await eventually(async () =>
        (await sql(`select 1 from membership_natcom_link where application_id = ?`, [k4!.applicationId])).length
          ? true
          : undefined,
      );
      for (const a of [k1, k2, k3, d1])
        expect((await a!.handle.executeUpdate(natcomDecisionUpdate, { args: [{ decision: 'endorse' }] })).status).toBe(
          'jury_review',
        );
      // The fourth endorsement from Kenya in this call is refused; the application stays in review.
      const over = await k4!.handle
        .executeUpdate(natcomDecisionUpdate, { args: [{ decision: 'endorse' }] })
        .catch((e: unknown) => e);
      expect(failureType(over)).toBe('Conflict');
      expect(String((over as { cause?: { message?: string } }).cause?.message)).toMatch(
        /KE has 3 endorsed applications/,
      );
      expect((await k4!.handle.query(applicationStateQuery)).status).toBe('natcom_review');

      // The jury decides.
      expect(
        (await k1!.handle.executeUpdate(juryDecisionUpdate, { args: [{ decision: 'admitted', cluster }] })).status,
      ).toBe('admitted');
      await k2!.handle.executeUpdate(juryDecisionUpdate, { args: [{ decision: 'not_admitted' }] });
      await k3!.handle.executeUpdate(juryDecisionUpdate, { args: [{ decision: 'admitted', cluster }] });
      await d1!.handle.executeUpdate(juryDecisionUpdate, { args: [{ decision: 'not_admitted' }] });

      // Time runs: the unconfirmed one expires at the close, Kenya's fourth lapses a month after
      // its confirmation, reminded twice before.
      expect(await unconfirmed!.handle.result()).toMatchObject({ status: 'expired', cityId: null });
      expect(await k4!.handle.result()).toMatchObject({ status: 'lapsed' });
      const k4Keys = (
        await sql<{ key: string }>(`select key from notification where key like ? order by key`, [
          `${membershipApplicationWorkflowId(k4!.applicationId)}:%`,
        ])
      ).map((r) => r.key.split(':').slice(2).join(':'));
      expect(k4Keys).toEqual(['confirm-email', 'natcom-lapsed:secretariat', 'natcom0', 'natcom1', 'natcom2']);
      const outcome = await callHandle.result();
      expect(outcome).toEqual({ callId, applications: 5, admitted: 2 });
      expect((await callHandle.query(membershipCallStateQuery)).settled).toBe(6);

      const admitted = await Promise.all([k1, k3].map((a) => a!.handle.result()));
      for (const a of admitted) {
        const [city] = await sql<{ status: string; year_joined: number }>(
          `select status, year_joined from city where id = ?`,
          [a.cityId],
        );
        expect(city?.status).toBe('member');
        expect(city?.year_joined).toBeGreaterThanOrEqual(2026);
        const [m] = await sql<{ cluster_code: string; representative_email: string }>(
          `select cluster_code, representative_email from membership where city_id = ? and until is null`,
          [a.cityId],
        );
        expect(m).toEqual({ cluster_code: cluster, representative_email: 'learning@kisumu.example.org' });
      }
      const [row] = await sql<{ status: string; report: { applications: number; africa: Record<string, unknown> } }>(
        `select status, report from membership_call where id = ?`,
        [callId],
      );
      expect(row?.status).toBe('closed');
      expect(row?.report.applications).toBe(5);
      expect(row?.report.africa).toEqual({
        applications: 4,
        admitted: 2,
        applicationShare: '80.0',
        admittedShare: '100.0',
      });
      // Every member city hears of the new members, the new ones included.
      const told = await sql<{ recipient_city_id: string }>(
        `select recipient_city_id from notification where key like ? and kind = 'membership-call.announcement'`,
        [`${membershipCallWorkflowId(callId)}:%`],
      );
      const toldIds = told.map((r) => r.recipient_city_id);
      expect(toldIds).toEqual(expect.arrayContaining([...members, ...admitted.map((a) => a.cityId!)]));
      await recordHistory(callHandle, 'membership-call-close');
      await recordHistory(k4!.handle, 'membership-application-lapsed');
      await recordHistory(k1!.handle, 'membership-application-admitted');
    });
  });
});
