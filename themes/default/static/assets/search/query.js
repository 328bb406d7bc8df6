// The query layer: pure functions between what a reader types and what Pagefind is asked.
// It folds case, accents and the ligatures œ/æ, tells known words from typos with the build-time
// vocabulary of the index, corrects typos by edit distance (only when a word matches nothing),
// and merges per-word results when every-word (AND) search finds nothing.
// No DOM, no network: `search.js` does those, and tests import this file directly in Node.

/** Lower case, no accents, œ → oe, æ → ae: the form words are compared in. */
export function fold(text) {
  return accentFold(text).replace(/œ/g, 'oe').replace(/æ/g, 'ae').replace(/ß/g, 'ss');
}

/** Lower case without accents, ligatures kept: two forms Pagefind treats as different words. */
export function accentFold(text) {
  return text.toLowerCase().normalize('NFD').replace(/\p{M}+/gu, '').normalize('NFC');
}

/** The words of a query: runs of letters and digits, two characters or more, not only digits. */
export function tokenize(query) {
  return query
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => [...word].length >= 2 && !/^\p{N}+$/u.test(word));
}

/** Edits a word of this length may need to be corrected: none under 4 letters, 1 under 8, else 2. */
export function allowedEdits(word) {
  const length = [...word].length;
  if (length < 4) return 0;
  return length < 8 ? 1 : 2;
}

/**
 * Damerau–Levenshtein distance (optimal string alignment: a swap of two neighbours is one edit),
 * or `max + 1` as soon as the distance is known to exceed `max`.
 */
export function editDistance(a, b, max = Infinity) {
  const s = [...a];
  const t = [...b];
  if (Math.abs(s.length - t.length) > max) return max + 1;
  let before = null;
  let previous = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (before && i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) {
        value = Math.min(value, before[j - 2] + 1);
      }
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > max) return max + 1;
    before = previous;
    previous = current;
  }
  return previous[t.length];
}

/** The words of one language's index, most frequent first, looked up by their folded form. */
export class Vocabulary {
  constructor(words) {
    /** folded form → the spellings to ask Pagefind for (one per ligature variant) */
    this.forms = new Map();
    for (const word of words) {
      const key = fold(word);
      const spellings = this.forms.get(key) ?? [];
      if (!spellings.some((known) => accentFold(known) === accentFold(word))) {
        spellings.push(word);
      }
      this.forms.set(key, spellings);
    }
    this.keys = [...this.forms.keys()];
  }

  /** Spellings of a known word (by its folded form), or undefined. */
  spellings(folded) {
    return this.forms.get(folded);
  }

  /** Whether some word starts with this folded prefix (the reader may still be typing). */
  completes(folded) {
    return this.keys.some((key) => key.length > folded.length && key.startsWith(folded));
  }

  /** The closest known word within the edits allowed for its length, most frequent on a tie. */
  correct(folded) {
    const max = allowedEdits(folded);
    if (max === 0) return undefined;
    let best;
    let bestDistance = max + 1;
    for (const key of this.keys) {
      const distance = editDistance(folded, key, bestDistance - 1);
      if (distance < bestDistance) {
        best = key;
        bestDistance = distance;
        if (distance === 1) break; // keys are by frequency: the first at distance 1 wins
      }
    }
    return best;
  }
}

/**
 * What to ask for a query. Each term keeps what was typed and the spellings to search; `changed`
 * says whether a word was corrected or left out, and `shown` is the query as it was understood.
 */
export function planQuery(query, vocabulary) {
  const terms = [];
  const dropped = [];
  let changed = false;
  for (const typed of tokenize(query)) {
    const folded = fold(typed);
    const known = vocabulary.spellings(folded);
    if (known) {
      terms.push({ typed, shown: typed, spellings: known });
    } else if ([...folded].length >= 3 && vocabulary.completes(folded)) {
      terms.push({ typed, shown: typed, spellings: [typed] });
    } else {
      const corrected = vocabulary.correct(folded);
      changed = true;
      if (corrected) {
        const spellings = vocabulary.spellings(corrected);
        terms.push({ typed, shown: spellings[0], spellings });
      } else {
        dropped.push(typed);
      }
    }
  }
  return { terms, dropped, changed, shown: terms.map((term) => term.shown).join(' ') };
}

/** Every combination of the terms' spellings, as query strings (at most `limit`). */
export function spellingCombinations(terms, limit = 8) {
  let combinations = [[]];
  for (const term of terms) {
    const next = [];
    for (const combination of combinations) {
      for (const spelling of term.spellings) {
        if (next.length < limit) next.push([...combination, spelling]);
      }
    }
    combinations = next;
  }
  return combinations.map((words) => words.join(' '));
}

/**
 * Merge result lists into one ranking, each result once. `lists` holds, per asked query, the
 * results (`{ id, score }`) and which term it stood for. A result that matches more distinct terms
 * ranks first; then the higher summed score (its best score per term); then the id, so that the
 * order never depends on timing.
 */
export function mergeResults(lists) {
  const merged = new Map();
  for (const { term, results } of lists) {
    for (const result of results) {
      const entry = merged.get(result.id) ?? { result, perTerm: new Map() };
      entry.perTerm.set(term, Math.max(entry.perTerm.get(term) ?? 0, result.score));
      merged.set(result.id, entry);
    }
  }
  return [...merged.values()]
    .map(({ result, perTerm }) => ({
      result,
      matched: perTerm.size,
      score: [...perTerm.values()].reduce((sum, score) => sum + score, 0),
    }))
    .sort((a, b) => b.matched - a.matched || b.score - a.score || (a.result.id < b.result.id ? -1 : 1))
    .map(({ result }) => result);
}
