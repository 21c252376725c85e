import { useEffect, useState } from 'preact/hooks';

/** Pages are addressed by the URL's fragment (`#/person/s-1`): the server serves one page. */
export function currentRoute(): string[] {
  const path = window.location.hash.replace(/^#/, '') || '/find';
  return path
    .split('?')[0]
    .split('/')
    .filter(Boolean)
    .map((part) => decodeURIComponent(part));
}

export function navigate(path: string): void {
  window.location.hash = path;
}

export function useRoute(): string[] {
  const [route, setRoute] = useState(currentRoute());
  useEffect(() => {
    const changed = () => setRoute(currentRoute());
    window.addEventListener('hashchange', changed);
    return () => window.removeEventListener('hashchange', changed);
  }, []);
  return route;
}
