// The example app's own logic. Everything Sabu-specific is a sabu.* call or a
// data-sabu-feature attribute in index.html.
const $ = (id) => document.getElementById(id);
const USER_KEY = 'acme.user';

function show(user) {
  $('signup').hidden = !!user;
  $('app').hidden = !user;
  $('who').textContent = user ? `${user.name} · ${user.company} (${user.plan})` : '';
  route();
}

function route() {
  const view = location.hash.replace('#/', '') || 'projects';
  for (const v of document.querySelectorAll('.view')) v.hidden = v.id != `view-${view}`;
}

$('signup-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const f = new FormData(e.target);
  const slug = (s) => String(s).toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'x';
  const user = {
    id: `${slug(f.get('name'))}-${Math.random().toString(36).slice(2, 8)}`,
    name: String(f.get('name')),
    company: String(f.get('company')),
    plan: String(f.get('plan')),
    createdAt: new Date().toISOString(),
  };
  localStorage.setItem(USER_KEY, JSON.stringify(user));
  // identify() links everything this browser did anonymously to the new user.
  sabu.identify(user.id, { name: user.name, plan: user.plan, created_at: user.createdAt });
  sabu.group(slug(user.company), { name: user.company, plan: user.plan });
  sabu.track('Signed Up', { plan: user.plan });
  location.hash = '#/projects';
  show(user);
});

$('sign-out').addEventListener('click', () => {
  localStorage.removeItem(USER_KEY);
  sabu.reset();
  show(null);
});

let projects = 0;
$('create-project').addEventListener('click', () => {
  projects++;
  const li = document.createElement('li');
  li.textContent = `Project ${projects}`;
  $('projects').append(li);
  sabu.track('Project Created', { n: projects });
});

const steps = [
  ['choose-source', 'Source Chosen'],
  ['authorize', 'Source Authorized'],
  ['map-fields', 'Fields Mapped'],
];
for (const [id, event] of steps) {
  $(id).addEventListener('click', () => {
    sabu.track(event);
    $('data-status').textContent = `${event}.`;
  });
}

$('publish-report').addEventListener('click', () => {
  // The value moment: the SDK turns the first one into `First Value Reached`.
  sabu.track('Report Published', { sample: false });
  $('report-status').textContent = 'Report published.';
});

addEventListener('hashchange', route);
show(JSON.parse(localStorage.getItem(USER_KEY) || 'null'));
