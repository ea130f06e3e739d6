// Pages of a listing by the API's cursor. The cursor and the page size ride in the page address
// ('#/attack-paths?risk=high&cursor=…'), so each page can be bookmarked and the browser's Back returns to
// the page before.
import { query } from './api.js';
import { h } from './dom.js';

/** The API query of a view: its filters from the address, the address's page size or the view's own. */
export function pageQuery(params, limit) {
  return query({ limit, ...params });
}

/** Links to the first page (when this is a later one) and to the next (when the API gave a cursor). */
export function pager(path, params, nextCursor, noun) {
  const { cursor, ...filters } = params;
  const links = [];
  if (cursor) links.push(h('a', { href: `#${path}${query(filters)}`, class: 'first-page' }, `← First ${noun}`));
  if (nextCursor) {
    links.push(h('a', { href: `#${path}${query({ ...filters, cursor: nextCursor })}`, class: 'next-page', rel: 'next' },
      `More ${noun} →`));
  }
  return links.length ? h('nav', { class: 'pager', 'aria-label': `Pages of ${noun}` }, links) : null;
}

/** True when the address filters the list: an empty list then means no match, not nothing set up. */
export function filtered(params) {
  const { cursor, limit, ...filters } = params;
  return Object.keys(filters).length > 0;
}
