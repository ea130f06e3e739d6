import { api, useToken } from '../api.js';
import { h, errorBox } from '../dom.js';

/** Single sign-on when the server has it, and an API token for everyone (the demo logs one). */
export async function signInView(signedIn) {
  const options = await fetch('/auth/options').then(response => response.json()).catch(() => ({}));
  const failed = new URLSearchParams(window.location.search).get('signin') === 'failed';
  const message = h('div', { 'aria-live': 'polite' }, failed ? errorBox('Single sign-on failed; the server log says why.') : null);
  const token = h('input', { id: 'api-token', name: 'token', type: 'password', autocomplete: 'off', required: true });
  const form = h('form', {},
    h('label', { for: 'api-token' }, 'API token', token),
    h('button', { type: 'submit' }, 'Sign in with token'));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    useToken(token.value.trim());
    try {
      await api('/api/v1/me');
      signedIn();
    } catch {
      useToken(null);
      message.replaceChildren(errorBox('That token was not accepted.'));
      token.focus();
    }
  });
  return h('section', { class: 'signin card' },
    h('h1', {}, 'Sign in to leakpath'),
    options.oidc ? h('p', {}, h('a', { href: options.oidcLoginUrl, class: 'button' }, 'Sign in with single sign-on')) : null,
    message, form,
    h('p', { class: 'muted' }, 'The token is kept in this browser tab only.'));
}
