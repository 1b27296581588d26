const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
const STEPS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 30],
  ['month', 12],
  ['year', Infinity],
];

/** A timestamp in the person's locale and time zone. */
export function formatDateTime(value: string | Date | null | undefined): string {
  return value ? dateTime.format(new Date(value)) : '—';
}

/** "3 minutes ago", "in 2 hours". */
export function formatRelative(value: string | Date, now = Date.now()): string {
  let amount = (new Date(value).getTime() - now) / 1000;
  for (const [unit, size] of STEPS) {
    if (Math.abs(amount) < size) return relative.format(Math.round(amount), unit);
    amount /= size;
  }
  return formatDateTime(value);
}

export function formatNumber(value: number): string {
  return value.toLocaleString();
}

const percent = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 2 });

/** A ratio as a percentage ("1.25%"), or a dash when there is nothing to divide by. */
export function formatRate(part: number, whole: number): string {
  return whole === 0 ? '—' : percent.format(part / whole);
}
