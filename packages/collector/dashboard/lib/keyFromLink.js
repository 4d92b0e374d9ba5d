// A dashboard link may carry a read key (`npm start` prints one). Taking it silently would
// let any link swap the stored key to another project, and the next person would read
// someone else's numbers believing they are theirs (issue 11, item 8): when it differs
// from the key already stored, the page asks first.
import { getKey, getProject, setKey } from './api.js';

/**
 * Takes `?key=` out of the address bar (and the history), and stores it when there is no
 * key yet, or when the user agrees to switch. Resolves once settled.
 */
export async function takeKeyFromLink() {
  const url = new URL(location.href);
  const linked = url.searchParams.get('key');
  if (linked == null) return;
  url.searchParams.delete('key');
  history.replaceState(null, '', url);
  const stored = getKey();
  if (!linked || linked == stored) return;
  if (!stored) return setKey(linked);
  const [current, next] = await Promise.all([getProject(stored), getProject(linked)]);
  if (await askToSwitch(current, next)) setKey(linked);
}

/** Shows the confirm dialog (index.html `#key-dialog`); resolves true for "switch". */
function askToSwitch(current, next) {
  const dialog = document.getElementById('key-dialog');
  const name = (p) => (p ? `“${p.name}”` : null);
  dialog.querySelector('#key-dialog-text').textContent = [
    next ? `This link opens the dashboard of project ${name(next)}.` : 'This link carries a read key this collector does not know.',
    current ? `You are viewing ${name(current)}.` : 'A read key is already stored in this browser.',
    'Switch to the key from the link? It replaces the stored key in this browser.',
  ].join(' ');
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => resolve(dialog.returnValue == 'switch'), { once: true });
    dialog.returnValue = 'keep';
    dialog.showModal();
    // The safe choice has focus: Enter or Escape keeps the current key.
    dialog.querySelector('button[value=keep]').focus();
  });
}
