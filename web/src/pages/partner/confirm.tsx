// The e-mailed confirmation link of a partner inquiry (?token=): spent once with a POST (a GET would
// be spent by mail services' link scanners), then the inquiry reaches the coordination team.
import { Alert, Anchor, Group, Loader, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { useT } from '../../i18n';
import { PublicFrame } from './layout';

// One exchange per token, even if the page mounts twice.
const exchanges = new Map<string, Promise<unknown>>();
const confirm = (token: string) => {
  let p = exchanges.get(token);
  if (!p) {
    p = api.POST('/partner-inquiries/confirm', { body: { token } }).then((r) => unwrap(r));
    exchanges.set(token, p);
  }
  return p;
};

export function Page() {
  const t = useT();
  const [params] = useSearchParams();
  const token = params.get('token');
  const [state, setState] = useState<'checking' | 'confirmed' | 'invalid'>(token ? 'checking' : 'invalid');
  useEffect(() => {
    if (!token) return;
    let live = true;
    confirm(token).then(
      () => live && setState('confirmed'),
      () => live && setState('invalid'),
    );
    return () => {
      live = false;
    };
  }, [token]);
  return (
    <PublicFrame title={t('partner.confirmTitle')}>
      {state === 'checking' ? (
        <Group role="status" gap="sm">
          <Loader size="sm" />
          <Text>{t('partner.confirming')}</Text>
        </Group>
      ) : state === 'confirmed' ? (
        <Alert role="status" color="green" title={t('partner.confirmedTitle')}>
          {t('partner.confirmedBody')}
        </Alert>
      ) : (
        <Alert role="alert" color="red">
          {t('partner.confirmInvalid')}
        </Alert>
      )}
      <Anchor component={Link} to="/partner">
        {t('partner.again')}
      </Anchor>
    </PublicFrame>
  );
}
