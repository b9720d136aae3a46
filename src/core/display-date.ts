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
