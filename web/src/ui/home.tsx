// /app/: the console's overview for staff; a city's or a donor's portal for them.
import { lazy, Suspense } from 'react';
import { Navigate } from 'react-router';
import { useMe } from './session';
import { LoadingState } from './states';

const Overview = lazy(async () => ({ default: (await import('../pages/overview/overview')).Page }));

export function Home() {
  const role = useMe().data?.role;
  if (role === 'city') return <Navigate to="/city" replace />;
  if (role === 'donor') return <Navigate to="/donor" replace />;
  if (!role) return <LoadingState />;
  return (
    <Suspense fallback={<LoadingState />}>
      <Overview />
    </Suspense>
  );
}
