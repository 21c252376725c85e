import { useState } from 'preact/hooks';
import { useConsole } from './context';

/** The cursors of the pages seen: the API pages by keyset (`next`), so going back is a stack. */
export function useCursorPages() {
  const [cursors, setCursors] = useState<string[]>([]);
  return {
    cursor: cursors.at(-1),
    onFirst: cursors.length === 0,
    reset: () => setCursors([]),
    /** Follows a page's `next` link (an API path whose `cursor` parameter names the next page). */
    follow: (next: string | undefined) => {
      const cursor = next ? new URL(next, window.location.origin).searchParams.get('cursor') : null;
      if (cursor) setCursors([...cursors, cursor]);
    },
  };
}

export function CursorPager({
  label,
  pages,
  next,
}: {
  label: string;
  pages: ReturnType<typeof useCursorPages>;
  next: string | undefined;
}) {
  const { t } = useConsole();
  return (
    <nav class="pager" aria-label={label}>
      <button type="button" disabled={pages.onFirst} onClick={pages.reset}>
        {t('firstPage')}
      </button>
      <button type="button" disabled={!next} onClick={() => pages.follow(next)}>
        {t('nextPage')}
      </button>
    </nav>
  );
}
