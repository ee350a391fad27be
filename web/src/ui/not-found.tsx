import { Anchor, Container } from '@mantine/core';
import { Link, useRouteError } from 'react-router';
import { useT } from '../i18n';
import { EmptyState, ErrorState } from './states';
import { PageHeader } from './shell';

export function NotFoundPage() {
  const t = useT();
  return (
    <>
      <PageHeader title={t('state.notFound')} />
      <EmptyState
        title={t('state.pageNotFound')}
        action={
          <Anchor component={Link} to="/">
            {t('nav.overview')}
          </Anchor>
        }
      />
    </>
  );
}

/** A page that failed to render (or to load after a deploy): say so, offer the way back. */
export function RouteError() {
  const t = useT();
  const error = useRouteError();
  console.error(error);
  return (
    <Container size="sm" py="xl" component="main">
      <PageHeader title={t('state.error')} />
      <ErrorState error={error} retry={() => window.location.reload()} />
      <Anchor href="/app/">{t('nav.overview')}</Anchor>
    </Container>
  );
}
