// One way to write numbers across the dashboard: shares as percentages (charts too),
// durations in the unit a person reads at a glance, keys as words.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** 0.4255 -> "42.6 %"; null stays null (shown as –). */
export const pct = (share) => (share == null ? null : `${Math.round(share * 1000) / 10} %`);

/** 352773186 -> "4.1 days"; 79_361_277 -> "22 h"; 1_535_175 -> "26 min". */
export function duration(ms) {
  if (ms == null) return null;
  if (ms < MINUTE) return `${Math.round(ms / 1000)} s`;
  if (ms < HOUR) return `${Math.round(ms / MINUTE)} min`;
  if (ms < 2 * DAY) return `${round(ms / HOUR, ms < 10 * HOUR ? 1 : 0)} h`;
  return `${round(ms / DAY, ms < 10 * DAY ? 1 : 0)} days`;
}

/** A number with thousands separators; keeps the decimals it has. */
export const num = (n) => (n == null ? null : n.toLocaleString('en-US', { maximumFractionDigits: 2 }));

/** An internal key as words: "notEasy" -> "not easy", "first_use" -> "first use". */
export const words = (key) =>
  String(key)
    .replace(/([a-z\d])([A-Z])/g, '$1 $2')
    .replace(/_/g, ' ')
    .toLowerCase();

/** `{ promoters: 3, notEasy: 1 }` -> "promoters 3 · not easy 1". */
export const counts = (obj) =>
  Object.entries(obj ?? {})
    .map(([k, v]) => `${words(k)} ${num(v)}`)
    .join(' · ');

/** An ISO time as "2026-03-02 12:00:05" in the viewer's time zone. */
export function localTime(iso, withSeconds = false) {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso);
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}${withSeconds ? ':' + p(d.getSeconds()) : ''}`;
}

const round = (x, digits) => Math.round(x * 10 ** digits) / 10 ** digits;

/** Survey kinds as people say them. */
export const KIND_LABELS = { nps: 'NPS', csat: 'CSAT', ces: 'CES (effort)' };
