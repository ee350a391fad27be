import { ApplicationFailure } from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { openOrm } from '../../db/orm.js';
import { activityInterceptors, isDataError } from '../../worker/interceptors.js';

const execute = activityInterceptors({} as never).inbound!.execute!;
const failWith = (err: unknown) => execute({ args: [], headers: {} } as never, () => Promise.reject(err));

describe('activity errors that come from the data', () => {
  it('are told apart from transient ones, on real PostgreSQL errors', async () => {
    const orm = await openOrm(inject('databaseUrl'));
    try {
      const conn = orm.em.getConnection();
      const errorOf = (sql: string) =>
        conn.execute(sql).then(
          () => null,
          (e: unknown) => e,
        );
      expect(isDataError(await errorOf(`select '2026-02-30'::date`))).toBe(true); // 22008
      expect(isDataError(await errorOf(`select 9223372036854775807::bigint + 1`))).toBe(true); // 22003
      expect(isDataError(await errorOf(`insert into city (id) values (gen_random_uuid())`))).toBe(true); // 23502
      expect(isDataError(new RangeError('invalid biennium'))).toBe(true);
      expect(isDataError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))).toBe(false);
      expect(isDataError(Object.assign(new Error('terminating connection'), { code: '57P01' }))).toBe(false);
    } finally {
      await orm.close();
    }
  });

  it('fail the activity without retries; others keep their retries', async () => {
    const data = await failWith(new RangeError('year 10000')).catch((e: unknown) => e);
    expect(data).toBeInstanceOf(ApplicationFailure);
    expect(data).toMatchObject({ type: 'DataError', nonRetryable: true, message: 'year 10000' });
    const transient = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    expect(await failWith(transient).catch((e: unknown) => e)).toBe(transient);
  });
});
