import { StrictMode, act, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { BrowserRouter, Link, Route, Routes, useLocation, useNavigate } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { freshSabu } from './setup';

let root: Root | undefined;
let el: HTMLElement;
beforeEach(() => {
  el = document.body.appendChild(document.createElement('div'));
  vi.spyOn(console, 'warn').mockImplementation(() => {});
});
afterEach(() => {
  act(() => root?.unmount());
  root = undefined;
  el.remove();
  vi.restoreAllMocks();
});
const render = (node: ReactNode) => act(() => (root ??= createRoot(el)).render(node));
const click = (text: string) =>
  act(() => [...el.querySelectorAll('a')].find((a) => a.textContent == text)!.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, button: 0 })));

/** A React Router app: three routes, links between them, and a filter that only changes the hash. */
async function app(trackPages: boolean | undefined) {
  const s = await freshSabu();
  const { SabuProvider, useSabuPageViews } = s.binding;
  let navigate: ReturnType<typeof useNavigate>;
  function PageViews() {
    useSabuPageViews(useLocation());
    navigate = useNavigate();
    return null;
  }
  const Page = ({ name }: { name: string }) => <h1>{name}</h1>;
  await render(
    <StrictMode>
      <SabuProvider config={{ writeKey: 'wk_test_0001_public', endpoint: '/v1/batch', ...(trackPages == null ? {} : { trackPages }) }}>
        <BrowserRouter>
          <PageViews />
          <nav>
            <Link to="/">Home</Link> <Link to="/projects">Projects</Link> <Link to="/projects?sort=new">Newest</Link>
          </nav>
          <Routes>
            <Route path="/" element={<Page name="Home" />} />
            <Route path="/projects" element={<Page name="Projects" />} />
          </Routes>
        </BrowserRouter>
      </SabuProvider>
    </StrictMode>,
  );
  const journey = async () => {
    click('Projects');
    click('Projects'); // the same route again: React Router pushes, but it is the same page
    await act(async () => void navigate('#section')); // a hash alone: the same page
    click('Newest'); // another search: another page
    click('Home');
    await act(async () => history.back()); // back to /projects?sort=new (popstate)
    await new Promise((r) => setTimeout(r, 20));
  };
  return { ...s, journey };
}

describe('useSabuPageViews with React Router', () => {
  const expected = ['page:/', 'page:/projects', 'page:/projects?sort=new', 'page:/', 'page:/projects?sort=new'];

  it('with trackPages: false, counts the landing page and each route change once, under StrictMode', async () => {
    const { journey, sent } = await app(false);
    await journey();
    expect(await sent()).toEqual(expected);
  });

  it('with the SDK counting pages itself (the default), stays inert: no page view is doubled', async () => {
    const { journey, sent } = await app(undefined);
    await journey();
    // One page view per URL change, from the SDK alone. Its history watcher cannot tell an
    // in-page anchor (#section) from a hash router's route, so it counts that one too;
    // the router can, which is why the hook exists.
    expect(await sent()).toEqual(['page:/', 'page:/projects', 'page:/projects', 'page:/projects?sort=new', 'page:/', 'page:/projects?sort=new']);
    expect(console.warn).toHaveBeenCalledWith(expect.stringContaining('useSabuPageViews: the SDK counts route changes itself'));
  });

  it('takes a path string too (Next.js: usePathname() and the search params), each distinct one counted once', async () => {
    const s = await freshSabu();
    const { SabuProvider, useSabuPageViews } = s.binding;
    const PageViews = ({ route }: { route: string }) => (useSabuPageViews(route), null);
    const at = (route: string) => {
      history.pushState(null, '', route); // what Next's router does before rendering
      return render(<StrictMode><SabuProvider config={{ writeKey: 'wk_test_0001_public', endpoint: '/v1/batch', trackPages: false }}><PageViews route={route} /></SabuProvider></StrictMode>);
    };
    await at('/');
    await at('/docs');
    await at('/docs'); // a re-render on the same route
    await at('/docs?tab=api');
    expect(await s.sent()).toEqual(['page:/', 'page:/docs', 'page:/docs?tab=api']);
  });

  it('stops counting when the component using it unmounts', async () => {
    const { sent, binding } = await app(false);
    act(() => root!.unmount());
    root = undefined;
    history.pushState(null, '', '/elsewhere');
    expect(await sent()).toEqual(['page:/']);
    expect(binding).toBeDefined();
  });
});
