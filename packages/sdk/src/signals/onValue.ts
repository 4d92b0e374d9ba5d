import type { PluginApi, SabuMessage } from '../types.js';
import { firstValue, isValueEvent, startOf } from './timeToValue.js';
import type { ValueOptions } from './types.js';
import { getUserRecord } from './userMemory.js';

export const VALUE_EVENT = 'First Value Reached';
/** A trait the host may set from its own records: value already reached (on another device, say). */
export const REACHED_TRAIT = 'first_value_at';

type Msg = SabuMessage & { event?: string; properties?: Record<string, any>; userId?: string };

/**
 * DOM-free glue of time to first value: remembers when Sabu first saw each user, emits
 * `First Value Reached` the first time the value event happens (never again for that
 * user), and `Activation Step` for flow steps and checklist items completed before it.
 */
export function onValue(api: PluginApi, o: ValueOptions): () => void {
  getUserRecord(api.user(), Date.now()); // starts the first-seen clock
  return api.onMessage((raw) => {
    const m = raw as Msg;
    if (m.type != 'track') return;
    const p = m.properties ?? {};
    const value = isValueEvent(o, m.event, p);
    const step =
      m.event == 'Flow Step Completed' ? ['flow', `${p.flow}/${p.step}`] : m.event == 'Checklist Item Completed' ? ['checklist', `${p.checklist}/${p.item}`] : null;
    if (!value && !step) return;
    const now = Date.parse(m.timestamp as string) || Date.now();
    const [rec, save] = getUserRecord(m, now);
    const { traits } = api.user();
    if (rec.fv || traits[REACHED_TRAIT] != null) return;
    if (value) {
      save({ ...rec, fv: 1 });
      api.track(VALUE_EVENT, firstValue(o, traits, rec.seen, now));
    } else {
      const { start, from } = startOf(traits, rec.seen);
      api.track('Activation Step', { source: step![0], step: step![1], ms_since_start: Math.max(0, now - start), from });
    }
  });
}

/** A string hash (cyrb53) as 14 hex digits. */
function hash(s: string, seed: number): string {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, '0');
}

/**
 * `First Value Reached` of a known user gets a messageId derived from the user id, so a
 * de-duplicating collector stores it once even when two devices both see the first value.
 */
export function valueMessageId(m: SabuMessage): SabuMessage {
  const msg = m as Msg;
  if (msg.type != 'track' || msg.event != VALUE_EVENT || !msg.userId) return m;
  return { ...m, messageId: 'fv-' + hash(msg.userId, 1) + hash(msg.userId, 2) };
}
