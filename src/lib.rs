//! Repères: a static site generator for a bilingual public-information site on rare cancers.
//!
//! The library is a pipeline of stages over owned data; [`pipeline`] is the one sequencer, and
//! `build`, `check` and `serve` all go through it:
//!
//! ```text
//! Config ─▶ content (load, resolve) ─▶ Site ─▶ bodies (markdown + glossary) ─▶ Bodies
//!        ─▶ render   ─▶ pages ─┐
//!        ─▶ search   ─▶ index ─┼─▶ Output ─▶ output (staging + swap) | serve (memory) | check
//!        ─▶ opendata ─▶ data  ─┘
//! ```
//!
//! # Import order
//! Modules are declared below in layers. A module may import only modules of the layers above
//! its own (and its own submodules); `tests/architecture.rs` reads this file and fails when a
//! module imports one it may not. Each module's `//!` doc says what it owns.
//!
//! | layer | modules | role |
//! |---|---|---|
//! | 0 | `diag`, `text` | diagnostics with spans; escaping, typography, slugs (nothing of the crate) |
//! | 1 | `model` | what editors write: values, records, pages, glossary, reserved names, schema shapes |
//! | 2 | `source`, `yaml`, `output` | decoding and front matter, the one YAML module, the output folder |
//! | 3 | `config` | `site.yaml` and the command line → `Config` |
//! | 4 | `content` | walk, load, resolve → `Site` |
//! | 5 | `urls`, `i18n` | where each route lives; interface strings |
//! | 6 | `translation` | which translations are out of date |
//! | 7 | `markdown` | pure Markdown → `Body` (with the glossary's term links) |
//! | 8 | `bodies` | the Markdown stage over the whole site |
//! | 9 | `render`, `search`, `opendata`, `cms` | the output stages (`cms`: the browser editor's configuration and `/admin/`); none imports another |
//! | 10 | `pipeline` | the sequencer and the recovery policy after a failed build |
//! | 11 | `check`, `serve`, `editor` | what runs on a built site; `new` and `schema` |
//!
//! The binary (`src/bin/reperes/`) parses arguments, calls one of these, prints, and exits.

// layer 0
pub mod diag;
pub mod text;
// layer 1
pub mod model;
// layer 2
pub mod output;
pub mod source;
pub mod yaml;
// layer 3
pub mod config;
// layer 4
pub mod content;
// layer 5
pub mod i18n;
pub mod urls;
// layer 6
pub mod translation;
// layer 7
pub mod markdown;
// layer 8
pub mod bodies;
// layer 9
pub mod cms;
pub mod opendata;
pub mod render;
pub mod search;
// layer 10
pub mod pipeline;
// layer 11
pub mod check;
pub mod editor;
pub mod serve;
