// A page loaded on first visit: its module's `Page` export.
import type { ComponentType } from 'react';
import type { RouteObject } from 'react-router';

type PageModule = Record<string, unknown>;
export const page = (load: () => Promise<PageModule>): Pick<RouteObject, 'lazy'> => ({
  lazy: async () => ({ Component: (await load()).Page as ComponentType }),
});
