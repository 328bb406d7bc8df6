//! Repères: a static site generator for a bilingual public-information site on rare cancers.
//!
//! The library is a pipeline of stages over owned data; [`pipeline::build`] runs them in order:
//! [`config`] → [`content`] → [`bodies`] (with [`markdown`]) → [`render`] (with [`i18n`] and
//! [`urls`]), [`search`] and [`opendata`] → [`output`]. [`diag`] is the diagnostics every stage
//! reports with. [`serve`] runs the pipeline again on every change for the live preview. The
//! binary (`main.rs`) only parses arguments, calls the library and prints.

pub mod bodies;
pub mod check;
pub mod cli;
pub mod config;
pub mod content;
pub mod diag;
pub mod glossary;
pub mod i18n;
pub mod markdown;
pub mod opendata;
pub mod output;
pub mod pipeline;
pub mod render;
pub mod scaffold;
pub mod schema;
pub mod search;
pub mod serve;
pub mod source;
pub mod translation;
pub mod urls;
pub mod yaml;
