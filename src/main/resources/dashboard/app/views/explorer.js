import { api } from '../api.js';
import { h, errorBox } from '../dom.js';
import { explorerResults, secretTypeNames } from './explorer-results.js';

/** Pick a template or a saved query, edit its JSON, run it. */
export async function explorerView({ caller }) {
  const [templates, saved] = await Promise.all([api('/api/v1/explorer/templates'), api('/api/v1/explorer/saved')]);
  const choices = [
    ...templates.items.map(template => ({ id: `template:${template.id}`, name: template.name, query: template.query })),
    ...saved.items.map(query => ({ id: `saved:${query.id}`, name: `Saved: ${query.name}`, query: query.query })),
  ];
  const picker = h('select', { id: 'explorer-template' }, choices.map(choice => h('option', { value: choice.id }, choice.name)));
  const editor = h('textarea', { id: 'explorer-query', spellcheck: 'false' });
  const results = h('div', { id: 'explorer-results', 'aria-live': 'polite' });
  const load = () => {
    const choice = choices.find(candidate => candidate.id === picker.value);
    editor.value = JSON.stringify(choice?.query ?? { source: { family: 'repository' } }, null, 2);
  };
  picker.addEventListener('change', load);
  load();

  const run = async event => {
    event.preventDefault();
    let body;
    try {
      body = JSON.parse(editor.value);
    } catch (error) {
      results.replaceChildren(errorBox(`Not JSON: ${error.message}`));
      return;
    }
    results.replaceChildren(h('p', { class: 'muted' }, 'Running…'));
    try {
      const result = await api('/api/v1/explorer/query', { method: 'POST', body });
      results.replaceChildren(...explorerResults(result, await secretTypeNames()));
    } catch (error) {
      results.replaceChildren(errorBox(error.message));
    }
  };
  const isAdmin = caller.roles.includes('admin');
  const name = h('input', { id: 'saved-name', placeholder: 'name' });
  const save = async () => {
    try {
      await api('/api/v1/explorer/saved', { method: 'POST', body: { name: name.value, query: JSON.parse(editor.value) } });
      results.replaceChildren(h('p', {}, `Saved "${name.value}".`));
    } catch (error) {
      results.replaceChildren(errorBox(error.message));
    }
  };
  return [
    h('h1', {}, 'Cloud security explorer'),
    h('form', { class: 'card', onsubmit: run },
      h('label', { for: 'explorer-template' }, 'Template or saved query', picker),
      h('label', { for: 'explorer-query' }, 'Query (JSON)', editor),
      h('div', { class: 'pager' }, h('button', { type: 'submit', id: 'explorer-run' }, 'Run query'),
        isAdmin ? [h('label', { for: 'saved-name' }, 'Save as', name), h('button', { type: 'button', class: 'secondary', onclick: save }, 'Save')] : null)),
    results,
  ];
}
