// The dashboard: a hash router over views that read the REST API.
import { api, SignInNeeded, signOut } from './api.js';
import { h, errorBox } from './dom.js';
import { signInView } from './views/signin.js';
import { overviewView } from './views/overview.js';
import { repositoriesView } from './views/repositories.js';
import { alertsView, alertView } from './views/alerts.js';
import { attackPathsView, attackPathView } from './views/attack-paths.js';
import { targetsView } from './views/targets.js';
import { explorerView } from './views/explorer.js';
import { inventoryView } from './views/inventory.js';
import { healthView } from './views/health.js';
import { notificationsView } from './views/notifications.js';
import { remediationView } from './views/remediation.js';

const routes = [
  [/^\/$/, overviewView, 'Overview'],
  [/^\/repositories$/, repositoriesView, 'Repositories'],
  [/^\/alerts$/, alertsView, 'Alerts'],
  [/^\/alerts\/(\d+)$/, alertView, 'Alert'],
  [/^\/attack-paths$/, attackPathsView, 'Attack paths'],
  [/^\/attack-paths\/(\d+)$/, attackPathView, 'Attack path'],
  [/^\/targets$/, targetsView, 'Targets'],
  [/^\/explorer$/, explorerView, 'Explorer'],
  [/^\/inventory$/, inventoryView, 'Inventory'],
  [/^\/health$/, healthView, 'Health'],
  [/^\/notifications$/, notificationsView, 'Notifications'],
  [/^\/remediation$/, remediationView, 'Remediation'],
];

let caller = null;

/** Counts navigations: a view whose answer comes after a newer navigation began is thrown away. */
let navigation = 0;

/** The current address: '#/alerts?state=open' is path '/alerts' and params {state: 'open'}. */
function location() {
  const [path, search = ''] = (window.location.hash.slice(1) || '/').split('?');
  return { path, params: Object.fromEntries(new URLSearchParams(search)) };
}

export function navigate(path, params = {}) {
  const search = new URLSearchParams(params).toString();
  window.location.hash = `#${path}${search ? `?${search}` : ''}`;
}

/** What a view returned, as nodes: null, undefined and false (an absent part) become nothing, not text. */
function nodes(content) {
  return [content].flat(Infinity).filter(node => node !== null && node !== undefined && node !== false);
}

async function render() {
  const request = ++navigation;
  const address = window.location.hash || '#/';
  const stale = () => {
    if (request === navigation) return false;
    console.debug(`leakpath: discarded the late answer of ${address}`);
    return true;
  };
  const main = document.getElementById('main');
  const { path, params } = location();
  const route = routes.find(([pattern]) => pattern.test(path));
  for (const link of document.querySelectorAll('.top nav a')) {
    const target = link.getAttribute('href').slice(1);
    if (target === path || (target !== '/' && path.startsWith(`${target}/`))) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  try {
    if (!caller) caller = await api('/api/v1/me');
    if (request !== navigation) return;
    showCaller();
    if (!route) {
      main.replaceChildren(h('h1', {}, 'Not found'), h('p', {}, 'No such page. ', h('a', { href: '#/' }, 'Overview')));
      return;
    }
    const [pattern, view, title] = route;
    document.title = `${title} · leakpath`;
    main.replaceChildren(h('h1', {}, title), h('p', { class: 'muted' }, 'Loading…'));
    const content = await view({ params, match: path.match(pattern), caller, navigate });
    if (stale()) return;
    main.replaceChildren(...nodes(content));
  } catch (error) {
    if (stale()) return;
    if (error instanceof SignInNeeded) {
      caller = null;
      showCaller();
      document.title = 'Sign in · leakpath';
      const signIn = await signInView(() => render());
      if (!stale()) main.replaceChildren(signIn);
    } else {
      main.replaceChildren(h('h1', {}, route?.[2] ?? 'Error'), errorBox(error.message));
    }
  }
  main.focus();
}

function showCaller() {
  const box = document.getElementById('caller');
  if (!caller) {
    box.replaceChildren();
    return;
  }
  const scope = caller.organizations ? ` · ${caller.organizations.join(', ')}` : '';
  box.replaceChildren(h('span', {}, `${caller.name} (${caller.roles.join(', ') || 'no role'}${scope})`),
    h('button', { type: 'button', onclick: async () => { await signOut(); caller = null; render(); } }, 'Sign out'));
}

window.addEventListener('hashchange', render);
render();
