import type { PluginApi } from '../types.js';
import { createDeadClick } from './deadClick.js';
import { CLICKABLE, FIELD, IGNORE, pathOf, selectorOf, textOf } from './describeElement.js';
import { guard, listen, page } from './guard.js';
import { createRageClick, type RageInput } from './rageClick.js';
import type { DeadClickOptions, RageClickOptions } from './types.js';
import { watchClick, watchRequests } from './watchClick.js';

const describe = (el: Element) => ({ selector: selectorOf(el), text: textOf(el) });

/** Looks interactive: a link, button, role=button..., or drawn with a pointer cursor. */
function clickable(path: Element[]): Element | null {
  const el = path.find((n) => n.matches(CLICKABLE));
  if (el) return el;
  const first = path[0];
  return first && getComputedStyle(first).cursor == 'pointer' ? first : null;
}

/** The browser itself answers these (navigation, new tab, download), out of the page's sight. */
const navigates = (el: Element, e: Event) => el.localName == 'a' && !e.defaultPrevented && !/^javascript:/i.test(el.getAttribute('href')!);

/**
 * DOM glue of rage and dead clicks: one capture-phase click listener; after each click a
 * short watch (watchClick) tells the detectors whether the page answered.
 */
export function onFrictionClicks(
  api: PluginApi,
  rageOpts: Required<RageClickOptions> | null,
  deadOpts: Required<DeadClickOptions> | null,
  endpoint: string,
): () => void {
  const rage = rageOpts && createRageClick<Element>(rageOpts);
  const dead = deadOpts && createDeadClick<[Element, MouseEvent, string]>(deadOpts.windowMs);
  const wait = Math.max(rageOpts?.windowMs ?? 0, deadOpts?.windowMs ?? 0);
  let stopWatch = () => {};
  let timer: ReturnType<typeof setTimeout> | undefined;

  const report = (burst: RageInput<Element>[] | null) => {
    const first = burst?.[0];
    if (first) api.track('Rage Click', { ...describe(first.el!), x: first.x, y: first.y, count: burst.length, page: page() });
  };
  const tick = guard(() => {
    const now = Date.now();
    if (dead?._pending()) {
      const el = dead._tick(now);
      if (el) {
        const [target, e, href] = el;
        if (location.href == href && !navigates(target, e)) {
          api.track('Dead Click', { ...describe(target), x: Math.round(e.pageX), y: Math.round(e.pageY), page: page() });
        }
      }
    }
    if (rage) report(rage._tick(now));
    stopWatch();
  });

  const onClick = (e: MouseEvent) => {
    const path = pathOf(e);
    const now = Date.now();
    tick(); // a click whose window has passed (its timer is merely late) is settled first
    dead?._alive(now); // a newer click: a pending one is cut short, never called dead
    // The page background (html, body) is not an element anyone means to click.
    if (!path[0] || path[0].matches('html,body') || path.some((n) => n.matches(IGNORE) || n.matches(FIELD))) return;
    const sel = getSelection();
    // A double or triple click that selected text is reading, not rage.
    const selecting = e.detail > 1 && sel && !sel.isCollapsed;
    const target = clickable(path);
    if (rage && !selecting) report(rage._add({ x: Math.round(e.pageX), y: Math.round(e.pageY), t: now, el: target ?? path[0] }));
    if (dead && target) dead._click(now, [target, e, location.href]);
    stopWatch = watchClick(path, () => {
      dead?._alive(Date.now());
      if (rage) report(rage._end());
    });
    clearTimeout(timer);
    timer = setTimeout(tick, wait + 1);
  };

  const offs = [listen(window, 'click', onClick), listen(window, 'pagehide', () => rage && report(rage._end()))];
  if (dead) offs.push(watchRequests(new URL(endpoint, location.href).href));
  return () => {
    clearTimeout(timer);
    stopWatch();
    offs.forEach((off) => off());
  };
}
