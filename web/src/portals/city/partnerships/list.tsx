// The partnerships of the representative's city: those it supports and the one supporting it.
import { Anchor } from '@mantine/core';
import { Link } from 'react-router';
import type { Schemas } from '../../../api/client';
import { useApi } from '../../../api/query';
import { useT } from '../../../i18n';
import { DateText, StatusBadge } from '../../../ui/format';
import { PageHeader } from '../../../ui/shell';
import { EmptyState, QueryState } from '../../../ui/states';
import { DataTable, type Column } from '../../../ui/table';

export function Page() {
  const t = useT();
  const list = useApi('/partnerships');
  const columns: Column<Schemas['PartnershipSummary']>[] = [
    {
      key: 'title',
      header: t('partnerships.title'),
      cell: (p) => (
        <Anchor component={Link} to={`/city/partnerships/${p.id}`}>
          {p.title}
        </Anchor>
      ),
    },
    {
      key: 'side',
      header: t('partnerships.side'),
      cell: (p) => (p.mine ? t(`partnerships.side.${p.mine}`) : ''),
    },
    {
      key: 'with',
      header: t('partnerships.african'),
      cell: (p) => (p.mine === 'supported' ? p.supportingCity.name : p.africanCity.name),
    },
    { key: 'status', header: t('partnerships.status'), cell: (p) => <StatusBadge value={p.status} /> },
    {
      key: 'next',
      header: t('partnerships.nextReport'),
      cell: (p) => (p.nextReport ? <DateText value={p.nextReport.dueAt} /> : t('partnerships.noNextReport')),
    },
  ];
  return (
    <>
      <PageHeader title={t('partnerships.mine')} />
      <QueryState query={list}>
        {(d) =>
          d.items.length === 0 ? (
            <EmptyState title={t('partnerships.none')} />
          ) : (
            <DataTable rows={d.items} columns={columns} rowKey={(p) => p.id} caption={t('partnerships.mine')} />
          )
        }
      </QueryState>
    </>
  );
}
