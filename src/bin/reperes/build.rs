//! `reperes build`: the site into its output folder; see `reperes::pipeline::build_into`.

use std::io::Write;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use reperes::diag::Diagnostics;
use reperes::output::WriteStep;
use reperes::pipeline::{self, Failure};

use crate::cli::BuildArgs;
use crate::report;

pub fn run(args: BuildArgs) -> ExitCode {
    let show_timings = args.timings;
    let options = args.site.build_options(args.out);
    let started = Instant::now();
    let built = match pipeline::build_into(&options, &pause_for_tests) {
        Ok(built) => built,
        Err(failed) => {
            let code = match failed.failure {
                Failure::Content(diags) => {
                    report::failure(&diags, &options.root);
                    1
                }
                Failure::Write(d) => {
                    report::failure(&Diagnostics::from(d), &options.root);
                    2
                }
            };
            if let Some(d) = failed.unrecovered {
                report::failure(&Diagnostics::from(*d), &options.root);
            }
            return ExitCode::from(code);
        }
    };
    report::failure(&built.warnings, &options.root);
    if show_timings {
        for (stage, duration) in &built.timings.stages {
            report::line(&format!("  {stage:<18} {:>8.1} ms", ms(*duration)));
        }
        for stats in &built.search_stats {
            report::line(&format!(
                "  search index `{}`: {} documents, {} words, {} KiB, {:.1} ms (adding {:.1} ms)",
                stats.lang,
                stats.documents,
                stats.words,
                stats.bytes / 1024,
                ms(stats.duration),
                ms(stats.adding)
            ));
        }
    }
    let (files, bytes) = built.written.unwrap_or_default();
    report::line(&format!(
        "Built {files} files ({} KiB) into {} in {:.0} ms",
        bytes / 1024,
        built.config.out_dir.display(),
        ms(started.elapsed())
    ));
    ExitCode::SUCCESS
}

fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1e3
}

/// Fault injection for the reliability tests: with `REPERES_TEST_PAUSE=half-written` (or
/// `between-renames`), the build says so on stderr at that step and waits there to be killed.
fn pause_for_tests(step: WriteStep) {
    let wanted = match step {
        WriteStep::HalfWritten => "half-written",
        WriteStep::BetweenRenames => "between-renames",
    };
    if std::env::var("REPERES_TEST_PAUSE").is_ok_and(|v| v == wanted) {
        let mut err = std::io::stderr().lock();
        let _ = writeln!(err, "paused: {wanted}");
        let _ = err.flush();
        drop(err);
        std::thread::sleep(Duration::from_secs(60));
    }
}
