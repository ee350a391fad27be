// A pledge named by its funding option and biennium, linking to its page.
import { Anchor } from '@mantine/core';
import { Link } from 'react-router';
import type { Schemas } from '../../api/client';
import { useT } from '../../i18n';

export function PledgeLink({ pledge }: { pledge: Schemas['Pledge'] }) {
  const t = useT();
  return (
    <Anchor component={Link} to={`/pledges/${pledge.id}`}>
      {t(`fundingOption.${pledge.fundingOption}`)} · {pledge.biennium}
    </Anchor>
  );
}
