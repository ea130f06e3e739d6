// Builds DOM nodes from data. Text always goes in as text nodes, never as HTML, so nothing the API
// returns (file paths, repository names) can run as markup.

export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** An SVG element; text goes in as text nodes, as with h(). */
export function svg(tag, attributes = {}, ...children) {
  const element = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  append(element, children);
  return element;
}

/** A link to a provider page; only http(s) addresses become links. */
export function external(href, text) {
  if (!href || !/^https?:\/\//i.test(href)) return text ?? '';
  return h('a', { href, target: '_blank', rel: 'noopener noreferrer' }, text ?? href);
}

export function badge(text, className) {
  return h('span', { class: `badge ${className ?? ''}` }, text);
}

export function riskBadge(level) {
  return badge(level, `risk-${level}`);
}

/**
 * A table, in a box that scrolls sideways should a row still be too wide; on a narrow screen each row is a
 * card of "column: value" lines (the data-label of each cell). {@code empty} says why there are no rows.
 */
export function table(columns, rows, caption, empty = 'Nothing here.') {
  return h('div', { class: 'table-box' }, h('table', {},
    caption ? h('caption', { class: 'muted' }, caption) : null,
    h('thead', {}, h('tr', {}, columns.map(([title]) => h('th', { scope: 'col' }, title)))),
    h('tbody', {}, rows.length === 0
      ? h('tr', { class: 'empty' }, h('td', { colspan: columns.length, class: 'muted' }, empty))
      : rows.map(row => h('tr', {}, columns.map(([title, cell]) => h('td', { 'data-label': title }, h('div', { class: 'cell' }, cell(row)))))))));
}

export function facts(pairs) {
  return h('dl', { class: 'facts' }, pairs.filter(([, value]) => value !== undefined)
    .flatMap(([term, value]) => [h('dt', {}, term), h('dd', {}, value ?? '—')]));
}

export function when(instant) {
  return instant ? new Date(instant).toLocaleString() : '—';
}

export function errorBox(message) {
  return h('p', { class: 'error', role: 'alert' }, message);
}

/** A filter form whose fields are kept in the page address, so a view can be bookmarked. */
export function filterForm(fields, values, onSubmit) {
  const form = h('form', { class: 'filters', role: 'search' },
    fields.map(([name, label, options]) => h('label', {}, label, options
      ? h('select', { name }, h('option', { value: '' }, 'any'),
        options.map(option => h('option', { value: option, selected: values[name] === option }, option)))
      : h('input', { name, value: values[name] ?? '' }))),
    h('button', { type: 'submit' }, 'Apply'));
  form.addEventListener('submit', event => {
    event.preventDefault();
    const chosen = {};
    for (const [name] of fields) {
      const value = form.elements[name].value.trim();
      if (value) chosen[name] = value;
    }
    onSubmit(chosen);
  });
  return form;
}
