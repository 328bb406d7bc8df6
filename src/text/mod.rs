//! Pure text rules shared by every stage: the one HTML escaper, the site's typography, and the
//! rules for ids, slugs and anchors. No IO; imports nothing of the crate.

mod escape;
mod slug;
mod typography;

pub use escape::escape_html;
pub use slug::{check_slug, slugify};
pub use typography::{Typographer, typography};
