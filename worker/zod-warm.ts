// Preloaded into the workflow sandbox first (worker/shared-modules.ts). zod sets its default locale
// and memoizer on a global config object at the first schema it builds; the SDK deep-freezes the
// sandbox's globals once preloading is done, so that first write must happen here, or the first
// schema built later throws "Cannot add property localeError, object is not extensible".
import { z } from 'zod';

export const warm = z.object({ email: z.string().email() });
