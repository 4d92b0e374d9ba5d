/**
 * Tour steps' styles (adopted into the shared shadow root, so CSP-safe). Sizes in px or em
 * of the widget's own font size, widths tied to the viewport (360 px phones, 200% zoom).
 * The backdrop of a modal step takes the clicks (it is modal); the spotlight never does,
 * so the page's own handlers still get the click a step asks for.
 */
export const TOUR_CSS = `
.tip{position:fixed;z-index:2;width:max-content;max-width:min(340px,calc(100vw - 16px));background:var(--bg);color:var(--fg);border:1px solid var(--bd);border-radius:var(--r);box-shadow:0 10px 36px rgba(0,0,0,.25);padding:12px 14px 12px;animation:tour-in .18s ease-out}
.tip.anch{left:0;top:0}
.tip.anch:not([data-side]){opacity:0}
.tip.modal{left:50%;top:50%;transform:translate(-50%,-50%);width:min(440px,calc(100vw - 32px));max-height:calc(100vh - 32px);overflow:auto;padding:16px 18px}
@keyframes tour-in{from{opacity:0}}
.tip:focus{outline:none}
.tip:focus-visible{outline:3px solid var(--sabu-focus,#c2410c)}
.arrow{position:absolute;width:12px;height:12px;background:var(--bg);transform:rotate(45deg)}
.tip[data-side=bottom] .arrow{top:-7px;border-left:1px solid var(--bd);border-top:1px solid var(--bd)}
.tip[data-side=top] .arrow{bottom:-7px;border-right:1px solid var(--bd);border-bottom:1px solid var(--bd)}
.tip[data-side=right] .arrow{left:-7px;border-left:1px solid var(--bd);border-bottom:1px solid var(--bd)}
.tip[data-side=left] .arrow{right:-7px;border-right:1px solid var(--bd);border-top:1px solid var(--bd)}
.top{display:flex;align-items:center;gap:8px;margin:-4px -6px 2px 0}
.prog{flex:1;font-size:.85em;color:var(--mu);font-variant-numeric:tabular-nums}
.x{width:28px;height:28px;font-size:20px;line-height:1}
.tip h2{margin:0 0 4px;font-size:1.05em;line-height:1.3}
.txt{margin:0 0 12px;overflow-wrap:anywhere}
.txt a{color:var(--p)}
.row{display:flex;align-items:center;gap:6px;flex-wrap:wrap}
.sp{flex:1}
.skip{padding-inline:.3em}
.backdrop{position:fixed;inset:0;background:rgba(17,24,39,.5);z-index:1}
.spot{position:fixed;left:0;top:0;pointer-events:none;border-radius:8px;box-shadow:0 0 0 9999px rgba(17,24,39,.5);z-index:1}
`;
