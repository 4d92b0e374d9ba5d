import { chromium } from 'playwright-core';
import http from 'node:http';
import { readFileSync } from 'node:fs';
const sdk = readFileSync(process.env.SDK || 'packages/sdk/dist/sabu.min.js', 'utf8');
const wrap = `<script>
window.__calls=[];const W=(o,k,n)=>{const f=o[k];if(typeof f!='function')return;o[k]=function(...a){__calls.push(n);return f.apply(this,a)}};
W(navigator.locks,'request','locks.request');W(navigator.locks,'query','locks.query');W(indexedDB,'open','idb.open');
const BC=window.BroadcastChannel;window.BroadcastChannel=function(n){__calls.push('BC');return new BC(n)};
const PO=window.PerformanceObserver;
const MO=window.MutationObserver;window.MutationObserver=function(c){__calls.push('MO');return new MO(c)};
W(window,'requestIdleCallback','ric');W(crypto,'randomUUID','uuid');W(window,'fetch','fetch');W(Storage.prototype,'getItem','ls.get');W(Storage.prototype,'setItem','ls.set');W(window,'addEventListener','wAEL');W(document,'addEventListener','dAEL');
</script>`;
const block = process.env.BLOCK || '';
const srv = http.createServer((q, r) => {
  if (q.url.startsWith('/sdk.js')) { r.setHeader('content-type','text/javascript'); return r.end(sdk); }
  if (q.url.startsWith('/v1')) { r.setHeader('access-control-allow-origin','*'); r.setHeader('access-control-allow-headers','*'); return r.end('{}'); }
  r.setHeader('content-type','text/html');
  r.end(`<!doctype html><body>x${q.url.includes('wrap')?wrap:''}<script>${block}</script><script src="/sdk.js"></script><script>if(!location.search.includes('noinit'))sabu.init({ writeKey: 'wk_test', endpoint: location.origin + '/v1/batch', trackPages: false, signals: { webVitals: false } });</script></body>`);
}).listen(0, '127.0.0.1');
await new Promise(r => srv.on('listening', r));
const base = `http://127.0.0.1:${srv.address().port}/`;
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox','--disable-gpu','--disable-background-networking','--disable-component-update','--no-first-run'] });
{
  const ctx = await b.newContext(); const p = await ctx.newPage(); await p.goto(base + 'wrap'); await new Promise(r=>setTimeout(r,1500));
  console.log('calls:', JSON.stringify(await p.evaluate(() => { const m={}; for (const c of __calls) m[c]=(m[c]||0)+1; return m; })));
  await ctx.close();
}
const vals = [];
for (let i = 0; i < 3; i++) {
  const ctx = await b.newContext(); const p = await ctx.newPage(); await p.goto(base + (process.env.Q||'')); await new Promise(r=>setTimeout(r,1000));
  const cdp = await ctx.newCDPSession(p);
  await cdp.send('HeapProfiler.collectGarbage'); vals.push(((await cdp.send('Runtime.getHeapUsage')).usedSize/1024).toFixed(1)); await ctx.close();
}
console.log('heap', vals.join(' '));
await b.close(); srv.close();
