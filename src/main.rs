//! The `reperes` binary: parse arguments, call the library, print diagnostics, choose the exit
//! code (0 success, 1 content errors, 2 usage or output errors).

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

use clap::Parser;
use reperes::cli::{CheckFormat, Cli, Command, NewKind};
use reperes::config::{BuildOptions, Config, Languages};
use reperes::diag::{Diagnostic, Diagnostics, display_path};
use reperes::editor::scaffold::{self, Kind, Refused};
use reperes::model::Date;
use reperes::{output, pipeline, serve};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build { site, out, timings } => {
            let options = BuildOptions {
                root: site.root,
                out,
                base_url: site.base_url,
            };
            build(&options, timings)
        }
        Command::Check {
            site,
            format,
            strict,
            max_age_months,
            today,
        } => {
            let options = BuildOptions {
                root: site.root,
                out: None,
                base_url: site.base_url,
            };
            check(&options, format, strict, max_age_months, today.as_deref())
        }
        Command::Serve { site, port, open } => {
            let options = BuildOptions {
                root: site.root,
                out: None,
                base_url: site.base_url,
            };
            serve(&options, port, open)
        }
        Command::New { root, kind, id } => new(&root, kind, &id),
        Command::Schema { root, check } => schema(&root, check),
    }
}

/// `reperes check`: build in memory (no search index: nothing reads it), then run the checks of
/// `reperes::check`; print every finding in the chosen format.
fn check(
    options: &BuildOptions,
    format: CheckFormat,
    strict: bool,
    max_age_months: u32,
    today: Option<&str>,
) -> ExitCode {
    let today = match today {
        Some(text) => match Date::parse(text) {
            Ok(date) => date,
            Err(why) => {
                let mut err = std::io::stderr().lock();
                let _ = writeln!(err, "error: --today: {why}");
                return ExitCode::from(2);
            }
        },
        None => reperes::check::today(),
    };
    let findings = match pipeline::build_with(options, pipeline::SearchIndex::Skip) {
        Ok(built) => {
            let check_options = reperes::check::CheckOptions {
                max_age_months,
                today,
            };
            let mut findings = built.warnings.clone();
            findings.extend(reperes::check::check(&built, &check_options));
            findings.sorted()
        }
        Err(errors) => errors,
    };
    let failed = findings.has_errors() || (strict && findings.warning_count() > 0);
    match format {
        CheckFormat::Human => {
            let rich = std::io::stderr().is_terminal();
            let mut err = std::io::stderr().lock();
            for d in findings.iter() {
                let _ = writeln!(err, "{}", render(d, &options.root, rich));
            }
            let _ = writeln!(
                err,
                "{} error(s), {} warning(s){}",
                findings.error_count(),
                findings.warning_count(),
                if failed { "" } else { ": the site is ready" }
            );
        }
        CheckFormat::Json => {
            let mut out = std::io::stdout().lock();
            let _ = writeln!(out, "{}", findings.to_json());
        }
        CheckFormat::Github => {
            let mut out = std::io::stdout().lock();
            for d in findings.iter() {
                let _ = writeln!(out, "{}", d.github_annotation());
            }
        }
    }
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

// `reperes serve`: see `reperes::serve`. Runs until Ctrl-C (or SIGTERM), then exits 0.
fn serve(options: &BuildOptions, port: u16, open: bool) -> ExitCode {
    let (stop, stopped) = std::sync::mpsc::channel();
    if let Err(err) = ctrlc::set_handler(move || {
        let _ = stop.send(());
    }) {
        let _ = writeln!(
            std::io::stderr().lock(),
            "error: cannot handle Ctrl-C: {err}"
        );
        return ExitCode::from(2);
    }
    let root = options.root.clone();
    let preview = match serve::Preview::start(options.clone(), port, move |event| {
        print_event(&event, &root);
    }) {
        Ok(preview) => preview,
        Err(d) => {
            report(&Diagnostics::from(d), &options.root);
            return ExitCode::from(2);
        }
    };
    let _ = writeln!(
        std::io::stderr().lock(),
        "Serving {} (Ctrl-C to stop)",
        preview.url()
    );
    if open && let Err(err) = serve::open_in_browser(preview.url()) {
        let _ = writeln!(
            std::io::stderr().lock(),
            "warning: cannot open a browser: {err}"
        );
    }
    let _ = stopped.recv();
    preview.stop();
    let _ = writeln!(std::io::stderr().lock(), "Stopped.");
    ExitCode::SUCCESS
}

fn print_event(event: &serve::Event, root: &Path) {
    let ms = |d: &std::time::Duration| d.as_secs_f64() * 1e3;
    match event {
        serve::Event::Built {
            duration,
            files,
            warnings,
        } => {
            print_diagnostics(warnings, root);
            let _ = writeln!(
                std::io::stderr().lock(),
                "Built {files} files in {:.0} ms; building the search index",
                ms(duration)
            );
        }
        serve::Event::BuildFailed {
            diagnostics,
            has_last_good,
        } => {
            print_diagnostics(diagnostics, root);
            let serving = if *has_last_good {
                "still serving the last good site, with the errors shown on its pages"
            } else {
                "the pages show the errors until a build succeeds"
            };
            let _ = writeln!(
                std::io::stderr().lock(),
                "Build failed ({} error(s)): {serving}",
                diagnostics.error_count()
            );
        }
        serve::Event::SearchIndexed { duration, files } => {
            let _ = writeln!(
                std::io::stderr().lock(),
                "Search index rebuilt in {:.0} ms ({files} files)",
                ms(duration)
            );
        }
        serve::Event::SearchFailed { diagnostics } => {
            print_diagnostics(diagnostics, root);
            let _ = writeln!(
                std::io::stderr().lock(),
                "The search index could not be built: search does not work in this preview"
            );
        }
        serve::Event::Problem { message } => {
            let _ = writeln!(std::io::stderr().lock(), "warning: {message}");
        }
    }
}

// `reperes new`: see `reperes::scaffold`.
fn new(root: &Path, kind: NewKind, id: &str) -> ExitCode {
    let languages = match site_languages(root) {
        Ok(languages) => languages,
        Err(code) => return code,
    };
    let kind = match kind {
        NewKind::Network => Kind::Network,
        NewKind::Ern => Kind::Ern,
        NewKind::Partner => Kind::Partner,
        NewKind::Page => Kind::Page,
    };
    match scaffold::create(root, kind, id, &languages) {
        Ok(created) => {
            let mut out = std::io::stdout().lock();
            for path in &created {
                let _ = writeln!(out, "{}", shown(root, path));
            }
            if !root.join(reperes::editor::schema::SCHEMA_DIR).is_dir() {
                let mut err = std::io::stderr().lock();
                let _ = writeln!(
                    err,
                    "note: run `reperes schema` for completion and checks in your editor"
                );
            }
            ExitCode::SUCCESS
        }
        Err(refused) => {
            report(&Diagnostics::from(refused.diagnostic().clone()), root);
            match refused {
                Refused::Exists(_) => ExitCode::from(1),
                Refused::InvalidId(_) | Refused::Io(_) => ExitCode::from(2),
            }
        }
    }
}

/// `rel` (relative to the site's root) as the user can open it from where they ran reperes.
fn shown(root: &Path, rel: &Path) -> String {
    if root == Path::new(".") {
        display_path(rel)
    } else {
        root.join(rel).display().to_string()
    }
}

/// The site's languages from `content/site.yaml`, or the diagnostics already printed.
fn site_languages(root: &Path) -> Result<Languages, ExitCode> {
    let options = BuildOptions {
        root: root.to_path_buf(),
        out: None,
        base_url: None,
    };
    match Config::load(&options) {
        Ok(config) => Ok(config.languages),
        Err(diags) => {
            report(&diags, root);
            Err(ExitCode::from(1))
        }
    }
}

// `reperes schema`: see `reperes::schema`.
fn schema(root: &Path, check: bool) -> ExitCode {
    let languages = match site_languages(root) {
        Ok(languages) => languages,
        Err(code) => return code,
    };
    if check {
        let stale = match reperes::editor::schema::check(root, &languages) {
            Ok(stale) => stale,
            Err(d) => {
                report(&Diagnostics::from(d), root);
                return ExitCode::from(2);
            }
        };
        if stale.is_empty() {
            return ExitCode::SUCCESS;
        }
        let mut err = std::io::stderr().lock();
        for file in &stale {
            let why = if file.missing {
                "missing"
            } else {
                "out of date"
            };
            let _ = writeln!(err, "{}: error: {why}", display_path(&file.path));
        }
        let _ = writeln!(
            err,
            "{} schema file(s) to regenerate: run `reperes schema` and commit the result",
            stale.len()
        );
        return ExitCode::from(1);
    }
    match reperes::editor::schema::write(root, &languages) {
        Ok(written) => {
            let mut out = std::io::stdout().lock();
            for path in &written {
                let _ = writeln!(out, "{}", shown(root, path));
            }
            let dir = shown(root, Path::new(reperes::editor::schema::SCHEMA_DIR));
            let mut err = std::io::stderr().lock();
            let _ = if written.is_empty() {
                writeln!(err, "The schemas in {dir} are up to date")
            } else {
                writeln!(err, "Wrote {} schema file(s) into {dir}", written.len())
            };
            ExitCode::SUCCESS
        }
        Err(d) => {
            report(&Diagnostics::from(d), root);
            ExitCode::from(2)
        }
    }
}

fn build(options: &BuildOptions, show_timings: bool) -> ExitCode {
    let started = std::time::Instant::now();
    let built = match pipeline::build_into(options, &pause_for_tests) {
        Ok(built) => built,
        Err(failure) => {
            let code = match failure {
                pipeline::Failure::Content(diags) => {
                    report(&diags, &options.root);
                    1
                }
                pipeline::Failure::Write(d) => {
                    report(&Diagnostics::from(d), &options.root);
                    2
                }
            };
            // A site left aside by a build killed mid-swap comes back even when this one fails.
            if let Ok(config) = Config::load(options)
                && let Err(d) = output::recover_interrupted(&config.out_dir)
            {
                report(&Diagnostics::from(d), &options.root);
            }
            return ExitCode::from(code);
        }
    };
    report(&built.warnings, &options.root);
    let mut err = std::io::stderr().lock();
    if show_timings {
        for (stage, duration) in &built.timings.stages {
            let _ = writeln!(
                err,
                "  {stage:<18} {:>8.1} ms",
                duration.as_secs_f64() * 1e3
            );
        }
        for stats in &built.search_stats {
            let _ = writeln!(
                err,
                "  search index `{}`: {} documents, {} words, {} KiB, {:.1} ms (adding {:.1} ms)",
                stats.lang,
                stats.documents,
                stats.words,
                stats.bytes / 1024,
                stats.duration.as_secs_f64() * 1e3,
                stats.adding.as_secs_f64() * 1e3
            );
        }
    }
    let (files, bytes) = built.written.unwrap_or_default();
    let _ = writeln!(
        err,
        "Built {files} files ({} KiB) into {} in {:.0} ms",
        bytes / 1024,
        built.config.out_dir.display(),
        started.elapsed().as_secs_f64() * 1e3
    );
    ExitCode::SUCCESS
}

/// Fault injection for the reliability tests: with `REPERES_TEST_PAUSE=half-written` (or
/// `between-renames`), the build says so on stderr at that step and waits there to be killed.
fn pause_for_tests(step: output::WriteStep) {
    let wanted = match step {
        output::WriteStep::HalfWritten => "half-written",
        output::WriteStep::BetweenRenames => "between-renames",
    };
    if std::env::var("REPERES_TEST_PAUSE").is_ok_and(|v| v == wanted) {
        let mut err = std::io::stderr().lock();
        let _ = writeln!(err, "paused: {wanted}");
        let _ = err.flush();
        drop(err);
        std::thread::sleep(std::time::Duration::from_secs(60));
    }
}

/// Print diagnostics on stderr, then say that nothing was written if there were errors.
fn report(diags: &Diagnostics, root: &Path) {
    print_diagnostics(diags, root);
    let mut err = std::io::stderr().lock();
    if diags.has_errors() {
        let _ = writeln!(
            err,
            "{} error(s), {} warning(s): nothing was written",
            diags.error_count(),
            diags.warning_count()
        );
    }
}

/// Print diagnostics on stderr: rich with source lines on a terminal, one line each otherwise.
fn print_diagnostics(diags: &Diagnostics, root: &Path) {
    let rich = std::io::stderr().is_terminal();
    let mut err = std::io::stderr().lock();
    for d in diags.iter() {
        let _ = writeln!(err, "{}", render(d, root, rich));
    }
}

fn render(d: &Diagnostic, root: &Path, rich: bool) -> String {
    if !rich {
        return d.one_line();
    }
    let source = d
        .file
        .as_ref()
        .and_then(|f| std::fs::read_to_string(root.join(f)).ok());
    format!("{}\n", d.rich(source.as_deref()))
}
