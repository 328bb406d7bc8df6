// The search page: reads `?q=`, asks this language's Pagefind index through the query layer,
// and lists the results as links in `[data-search-results]`, in rank order. When this language
// has nothing, it asks the other languages' indexes and labels what they return.
// Without JavaScript (or if the index cannot load) the page's A–Z index remains.

import { Vocabulary, planQuery, spellingCombinations, mergeResults } from './query.js';

const MAX_RESULTS = 10;

const config = JSON.parse(document.getElementById('search-config').textContent);
const form = document.querySelector('form.search-page');
const input = document.getElementById('q');
const status = document.getElementById('search-status');
const list = document.querySelector('[data-search-results]');
// Shown until results (or "no results") take its place, in the same reserved box: nothing below
// moves when they arrive.
const placeholder = document.querySelector('[data-search-placeholder]');

const indexes = new Map();

/** One language's Pagefind instance and vocabulary, loaded once. */
function openIndex(bundle) {
  if (!indexes.has(bundle)) {
    indexes.set(bundle, (async () => {
      const base = new URL(bundle, document.baseURI);
      const pagefind = await import(new URL('pagefind.js', base).href);
      await pagefind.options({ baseUrl: config.root });
      const response = await fetch(new URL(config.vocabulary, base));
      if (!response.ok) throw new Error(`vocabulary: HTTP ${response.status}`);
      return { pagefind, vocabulary: new Vocabulary(await response.json()) };
    })());
  }
  return indexes.get(bundle);
}

/** Search one index: every word (AND) first, then any word (OR) if that finds nothing. */
async function searchIndex(index, query) {
  const plan = planQuery(query, index.vocabulary);
  if (plan.terms.length === 0) return { plan, results: [] };
  const ask = async (text, term) => ({ term, results: (await index.pagefind.search(text)).results });
  let results = mergeResults(
    await Promise.all(spellingCombinations(plan.terms).map((text) => ask(text, 'all'))),
  );
  if (results.length === 0 && plan.terms.length > 1) {
    const asked = plan.terms.flatMap((term, i) => term.spellings.map((spelling) => ask(spelling, i)));
    results = mergeResults(await Promise.all(asked));
  }
  const data = await Promise.all(results.slice(0, MAX_RESULTS).map((result) => result.data()));
  return { plan, results: data, total: results.length };
}

function message(name, values = {}) {
  return config.messages[name].replace(/\{(\w+)\}/g, (whole, key) => values[key] ?? whole);
}

function countMessage(count, lang) {
  const form = new Intl.PluralRules(lang).select(count) === 'one' ? 'one' : 'other';
  return message(form, { count: count.toLocaleString(lang) });
}

function resultItem(data, lang, languageName) {
  const item = document.createElement('li');
  item.className = 'search-result';
  const link = document.createElement('a');
  link.href = data.url;
  link.textContent = data.meta.title;
  const heading = document.createElement('p');
  heading.className = 'search-result-title';
  heading.append(link);
  const kind = document.createElement('p');
  kind.className = 'search-result-kind';
  kind.textContent = config.messages[data.meta.kind] ?? '';
  if (lang !== config.lang) {
    item.lang = lang;
    link.hreflang = lang;
    kind.textContent += ` · ${languageName}`;
    kind.lang = config.lang;
  }
  item.append(heading, kind);
  if (data.meta.description) {
    const description = document.createElement('p');
    description.className = 'search-result-description';
    description.textContent = data.meta.description;
    item.append(description);
  }
  return item;
}

let latest = 0;

async function run(query) {
  const ticket = ++latest;
  list.replaceChildren();
  list.removeAttribute('data-search-done');
  if (!query.trim()) {
    status.textContent = '';
    if (placeholder) placeholder.hidden = false;
    return;
  }
  status.textContent = message('loading');
  list.setAttribute('aria-busy', 'true');
  try {
    const own = await searchIndex(await openIndex(config.bundle), query);
    let shown = own;
    let lang = config.lang;
    let languageName = '';
    if (own.results.length === 0) {
      for (const other of config.others) {
        const found = await searchIndex(await openIndex(other.bundle), query);
        if (found.results.length > 0) {
          shown = found;
          lang = other.lang;
          languageName = other.name;
          break;
        }
      }
    }
    if (ticket !== latest) return;
    const lines = [];
    if (shown.results.length === 0) {
      lines.push(message('none', { query: query.trim() }));
    } else {
      if (lang !== config.lang) lines.push(message('otherLanguage'));
      if (shown.plan.changed) lines.push(message('corrected', { query: shown.plan.shown }));
      lines.push(countMessage(shown.total, config.lang));
    }
    if (placeholder) placeholder.hidden = true;
    status.replaceChildren(...lines.map((line) => Object.assign(document.createElement('p'), { textContent: line })));
    list.replaceChildren(...shown.results.map((data) => resultItem(data, lang, languageName)));
  } catch (error) {
    if (ticket !== latest) return;
    status.textContent = message('unavailable');
    console.error(error);
  } finally {
    if (ticket === latest) {
      list.removeAttribute('aria-busy');
      list.setAttribute('data-search-done', query);
    }
  }
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  const query = input.value;
  const url = new URL(location.href);
  url.searchParams.set('q', query);
  history.pushState(null, '', url);
  run(query);
});

function fromLocation() {
  const query = new URLSearchParams(location.search).get('q') ?? '';
  input.value = query;
  run(query);
}

window.addEventListener('popstate', fromLocation);
fromLocation();
