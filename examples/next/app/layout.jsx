// A server component: it renders the page shell and hands the collector's address to the
// client component that starts Sabu. Nothing here runs in the browser or imports Sabu.
import Link from 'next/link';
import { connection } from 'next/server';
import { Providers } from './providers';
import { Toolbar } from './toolbar';

export const metadata = { title: 'Acme · Next.js + Sabu' };

export default async function RootLayout({ children }) {
  // Read at request time, not baked in at build time: the collector's URL is deployment config.
  await connection();
  const endpoint = process.env.SABU_ENDPOINT || 'http://127.0.0.1:4318/v1/batch';
  const writeKey = process.env.SABU_WRITE_KEY || 'demo_write_key_local';
  return (
    <html lang="en">
      <body style={{ font: '16px/1.5 system-ui, sans-serif', maxWidth: '40rem', margin: '2rem auto', padding: '0 1rem' }}>
        <Providers endpoint={endpoint} writeKey={writeKey}>
          <nav aria-label="Main" style={{ display: 'flex', gap: '1rem' }}>
            <Link id="nav-home" href="/">Home</Link>
            <Link id="nav-reports" href="/reports">Reports</Link>
            <Link id="nav-settings" href="/settings">Settings</Link>
            <Toolbar />
          </nav>
          <main>{children}</main>
        </Providers>
      </body>
    </html>
  );
}
