import type { Platform } from '@floating-ui/core';

/**
 * The DOM side of @floating-ui/core for Sabu's tips, injected as its `platform` (the
 * floating-ui way: a platform-agnostic core, the DOM given to it). Sabu's tips are
 * `position: fixed` inside a shadow host that resets `transform`, `filter` and
 * `contain` (`all: initial`), so their containing block is always the viewport: reference
 * boxes are `getBoundingClientRect()` and the clipping area is the layout viewport. That
 * is all @floating-ui/dom's platform works out for the general case, at 2.8 kB brotli
 * more than this.
 */
export const fixedPlatform: Platform = {
  getElementRects: ({ reference, floating }) => {
    const r = (reference as Element).getBoundingClientRect();
    return { reference: { x: r.left, y: r.top, width: r.width, height: r.height }, floating: { x: 0, y: 0, ...fixedPlatform.getDimensions(floating) } as never };
  },
  getDimensions: (el) => ({ width: (el as HTMLElement).offsetWidth, height: (el as HTMLElement).offsetHeight }),
  // The layout viewport without scrollbars (clientWidth), so a tip is never under one.
  getClippingRect: () => ({ x: 0, y: 0, width: document.documentElement.clientWidth, height: document.documentElement.clientHeight }),
};
