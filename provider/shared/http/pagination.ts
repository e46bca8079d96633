/**
 * Cursor-agnostic pagination: each cloud says how to fetch one page and where the next one is;
 * this walks every page, so "find the key named X" never stops at page one.
 */

export interface Page<TItem, TCursor> {
  items: TItem[];
  /** Cursor of the next page, or undefined on the last page. */
  next?: TCursor;
}

/** Hard stop against a server that keeps returning a next cursor forever. */
const MAX_PAGES = 10_000;

/** Yields every page, following `next` until the last page. */
export async function* pages<TItem, TCursor>(
  first: TCursor,
  fetchPage: (cursor: TCursor) => Promise<Page<TItem, TCursor>>,
): AsyncGenerator<Page<TItem, TCursor>> {
  let cursor: TCursor | undefined = first;
  for (let count = 0; cursor !== undefined && count < MAX_PAGES; count++) {
    const page: Page<TItem, TCursor> = await fetchPage(cursor);
    yield page;
    cursor = page.next;
  }
}

/** Yields items page by page, following `next` until the last page. */
export async function* paginate<TItem, TCursor>(
  first: TCursor,
  fetchPage: (cursor: TCursor) => Promise<Page<TItem, TCursor>>,
): AsyncGenerator<TItem> {
  for await (const page of pages(first, fetchPage)) yield* page.items;
}

/** Whether any item matches; stops at the first page that has one. */
export async function anyItem<TItem, TCursor>(
  first: TCursor,
  fetchPage: (cursor: TCursor) => Promise<Page<TItem, TCursor>>,
  predicate: (item: TItem) => boolean,
): Promise<boolean> {
  for await (const item of paginate(first, fetchPage)) if (predicate(item)) return true;
  return false;
}

/** Every item that matches, across all pages. */
export async function findAll<TItem, TCursor>(
  first: TCursor,
  fetchPage: (cursor: TCursor) => Promise<Page<TItem, TCursor>>,
  predicate: (item: TItem) => boolean,
): Promise<TItem[]> {
  const found: TItem[] = [];
  for await (const item of paginate(first, fetchPage)) if (predicate(item)) found.push(item);
  return found;
}
