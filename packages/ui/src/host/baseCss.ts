/**
 * Styles every widget shares: the host box, theme custom properties with their defaults,
 * focus ring, buttons, reduced motion. Colours meet WCAG AA on the default background
 * (#1d4ed8 on #fff is 6.7:1; #4b5563 on #fff is 7.6:1); the focus ring #c2410c is 5.2:1 on white
 * (WCAG 1.4.11 asks 3:1 for non-text).
 *
 * Shadow DOM stops the page's selectors, not inheritance: a page rule that matches the
 * host element itself (`* { font-size: 40px !important; line-height: 0 !important }`,
 * `body { color: transparent }` inherited) would flow into every widget. So the host resets
 * every property (`all: initial`, which keeps custom properties, so the theme still
 * applies) and sets its own inherited ones, all `!important`: for important declarations
 * the shadow tree's own rules win over the page's (CSS Cascade 4, "Context"). `all` leaves
 * `direction` alone: it is set here from the widgets' language. Sizes are px or em of our
 * own font size, never rem (`html { font-size: 62.5% }` is common).
 */
export const BASE_CSS = `
:host{all:initial!important;position:fixed!important;display:flex!important;flex-direction:column!important;align-items:flex-end!important;gap:12px!important;max-width:calc(100vw - 2 * var(--sabu-offset-x,20px))!important;z-index:var(--sabu-z-index,2147483000)!important;bottom:var(--sabu-offset-y,20px)!important;right:var(--sabu-offset-x,20px)!important;
--p:var(--sabu-primary,#1d4ed8);--pt:var(--sabu-on-primary,#fff);--bg:var(--sabu-background,#fff);--fg:var(--sabu-text,#111827);
--mu:var(--sabu-muted,#4b5563);--bd:var(--sabu-border,#d1d5db);--ok:var(--sabu-success,#047857);--r:var(--sabu-radius,12px);
font:var(--sabu-font-size,15px)/1.45 var(--sabu-font,system-ui,-apple-system,"Segoe UI","Hiragino Sans","Noto Sans JP",sans-serif)!important;color:var(--fg)!important;direction:ltr!important;unicode-bidi:isolate!important;text-align:start!important}
:host([data-position=bottom-left]){right:auto!important;left:var(--sabu-offset-x,20px)!important}
:host([dir=rtl]){right:auto!important;left:var(--sabu-offset-x,20px)!important;align-items:flex-start!important;direction:rtl!important}
:host([dir=rtl][data-position=bottom-left]){left:auto!important;right:var(--sabu-offset-x,20px)!important}
*{box-sizing:border-box}
button,a{font:inherit;color:inherit}
button{cursor:pointer;border:0;background:none;padding:0}
:focus-visible{outline:3px solid var(--sabu-focus,#c2410c);outline-offset:2px}
.sr{position:absolute;width:1px;height:1px;margin:-1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.btn{background:var(--p);color:var(--pt);border-radius:calc(var(--r)/2);padding:.35em .9em;font-weight:600}
.ghost{border-radius:6px;padding:.3em .5em;min-width:2.2em;min-height:2.2em;color:var(--mu)}
.ghost:hover{background:rgba(0,0,0,.06)}
@media (prefers-reduced-motion:reduce){*,*::before,*::after{animation:none!important;transition:none!important}}
`;
