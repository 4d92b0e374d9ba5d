/**
 * The highlight around an element of the page and the hint bubble beside it: shared by the
 * checklist (an item's "Start") and playbooks (a hint after friction). `in` is the
 * entrance animation, off under reduced motion (base CSS).
 */
export const HINT_CSS = `
@keyframes in{from{opacity:0;transform:translateY(8px)}}
.ring-hl{position:fixed;pointer-events:none;border:3px solid var(--sabu-focus,#c2410c);border-radius:8px;box-shadow:0 0 0 9999px rgba(0,0,0,.12);animation:in .2s}
.hint{position:fixed;max-width:min(288px,calc(100vw - 16px));background:var(--fg);color:var(--bg);padding:.6em .8em;border-radius:calc(var(--r)/2);box-shadow:0 6px 20px rgba(0,0,0,.25);display:flex;gap:.5em;align-items:flex-start}
.hint button{color:inherit}
`;
