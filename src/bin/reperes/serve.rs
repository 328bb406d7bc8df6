//! `reperes serve`: see `reperes::serve`. Runs until Ctrl-C (or SIGTERM), then exits 0.

use std::path::Path;
use std::process::ExitCode;
use std::time::Duration;

use reperes::diag::Diagnostics;
use reperes::serve::{self, Event, Preview};

use crate::cli::ServeArgs;
use crate::report;

pub fn run(args: ServeArgs) -> ExitCode {
    let options = args.site.build_options(None);
    let (stop, stopped) = std::sync::mpsc::channel();
    if let Err(err) = ctrlc::set_handler(move || {
        let _ = stop.send(());
    }) {
        report::line(&format!("error: cannot handle Ctrl-C: {err}"));
        return ExitCode::from(2);
    }
    let root = options.root.clone();
    // The search index must not slow the rebuilds (see the function).
    reperes::serve::run_background_work_when_idle();
    let preview = match Preview::start(options.clone(), args.port, args.edit, move |event| {
        print_event(&event, &root);
    }) {
        Ok(preview) => preview,
        Err(d) => {
            report::failure(&Diagnostics::from(d), &options.root);
            return ExitCode::from(2);
        }
    };
    report::line(&format!("Serving {} (Ctrl-C to stop)", preview.url()));
    if args.edit {
        report::line(&format!(
            "Editing in the browser: {}admin/ (writes into content/)",
            preview.url()
        ));
    }
    if args.open
        && let Err(err) = serve::open_in_browser(preview.url())
    {
        report::line(&format!("warning: cannot open a browser: {err}"));
    }
    let _ = stopped.recv();
    preview.stop();
    report::line("Stopped.");
    ExitCode::SUCCESS
}

fn print_event(event: &Event, root: &Path) {
    let ms = |d: &Duration| d.as_secs_f64() * 1e3;
    match event {
        Event::Built {
            duration,
            files,
            warnings,
        } => {
            report::print(warnings, root);
            report::line(&format!(
                "Built {files} files in {:.0} ms; building the search index",
                ms(duration)
            ));
        }
        Event::BuildFailed {
            diagnostics,
            has_last_good,
        } => {
            report::print(diagnostics, root);
            let serving = if *has_last_good {
                "still serving the last good site, with the errors shown on its pages"
            } else {
                "the pages show the errors until a build succeeds"
            };
            report::line(&format!(
                "Build failed ({} error(s)): {serving}",
                diagnostics.error_count()
            ));
        }
        Event::SearchIndexed { duration, files } => report::line(&format!(
            "Search index rebuilt in {:.0} ms ({files} files)",
            ms(duration)
        )),
        Event::SearchFailed { diagnostics } => {
            report::print(diagnostics, root);
            report::line(
                "The search index could not be built: search does not work in this preview",
            );
        }
        Event::Problem { message } => report::line(&format!("warning: {message}")),
    }
}
