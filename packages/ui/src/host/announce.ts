/**
 * Screen-reader announcements through one polite live region per widget box (inside the
 * shadow root, which Chromium, Firefox and Safari read). The text is set after a tick so
 * that repeating a message is announced again.
 */
export function createAnnouncer(box: HTMLElement): (text: string) => void {
  const region = document.createElement('div');
  region.className = 'sr';
  region.setAttribute('role', 'status');
  region.setAttribute('aria-live', 'polite');
  box.after(region);
  return (text) => {
    region.textContent = '';
    setTimeout(() => (region.textContent = text), 50);
  };
}
