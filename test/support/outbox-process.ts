// Outbox delivery alone in a process, for a test that SIGKILLs it mid-batch (test/platform/outbox.test.ts).
import { openOrm } from '../../db/orm.js';
import { createLogger } from '../../platform/logger.js';
import { startOutboxDelivery } from '../../platform/outbox.js';

const orm = await openOrm(process.env.DATABASE_URL!);
startOutboxDelivery({
  orm,
  logger: createLogger('silent'),
  smtpUrl: process.env.SMTP_URL!,
  from: 'GNLC secretariat <learningcities@example.org>',
  intervalMs: 50,
  leaseMs: Number(process.env.LEASE_MS),
});
