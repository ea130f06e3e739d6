import { api } from '../api.js';
import { h, badge, filterForm, table, when } from '../dom.js';
import { pageQuery, pager } from '../paging.js';
import { SETUP, emptyText } from '../setup.js';

/** What leakpath told whom, and the rules that decide it. */
export async function notificationsView({ params, navigate }) {
  const [page, rules] = await Promise.all([
    api(`/api/v1/notifications${pageQuery(params, 100)}`),
    api('/api/v1/notifications/rules'),
  ]);
  return [
    h('h1', {}, 'Notifications'),
    filterForm([
      ['status', 'Status', ['pending', 'sent', 'failed']],
      ['channel', 'Channel', ['email', 'slack', 'teams', 'webhook']],
    ], params, chosen => navigate('/notifications', chosen)),
    table([
      ['Created', item => when(item.createdAt)],
      ['Event', item => item.event],
      ['Repository', item => item.alertId
        ? h('a', { href: `#/alerts/${item.alertId}` }, item.repository)
        : item.attackPathId ? h('a', { href: `#/attack-paths/${item.attackPathId}` }, item.repository) : item.repository],
      ['Rule', item => item.rule],
      ['Channel', item => item.channel],
      ['Recipient', item => item.recipient],
      ['Status', item => badge(item.status, item.status === 'failed' ? 'unhealthy' : item.status === 'sent' ? 'healthy' : '')],
      ['Attempts', item => item.attempts],
      ['Last error', item => item.lastError ?? '—'],
    ], page.items, null, emptyText(params, SETUP.notifications, 'notifications')),
    pager('/notifications', params, page.nextCursor, 'notifications'),
    h('h2', {}, 'Rules'),
    table([
      ['Name', item => item.rule.name],
      ['Events', item => item.rule.events.join(', ') || 'all'],
      ['Minimum risk', item => item.rule.minRisk ?? '—'],
      ['Channels', item => item.rule.channels.join(', ')],
      ['Delivery', item => item.rule.delivery],
      ['Source', item => item.source],
    ], rules.items, null, SETUP.rules),
  ];
}
