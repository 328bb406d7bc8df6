// A deterministic synthetic bilingual corpus for the scale benchmark (scale.mjs), written twice:
// in Repères' layout and as a Hugo site with the same pages and records.
//
// The text is filler made of fixed word lists and made-up pseudo-medical words: it is not
// medical information. A seeded PRNG drives everything, so a seed and a size give the same
// bytes on every machine.

import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** mulberry32: small, fast, and the same sequence in every JavaScript engine. */
function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n) => Math.floor(next() * n),
    range: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    chance: (p) => next() < p,
    pick: (list) => list[Math.floor(next() * list.length)],
  };
}

/** Mixes a few integers into one 32-bit seed (per page, per language). */
function seedOf(...parts) {
  let h = 2166136261;
  for (const part of parts) {
    for (const ch of String(part)) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
    h = Math.imul(h ^ 0xff, 16777619);
  }
  return h >>> 0;
}

// Common words, chosen independently per language (the two texts of a page are not
// translations of each other; only their structure and links match).
const COMMON = {
  fr: `le la les des un une du de et ou dans pour avec sans sur par chez selon entre après avant
    souvent parfois rarement chaque plusieurs certains autres premier dernier patient patiente
    équipe centre réseau diagnostic traitement examen suivi prise charge relecture biopsie
    imagerie chirurgie tumeur cellule tissu organe dossier médecin spécialiste région hôpital
    étude essai protocole analyse résultat délai étape orientation consultation famille
    est sont peut doit permet demande reçoit propose organise confirme précise réunit oriente
    rare expert national régional européen clinique pathologique initial secondaire complexe
    adapté précoce local général fréquent possible nécessaire utile récent long court
    toujours aussi ensuite ainsi alors lorsque quand comme mais donc car puis encore déjà
    information parcours soin recours avis question réponse document référence groupe
    laboratoire prélèvement compte rendu réunion semaine mois année âge adulte enfant`,
  en: `the a an of and or in for with without on by at after before between within across
    often sometimes rarely each several some other first last patient patients team centre
    network diagnosis treatment examination follow-up care review biopsy imaging surgery tumour
    cell tissue organ record doctor specialist region hospital study trial protocol analysis
    result delay step referral consultation family is are can must allows requests receives
    offers organises confirms specifies gathers guides rare expert national regional european
    clinical pathological initial secondary complex suitable early local general frequent
    possible necessary useful recent long short always also then thus so when while as but
    therefore because still already information pathway support opinion question answer
    document reference group laboratory sample report meeting week month year age adult child`,
};
for (const lang of Object.keys(COMMON)) COMMON[lang] = COMMON[lang].split(/\s+/).filter(Boolean);

// Made-up pseudo-medical words: a stem of 2 or 3 syllables and a suffix, paired across
// languages (fr "carbolimome", en "carbolimoma") so that record names read as translations.
const SYLLABLES = `car bo li neu ro sta phy lo me ta den cor vas mio fi bro sar ly po xan
  ther gli ra cho le ste na pan cre hepa tro chon os te ri mu ca ve no pla dy`.split(/\s+/);
const SUFFIXES = [
  ['ome', 'oma'],
  ['ite', 'itis'],
  ['ose', 'osis'],
  ['pathie', 'pathy'],
  ['plasie', 'plasia'],
  ['ique', 'ic'],
  ['cyte', 'cyte'],
  ['gène', 'genic'],
  ['algie', 'algia'],
  ['émie', 'emia'],
  ['ectomie', 'ectomy'],
  ['scopie', 'scopy'],
  ['thérapie', 'therapy'],
  ['iase', 'iasis'],
  ['oïde', 'oid'],
];
const LEXICON_SIZE = 6000;
const LEXICON = (() => {
  const r = rng(20261122);
  const seen = new Set();
  const words = [];
  while (words.length < LEXICON_SIZE) {
    const n = r.range(2, 3);
    let stem = '';
    for (let i = 0; i < n; i++) stem += r.pick(SYLLABLES);
    if (seen.has(stem)) continue;
    seen.add(stem);
    const [fr, en] = r.pick(SUFFIXES);
    words.push({ fr: stem + fr, en: stem + en });
  }
  return words;
})();
// Zipf-like frequencies (rank^-1), so that the vocabulary keeps growing with the corpus as a
// real one does, instead of saturating at a few hundred words.
const ZIPF = (() => {
  const cdf = new Float64Array(LEXICON_SIZE);
  let sum = 0;
  for (let i = 0; i < LEXICON_SIZE; i++) cdf[i] = sum += 1 / (i + 1);
  for (let i = 0; i < LEXICON_SIZE; i++) cdf[i] /= sum;
  return cdf;
})();
function lexicon(r) {
  const x = r.next();
  let lo = 0;
  let hi = LEXICON_SIZE - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ZIPF[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return LEXICON[lo];
}

// Glossary terms: frequent made-up words, so that Repères' glossary linker has work to do.
const GLOSSARY = LEXICON.slice(3, 23);

const NETWORK_TYPES = ['clinical-and-pathology', 'mainly-clinical', 'pathology'];
const ERNS = 2;
const PARTNERS = 2;
const capitalize = (s) => s.charAt(0).toUpperCase() + s.slice(1);
const q = (s) => JSON.stringify(s); // a JSON string is a valid double-quoted YAML scalar
const reviewed = (i) => `2026-${String(1 + (i % 10)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;

/** Number of network records for N page pairs: N/10, at least 10. */
export const recordCount = (n) => Math.max(10, Math.round(n / 10));

// ---------------------------------------------------------------------------------------------
// Pages: a structure (headings, paragraphs, lists, tables, link places, word counts) planned once
// per page, then realised in each language with that language's words.

function planPage(i, n, m, seed) {
  const r = rng(seedOf('plan', seed, i));
  const target = r.range(400, 770); // the last sentence or list may add a few words: ≤ 800
  const blocks = [];
  let words = 0;
  let pageLinks = 0;
  let networkLinks = 0;
  const otherPage = () => {
    let j = 1 + r.int(n);
    if (j === i) j = (j % n) + 1;
    return j;
  };
  const sentence = (forceLink) => {
    const length = r.range(8, 18);
    const s = { length, link: null, emphasis: null, comma: r.chance(0.3) ? r.range(3, length - 3) : -1 };
    if (forceLink || r.chance(0.2)) {
      const span = r.range(2, 4);
      const at = r.int(length - span);
      const toNetwork = forceLink === 'network' || (!forceLink && r.chance(0.2));
      s.link = toNetwork
        ? { at, span, kind: 'networks', id: 1 + r.int(m) }
        : { at, span, kind: 'pages', id: otherPage() };
      if (toNetwork) networkLinks++;
      else pageLinks++;
    } else if (r.chance(0.15)) {
      s.emphasis = { at: r.int(length), strong: r.chance(0.5) };
    }
    words += length;
    return s;
  };
  const done = () => words >= target;
  // Intro, then sections until the target word count is reached.
  const intro = [];
  for (let k = r.range(2, 3); k > 0; k--) intro.push(sentence(pageLinks === 0 ? 'page' : null));
  blocks.push({ type: 'p', sentences: intro });
  while (!done()) {
    const hl = r.range(2, 5);
    words += hl;
    blocks.push({ type: 'h2', length: hl });
    for (let p = r.range(1, 3); p > 0 && !done(); p--) {
      const sentences = [];
      for (let k = r.range(2, 5); k > 0 && !done(); k--) {
        const force = networkLinks === 0 ? 'network' : pageLinks < 3 ? 'page' : null;
        sentences.push(sentence(force));
      }
      if (sentences.length) blocks.push({ type: 'p', sentences });
    }
    if (!done() && r.chance(0.6)) {
      const items = [];
      for (let k = r.range(3, 6); k > 0; k--) {
        const length = r.range(3, 9);
        words += length;
        items.push({ length, link: r.chance(0.15) ? { kind: 'pages', id: otherPage() } : null });
      }
      blocks.push({ type: 'list', ordered: r.chance(0.3), lead: sentence(null), items });
    }
    if (!done() && r.chance(0.3)) {
      words += 2;
      blocks.push({ type: 'h3', length: 2 });
      blocks.push({ type: 'p', sentences: [sentence(null), sentence(null)] });
    }
    if (!done() && r.chance(0.08)) {
      words += 3 * 4;
      blocks.push({ type: 'table', rows: 3 });
    }
  }
  return { blocks, titleLength: r.range(3, 7), descriptionLength: r.range(8, 16), words };
}

function wordsOf(r, lang, count) {
  const out = [];
  for (let k = 0; k < count; k++) out.push(r.chance(0.3) ? lexicon(r)[lang] : r.pick(COMMON[lang]));
  return out;
}

/** Markdown of a planned page in one language; `link(kind, id)` writes a link target. */
function realise(plan, i, lang, seed, link) {
  const r = rng(seedOf('text', seed, i, lang));
  const phrase = (count) => wordsOf(r, lang, count).join(' ');
  const sentence = (s, end = '.') => {
    const w = wordsOf(r, lang, s.length);
    w[0] = capitalize(w[0]);
    if (s.link) {
      const { at, span, kind, id } = s.link;
      w.splice(at, span, `[${w.slice(at, at + span).join(' ')}](${link(kind, id)})`);
    } else if (s.emphasis) {
      const mark = s.emphasis.strong ? '**' : '*';
      w[s.emphasis.at] = `${mark}${w[s.emphasis.at]}${mark}`;
    }
    if (s.comma > 0 && s.comma < w.length - 1) w[s.comma] += ',';
    return w.join(' ') + end;
  };
  const out = [];
  for (const block of plan.blocks) {
    if (block.type === 'p') out.push(block.sentences.map((s) => sentence(s)).join(' '));
    else if (block.type === 'h2') out.push(`## ${capitalize(phrase(block.length))}`);
    else if (block.type === 'h3') out.push(`### ${capitalize(phrase(block.length))}`);
    else if (block.type === 'list') {
      // French writes a space before the colon; Repères turns it into a narrow no-break space.
      out.push(sentence(block.lead, lang === 'fr' ? ' :' : ':'));
      out.push(
        block.items
          .map((item, k) => {
            let text = phrase(item.length);
            if (item.link) text = `[${text}](${link(item.link.kind, item.link.id)})`;
            return `${block.ordered ? `${k + 1}.` : '-'} ${capitalize(text)}`;
          })
          .join('\n'),
      );
    } else if (block.type === 'table') {
      const rows = [`| ${capitalize(phrase(2))} | ${capitalize(phrase(2))} |`, '|---|---|'];
      for (let k = 0; k < block.rows; k++) rows.push(`| ${phrase(2)} | ${phrase(2)} |`);
      out.push(rows.join('\n'));
    }
  }
  return {
    title: capitalize(phrase(plan.titleLength)),
    description: capitalize(phrase(plan.descriptionLength)) + '.',
    body: out.join('\n\n') + '\n',
  };
}

// ---------------------------------------------------------------------------------------------
// Records.

function network(k, n, seed) {
  const r = rng(seedOf('network', seed, k));
  const name = { fr: [], en: [] };
  const conditions = [];
  for (let c = r.range(2, 4); c > 0; c--) {
    const main = lexicon(r);
    const extra = LEXICON[r.int(LEXICON_SIZE)];
    const cond = {
      fr: `${main.fr} ${r.pick(['rare', 'de l’adulte', 'localisé', 'étendu'])}`,
      en: `${r.pick(['rare', 'adult', 'localised', 'extensive'])} ${main.en}`,
    };
    const syn = r.chance(0.5) ? { fr: [extra.fr], en: [extra.en] } : null;
    const abbr = r.chance(0.4) ? `${main.fr.slice(0, 3).toUpperCase()}${k % 100}` : null;
    conditions.push({ name: cond, synonyms: syn, abbreviation: abbr });
    name.fr.push(main.fr);
    name.en.push(main.en);
  }
  const summaryText = (lang) => {
    const t = rng(seedOf('summary', seed, k, lang));
    const s = () => capitalize(wordsOf(t, lang, t.range(8, 16)).join(' ')) + '.';
    const page = 1 + ((k * 7919) % n);
    const linkWords = wordsOf(t, lang, 3).join(' ');
    return { text: `${s()} ${s()}`, link: { page, words: linkWords }, history: `${s()} ${s()} ${s()}` };
  };
  return {
    id: `net${k}`,
    acronym: `NET${k}`,
    name: {
      fr: `Réseau des ${name.fr.slice(0, 2).join(' et des ')}`,
      en: `Network for ${name.en.slice(0, 2).join(' and ')}`,
    },
    type: NETWORK_TYPES[k % NETWORK_TYPES.length],
    conditions,
    ern: 1 + (k % ERNS),
    summary: { fr: summaryText('fr'), en: summaryText('en') },
  };
}

function glossaryDefinition(k, lang) {
  const r = rng(seedOf('glossary', k, lang));
  return capitalize(wordsOf(r, lang, r.range(8, 14)).join(' ')) + '.';
}

// ---------------------------------------------------------------------------------------------
// Writers.

function write(path, text) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

const SOURCE = (i) => `sources:\n  - { title: "Source synthétique ${i}", url: "https://example.org/sources/${i}" }\n`;
const NOTE = {
  fr: 'Site synthétique de banc d’essai : texte de remplissage généré, sans aucune valeur médicale.',
  en: 'Synthetic benchmark site: generated filler text, not medical information.',
};
const LANGS = ['fr', 'en'];

/**
 * Writes the corpus for `n` page pairs in Repères' layout under `root` (with the repository's
 * themes/ and i18n/) and in Hugo's layout under `hugoRoot`. Returns counts.
 */
export function generate({ n, repo, root, hugoRoot, seed = 1 }) {
  const m = recordCount(n);
  const plans = [];
  let words = 0;

  // --- Repères --------------------------------------------------------------------------------
  // The structure of tests/fixtures/minimal/content/site.yaml, with the benchmark's titles.
  write(
    join(root, 'content', 'site.yaml'),
    `title:
  fr: Repères — banc d’essai synthétique
  en: Repères — synthetic benchmark
description:
  fr: ${q(NOTE.fr)}
  en: ${q(NOTE.en)}
base_url: https://bench.example/
languages: [fr, en]
theme: default
sections:
  networks: { fr: reseaux, en: networks }
  erns: { fr: reseaux-europeens, en: european-networks }
  partners: { fr: partenaires, en: partners }
  search: { fr: recherche, en: search }
`,
  );
  cpSync(join(repo, 'themes'), join(root, 'themes'), { recursive: true });
  cpSync(join(repo, 'i18n'), join(root, 'i18n'), { recursive: true });
  const reperesLink = (kind, id) => (kind === 'pages' ? `@/pages/p${id}.md` : `@/networks/net${id}`);
  const hugoLink = (kind, id) =>
    kind === 'pages' ? `{{< relref "/pages/p${id}.md" >}}` : `{{< relref "/networks/net${id}.md" >}}`;
  for (let i = 1; i <= n; i++) {
    const plan = planPage(i, n, m, seed);
    plans.push(plan);
    words += 2 * plan.words;
    for (const lang of LANGS) {
      const page = realise(plan, i, lang, seed, reperesLink);
      const front = `---\ntitle: ${q(page.title)}\ndescription: ${q(page.description)}\n${SOURCE(i)}reviewed: ${reviewed(i)}\n---\n\n`;
      write(join(root, 'content', 'pages', `p${i}.${lang}.md`), front + page.body);
      const hugo = realise(plan, i, lang, seed, hugoLink);
      const hugoFront = `---\ntitle: ${q(hugo.title)}\ndescription: ${q(hugo.description)}\nslug: p${i}\n${SOURCE(i)}reviewed: ${reviewed(i)}\n---\n\n`;
      write(join(hugoRoot, 'content', 'pages', `p${i}.${lang}.md`), hugoFront + hugo.body);
    }
  }
  const homeLinks = (link) =>
    Array.from({ length: Math.min(n, 10) }, (_, k) => `- [${k + 1}](${link('pages', k + 1)})`).join('\n');
  for (const lang of LANGS) {
    const title = lang === 'fr' ? 'Banc d’essai synthétique' : 'Synthetic benchmark';
    const front = `---\ntitle: ${q(title)}\ndescription: ${q(NOTE[lang])}\n${SOURCE(0)}reviewed: 2026-01-01\n---\n\n`;
    write(join(root, 'content', 'pages', `index.${lang}.md`), `${front}${NOTE[lang]}\n\n${homeLinks(reperesLink)}\n`);
    write(join(hugoRoot, 'content', `_index.${lang}.md`), `${front}${NOTE[lang]}\n\n${homeLinks(hugoLink)}\n`);
    const gTitle = lang === 'fr' ? 'Glossaire' : 'Glossary';
    const gFront = `---\ntitle: ${gTitle}\ndescription: ${q(NOTE[lang])}\n${lang === 'en' ? 'slug: glossary\n' : ''}layout: glossary\n${SOURCE(0)}reviewed: 2026-01-01\n---\n\n`;
    write(join(root, 'content', 'pages', `glossaire.${lang}.md`), `${gFront}${NOTE[lang]}\n`);
    // Hugo has no glossary feature: the same terms are written into the page.
    const terms = GLOSSARY.map((t, k) => `${t[lang]}\n: ${glossaryDefinition(k, lang)}`).join('\n\n');
    const hFront = `---\ntitle: ${gTitle}\ndescription: ${q(NOTE[lang])}\nslug: ${lang === 'en' ? 'glossary' : 'glossaire'}\n${SOURCE(0)}reviewed: 2026-01-01\n---\n\n`;
    write(join(hugoRoot, 'content', 'pages', `glossaire.${lang}.md`), `${hFront}${NOTE[lang]}\n\n${terms}\n`);
  }
  const glossary = [
    '# Synthetic glossary for the benchmark: made-up words, not medical terms.',
    'reviewed: 2026-01-01',
    SOURCE(0).trimEnd(),
    'terms:',
    ...GLOSSARY.flatMap((t, k) => [
      `  - id: g${k + 1}`,
      `    term: { fr: ${q(t.fr)}, en: ${q(t.en)} }`,
      ...(k % 3 === 0 ? [`    expansion: { fr: ${q(`forme ${t.fr}`)}, en: ${q(`${t.en} form`)} }`] : []),
      `    definition: { fr: ${q(glossaryDefinition(k, 'fr'))}, en: ${q(glossaryDefinition(k, 'en'))} }`,
    ]),
  ];
  write(join(root, 'content', 'glossary.yaml'), glossary.join('\n') + '\n');

  for (let k = 1; k <= m; k++) {
    const net = network(k, n, seed);
    const lines = [
      `acronym: ${net.acronym}`,
      'name:',
      `  fr: ${q(net.name.fr)}`,
      `  en: ${q(net.name.en)}`,
      'translated_name: [en]',
      `type: ${net.type}`,
      'summary:',
      ...LANGS.map((lang) => {
        const s = net.summary[lang];
        return `  ${lang}: ${q(`${s.text} [${s.link.words}](${reperesLink('pages', s.link.page)})`)}`;
      }),
      'history:',
      ...LANGS.map((lang) => `  ${lang}: ${q(net.summary[lang].history)}`),
      'conditions:',
      ...net.conditions.flatMap((c) => [
        `  - name: { fr: ${q(c.name.fr)}, en: ${q(c.name.en)} }`,
        ...(c.synonyms ? [`    synonyms: { fr: [${q(c.synonyms.fr[0])}], en: [${q(c.synonyms.en[0])}] }`] : []),
        ...(c.abbreviation ? [`    abbreviations: { fr: [${c.abbreviation}], en: [${c.abbreviation}] }`] : []),
      ]),
      'erns:',
      `  - { id: ern${net.ern}, basis: inferred }`,
      SOURCE(k).trimEnd(),
      `reviewed: ${reviewed(k)}`,
    ];
    write(join(root, 'content', 'networks', `${net.id}.yaml`), lines.join('\n') + '\n');
    for (const lang of LANGS) {
      const s = net.summary[lang];
      const hugo = [
        '---',
        `title: ${q(`${net.acronym} — ${net.name[lang]}`)}`,
        `description: ${q(s.text)}`,
        `acronym: ${net.acronym}`,
        `name: ${q(net.name[lang])}`,
        `network_type: ${net.type}`, // `type` is reserved in Hugo (it picks the layout)
        'conditions:',
        ...net.conditions.flatMap((c) => [
          `  - name: ${q(c.name[lang])}`,
          ...(c.synonyms ? [`    synonyms: [${q(c.synonyms[lang][0])}]`] : []),
          ...(c.abbreviation ? [`    abbreviations: [${c.abbreviation}]`] : []),
        ]),
        `ern: ern${net.ern}`,
        SOURCE(k).trimEnd(),
        `reviewed: ${reviewed(k)}`,
        '---',
        '',
        `${s.text} [${s.link.words}](${hugoLink('pages', s.link.page)})`,
        '',
        `## ${lang === 'fr' ? 'Historique' : 'History'}`,
        '',
        s.history,
        '',
      ];
      write(join(hugoRoot, 'content', 'networks', `${net.id}.${lang}.md`), hugo.join('\n'));
    }
  }
  for (let e = 1; e <= ERNS; e++) {
    const r = rng(seedOf('ern', e));
    const text = (lang) => capitalize(wordsOf(r, lang, 12).join(' ')) + '.';
    const summary = { fr: text('fr'), en: text('en') };
    write(
      join(root, 'content', 'erns', `ern${e}.yaml`),
      [
        `acronym: ERN${e}`,
        'name:',
        `  fr: ${q(`Réseau européen synthétique ${e}`)}`,
        `  en: ${q(`Synthetic European network ${e}`)}`,
        'summary:',
        `  fr: ${q(summary.fr)}`,
        `  en: ${q(summary.en)}`,
        SOURCE(e).trimEnd(),
        'reviewed: 2026-01-01',
      ].join('\n') + '\n',
    );
    for (const lang of LANGS) {
      const title =
        lang === 'fr' ? `ERN${e} — Réseau européen synthétique ${e}` : `ERN${e} — Synthetic European network ${e}`;
      write(
        join(hugoRoot, 'content', 'erns', `ern${e}.${lang}.md`),
        `---\ntitle: ${q(title)}\ndescription: ${q(summary[lang])}\nacronym: ERN${e}\n${SOURCE(e)}reviewed: 2026-01-01\n---\n\n${summary[lang]}\n`,
      );
    }
  }
  for (let p = 1; p <= PARTNERS; p++) {
    const r = rng(seedOf('partner', p));
    const text = (lang) => capitalize(wordsOf(r, lang, 12).join(' ')) + '.';
    const summary = { fr: text('fr'), en: text('en') };
    write(
      join(root, 'content', 'partners', `partner${p}.yaml`),
      [
        `acronym: PART${p}`,
        'name:',
        `  fr: ${q(`Organisation synthétique ${p}`)}`,
        `  en: ${q(`Synthetic organisation ${p}`)}`,
        `category: ${p % 2 ? 'professional-society' : 'patient-organisation'}`,
        'summary:',
        `  fr: ${q(summary.fr)}`,
        `  en: ${q(summary.en)}`,
        SOURCE(p).trimEnd(),
        'reviewed: 2026-01-01',
      ].join('\n') + '\n',
    );
    for (const lang of LANGS) {
      const title = lang === 'fr' ? `Organisation synthétique ${p}` : `Synthetic organisation ${p}`;
      write(
        join(hugoRoot, 'content', 'partners', `partner${p}.${lang}.md`),
        `---\ntitle: ${q(title)}\ndescription: ${q(summary[lang])}\nacronym: PART${p}\n${SOURCE(p)}reviewed: 2026-01-01\n---\n\n${summary[lang]}\n`,
      );
    }
  }
  writeHugoSite(hugoRoot);
  return { pages: n, records: m + ERNS + PARTNERS, networks: m, words };
}

// ---------------------------------------------------------------------------------------------
// The Hugo side: configuration, section pages and a minimal theme whose pages carry what
// Repères' pages carry (head with canonical, alternates and OpenGraph, header with language
// switch, search form and menu, table of contents, sources, footer), so both write comparable
// HTML. Pagefind indexes the `data-pagefind-body` of single pages only, as Repères indexes
// records and pages, not lists.

function writeHugoSite(h) {
  write(
    join(h, 'config.toml'),
    `baseURL = "https://bench.example/"
defaultContentLanguage = "fr"
defaultContentLanguageInSubdir = false
disableKinds = ["taxonomy", "term", "RSS"]
enableRobotsTXT = true
[permalinks]
  pages = "/:slug/"
[markup.tableOfContents]
  startLevel = 2
  endLevel = 2
[languages.fr]
  languageName = "Français"
  weight = 1
  title = "Repères — banc d’essai synthétique"
[languages.en]
  languageName = "English"
  weight = 2
  title = "Repères — synthetic benchmark"
`,
  );
  const sections = {
    networks: { fr: 'Réseaux français', en: 'French networks' },
    erns: { fr: 'Réseaux européens', en: 'European networks' },
    partners: { fr: 'Partenaires', en: 'Partners' },
  };
  for (const lang of LANGS) {
    for (const [section, title] of Object.entries(sections)) {
      write(
        join(h, 'content', section, `_index.${lang}.md`),
        `---\ntitle: ${q(title[lang])}\ndescription: ${q(NOTE[lang])}\n---\n`,
      );
    }
    // Repères has no list of all pages: neither does the Hugo site.
    write(join(h, 'content', 'pages', `_index.${lang}.md`), `---\ntitle: Pages\n_build:\n  render: never\n---\n`);
    write(
      join(h, 'content', `search.${lang}.md`),
      `---\ntitle: ${lang === 'fr' ? 'Rechercher' : 'Search'}\nlayout: search\n---\n`,
    );
  }
  const strings = {
    fr: {
      skip: 'Aller au contenu',
      search: 'Rechercher une maladie ou un réseau',
      button: 'Rechercher',
      disclaimer: 'Ce site informe et oriente ; il ne remplace pas l’avis d’un médecin.',
      toc: 'Sur cette page',
      sources: 'Sources',
      reviewed: 'Vérifié le',
      conditions: 'Maladies prises en charge',
      synonyms: 'Synonymes',
      abbreviations: 'Abréviations',
      summary: 'En bref',
      erns: 'Réseaux européens',
      az: 'Index des maladies de A à Z',
      notfound: 'Page introuvable',
      count: 'réseaux',
    },
    en: {
      skip: 'Skip to content',
      search: 'Search for a disease or a network',
      button: 'Search',
      disclaimer: 'This site informs and guides; it does not replace a doctor’s advice.',
      toc: 'On this page',
      sources: 'Sources',
      reviewed: 'Reviewed on',
      conditions: 'Conditions handled',
      synonyms: 'Synonyms',
      abbreviations: 'Abbreviations',
      summary: 'In short',
      erns: 'European networks',
      az: 'A–Z index of conditions',
      notfound: 'Page not found',
      count: 'networks',
    },
  };
  for (const lang of LANGS) {
    write(
      join(h, 'i18n', `${lang}.toml`),
      Object.entries(strings[lang])
        .map(([k, v]) => `${k} = ${q(v)}`)
        .join('\n') + '\n',
    );
  }
  write(join(h, 'static', 'site.css'), 'body { font-family: sans-serif; max-width: 40rem; margin: auto; }\n');
  const L = join(h, 'layouts');
  write(
    join(L, '_default', 'baseof.html'),
    `<!DOCTYPE html>
<html lang="{{ site.Language.Lang }}" dir="ltr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'">
<title>{{ if .IsHome }}{{ site.Title }}{{ else }}{{ .Title }} · {{ site.Title }}{{ end }}</title>
<meta name="description" content="{{ .Description }}">
<link rel="canonical" href="{{ .Permalink }}">
{{ range .AllTranslations }}<link rel="alternate" hreflang="{{ .Language.Lang }}" href="{{ .Permalink }}">
{{ end }}<meta property="og:site_name" content="{{ site.Title }}">
<meta property="og:title" content="{{ .Title }}">
<meta property="og:description" content="{{ .Description }}">
<meta property="og:url" content="{{ .Permalink }}">
<link rel="stylesheet" href="{{ "site.css" | relURL }}">
</head>
<body>
<a class="skip-link" href="#main">{{ i18n "skip" }}</a>
<header class="site-header">
  <a class="brand" href="{{ site.Home.RelPermalink }}">{{ site.Title }}</a>
  <nav class="lang-switch"><ul>{{ range .Translations }}<li><a href="{{ .RelPermalink }}" hreflang="{{ .Language.Lang }}" lang="{{ .Language.Lang }}">{{ .Language.LanguageName }}</a></li>{{ end }}</ul></nav>
  <form class="header-search" role="search" action="{{ with site.GetPage "/search" }}{{ .RelPermalink }}{{ end }}" method="get">
    <label for="header-q">{{ i18n "search" }}</label>
    <input id="header-q" name="q" type="search"> <button type="submit">{{ i18n "button" }}</button>
  </form>
  <nav class="main-nav"><ul>{{ range slice "/networks" "/erns" "/partners" }}{{ with site.GetPage . }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}{{ end }}</ul></nav>
</header>
<main id="main">
{{ block "main" . }}{{ end }}
</main>
<footer class="site-footer"><p>{{ i18n "disclaimer" }}</p>
  <nav><ul>{{ with site.GetPage "/pages/glossaire" }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul></nav>
</footer>
</body>
</html>
`,
  );
  write(
    join(L, 'partials', 'sources.html'),
    `<footer class="provenance"><h2 id="sources">{{ i18n "sources" }}</h2>
<ul class="sources">{{ range .Params.sources }}<li><a href="{{ .url }}">{{ .title }}</a> <span class="url">{{ .url }}</span></li>{{ end }}</ul>
<p class="reviewed">{{ i18n "reviewed" }} <time>{{ .Params.reviewed }}</time></p></footer>
`,
  );
  write(
    join(L, '_default', 'single.html'),
    `{{ define "main" }}<article data-pagefind-body data-pagefind-filter="kind:{{ .Section }}">
<h1>{{ .Title }}</h1>
{{ if gt (len .Fragments.HeadingsMap) 2 }}<nav class="toc"><h2>{{ i18n "toc" }}</h2>{{ .TableOfContents }}</nav>{{ end }}
<div class="prose">{{ .Content }}</div>
{{ partial "sources.html" . }}
</article>{{ end }}
`,
  );
  write(
    join(L, 'networks', 'single.html'),
    `{{ define "main" }}<article class="record" data-pagefind-body data-pagefind-filter="kind:network">
<header class="record-header"><p class="kicker">{{ with .Parent }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</p>
<h1><span class="acronym">{{ .Params.acronym }}</span> <span class="record-name">{{ .Params.name }}</span></h1>
<p><span class="badge">{{ .Params.network_type }}</span></p></header>
<section><h2 id="summary">{{ i18n "summary" }}</h2><div class="prose">{{ .Content }}</div></section>
<section><h2 id="conditions">{{ i18n "conditions" }}</h2>
<ul class="conditions">{{ range .Params.conditions }}<li><span class="condition-name">{{ .name }}</span>{{ if or .synonyms .abbreviations }}<dl class="aka">{{ with .synonyms }}<div><dt>{{ i18n "synonyms" }}</dt><dd>{{ delimit . ", " }}</dd></div>{{ end }}{{ with .abbreviations }}<div><dt>{{ i18n "abbreviations" }}</dt><dd>{{ delimit . ", " }}</dd></div>{{ end }}</dl>{{ end }}</li>{{ end }}</ul></section>
{{ with site.GetPage (printf "/erns/%s" .Params.ern) }}<section><h2 id="erns">{{ i18n "erns" }}</h2><ul><li><a href="{{ .RelPermalink }}">{{ .Params.acronym }}</a> — {{ .Title }}</li></ul></section>{{ end }}
{{ partial "sources.html" . }}
</article>{{ end }}
`,
  );
  write(
    join(L, '_default', 'list.html'),
    `{{ define "main" }}<h1>{{ .Title }}</h1>
<p class="lead">{{ .Description }} <span class="count">({{ len .Pages }} {{ i18n "count" }})</span></p>
<ul class="record-list">{{ range .Pages }}<li><a href="{{ .RelPermalink }}"><span class="acronym">{{ .Params.acronym }}</span> <span class="record-name">{{ .Title }}</span></a></li>{{ end }}</ul>
{{ end }}
`,
  );
  write(
    join(L, 'index.html'),
    `{{ define "main" }}<h1>{{ .Title }}</h1>
<div class="prose">{{ .Content }}</div>
{{ $networks := where site.RegularPages "Section" "networks" }}
<section><h2>{{ len $networks }} {{ i18n "count" }}</h2>
<ul class="record-list">{{ range $networks }}<li><a href="{{ .RelPermalink }}"><span class="acronym">{{ .Params.acronym }}</span> <span class="record-name">{{ .Params.name }}</span></a></li>{{ end }}</ul></section>
<section><ul class="record-list">{{ range where site.RegularPages "Section" "erns" }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul></section>
{{ end }}
`,
  );
  write(
    join(L, '_default', 'search.html'),
    `{{ define "main" }}<h1>{{ .Title }}</h1>
<form class="search-page" role="search" method="get"><label for="q">{{ i18n "search" }}</label><input id="q" name="q" type="search"> <button type="submit">{{ i18n "button" }}</button></form>
<ol class="search-results"></ol>
<section class="az"><h2>{{ i18n "az" }}</h2>
<ul class="az-list">{{ range where site.RegularPages "Section" "networks" }}{{ $p := . }}{{ range .Params.conditions }}<li>{{ .name }} → <a href="{{ $p.RelPermalink }}">{{ $p.Params.acronym }}</a></li>{{ range .synonyms }}<li>{{ . }} → <a href="{{ $p.RelPermalink }}">{{ $p.Params.acronym }}</a></li>{{ end }}{{ end }}{{ end }}</ul></section>
{{ end }}
`,
  );
  write(join(L, '404.html'), `{{ define "main" }}<h1>{{ i18n "notfound" }}</h1>{{ end }}\n`);
}
