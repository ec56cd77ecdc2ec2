// Dates as people write them in the UK: "Tue 9 Dec 2025", "Tue 9 Dec 2025, 14:00".
// Stored values are ISO strings; they are read as calendar values, never shifted by time zone.

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function parts(iso: string): { y: number; m: number; d: number; time: string } {
  const [date, time = ''] = iso.split(/[T ]/);
  const [y, m, d] = date.split('-').map(Number);
  return { y, m, d, time: time.slice(0, 5) };
}

export function formatDate(iso: string): string {
  const { y, m, d } = parts(iso);
  const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return `${DAYS[weekday]} ${d} ${MONTHS[m - 1]} ${y}`;
}

export function formatDateTime(iso: string): string {
  return `${formatDate(iso)}, ${parts(iso).time}`;
}

/** "Tue 8 Dec 2026, 14:00–16:00" for a meeting on one day. */
export function formatTimeRange(startIso: string, endIso: string): string {
  const start = parts(startIso);
  const end = parts(endIso);
  const sameDay = start.y === end.y && start.m === end.m && start.d === end.d;
  return sameDay ? `${formatDateTime(startIso)}–${end.time}` : `${formatDateTime(startIso)} – ${formatDateTime(endIso)}`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Where a pack stands against its deadline (ToR §20), in words. */
export function publicationText(p: import('./bindings').Publication, deadline: string): string {
  switch (p.state) {
    case 'published':
      return `Published ${formatDate(p.on)}${p.late ? ', after the deadline' : ''}`;
    case 'on_track':
      return `Due ${formatDate(deadline)} (in ${plural(p.days_left, 'day')})`;
    case 'due_today':
      return 'Due today';
    case 'late':
      return `Late: was due ${formatDate(deadline)}`;
    case 'past':
      return 'Not published';
  }
}
