/**
 * The survey prompt's styles (adopted into the shared shadow root, so CSP-safe). Fits a
 * 360 px phone: the 11 NPS boxes share the width and stay at least 24 px wide (WCAG 2.5.8).
 */
export const SURVEY_CSS = `
.sv{position:relative;width:min(380px,calc(100vw - 2 * var(--sabu-offset-x,20px)));background:var(--bg);color:var(--fg);border:1px solid var(--bd);border-radius:var(--r);box-shadow:0 8px 30px rgba(0,0,0,.18);padding:16px 16px 14px;animation:sv-in .2s ease-out}
@keyframes sv-in{from{opacity:0;transform:translateY(8px)}}
.sv fieldset{border:0;margin:0;padding:0;min-width:0}
.sv legend,.sv .q{font-weight:600;padding:0 28px 10px 0;display:block}
:host([dir=rtl]) .sv legend,:host([dir=rtl]) .sv .q{padding:0 0 10px 28px}
.sv .x{position:absolute;top:8px;inset-inline-end:8px;width:28px;height:28px;line-height:1;font-size:20px}
.scale{display:flex;gap:3px}
.opt{position:relative;flex:1 1 0;min-width:24px}
.opt input{position:absolute;inset:0;width:100%;height:100%;margin:0;opacity:0;cursor:pointer}
.opt span{display:flex;align-items:center;justify-content:center;height:38px;border:1px solid var(--bd);border-radius:calc(var(--r)/2);font-variant-numeric:tabular-nums;pointer-events:none}
.opt:hover span{border-color:var(--p)}
.opt input:checked+span{background:var(--p);color:var(--pt);border-color:var(--p)}
.opt input:focus-visible+span{outline:3px solid var(--sabu-focus,#f59e0b);outline-offset:2px}
.ends{display:flex;justify-content:space-between;gap:8px;margin-top:6px;font-size:.85em;color:var(--mu)}
.sv textarea{display:block;width:100%;min-height:4.5em;margin:0 0 10px;padding:8px;font:inherit;color:var(--fg);background:var(--bg);border:1px solid var(--bd);border-radius:calc(var(--r)/2);resize:vertical}
.sv label.q{cursor:default}
.sv .row{display:flex;justify-content:flex-end;gap:8px}
.sv .done{margin:0;padding-inline-end:28px}
@media (max-width:400px){.sv{padding:14px 12px 12px}.scale{gap:2px}.opt span{font-size:.9em;letter-spacing:-.02em}}
`;
