// Talks to the REST API: with the API token the user typed in (kept for this tab only), or with the
// session cookie of an OpenID Connect sign-in, which also needs the CSRF token for changes.

const TOKEN_KEY = 'leakpath.apiToken';

export class SignInNeeded extends Error {}

export function useToken(token) {
  if (token) sessionStorage.setItem(TOKEN_KEY, token);
  else sessionStorage.removeItem(TOKEN_KEY);
}

export function hasToken() {
  return sessionStorage.getItem(TOKEN_KEY) !== null;
}

function csrfToken() {
  const cookie = document.cookie.split('; ').find(part => part.startsWith('XSRF-TOKEN='));
  return cookie ? decodeURIComponent(cookie.slice('XSRF-TOKEN='.length)) : null;
}

export async function api(path, { method = 'GET', body } = {}) {
  const headers = { Accept: 'application/json' };
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (token) headers.Authorization = `Bearer ${token}`;
  else if (method !== 'GET' && csrfToken()) headers['X-XSRF-TOKEN'] = csrfToken();
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(path, {
    method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 401) throw new SignInNeeded();
  const json = response.status === 204 ? null : await response.json().catch(() => null);
  if (!response.ok) {
    throw new Error(json?.detail ?? `${method} ${path} answered ${response.status}`);
  }
  return json;
}

export function query(params) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(name, value);
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

export async function signOut() {
  if (hasToken()) {
    useToken(null);
  } else {
    await fetch('/logout', { method: 'POST', credentials: 'same-origin', headers: { 'X-XSRF-TOKEN': csrfToken() ?? '' } });
  }
}
