// What a graph node's box says: a readable title (wrapped to two lines), a subtitle, and in full on hover.

const PROVIDERS = { github: 'GitHub', azure_devops: 'Azure DevOps' };

const IDENTITY_KINDS = { aws_iam_user: 'IAM user', entra_service_principal: 'Service principal',
  gcp_service_account: 'Service account' };

export const TITLE_CHARS = 24;
export const SUBTITLE_CHARS = 30;

/** "Microsoft.Storage/storageAccounts" → "Storage/storageAccounts", "AWS::RDS::DBInstance" → "RDS::DBInstance". */
export function shortType(type) {
  return (type ?? '').replace(/^Microsoft\./i, '').replace(/^AWS::/, '');
}

function humanize(id) {
  const text = (id ?? '').replaceAll('_', ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function cut(text, length) {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}

/** Up to {@code lines} lines of up to {@code length} characters, broken after spaces, slashes, dots or dashes. */
export function wrap(text, length = TITLE_CHARS, lines = 2) {
  const parts = String(text).match(/[^\s/.\-_:]+[\s/.\-_:]*|[\s/.\-_:]+/g) ?? [''];
  const result = [''];
  for (const part of parts) {
    const line = result.length - 1;
    if ((result[line] + part).trimEnd().length <= length || result[line] === '') {
      result[line] += part;
    } else {
      result.push(part);
    }
  }
  const trimmed = result.map(line => line.trimEnd());
  const shown = trimmed.slice(0, lines).map(line => cut(line, length));
  if (trimmed.length > lines) shown[lines - 1] = `${shown[lines - 1].slice(0, length - 1)}…`;
  return shown;
}

/**
 * The caption of a node (its full {@code name}, the {@code title} lines shown, {@code subtitle}, {@code details}
 * on hover): a secret is titled by its type, its masked preview below; a resource by its name,
 * its shortened type below and the full type on hover.
 * @param names secret type id → display name (GET /api/v1/secret-types)
 */
export function caption(node, names = new Map()) {
  const properties = node.properties ?? {};
  let title;
  let subtitle;
  let details;
  if (node.family === 'internet') {
    title = 'Internet';
    subtitle = 'anyone';
    details = 'Anyone on the internet';
  } else if (node.family === 'repository') {
    title = node.label;
    subtitle = [PROVIDERS[node.type] ?? node.type, properties.visibility].filter(Boolean).join(' · ');
    details = `Repository ${node.label} (${subtitle})`;
  } else if (node.family === 'secret') {
    title = names.get(node.type) ?? humanize(node.type);
    subtitle = node.label;
    details = `${title} (${node.type}), masked: ${node.label}`;
  } else if (node.family === 'identity') {
    title = node.label;
    subtitle = [IDENTITY_KINDS[node.type] ?? humanize(node.type), properties.privileged ? 'privileged' : null,
      properties.accessLevel ? `can ${properties.accessLevel}` : null].filter(Boolean).join(' · ');
    details = `${subtitle}: ${properties.providerId ?? node.label}${properties.reason ? ` (${properties.reason})` : ''}`;
  } else {
    title = node.label;
    subtitle = `${shortType(node.type)}${properties.inInventory === false ? ' · not in inventory' : ''}`;
    details = `${node.label}: ${node.type}${properties.inInventory === false ? ', not in the inventory' : ''}`
      + `${properties.internetExposed ? ', internet-exposed' : ''}${properties.sensitiveData ? ', sensitive data' : ''}`;
  }
  const name = title ?? node.id;
  return { name, title: wrap(name), subtitle: cut(subtitle ?? '', SUBTITLE_CHARS), details };
}
