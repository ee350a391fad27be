// MikroORM's own lines (the migrator's "Applied …", discovery warnings, deprecations) as JSON lines
// of our logger instead of coloured text on stdout. Queries, when MikroORM's debug mode is on, go
// out at debug level without their parameters (which hold people's names and e-mail addresses).
import { DefaultLogger, type LogContext, type LoggerNamespace, type LoggerOptions } from '@mikro-orm/core';
import type { Logger } from './logger.js';

class PinoOrmLogger extends DefaultLogger {
  constructor(
    options: LoggerOptions,
    private readonly logger: Logger,
  ) {
    super(options);
  }

  override log(namespace: LoggerNamespace | string, message: string, context?: LogContext): void {
    if (!this.isEnabled(namespace as LoggerNamespace, context)) return;
    const level =
      context?.level === 'error'
        ? 'error'
        : context?.level === 'warning'
          ? 'warn'
          : namespace === 'query'
            ? 'debug'
            : 'info';
    this.logger[level]({ orm: namespace, ...(context?.took !== undefined ? { ms: context.took } : {}) }, message);
  }

  override logQuery(context: LogContext): void {
    if (!this.isEnabled('query', context)) return;
    this.log('query', context.query ?? '', { ...context, params: undefined });
  }
}

/** MikroORM options that route its logging through `logger`. */
export const ormLogging = (logger: Logger) => ({
  colors: false,
  loggerFactory: (options: LoggerOptions) => new PinoOrmLogger(options, logger),
});
