// The donor portal's first page.
import { useT } from '../../i18n';
import { PageHeader } from '../../ui/shell';

export function Page() {
  const t = useT();
  return <PageHeader title={t('portal.donor.home')} />;
}
