// What an empty view says: no match for the filters, or how to set up what would fill it (the README's
// steps, in short).
import { filtered } from './paging.js';

const CONNECT = 'connect a GitHub organisation (LEAKPATH_GITHUB_ORGANIZATIONS with a token or a GitHub App) '
  + 'or an Azure DevOps organisation (LEAKPATH_AZURE_DEVOPS_ORGANIZATIONS with a PAT or a service principal)';

const INVENTORY = 'import an asset inventory (JSON or YAML files in config/assets/, PUT /api/v1/assets, or Azure '
  + 'Resource Graph with LEAKPATH_RESOURCE_GRAPH_TENANT_ID, …_CLIENT_ID and …_CLIENT_SECRET)';

export const SETUP = {
  alerts: `No alerts yet: ${CONNECT}. Alerts come in with its first poll; Health shows how it went.`,
  repositories: `No repositories yet: they come with the alerts of a connected organisation; ${CONNECT}.`,
  attackPaths: `No attack paths yet: ${CONNECT}, and ${INVENTORY}, so that the secrets found can be matched with `
    + 'the resources they open.',
  inventory: `No assets yet: ${INVENTORY}.`,
  notifications: 'Nothing sent yet: add a rule (leakpath.notifications.rules in config/application.yml, or '
    + 'POST /api/v1/notifications/rules) with an email, Slack, Teams or webhook channel; messages follow the '
    + 'next matching event.',
  rules: 'No rules: add them under leakpath.notifications.rules in config/application.yml, or with '
    + 'POST /api/v1/notifications/rules (admin).',
  sources: `No organisation is polled: ${CONNECT}.`,
  deliveries: 'No webhook deliveries: point GitHub at /webhooks/github or an Azure DevOps service hook at '
    + '/webhooks/azure-devops, and give leakpath the same secret (see the README\'s Webhooks section).',
};

/** The empty-list text of a view: "no match" when the address filters it, else how to set it up. */
export function emptyText(params, setup, noun) {
  return filtered(params) ? `No ${noun} match these filters.` : setup;
}

