/**
 * Puts a `position: fixed` box whose CSS `left` and `top` are 0 at (x, y) with a
 * transform rather than `left` / `top`. A transform change is no layout shift
 * (https://web.dev/articles/cls#animations-and-transitions; Layout Instability API, "starting
 * point" ignores transforms), so a tip, a spotlight or a beacon that follows its anchor while
 * the page scrolls, or moves to the next step, never adds to the host page's CLS. Rounded
 * to device pixels so text stays crisp.
 */
export function moveTo(el: HTMLElement, x: number, y: number): void {
  const px = (v: number) => Math.round(v * devicePixelRatio) / devicePixelRatio + 'px';
  el.style.transform = `translate(${px(x)},${px(y)})`;
}
