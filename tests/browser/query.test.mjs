// Unit tests of the query layer (themes/default/static/assets/search/query.js): pure functions,
// run in Node without a browser.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  Vocabulary,
  allowedEdits,
  editDistance,
  fold,
  mergeResults,
  planQuery,
  spellingCombinations,
  tokenize,
} from '../../themes/default/static/assets/search/query.js';

const vocabulary = new Vocabulary([
  'cancer', 'sarcome', 'mésothéliome', 'cœliaque', 'coeliaque', 'maladie', 'œil', 'thymome',
  'merkel', 'carcinome', 'lymphome', 'ovaire', 'hôpital',
]);

test('fold lowers case, drops accents and opens the ligatures', () => {
  assert.equal(fold('Mésothéliome'), 'mesotheliome');
  assert.equal(fold('Cœliaque'), 'coeliaque');
  assert.equal(fold('ÆGIS'), 'aegis');
  assert.equal(fold('l’uvée'), 'l’uvee');
});

test('tokenize splits on punctuation, drops one-letter words and bare numbers', () => {
  assert.deepEqual(tokenize("cancer de l'ovaire, type 2 — lymphome T"), [
    'cancer', 'de', 'ovaire', 'type', 'lymphome',
  ]);
  assert.deepEqual(tokenize('post-greffe'), ['post', 'greffe']);
});

test('edit distance counts a swap of neighbours as one edit and stops past the maximum', () => {
  assert.equal(editDistance('tymome', 'thymome'), 1);
  assert.equal(editDistance('sarcmoe', 'sarcome'), 1);
  assert.equal(editDistance('mesoteliome', 'mesotheliome'), 1);
  assert.equal(editDistance('abc', 'abc'), 0);
  assert.equal(editDistance('kitten', 'sitting'), 3);
  assert.equal(editDistance('kitten', 'sitting', 1), 2);
});

test('edits allowed grow with the length of the word', () => {
  assert.equal(allowedEdits('vih'), 0);
  assert.equal(allowedEdits('rein'), 1);
  assert.equal(allowedEdits('thymome'), 1);
  assert.equal(allowedEdits('mesotheliome'), 2);
});

test('a known word is kept as typed, accents or not', () => {
  const plan = planQuery('Mesotheliome', vocabulary);
  assert.equal(plan.changed, false);
  assert.deepEqual(plan.terms[0].spellings, ['mésothéliome']);
});

test('a typo is corrected to the closest known word, and the correction is shown', () => {
  const plan = planQuery('mesoteliome malin', vocabulary);
  assert.equal(plan.changed, true);
  assert.equal(plan.terms[0].shown, 'mésothéliome');
  // "malin" is unknown and too far from any word: it is left out, not guessed.
  assert.deepEqual(plan.dropped, ['malin']);
  assert.equal(plan.shown, 'mésothéliome');
});

test('words never get corrected when they match exactly', () => {
  const words = new Vocabulary(['rein', 'reins']);
  assert.equal(planQuery('reins', words).changed, false);
});

test('a word being typed (a prefix of a known word) is kept for prefix search', () => {
  const plan = planQuery('mésothél', vocabulary);
  assert.equal(plan.changed, false);
  assert.deepEqual(plan.terms[0].spellings, ['mésothél']);
});

test('oe and œ reach both spellings present in the index', () => {
  assert.deepEqual(planQuery('coeliaque', vocabulary).terms[0].spellings, ['cœliaque', 'coeliaque']);
  assert.deepEqual(planQuery('cœliaque', vocabulary).terms[0].spellings, ['cœliaque', 'coeliaque']);
  // Only "œil" is in the index: typing "oeil" asks for "œil".
  assert.deepEqual(planQuery('oeil', vocabulary).terms[0].spellings, ['œil']);
  assert.deepEqual(
    spellingCombinations(planQuery('maladie coeliaque', vocabulary).terms),
    ['maladie cœliaque', 'maladie coeliaque'],
  );
});

test('OR merging ranks results that match more terms first, then by score', () => {
  const merged = mergeResults([
    { term: 0, results: [{ id: 'a', score: 5 }, { id: 'b', score: 1 }] },
    { term: 1, results: [{ id: 'b', score: 2 }, { id: 'c', score: 9 }] },
    { term: 1, results: [{ id: 'b', score: 3 }] },
  ]);
  assert.deepEqual(merged.map((r) => r.id), ['b', 'c', 'a']);
});
