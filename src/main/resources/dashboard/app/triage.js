// Triage from the dashboard. An action is a command: the API stores it and answers 202, a worker carries it
// out at GitHub or Azure DevOps, and the panel polls the command until no alert of it is pending, showing each
// alert's state (applied, failed with the provider's reason, or in conflict with what changed there).
import { api } from './api.js';
import { h, badge, external } from './dom.js';

const RESOLUTIONS = {
  resolve: ['revoked', 'fixed'],
  dismiss: ['false_positive', 'used_in_tests', 'wont_fix', 'accepted_risk'],
};

/** The secret types GitHub can revoke (POST /credentials/revoke). */
const REVOCABLE = new Set(['github_personal_access_token']);

const POLL_MS = 1000;

/** Whether the caller may triage alerts of this organisation: admins all, triagers theirs, viewers none. */
export function canTriage(caller, organization) {
  const roles = caller?.roles ?? [];
  if (roles.includes('admin')) return true;
  return roles.includes('triager')
    && (caller.triageOrganizations === null || caller.triageOrganizations.includes(organization));
}

/** The actions offered for these alerts: revoke only to admins, and only when every alert is revocable. */
function actionsFor(caller, alerts) {
  const actions = ['assign', 'resolve', 'dismiss', 'reopen'];
  const revocable = alerts.length > 0
    && alerts.every(alert => alert.provider === 'github' && REVOCABLE.has(alert.secretType));
  if ((caller?.roles ?? []).includes('admin') && revocable) actions.push('revoke');
  return actions;
}

/**
 * A triage form. {@code target} says what it acts on, or is a function that says so when the form is sent:
 * {alertId} for one alert, {alertIds} for a selection, or {filter} for every alert the list's filter matches;
 * {@code alerts} are the alerts known to the page, to decide whether revocation is offered.
 */
export function triagePanel(caller, target, alerts, { id = 'triage', title = 'Triage' } = {}) {
  const status = h('div', { class: 'triage-status', 'aria-live': 'polite' });
  const action = h('select', { name: 'action' },
    actionsFor(caller, alerts).map(name => h('option', { value: name }, name)));
  const resolution = h('select', { name: 'resolution' });
  const resolutionLabel = h('label', {}, 'Reason', resolution);
  const assignee = h('input', { name: 'assignee', placeholder: 'GitHub login' });
  const assigneeLabel = h('label', {}, 'Assignee', assignee);
  const comment = h('input', { name: 'comment', maxlength: 280 });
  const commentLabel = h('label', {}, 'Comment', comment);
  const submit = h('button', { type: 'submit' }, 'Send');
  const shown = () => {
    const choices = RESOLUTIONS[action.value];
    resolution.replaceChildren(...(choices ?? []).map(value => h('option', { value }, value)));
    resolutionLabel.hidden = !choices;
    assigneeLabel.hidden = action.value !== 'assign';
    commentLabel.hidden = action.value === 'assign' || action.value === 'revoke';
  };
  action.addEventListener('change', shown);
  shown();
  const form = h('form', { class: 'filters triage-form', id },
    h('label', {}, 'Action', action), resolutionLabel, assigneeLabel, commentLabel, submit);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const body = { action: action.value };
    if (RESOLUTIONS[action.value]) body.resolution = resolution.value;
    if (action.value === 'assign') body.assignee = assignee.value.trim();
    if (!commentLabel.hidden && comment.value.trim()) body.comment = comment.value.trim();
    if (action.value === 'revoke'
      && !window.confirm('Revoke at GitHub? The token stops working for whoever uses it, and this cannot be undone.')) {
      return;
    }
    submit.disabled = true;
    try {
      const chosen = typeof target === 'function' ? target() : target;
      const command = chosen.alertId !== undefined
        ? await api(`/api/v1/alerts/${chosen.alertId}/triage`, { method: 'POST', body })
        : await api('/api/v1/alerts/triage', { method: 'POST', body: { ...body, ...chosen } });
      await follow(command.id, status);
    } catch (error) {
      status.replaceChildren(h('p', { class: 'error', role: 'alert' }, error.message));
    } finally {
      submit.disabled = false;
    }
  });
  return h('section', { class: 'card triage' }, h('h2', {}, title), form, status);
}

/** Shows the command until none of its alerts is pending, or the panel leaves the page. */
async function follow(commandId, status) {
  for (;;) {
    const page = await api(`/api/v1/triage/${commandId}?limit=20`);
    status.replaceChildren(commandSummary(page));
    if (page.command.status === 'done' || !status.isConnected) return;
    await new Promise(resolve => setTimeout(resolve, POLL_MS));
  }
}

function commandSummary(page) {
  const { command, items } = page;
  const counts = Object.entries(command.counts).filter(([, count]) => count > 0)
    .map(([state, count]) => `${count} ${state}`).join(', ');
  return h('div', { class: 'triage-command', 'data-status': command.status },
    h('p', {}, badge(command.status, `triage-${command.status}`), ` ${command.action} of ${command.alerts} `
      + `alert${command.alerts === 1 ? '' : 's'}: ${counts}`),
    h('ul', { class: 'triage-items' }, items.map(item => h('li', { 'data-status': item.status },
      badge(item.status, `triage-${item.status}`), ` ${item.repository} #${item.providerAlertId}`,
      item.lastError ? ` — ${item.lastError}` : null, item.note ? ` — ${item.note}` : null,
      item.status === 'applied' && item.confirmed === false ? ' (the provider\'s next listing confirms it)' : null))));
}

/**
 * Suppressing alerts like this one: rules live in config, reviewed like code, so the panel tries a rule built
 * from the alert (its repository, a glob of its file's folder, its type) with the API's dry run and shows what it
 * would dismiss and the lines to add to leakpath.suppression.rules.
 */
export function suppressPanel(alert) {
  const path = alert.locations.find(location => location.path)?.path;
  const folder = path && path.includes('/') ? `${path.slice(0, path.lastIndexOf('/'))}/**` : path;
  const repositories = h('input', { name: 'repositories', value: alert.repository.fullName });
  const paths = h('input', { name: 'paths', value: folder ?? '' });
  const resolution = h('select', { name: 'resolution' },
    RESOLUTIONS.dismiss.map(value => h('option', { value, selected: value === 'used_in_tests' }, value)));
  const result = h('div', { class: 'suppress-result', 'aria-live': 'polite' });
  const form = h('form', { class: 'filters triage-form', id: 'suppress' },
    h('label', {}, 'Repositories (globs, comma-separated)', repositories),
    h('label', {}, 'Paths (globs, comma-separated)', paths),
    h('label', {}, 'Reason', resolution),
    h('button', { type: 'submit' }, 'Try the rule'));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const list = input => input.value.split(',').map(value => value.trim()).filter(Boolean);
    const rule = { name: 'dashboard-try', repositories: list(repositories), paths: list(paths), resolution: resolution.value };
    try {
      const answer = await api('/api/v1/suppression/dry-run', { method: 'POST', body: rule });
      const yaml = ['- name: <a name>', `  repositories: ${JSON.stringify(rule.repositories)}`,
        `  paths: ${JSON.stringify(rule.paths)}`, `  resolution: ${rule.resolution}`, '  comment: <why>'].join('\n');
      result.replaceChildren(
        h('p', { class: 'suppress-count' }, `It would dismiss ${answer.matches}${answer.more ? '+' : ''} open alert`
          + `${answer.matches === 1 ? '' : 's'} now, and those a rescan brings back.`),
        h('ul', {}, answer.alerts.slice(0, 10).map(match => h('li', {},
          h('a', { href: `#/alerts/${match.alertId}` }, `${match.repository} #${match.providerAlertId}`),
          match.path ? ` ${match.path}` : null))),
        h('p', { class: 'muted' }, 'To keep it, add it under leakpath.suppression.rules:'),
        h('pre', { class: 'mono' }, yaml));
    } catch (error) {
      result.replaceChildren(h('p', { class: 'error', role: 'alert' }, error.message));
    }
  });
  return h('section', { class: 'card triage' }, h('h2', {}, 'Suppress alerts like this'), form, result);
}

/** Opening a ticket by hand in one of the ticket rules' channels; shown only when there are rules. */
export async function ticketPanel(alert) {
  const rules = await api('/api/v1/tickets/rules').catch(() => []);
  if (rules.length === 0) return null;
  const rule = h('select', { name: 'rule' }, rules.map(item => h('option', { value: item.name }, `${item.name} (${item.channel})`)));
  const status = h('div', { class: 'ticket-status', 'aria-live': 'polite' });
  const form = h('form', { class: 'filters triage-form', id: 'ticket' }, h('label', {}, 'Rule', rule),
    h('button', { type: 'submit' }, 'Open ticket'));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    try {
      const opened = await api(`/api/v1/alerts/${alert.id}/tickets`, { method: 'POST', body: { rule: rule.value } });
      for (;;) {
        const page = await api(`/api/v1/tickets?alert=${alert.id}`);
        const ticket = page.items.find(item => item.id === opened.ticketId);
        status.replaceChildren(h('p', {}, badge(ticket?.status ?? 'pending', `triage-${ticket?.status ?? 'pending'}`),
          ticket?.externalUrl ? [' ', external(ticket.externalUrl, ticket.externalId ?? 'issue')] : null,
          ticket?.lastError ? ` — ${ticket.lastError}` : null));
        if (!status.isConnected || (ticket && ticket.status !== 'pending')) return;
        await new Promise(resolve => setTimeout(resolve, POLL_MS));
      }
    } catch (error) {
      status.replaceChildren(h('p', { class: 'error', role: 'alert' }, error.message));
    }
  });
  return h('section', { class: 'card triage' }, h('h2', {}, 'Ticket'), form, status);
}
