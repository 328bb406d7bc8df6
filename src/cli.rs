//! Command-line interface types (clap derive only; no behaviour).

use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// Repères builds a bilingual public-information website on rare cancers from YAML records and
/// Markdown pages.
#[derive(Debug, Parser)]
#[command(name = "reperes", version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into the output folder (public/ by default).
    Build {
        #[command(flatten)]
        site: SiteArgs,
        /// Where to write the site [default: <root>/public]
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// Print how long each stage took.
        #[arg(long)]
        timings: bool,
    },
}

/// Arguments shared by every command that reads a site.
#[derive(Debug, clap::Args)]
pub struct SiteArgs {
    /// The site's root folder (holding content/, themes/, i18n/)
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// Override base_url of content/site.yaml (e.g. for a preview deployment)
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
}
