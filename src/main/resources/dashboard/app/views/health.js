import { api } from '../api.js';
import { h, badge, table, when } from '../dom.js';
import { SETUP } from '../setup.js';

/** Each polled organisation's last pass, and webhook deliveries that failed. */
export async function healthView() {
  const [sync, failed, recent] = await Promise.all([
    api('/api/v1/sync'),
    api('/api/v1/webhooks/deliveries?status=failed&limit=50'),
    api('/api/v1/webhooks/deliveries?limit=20'),
  ]);
  const sources = sync.sources ?? [];
  return [
    h('h1', {}, 'Sync and webhook health'),
    h('h2', {}, 'Polling'),
    table([
      ['Source', source => `${source.provider} · ${source.scope}`],
      ['State', source => source.state],
      ['Last outcome', source => badge(source.lastOutcome ?? 'never', source.lastError ? 'unhealthy' : 'healthy')],
      ['Last success', source => when(source.lastSuccessAt)],
      ['Alerts seen', source => source.alertsSeen],
      ['Rate limit left', source => source.rateLimitRemaining ?? '—'],
      ['Last error', source => source.lastError ?? '—'],
    ], sources, null, SETUP.sources),
    h('h2', {}, 'Failed webhook deliveries'),
    table(deliveryColumns(), failed.items, null, 'No failed deliveries.'),
    h('h2', {}, 'Latest webhook deliveries'),
    table(deliveryColumns(), recent.items, null, SETUP.deliveries),
  ];
}

function deliveryColumns() {
  return [
    ['Received', delivery => when(delivery.receivedAt)],
    ['Provider', delivery => delivery.provider],
    ['Event', delivery => `${delivery.event ?? ''} ${delivery.action ?? ''}`],
    ['Repository', delivery => delivery.repository ?? '—'],
    ['Status', delivery => delivery.status],
    ['Attempts', delivery => delivery.attempts],
    ['Last error', delivery => delivery.lastError ?? '—'],
  ];
}
