// The funds' IATI 2.03 activity file (GET /funds/iati.xml) as a download, for the funds page's
// header: a plain link on the API's own origin, so the session (or token) goes with it, and the
// answer's Content-Disposition: attachment makes the browser save the file and stay on the page.
import { Button } from '@mantine/core';
import { useI18n } from '../../i18n';

export function IatiDownload() {
  const { t } = useI18n();
  return (
    <Button component="a" href="/funds/iati.xml" variant="default" title={t('console.funds.downloadIatiHint')}>
      {t('console.funds.downloadIati')}
    </Button>
  );
}
