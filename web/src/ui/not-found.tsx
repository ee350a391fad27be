import { Anchor } from '@mantine/core';
import { Link } from 'react-router';
import { useT } from '../i18n';
import { EmptyState } from './states';
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
