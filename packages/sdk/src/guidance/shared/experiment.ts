import type { Experiment } from '@sabu/schema';
import { HOLDOUT } from '@sabu/schema/texts';
import type { PluginApi } from '../../types.js';
import { readJSON, writeJSON } from './storage.js';

/**
 * Experiments on guidance (docs/experiments.md): which variant a user gets, and the one
 * `Experiment Exposed` that says so. Assignment is a pure function of the user id and the
 * experiment id, so it is the same on every page and device without any stored state;
 * storage only remembers that the exposure was sent (and the arm a user got before
 * signing in, see {@link expose}).
 */

export { HOLDOUT };
export const EXPOSED_EVENT = 'Experiment Exposed';

/**
 * A number in [0, 1) fixed for a user and an experiment. FNV-1a, as `sampleRate` uses,
 * then murmur3's 32-bit finaliser: FNV-1a alone leaves ids that differ only in their last
 * characters (`user-41`, `user-42`) close together in the top bits, which would put
 * sequential ids in the same arm. The `xp` prefix keeps an experiment's split independent
 * of a survey's sample that happens to share its id.
 */
export function bucketOf(user: string, experiment: string): number {
  let h = 0x811c9dc5;
  for (const c of 'xp\0' + experiment + '\0' + user) h = Math.imul(h ^ c.charCodeAt(0), 0x01000193);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return ((h ^ (h >>> 16)) >>> 0) / 2 ** 32;
}

/**
 * The arm of `user`: {@link HOLDOUT} for the first `holdout` share of the buckets, else a
 * variant, each taking a share of the rest proportional to its weight (default 1).
 */
export function assignVariant(x: Experiment, user: string): string {
  const u = bucketOf(user, x.id);
  const holdout = x.holdout ?? 0;
  if (u < holdout) return HOLDOUT;
  const weights = x.variants.map((v) => v.weight ?? 1);
  let point = ((u - holdout) / (1 - holdout)) * weights.reduce((a, b) => a + b, 0);
  for (const [i, v] of x.variants.entries()) if ((point -= weights[i]!) < 0) return v.id;
  return [...x.variants].reverse().find((v) => (v.weight ?? 1) > 0)!.id; // rounding at the very top
}

/** The definition a variant makes: its overrides replace top-level fields. */
export function withVariant<T extends { experiment?: Experiment }>(def: T, variant: string): T {
  const o = def.experiment?.variants.find((v) => v.id == variant)?.overrides;
  return o ? { ...def, ...o } : def;
}

const key = (user: string) => 'sabu_xp:' + user;
/** Exposures sent on this page, for browsers without localStorage (sent once per page then). */
let sent: Record<string, Record<string, string>> = {};
const read = (user: string): Record<string, string> => ({ ...sent[user], ...readJSON<Record<string, string>>(key(user)) });

/**
 * The arm of the current user in `x`, and whether its exposure is still to be sent. The
 * user is the user id, else the anonymous id. An arm assigned before `identify()` is kept
 * by the signed-in user on this browser (no second exposure, no change of experience
 * mid-journey); their other devices, knowing only the user id, may assign another arm. An
 * arm that no longer exists in the definition (a variant was removed) is assigned afresh.
 */
function current(api: PluginApi, x: Experiment): [arm: string, user: string, send: boolean] {
  const { userId, anonymousId } = api.user();
  const user = userId || anonymousId;
  const known = (arm: string | undefined): arm is string => arm == HOLDOUT || x.variants.some((v) => v.id == arm);
  const mine = read(user)[x.id];
  if (known(mine)) return [mine, user, false];
  const before = userId ? read(anonymousId)[x.id] : undefined;
  return known(before) ? [before, user, false] : [assignVariant(x, user), user, true];
}

/** The arm of the current user in `x`, without exposing them: which definition to evaluate. */
export const armOf = (api: PluginApi, x: Experiment): string => current(api, x)[0];

/**
 * The arm of the current user in `x`, sending `Experiment Exposed { experiment, variant }`
 * the first time (per user and experiment, remembered in localStorage). Call it when the
 * user first qualifies: in the audience and about to be shown the guidance, so every arm,
 * the holdout included, is counted at the same moment.
 */
export function expose(api: PluginApi, x: Experiment): string {
  const [arm, user, send] = current(api, x);
  const mine = read(user);
  if (mine[x.id] != arm) {
    mine[x.id] = arm;
    (sent[user] ??= {})[x.id] = arm;
    writeJSON(key(user), mine);
  }
  if (send) api.track(EXPOSED_EVENT, { experiment: x.id, variant: arm });
  return arm;
}

/** `def` as the current user's arm sees it (itself when it has no experiment). */
export const variantOf = <T extends { experiment?: Experiment }>(api: PluginApi, def: T): T =>
  def.experiment ? withVariant(def, armOf(api, def.experiment)) : def;

/** Tests only: a new page (forget the exposures kept in memory). */
export const _resetExposures = (): void => void (sent = {});
