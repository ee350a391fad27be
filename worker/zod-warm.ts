// Preloaded into the workflow sandbox first (worker/shared-modules.ts). zod sets its default locale
// and memoizer on a global config object at the first schema it builds; the SDK deep-freezes the
// sandbox's globals once preloading is done, so that first write must happen here, or the first
// schema built later throws "Cannot add property localeError, object is not extensible".
//
// The memoizer is zod's cycle support for inputs that contain reference cycles: it wraps a
// container schema's parse and, on the first parse, writes the result of its cycle check back into
// the schema (`_zod.parse`), which throws on a schema the SDK has frozen. A workflow's inputs are
// decoded from JSON payloads, which cannot hold a cycle, so in the sandbox zod runs without it.
import { z } from 'zod';
import type { $ZodMemoizer } from 'zod/v4/core';

const NO_CYCLE_SUPPORT: $ZodMemoizer = {
  attach: () => {},
  guard: () => {},
  alloc: (_inst, _payload, empty) => empty,
};
z.config({ memoizer: NO_CYCLE_SUPPORT });

export const warm = z.object({ email: z.string().email() });
