// Money and dates as the reader reads them (locale, time zone), from the API's strings.
import { Badge, type BadgeProps } from '@mantine/core';
import { useI18n, type MessageKey } from '../i18n';

export function Money({
  value,
  currency = 'USD',
  usd,
}: {
  value: string | number | null | undefined;
  currency?: string;
  usd?: string | number | null;
}) {
  const { f } = useI18n();
  return (
    <span style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>{f.money(value, currency, usd)}</span>
  );
}

export function DateText({
  value,
  time,
  zone,
}: {
  value: string | null | undefined;
  time?: boolean;
  zone?: string | null;
}) {
  const { f } = useI18n();
  const text = time ? f.dateTime(value, zone) : f.date(value);
  return value ? <time dateTime={value}>{text}</time> : <span>{text}</span>;
}

const STATUS_COLOURS: Record<string, string> = {
  member: 'green',
  active: 'green',
  decided: 'green',
  accepted: 'green',
  fulfilled: 'green',
  held: 'green',
  delivered: 'green',
  candidate: 'blue',
  nominating: 'blue',
  voting: 'indigo',
  collecting: 'blue',
  pledged: 'blue',
  pending_acceptance: 'yellow',
  awaiting_tie_break: 'orange',
  suspended: 'orange',
  at_risk: 'orange',
  on_track: 'blue',
  done: 'green',
  late: 'red',
  pending: 'yellow',
  withdrawn: 'gray',
  retired: 'gray',
  cancelled: 'gray',
  no_candidates: 'gray',
  failed: 'red',
  off_track: 'red',
};

/** A status as a coloured badge, its label from the catalogue (`status.<value>`). */
export function StatusBadge({ value, ...props }: { value: string } & BadgeProps) {
  const { t } = useI18n();
  const key = `status.${value}` as MessageKey;
  const label = t(key);
  return (
    <Badge variant="light" color={STATUS_COLOURS[value] ?? 'gray'} {...props}>
      {label === key ? value.replace(/_/g, ' ') : label}
    </Badge>
  );
}
