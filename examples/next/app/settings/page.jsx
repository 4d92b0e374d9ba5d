// A server component with no Sabu code: the checklist's "Review your settings" ticks off
// when this route is shown (completeWhen.url).
export const metadata = { title: 'Settings · Acme' };

export default function Settings() {
  return <h1 id="title">Settings</h1>;
}
