//! `reperes schema`: the JSON Schemas editors use; see `reperes::editor::schema`.

use std::path::Path;
use std::process::ExitCode;

use reperes::config::{BuildOptions, Config, Languages};
use reperes::diag::{Diagnostics, display_path};
use reperes::editor::schema::{self, SCHEMA_DIR};

use crate::cli::SchemaArgs;
use crate::report;

pub fn run(args: &SchemaArgs) -> ExitCode {
    let root = &args.root;
    let languages = match site_languages(root) {
        Ok(languages) => languages,
        Err(code) => return code,
    };
    if args.check {
        return check(root, &languages);
    }
    match schema::write(root, &languages) {
        Ok(written) => {
            for path in &written {
                report::output(&report::shown(root, path));
            }
            let dir = report::shown(root, Path::new(SCHEMA_DIR));
            report::line(&if written.is_empty() {
                format!("The schemas in {dir} are up to date")
            } else {
                format!("Wrote {} schema file(s) into {dir}", written.len())
            });
            ExitCode::SUCCESS
        }
        Err(d) => {
            report::failure(&Diagnostics::from(d), root);
            ExitCode::from(2)
        }
    }
}

/// `--check`: list the stale or missing files, write nothing.
fn check(root: &Path, languages: &Languages) -> ExitCode {
    let stale = match schema::check(root, languages) {
        Ok(stale) => stale,
        Err(d) => {
            report::failure(&Diagnostics::from(d), root);
            return ExitCode::from(2);
        }
    };
    if stale.is_empty() {
        return ExitCode::SUCCESS;
    }
    for file in &stale {
        let why = if file.missing {
            "missing"
        } else {
            "out of date"
        };
        report::line(&format!("{}: error: {why}", display_path(&file.path)));
    }
    report::line(&format!(
        "{} schema file(s) to regenerate: run `reperes schema` and commit the result",
        stale.len()
    ));
    ExitCode::from(1)
}

/// The site's languages from `content/site.yaml`, or the diagnostics already printed.
pub fn site_languages(root: &Path) -> Result<Languages, ExitCode> {
    let options = BuildOptions {
        root: root.to_path_buf(),
        out: None,
        base_url: None,
    };
    match Config::load(&options) {
        Ok(config) => Ok(config.languages),
        Err(diags) => {
            report::failure(&diags, root);
            Err(ExitCode::from(1))
        }
    }
}
