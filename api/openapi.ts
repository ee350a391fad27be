import { OpenAPIRegistry, OpenApiGeneratorV31, extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';

extendZodWithOpenApi(z);

/**
 * RFC 9457. `instance` and `requestId` name the request (X-Request-Id) so a report can be found in
 * the logs; other members are extensions of a particular problem (a pledge's `legal` moves).
 */
export const Problem = z
  .looseObject({
    type: z.string().meta({ description: 'about:blank: the title is the HTTP status text' }),
    title: z.string(),
    status: z.int().min(400).max(599),
    detail: z.string().optional(),
    instance: z.string().optional().meta({ description: 'urn:request:<request id> of the request that failed' }),
    requestId: z.string().optional().meta({ description: 'the X-Request-Id of the request, also in the logs' }),
    errors: z
      .array(
        z.object({
          path: z.string().meta({ description: 'where: body.<field>, query.<name>, params.<name>' }),
          message: z.string(),
        }),
      )
      .optional(),
  })
  .openapi('Problem');

export function createRegistry(): OpenAPIRegistry {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' });
  registry.register('Problem', Problem);
  return registry;
}

const LICENSE = { name: 'Proprietary: all rights reserved', identifier: 'LicenseRef-Proprietary' };

/** Express `:param` → OpenAPI `{param}`. */
export const openApiPath = (path: string): string => path.replace(/:(\w+)/g, '{$1}');

export function generateDocument(registry: OpenAPIRegistry, serverUrl?: string) {
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'gnlc-engine',
      version: '0.1.0',
      // No licence is granted yet (package.json is private); the lead names the real one here.
      license: LICENSE,
      description:
        'Workflow and grant-tracking engine of the UNESCO Global Network of Learning Cities: registry, coordinator elections, funding and cluster work. Errors are application/problem+json (RFC 9457).',
    },
    // Without PUBLIC_URL, the origin the document was read from.
    servers: [serverUrl ? { url: serverUrl } : { url: '/', description: 'the origin serving this document' }],
    security: [{ bearer: [] }],
  });
}
