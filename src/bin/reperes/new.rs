//! `reperes new`: a content file to fill in; see `reperes::editor::scaffold`.

use std::process::ExitCode;

use reperes::diag::Diagnostics;
use reperes::editor::scaffold::{self, Kind, Refused};
use reperes::editor::schema::SCHEMA_DIR;

use crate::cli::{NewArgs, NewKind};
use crate::report;
use crate::schema::site_languages;

pub fn run(args: &NewArgs) -> ExitCode {
    let root = &args.root;
    let languages = match site_languages(root) {
        Ok(languages) => languages,
        Err(code) => return code,
    };
    let kind = match args.kind {
        NewKind::Network => Kind::Network,
        NewKind::Ern => Kind::Ern,
        NewKind::Partner => Kind::Partner,
        NewKind::Page => Kind::Page,
    };
    match scaffold::create(root, kind, &args.id, &languages) {
        Ok(created) => {
            for path in &created {
                report::output(&report::shown(root, path));
            }
            if !root.join(SCHEMA_DIR).is_dir() {
                report::line("note: run `reperes schema` for completion and checks in your editor");
            }
            ExitCode::SUCCESS
        }
        Err(refused) => {
            report::failure(&Diagnostics::from(refused.diagnostic().clone()), root);
            match refused {
                Refused::Exists(_) => ExitCode::from(1),
                Refused::InvalidId(_) | Refused::Io(_) => ExitCode::from(2),
            }
        }
    }
}
