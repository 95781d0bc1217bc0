/**
 * A board's page of threads for HTML and JSON: the board, its threads with the viewer's "N new",
 * and page links. The first MAX_NUMBERED_PAGES pages are numbered; past them the links are
 * keyset places (older, newer, the last page), which is what keeps a deep page as cheap as the first.
 */
import { BoardPageRows, BoardThreadRow, MAX_NUMBERED_PAGES } from '../read/boardPages';
import { PageLink, paginate, Pagination, presentThreadSummary, ThreadSummaryView } from './forum';
import { unreadOf, UnreadView } from './reading';
import { boardPlaceUrl, boardUrl, newThreadUrl } from './urls';

export interface BoardPageView {
  board: { name: string; description: string; url: string; threadCount: number; staffOnlyThreads: boolean; isQa: boolean; newThreadUrl: string };
  threads: ThreadSummaryView[];
  /** "N new" beside each thread, in the threads' order (null: nothing new, or never opened). */
  unreadMarks: Array<UnreadView | null>;
  pagination: Pagination;
}

const cursorOf = (thread: BoardThreadRow) => ({ at: thread.lastPostAt, id: thread.id });

/** A keyset place's marker among the page links: it has no number, only where it is. */
function keysetLabel(place: BoardPageRows['place']): string {
  return place.kind === 'oldest' ? 'Last page' : `Past page ${MAX_NUMBERED_PAGES}`;
}

/** The first and the last numbered page (those there are), then where the reader is. */
function keysetLinks(slug: string, pageCount: number, here: PageLink): Array<PageLink | null> {
  const lastNumbered = Math.min(pageCount, MAX_NUMBERED_PAGES);
  const links: Array<PageLink | null> = [{ number: 1, url: boardUrl(slug), current: false }];
  if (lastNumbered > 2) links.push(null);
  if (lastNumbered > 1) links.push({ number: lastNumbered, url: boardUrl(slug, lastNumbered), current: false });
  links.push(null, here);
  return links;
}

function boardPagination({ board, threads, place, pageCount, hasNewer, hasOlder }: BoardPageRows, currentUrl: string): Pagination {
  const slug = board.slug;
  const last = threads[threads.length - 1];
  const olderUrl = hasOlder && last ? boardPlaceUrl(slug, { kind: 'older', than: cursorOf(last) }) : null;
  const lastUrl = pageCount > MAX_NUMBERED_PAGES && place.kind !== 'oldest' ? boardPlaceUrl(slug, { kind: 'oldest' }) : null;
  if (place.kind === 'page') {
    const numbered = paginate(place.page, Math.min(pageCount, MAX_NUMBERED_PAGES), (n) => boardUrl(slug, n));
    // The last numbered page's "Next" continues by keyset.
    return { ...numbered, pageCount, nextUrl: numbered.nextUrl ?? olderUrl, lastUrl };
  }
  const first = threads[0];
  return {
    page: null,
    pageCount,
    previousUrl: hasNewer && first ? boardPlaceUrl(slug, { kind: 'newer', than: cursorOf(first) }) : boardUrl(slug),
    nextUrl: olderUrl,
    links: keysetLinks(slug, pageCount, { number: null, url: currentUrl, current: true, label: keysetLabel(place) }),
    lastUrl,
  };
}

export function presentBoardPage(data: BoardPageRows): BoardPageView {
  const { board, threads, now, place } = data;
  return {
    board: {
      name: board.name,
      description: board.description,
      url: boardUrl(board.slug),
      threadCount: board.threadCount - board.hiddenThreadCount,
      staffOnlyThreads: board.staffOnlyThreads,
      isQa: board.isQa,
      newThreadUrl: newThreadUrl(board.slug),
    },
    threads: threads.map((thread) => presentThreadSummary(thread, now)),
    unreadMarks: threads.map((thread) => (thread.viewerPosition === null ? null : unreadOf(thread, thread.viewerPosition))),
    pagination: boardPagination(data, place.kind === 'page' ? boardUrl(board.slug, place.page) : boardPlaceUrl(board.slug, place)),
  };
}
