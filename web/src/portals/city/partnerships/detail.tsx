// One partnership of the representative's city: the supporting city files its progress reports and
// adds activities; the African city reads the same page without the forms.
import { Alert, Stack } from '@mantine/core';
import { useParams } from 'react-router';
import { useApi } from '../../../api/query';
import { useI18n } from '../../../i18n';
import { Activities, ActivityForm, Facts, ReportForm, Reports } from '../../../pages/partnerships/parts';
import { PageHeader } from '../../../ui/shell';
import { QueryState } from '../../../ui/states';

export function Page() {
  const { t, f } = useI18n();
  const { id = '' } = useParams();
  const partnership = useApi('/partnerships/{id}', { params: { path: { id } } });
  return (
    <QueryState query={partnership}>
      {(p) => {
        const writes = p.mine === 'supporting' && p.status === 'active';
        return (
          <>
            <PageHeader title={p.title} />
            <Stack gap="xl">
              <Facts p={p} />
              {writes && p.nextReport?.open && <ReportForm p={p} />}
              {writes && p.nextReport && !p.nextReport.open && (
                <Alert color="gray">
                  {t('partnerships.opensOn', { date: f.date(p.nextReport.opensAt.slice(0, 10)) })}
                </Alert>
              )}
              {p.mine === 'supported' && <Alert color="gray">{t('partnerships.readOnly')}</Alert>}
              <Reports p={p} />
              <Activities p={p} />
              {writes && <ActivityForm p={p} />}
            </Stack>
          </>
        );
      }}
    </QueryState>
  );
}
