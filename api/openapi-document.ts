// The OpenAPI document without a running stack: routes register their schemas when their routers
// are built, and building them touches neither the database nor Temporal. Used to generate the web
// app's typed client (scripts/web-client.ts) and by the test that finds it stale.
import { Connection } from '@temporalio/client';
import { createApp } from './app.js';
import { generateDocument } from './openapi.js';
import { loadConfig } from '../platform/config.js';
import { createLogger } from '../platform/logger.js';

export function openApiDocument(): ReturnType<typeof generateDocument> {
  const unused = new Proxy(
    {},
    {
      get: () => {
        throw new Error('not connected: building the OpenAPI document only');
      },
    },
  );
  const { deps } = createApp({
    orm: unused as never,
    // The API wraps the client it is given in one of its own (api/app.ts): a client shape with no connection.
    temporal: { connection: Connection.lazy({ address: '127.0.0.1:1' }), options: { namespace: 'default' } } as never,
    config: loadConfig({}),
    logger: createLogger('silent'),
  });
  return generateDocument(deps.registry);
}
