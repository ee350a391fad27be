// Selects fed by the API (countries, clusters, cities) or by an enumeration with catalogue labels.
import { Select, type OptionsFilter, type SelectProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useApi } from '../api/query';
import { useI18n, type MessageKey } from '../i18n';

type Base = Omit<SelectProps, 'data' | 'value' | 'onChange'> & {
  value: string | null | undefined;
  onChange: (v: string | null) => void;
};

export function EnumSelect({ options, prefix, ...props }: Base & { options: readonly string[]; prefix: string }) {
  const { t } = useI18n();
  return (
    <Select
      {...props}
      value={props.value ?? null}
      data={options.map((o) => ({ value: o, label: t(`${prefix}.${o}` as MessageKey) }))}
    />
  );
}

export function useCountries() {
  const first = useApi('/countries', { params: { query: { limit: 200 } } }, { staleTime: 3_600_000 });
  const more = useApi(
    '/countries',
    { params: { query: { limit: 200, offset: 200 } } },
    { staleTime: 3_600_000, enabled: (first.data?.total ?? 0) > 200 },
  );
  const items = [...(first.data?.items ?? []), ...(more.data?.items ?? [])];
  return { items, names: new Map(items.map((c) => [c.code, c.name])), isPending: first.isPending };
}

export function CountrySelect(props: Base) {
  const { items } = useCountries();
  return (
    <Select
      searchable
      clearable
      {...props}
      value={props.value ?? null}
      data={items.map((c) => ({ value: c.code, label: `${c.name} (${c.code})` }))}
    />
  );
}

export function ClusterSelect({ activeOnly, ...props }: Base & { activeOnly?: boolean }) {
  const clusters = useApi(
    '/clusters',
    { params: { query: activeOnly ? { status: 'active' } : { limit: 50 } } },
    { staleTime: 3_600_000 },
  );
  return (
    <Select
      clearable
      {...props}
      value={props.value ?? null}
      data={(clusters.data?.items ?? []).map((c) => ({ value: c.code, label: `${c.code} — ${c.name}` }))}
    />
  );
}

/** The typed text, debounced, and the last pick kept among the options while a new search runs. */
function useSearchPick() {
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 250);
  const [picked, setPicked] = useState<{ value: string; label: string } | null>(null);
  const withPicked = (data: { value: string; label: string }[]) =>
    picked && !data.some((d) => d.value === picked.value) ? [picked, ...data] : data;
  const selectProps = (props: Base, data: { value: string; label: string }[]) => ({
    searchable: true,
    clearable: true,
    // The API has filtered already; Mantine's own filter would hide matches of other words.
    filter: (({ options }) => options) satisfies OptionsFilter,
    ...props,
    value: props.value ?? null,
    data: withPicked(data),
    searchValue: search,
    onSearchChange: setSearch,
    onChange: (v: string | null, option: { value: string; label: string } | null) => {
      setPicked(option ? { value: option.value, label: option.label } : null);
      props.onChange(v);
    },
  });
  return { q, selectProps };
}

type CityFilter = { cluster?: string; status?: 'member' | 'candidate'; region?: 'africa' };

/** A city chosen by typing part of its name (GET /cities?q=): the registry is larger than one page. */
export function CitySelect({ cluster, status, region, ...props }: Base & CityFilter) {
  const { q, selectProps } = useSearchPick();
  const query: { limit: number; q?: string } & CityFilter = { limit: 20 };
  if (q) query.q = q;
  if (cluster) query.cluster = cluster;
  if (status) query.status = status;
  if (region) query.region = region;
  const cities = useApi('/cities', { params: { query } });
  const data = (cities.data?.items ?? []).map((c) => ({ value: c.id, label: `${c.name} (${c.country})` }));
  return <Select {...selectProps(props, data)} />;
}

/** A funding partner chosen by typing part of its name (GET /donors?q=). */
export function DonorSelect(props: Base) {
  const { q, selectProps } = useSearchPick();
  const donors = useApi('/donors', { params: { query: q ? { limit: 20, q } : { limit: 20 } } });
  const data = (donors.data?.items ?? []).map((d) => ({ value: d.id, label: d.name }));
  return <Select {...selectProps(props, data)} />;
}
