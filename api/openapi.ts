import { OpenAPIRegistry, OpenApiGeneratorV31, extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';

extendZodWithOpenApi(z);

export const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.int(),
    detail: z.string().optional(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .openapi('Problem');

export function createRegistry(): OpenAPIRegistry {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' });
  registry.register('Problem', Problem);
  return registry;
}

/** Express `:param` → OpenAPI `{param}`. */
export const openApiPath = (path: string): string => path.replace(/:(\w+)/g, '{$1}');

export function generateDocument(registry: OpenAPIRegistry, serverUrl?: string) {
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'gnlc-engine',
      version: '0.1.0',
      description:
        'Workflow and grant-tracking engine of the UNESCO Global Network of Learning Cities: registry, coordinator elections, funding and cluster work. Errors are application/problem+json (RFC 9457).',
    },
    servers: serverUrl ? [{ url: serverUrl }] : [],
    security: [{ bearer: [] }],
  });
}
