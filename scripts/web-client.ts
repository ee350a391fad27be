// Writes the web app's typed API client types (web/src/api/schema.d.ts) from the engine's own
// OpenAPI document: `npm run web:client`. test/web/client.test.ts fails when they are stale.
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { generateClientTypes } from '../web/client-types.js';

const target = fileURLToPath(new URL('../web/src/api/schema.d.ts', import.meta.url));
await writeFile(target, await generateClientTypes());
console.log(`wrote ${target}`);
