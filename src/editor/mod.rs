//! The editors' tools that do not build the site: `reperes new` ([`scaffold`]) writes a content
//! file to fill in, and `reperes schema` ([`schema`]) writes the JSON Schemas their editor uses.
//!
//! Imports: `config`, `model`, `text`, `diag`. Must not import a build stage.

pub mod scaffold;
pub mod schema;
