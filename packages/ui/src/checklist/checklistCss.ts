import { HINT_CSS } from '../hint/hintCss.js';

/**
 * The checklist's styles. Sizes in px or em of the widget's own font size (never rem: the
 * page's root font size is not ours), max-width/height tied to the viewport, so it works
 * at 200% zoom and on a 360 px wide phone; motion only without `prefers-reduced-motion`
 * (base CSS turns animations off).
 */
export const CHECKLIST_CSS = HINT_CSS + `
.launch{display:flex;align-items:center;gap:.6em;background:var(--p);color:var(--pt);border-radius:999px;padding:.55em 1em .55em .6em;box-shadow:0 4px 16px rgba(0,0,0,.2);font-weight:600;max-width:100%}
.ring{--d:0;width:3.2em;height:3.2em;border-radius:50%;flex:none;display:grid;place-items:center;font-size:.7em;line-height:1;white-space:nowrap;letter-spacing:-.02em;font-variant-numeric:tabular-nums;background:conic-gradient(var(--pt) calc(var(--d)*1turn),rgba(255,255,255,.35) 0)}
.ring span{background:var(--p);border-radius:50%;width:calc(100% - 6px);height:calc(100% - 6px);display:grid;place-items:center}
.lt{overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.panel{width:min(384px,calc(100vw - 2 * var(--sabu-offset-x,20px)));max-height:min(576px,calc(100vh - 96px));overflow:auto;background:var(--bg);color:var(--fg);border:1px solid var(--bd);border-radius:var(--r);box-shadow:0 12px 40px rgba(0,0,0,.22);animation:in .18s ease-out}
@keyframes in{from{opacity:0;transform:translateY(8px)}}
.head{display:flex;align-items:flex-start;gap:.5em;padding:1em 1em .5em}
.head h2{flex:1;margin:0;font-size:1.1em;line-height:1.3}
.head .ghost{font-size:1.2em;line-height:1;display:grid;place-items:center}
.desc{margin:0 1em .6em;color:var(--mu)}
.bar{height:.5em;margin:0 1em .75em;background:var(--bd);border-radius:999px;overflow:hidden}
.bar i{display:block;height:100%;background:var(--ok);transition:width .4s}
.count{margin:0 1em .4em;font-size:.9em;color:var(--mu)}
ol{list-style:none;margin:0;padding:0 .5em .5em}
li{display:flex;gap:.7em;padding:.6em .5em;border-radius:calc(var(--r)/2)}
li+li{border-top:1px solid var(--bd)}
.chk{flex:none;width:1.4em;height:1.4em;border-radius:50%;border:2px solid var(--mu);display:grid;place-items:center;margin-top:.1em;color:#fff;font-size:.8em}
.done .chk{background:var(--ok);border-color:var(--ok)}
.done .t{text-decoration:line-through;color:var(--mu)}
.body{flex:1;min-width:0}
.t{font-weight:600;overflow-wrap:anywhere}
.d,.note{margin:.15em 0 0;color:var(--mu);font-size:.92em;overflow-wrap:anywhere}
.act{margin-top:.45em;display:inline-block;text-decoration:none}
.locked .chk{border-style:dashed}
.foot{display:flex;justify-content:flex-end;padding:.25em .75em .75em}
.cele{position:relative;margin:0 1em .75em;padding:.75em;border-radius:calc(var(--r)/2);background:color-mix(in srgb,var(--ok) 12%,var(--bg));color:var(--fg);font-weight:600;text-align:center;overflow:hidden}
.cele b{position:absolute;top:50%;left:50%;width:.5em;height:.5em;border-radius:2px;opacity:0;animation:pop 1.1s ease-out 2}
@keyframes pop{0%{opacity:1;transform:translate(0,0) rotate(0)}100%{opacity:0;transform:translate(var(--x),var(--y)) rotate(320deg)}}
`;
