// The app of the static host pages (Bootstrap, Tailwind preflight, 62.5% rem, hostile CSS
// and JS, script twice, plain): a small History API router, as many apps without a
// framework have. Every host page offers the same controls (see ../journeys.ts):
// #nav-home, #nav-projects, #nav-settings (client-side routes), h1#title (the route's
// name), #search, #create-project (shows #project-card), #connect and #publish.
(function () {
  var base = location.pathname.replace(/^(\/h\/[^/]+\/).*$/, '$1');
  var names = { '': 'Home', projects: 'Projects', settings: 'Settings' };
  function render() {
    var route = location.pathname.slice(base.length);
    document.getElementById('title').textContent = names[route] || 'Not found';
    document.title = (names[route] || 'Not found') + ' · Acme';
  }
  document.addEventListener('click', function (e) {
    var link = e.target.closest && e.target.closest('a[data-route]');
    if (link) {
      e.preventDefault();
      history.pushState({}, '', base + link.getAttribute('data-route'));
      render();
    }
    var id = e.target.closest && e.target.closest('button[id]') && e.target.closest('button[id]').id;
    if (id == 'create-project') {
      sabu.track('Project Created', { tags: ['alpha', 'beta'] });
      if (!document.getElementById('project-card')) {
        var card = document.createElement('p');
        card.id = 'project-card';
        card.textContent = 'Project created.';
        document.querySelector('main').append(card);
      }
    }
    if (id == 'publish') sabu.track('Report Published');
  });
  addEventListener('popstate', render);
  document.readyState == 'loading' ? document.addEventListener('DOMContentLoaded', render) : render();
})();
