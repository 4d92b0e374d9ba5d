/**
 * Styles of hotspots, banners and announcements (with the tour's TOUR_CSS for tips and
 * dialogs). The beacon pulses only without `prefers-reduced-motion` (base CSS stops
 * animations). A fixed banner spans the viewport's width; an inline one is in the page flow.
 */
export const GUIDE_CSS = `
.beacon{position:fixed;left:0;top:0;width:24px;height:24px;border-radius:50%;display:grid;place-items:center;z-index:1}
.beacon i{width:12px;height:12px;border-radius:50%;background:var(--p);box-shadow:0 0 0 3px var(--bg)}
.beacon::before{content:"";position:absolute;inset:2px;border-radius:50%;background:var(--p);opacity:.45;animation:beacon 1.6s ease-out infinite}
@keyframes beacon{from{transform:scale(.5);opacity:.6}to{transform:scale(1.6);opacity:0}}
.banner{position:fixed;left:0;right:0;display:flex;align-items:center;gap:10px;flex-wrap:wrap;padding:10px 16px;background:var(--p);color:var(--pt);box-shadow:0 2px 12px rgba(0,0,0,.18);z-index:1}
.banner.top{top:0}
.banner.bottom{bottom:0}
.banner.inline{position:static;box-shadow:none}
.banner p{flex:1 1 200px;margin:0;overflow-wrap:anywhere}
.banner a{color:inherit}
.banner .btn{background:var(--pt);color:var(--p);text-decoration:none}
.banner .x{color:inherit}
.tip .act{text-decoration:none;display:inline-block}
`;

/** An inline banner's own host, in the page flow instead of fixed over it (after BASE_CSS, so these win). */
export const INLINE_HOST_CSS = `:host{position:relative!important;display:block!important;inset:auto!important;max-width:none!important;z-index:auto!important}`;
