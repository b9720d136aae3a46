/**
 * A publication date as residents write it: `2025-08-15` → `15/08/2025`, `2025-08` → `08/2025`, `2025` → `2025`;
 * anything else is shown as given.
 */
export function displayDate(published: string): string {
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(published.trim());
  if (!match) return published;
  const [, year, month, day] = match;
  return [day, month, year].filter((part) => part !== undefined).join('/');
}

/** An instant as `15/08/2025 14:05` in a time zone (the ward's, for staff). */
export function displayTime(instant: Date | string, timeZone: string): string {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  if (Number.isNaN(date.getTime())) return String(instant);
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(date)
      .map((part) => [part.type, part.value]),
  );
  return `${parts.day}/${parts.month}/${parts.year} ${parts.hour}:${parts.minute}`;
}
