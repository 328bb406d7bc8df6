//! The content model as editors write it: serde types for records, page front matter and the
//! glossary, the values they are made of, and the names the site reserves. Field names here are
//! the contract with editors (see README.md, "For editors", and `shared/guide/content-model.md`).
//!
//! Values whose form can be checked alone (dates, URLs, enums) are checked while deserializing,
//! so the YAML parser reports them with their line and column; checks across fields and files
//! belong to `content`.
//!
//! The same types derive `JsonSchema`: the JSON Schemas editors get (`reperes schema`) and the
//! open data schemas are generated from them ([`shapes`]), and the `///` comments on fields
//! become the descriptions editors see.
//!
//! Imports: [`crate::text`] only. Must not import config, content or any stage.

mod glossary;
mod page;
mod records;
pub mod refs;
pub mod shapes;
mod values;

pub use glossary::{Glossary, GlossaryTerm};
pub use page::{Bar, Figure, Layout, Menu, PageMeta};
pub use records::{Basis, Condition, Ern, ErnLink, Network, NetworkType, Partner, PartnerCategory};
pub use refs::{ContentRef, HOME_KEY, PLACEHOLDER};
pub use values::{Date, Link, Localized, LocalizedList, OrphaCode, Source, Url};
