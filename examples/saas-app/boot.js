// The Sabu snippet: calls made before sabu.min.js has loaded are queued with their time.
!function(w,n){var s=w[n]=w[n]||{q:[]};if(s.q)["init","identify","group","track","page","reset","flush","optOut","optIn","consent","feature"].forEach(function(m){s[m]=s[m]||function(){s.q.push([m,[].slice.call(arguments),Date.now()])}})}(window,"sabu");

// Options beyond the script tag's data- attributes: the value moment for time to value
// (the collector's TTV report reads the `First Value Reached` it produces) and a flow.
sabu.init({
  value: { event: 'Report Published', cohortBy: 'plan' },
  flows: [
    {
      id: 'connect-data',
      name: 'Connect a data source',
      steps: [
        { id: 'choose-source', event: 'Source Chosen' },
        { id: 'authorize', event: 'Source Authorized' },
        { id: 'map-fields', event: 'Fields Mapped' },
      ],
    },
  ],
});
