// Sabu's documented snippet (docs/sdk.md), verbatim: calls made before sabu.min.js loads are queued.
!function(w,n){var s=w[n]=w[n]||{q:[]};if(s.q)["init","identify","group","track","page","reset","flush","optOut","optIn","consent","feature","checklist","survey","playbook","tour"].forEach(function(m){s[m]=s[m]||function(){s.q.push([m,[].slice.call(arguments),Date.now()])}})}(window,"sabu");
