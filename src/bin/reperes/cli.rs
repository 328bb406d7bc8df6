//! The command line: clap types only, one argument struct per command.

use std::path::PathBuf;

use clap::{Parser, Subcommand};
use reperes::check::external;
use reperes::config::BuildOptions;

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
    Build(BuildArgs),
    /// Check the site without writing it: everything `build` validates, plus links and anchors
    /// of the rendered pages, translations, interface strings, orphan records, review dates;
    /// with --external, the web addresses the content cites.
    Check(CheckArgs),
    /// Preview the site: build it in memory, serve it on 127.0.0.1, rebuild and reload the
    /// browser when content, themes or interface strings change.
    Serve(ServeArgs),
    /// Create a content file with every required field in both languages, ready to fill in.
    New(NewArgs),
    /// Write the JSON Schemas of the content files (for editors such as VS Code).
    Schema(SchemaArgs),
}

#[derive(Debug, clap::Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// Where to write the site [default: <root>/public]
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Print how long each stage took.
    #[arg(long)]
    pub timings: bool,
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// How to print the findings.
    #[arg(long, value_enum, default_value = "human")]
    pub format: CheckFormat,
    /// Fail (exit 1) on warnings too.
    #[arg(long)]
    pub strict: bool,
    /// Warn about records and pages reviewed longer ago than this.
    #[arg(long, value_name = "MONTHS", default_value_t = 12)]
    pub max_age_months: u32,
    /// The date to measure review ages from [default: today, or SOURCE_DATE_EPOCH]
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub today: Option<String>,
    /// Also ask every web address the content cites (sources, websites, links, addresses in
    /// Markdown) whether it still answers. Uses the network and .reperes-cache/links.json.
    #[arg(long)]
    pub external: bool,
    /// With --external: how long to wait for each answer.
    #[arg(long, value_name = "SECONDS", default_value_t = external::DEFAULT_TIMEOUT_SECS,
          requires = "external", value_parser = clap::value_parser!(u64).range(1..))]
    pub timeout_secs: u64,
    /// With --external: reuse results younger than this from the cache (0: ask everything).
    #[arg(long, value_name = "DAYS", default_value_t = external::DEFAULT_CACHE_DAYS,
          requires = "external")]
    pub cache_days: u32,
    /// With --external: ask every address again, whatever the cache holds.
    #[arg(long, requires = "external")]
    pub refresh: bool,
}

#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// Port to listen on (0 picks a free one).
    #[arg(long, default_value_t = 1111)]
    pub port: u16,
    /// Open the site in the default browser.
    #[arg(long)]
    pub open: bool,
    /// Also serve the browser editor at /admin/ (Decap CMS), which saves into content/.
    #[arg(long)]
    pub edit: bool,
}

#[derive(Debug, clap::Args)]
pub struct NewArgs {
    /// The site's root folder (holding content/)
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// What to create.
    #[arg(value_enum)]
    pub kind: NewKind,
    /// The id (records) or slug (pages): lowercase letters, digits and hyphens.
    pub id: String,
}

#[derive(Debug, clap::Args)]
pub struct SchemaArgs {
    /// The site's root folder: schemas go to <root>/content/.schemas/
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// Fail if the schemas on disk are not up to date instead of writing them.
    #[arg(long)]
    pub check: bool,
}

/// Output format of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CheckFormat {
    /// Readable, with source lines on a terminal.
    Human,
    /// A JSON array of findings.
    Json,
    /// GitHub Actions workflow commands (`::error file=…,line=…::…`).
    Github,
}

/// What `new` creates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum NewKind {
    Network,
    Ern,
    Partner,
    Page,
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

impl SiteArgs {
    /// What the library needs to know of this command line to build the site.
    pub fn build_options(self, out: Option<PathBuf>) -> BuildOptions {
        BuildOptions {
            root: self.root,
            out,
            base_url: self.base_url,
        }
    }
}
