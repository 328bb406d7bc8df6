//! `reperes check`: build in memory (no search index: nothing reads it), run the checks of
//! `reperes::check`, print every finding in the chosen format. With `--external`, also ask the
//! web addresses the content cites (`reperes::check::external`) and say what that cost.

use std::process::ExitCode;
use std::time::{Duration, Instant};

use reperes::check::external::{self, ExternalOptions};
use reperes::check::{self, CheckOptions};
use reperes::diag::Diagnostics;
use reperes::model::Date;
use reperes::pipeline::{self, Built, SearchIndex};

use crate::cli::{CheckArgs, CheckFormat};
use crate::report;

pub fn run(args: CheckArgs) -> ExitCode {
    let today = match args.today.as_deref() {
        Some(text) => match Date::parse(text) {
            Ok(date) => date,
            Err(why) => {
                report::line(&format!("error: --today: {why}"));
                return ExitCode::from(2);
            }
        },
        None => check::today(),
    };
    let external = args.external.then(|| ExternalOptions {
        timeout: Duration::from_secs(args.timeout_secs),
        cache_days: args.cache_days,
        refresh: args.refresh,
        ..ExternalOptions::new(external::seconds_now())
    });
    let options = args.site.build_options(None);
    let mut offline = false;
    let findings = match pipeline::build_with(&options, SearchIndex::Skip) {
        Ok(built) => {
            let check_options = CheckOptions {
                max_age_months: args.max_age_months,
                today,
            };
            let mut findings = built.warnings.clone();
            findings.extend(check::check(&built, &check_options));
            if let Some(external) = &external {
                let (found, unreachable) = check_external(&built, external, args.format);
                findings.extend(found);
                offline = unreachable;
            }
            findings.sorted()
        }
        Err(errors) => {
            if external.is_some() {
                report::line("web addresses not checked: the site does not build");
            }
            errors
        }
    };
    let failed = findings.has_errors() || (args.strict && findings.warning_count() > 0);
    match args.format {
        CheckFormat::Human => {
            report::print(&findings, &options.root);
            let verdict = if offline {
                ": the web addresses could not be checked"
            } else if failed {
                ""
            } else {
                ": the site is ready"
            };
            report::line(&format!(
                "{} error(s), {} warning(s){verdict}",
                findings.error_count(),
                findings.warning_count(),
            ));
        }
        CheckFormat::Json => report::json(&findings),
        CheckFormat::Github => report::github(&findings),
    }
    if offline {
        ExitCode::from(2)
    } else if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// `--external`: ask the addresses, say on stderr what was asked and how long it took. The
/// findings, and whether the network seemed unavailable.
fn check_external(
    built: &Built,
    options: &ExternalOptions,
    format: CheckFormat,
) -> (Diagnostics, bool) {
    let cited = external::cited(built);
    if format == CheckFormat::Human {
        report::line(&format!(
            "checking {} web addresses cited in {} places…",
            cited.len(),
            cited.places()
        ));
    }
    let start = Instant::now();
    let outcome = external::check(&built.config.root, &cited, options);
    for note in &outcome.notes {
        report::line(&format!("warning: {note}"));
    }
    report::line(&format!(
        "web addresses: {} checked, {} from the cache ({} days), {} asked with {} requests in \
         {:.1} s",
        outcome.addresses,
        outcome.from_cache,
        options.cache_days,
        outcome.asked,
        outcome.requests,
        start.elapsed().as_secs_f64()
    ));
    (outcome.findings, outcome.offline)
}
