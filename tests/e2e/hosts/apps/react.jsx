// React 19 + React Router 7 host: client-side routes under /h/react/ and a todo composer
// that takes focus on load (autoFocus), as search-first and chat apps do. The controls
// are the ones every host page offers (see ../journeys.ts).
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Link, Route, Routes, useLocation } from 'react-router';

const track = (event, properties) => window.sabu.track(event, properties);
const NAMES = { '/': 'Home', '/projects': 'Projects', '/settings': 'Settings' };

function Title() {
  const name = NAMES[useLocation().pathname] ?? 'Not found';
  document.title = name + ' · Acme';
  return <h1 id="title">{name}</h1>;
}

function Todos() {
  const [todos, setTodos] = useState([]);
  const [text, setText] = useState('');
  const add = (e) => {
    e.preventDefault();
    if (text.trim()) setTodos([...todos, text.trim()]);
    setText('');
  };
  return (
    <form onSubmit={add}>
      <label htmlFor="composer">New todo</label>
      <input id="composer" autoFocus autoComplete="off" value={text} onChange={(e) => setText(e.target.value)} placeholder="What needs to be done?" />
      <ul>{todos.map((t, i) => <li key={i}>{t}</li>)}</ul>
    </form>
  );
}

function App() {
  const [created, setCreated] = useState(false);
  const create = () => (track('Project Created', { tags: ['alpha', 'beta'] }), setCreated(true));
  return (
    <>
      <header>
        <nav aria-label="Main">
          <Link id="nav-home" to="/">Home</Link> · <Link id="nav-projects" to="/projects">Projects</Link> ·{' '}
          <Link id="nav-settings" to="/settings">Settings</Link>
        </nav>
      </header>
      <main>
        <Routes>
          <Route path="*" element={<Title />} />
        </Routes>
        <Todos />
        <label htmlFor="search">Search</label> <input id="search" type="search" />
        <div>
          <button id="create-project" type="button" onClick={create}>Create project</button>
          <button id="connect" type="button">Connect data source</button>
          <button id="publish" type="button" onClick={() => track('Report Published')}>Publish report</button>
        </div>
        {created && <p id="project-card">Project created.</p>}
      </main>
    </>
  );
}

createRoot(document.getElementById('root')).render(
  <StrictMode>
    <BrowserRouter basename="/h/react">
      <App />
    </BrowserRouter>
  </StrictMode>,
);
