// A console page that a donor's e-mail links to (the outbox links `/app<resource>`, such as
// /app/pledges/:id): a donor is sent to the same thing in its portal, everyone else sees the page.
import type { ComponentType } from 'react';
import { Navigate, useParams, type Params, type RouteObject } from 'react-router';
import { useMe } from './session';
import { LoadingState } from './states';

type PageModule = Record<string, unknown>;

export const donorAware = (
  load: () => Promise<PageModule>,
  portalPath: (params: Params) => string,
): Pick<RouteObject, 'lazy'> => ({
  lazy: async () => {
    const Page = (await load()).Page as ComponentType;
    function DonorAware() {
      const me = useMe();
      const params = useParams();
      if (me.data?.role === 'donor') return <Navigate to={portalPath(params)} replace />;
      if (me.isPending) return <LoadingState />;
      return <Page />;
    }
    return { Component: DonorAware };
  },
});
