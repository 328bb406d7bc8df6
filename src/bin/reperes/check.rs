//! `reperes check`: build in memory (no search index: nothing reads it), run the checks of
//! `reperes::check`, print every finding in the chosen format.

use std::process::ExitCode;

use reperes::check::{self, CheckOptions};
use reperes::model::Date;
use reperes::pipeline::{self, SearchIndex};

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
    let options = args.site.build_options(None);
    let findings = match pipeline::build_with(&options, SearchIndex::Skip) {
        Ok(built) => {
            let check_options = CheckOptions {
                max_age_months: args.max_age_months,
                today,
            };
            let mut findings = built.warnings.clone();
            findings.extend(check::check(&built, &check_options));
            findings.sorted()
        }
        Err(errors) => errors,
    };
    let failed = findings.has_errors() || (args.strict && findings.warning_count() > 0);
    match args.format {
        CheckFormat::Human => {
            report::print(&findings, &options.root);
            report::line(&format!(
                "{} error(s), {} warning(s){}",
                findings.error_count(),
                findings.warning_count(),
                if failed { "" } else { ": the site is ready" }
            ));
        }
        CheckFormat::Json => report::json(&findings),
        CheckFormat::Github => report::github(&findings),
    }
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
