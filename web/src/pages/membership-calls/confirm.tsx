// The applicant's e-mailed link: confirms the address once (POST, so a mail scanner's GET spends nothing).
import { Alert, Group, Loader, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { useT } from '../../i18n';
import { PublicFrame } from './public-frame';

const confirmations = new Map<string, Promise<{ cityName: string }>>();
const confirm = (token: string) => {
  let p = confirmations.get(token);
  if (!p) {
    p = api.POST('/membership-applications/confirm', { body: { token } }).then((r) => unwrap(r));
    confirmations.set(token, p);
  }
  return p;
};

export function Page() {
  const t = useT();
  const { token = '' } = useParams();
  const [state, setState] = useState<{ city: string } | 'failed' | null>(null);
  useEffect(() => {
    document.title = `${t('apply.confirmTitle')} · GNLC`;
  }, [t]);
  useEffect(() => {
    let live = true;
    confirm(token).then(
      (r) => live && setState({ city: r.cityName }),
      () => live && setState('failed'),
    );
    return () => {
      live = false;
    };
  }, [token]);
  return (
    <PublicFrame width={520}>
      <Title order={1} size="h2">
        {t('apply.confirmTitle')}
      </Title>
      {state === null ? (
        <Group role="status" gap="sm">
          <Loader size="sm" />
          <Text>{t('apply.confirming')}</Text>
        </Group>
      ) : state === 'failed' ? (
        <Alert color="red" role="alert">
          {t('apply.confirmFailed')}
        </Alert>
      ) : (
        <Alert color="green" role="status">
          {t('apply.confirmed', { city: state.city })}
        </Alert>
      )}
    </PublicFrame>
  );
}
