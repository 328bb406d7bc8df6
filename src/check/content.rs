//! Findings about the content itself: records nobody links to, old or future reviews,
//! translations awaited or out of date, the accessibility statement's facts.

use std::collections::BTreeSet;
use std::path::PathBuf;

use super::CheckOptions;
use crate::bodies::Owner;
use crate::content::Site;
use crate::diag::{Code, Diagnostic, Diagnostics, Location};
use crate::model::{ContentRef, Date};
use crate::pipeline::Built;
use crate::urls::Route;

/// Records that no Markdown text links to and no other record references: readers only reach
/// them through the lists.
pub(super) fn orphan_records(built: &Built) -> Diagnostics {
    let site = &built.site;
    let mut linked: BTreeSet<ContentRef> = BTreeSet::new();
    for (key, body) in built.bodies.iter() {
        for link in &body.links {
            let own = matches!(&key.owner, Owner::Route(route) if *route == Route::from_ref(&link.reference));
            if !own {
                linked.insert(link.reference.clone());
            }
        }
    }
    for network in &site.networks {
        linked.extend(
            network
                .data
                .erns
                .iter()
                .map(|l| ContentRef::Ern(l.id.clone())),
        );
    }
    let mut diags = Diagnostics::new();
    let records = site
        .networks
        .iter()
        .map(|r| {
            (
                ContentRef::Network(r.id.clone()),
                "network",
                &r.file,
                r.spans.locate("acronym"),
            )
        })
        .chain(site.erns.iter().map(|r| {
            (
                ContentRef::Ern(r.id.clone()),
                "ERN",
                &r.file,
                r.spans.locate("acronym"),
            )
        }))
        .chain(site.partners.iter().map(|r| {
            (
                ContentRef::Partner(r.id.clone()),
                "partner",
                &r.file,
                r.spans.locate("name"),
            )
        }));
    for (reference, kind, file, location) in records {
        if !linked.contains(&reference) {
            diags.push(
                Diagnostic::warning(Code::OrphanRecord, format!("nothing links to this {kind}"))
                    .in_file(file)
                    .at(location)
                    .with_help(
                        "no page or record links to it, so readers only find it in the lists: \
                         link it where it is relevant (e.g. `[name](@/partners/<id>)`)",
                    ),
            );
        }
    }
    diags
}

/// Pages awaiting translation, and translations whose original changed since (a record's
/// translations are reported once, not once per language).
pub(super) fn translation_state(built: &Built) -> Diagnostics {
    let mut diags = Diagnostics::new();
    for page in &built.site.pages {
        for (i, lang) in page.meta.awaiting_translation.iter().enumerate() {
            diags.push(
                Diagnostic::warning(
                    Code::AwaitingTranslation,
                    format!("this page awaits its `{lang}` translation"),
                )
                .in_file(&page.file)
                .at(page.spans.span(&format!("awaiting_translation[{i}]")))
                .with_help(format!(
                    "readers of `{lang}` see a notice linking to this page until \
                         content/pages/{}.{lang}.md exists",
                    page.key
                )),
            );
        }
    }
    let mut seen = BTreeSet::new();
    for outdated in &built.outdated {
        if seen.insert((
            outdated.file.clone(),
            outdated.location,
            outdated.source_lang.clone(),
        )) {
            diags.push(crate::translation::warning(outdated));
        }
    }
    diags
}

/// The accessibility statement must say how to report a problem (RGAA), and needs its facts.
pub(super) fn accessibility_statement(built: &Built) -> Diagnostics {
    let mut diags = Diagnostics::new();
    let config = &built.config;
    let statement = built
        .site
        .pages
        .iter()
        .find(|p| p.meta.layout == crate::model::Layout::Accessibility);
    match (&config.accessibility, statement) {
        (Some(a), _) if a.contact.is_none() => diags.push(
            Diagnostic::warning(
                Code::Accessibility,
                "the accessibility statement gives no contact",
            )
            .in_file(crate::config::SITE_FILE)
            .at(config.accessibility_location)
            .with_help(
                "add `contact:` (an e-mail or web address where readers can report an \
                     accessibility problem) under `accessibility`",
            ),
        ),
        (None, Some(page)) => diags.push(
            Diagnostic::warning(
                Code::Accessibility,
                "this page is an accessibility statement without its facts",
            )
            .in_file(&page.file)
            .at(page.spans.span("layout"))
            .with_help("add an `accessibility:` section to content/site.yaml"),
        ),
        _ => {}
    }
    diags
}

/// Readers need a way to report an error on a page: `report_error` in `content/site.yaml`.
pub(super) fn report_address(built: &Built) -> Diagnostics {
    let mut diags = Diagnostics::new();
    if built.config.report_error.is_none() {
        diags.push(
            Diagnostic::warning(
                Code::ReportError,
                "no address where readers can report an error on a page",
            )
            .in_file(crate::config::SITE_FILE)
            .at(Location::new(1, 1))
            .with_help(
                "add `report_error:` (an e-mail or web address) to content/site.yaml: \
                     every page then links to it with its own address",
            ),
        );
    }
    diags
}

/// Whole months from `then` to `today` (a month counts once its day of the month is reached).
pub(super) fn months_between(then: Date, today: Date) -> i64 {
    let months = (i64::from(today.year) * 12 + i64::from(today.month))
        - (i64::from(then.year) * 12 + i64::from(then.month));
    if today.day < then.day {
        months - 1
    } else {
        months
    }
}

/// `reviewed` dates older than allowed, and dates in the future.
pub(super) fn old_reviews(site: &Site, options: &CheckOptions) -> Diagnostics {
    let mut dated: Vec<(&PathBuf, Location, Date)> = Vec::new();
    for r in &site.networks {
        dated.push((&r.file, r.spans.locate("reviewed"), r.data.reviewed));
    }
    for r in &site.erns {
        dated.push((&r.file, r.spans.locate("reviewed"), r.data.reviewed));
    }
    for r in &site.partners {
        dated.push((&r.file, r.spans.locate("reviewed"), r.data.reviewed));
    }
    for page in &site.pages {
        dated.push((
            &page.file,
            page.spans.locate("reviewed"),
            page.meta.reviewed,
        ));
    }
    if let Some(g) = &site.glossary {
        dated.push((&g.file, g.spans.locate("reviewed"), g.data.reviewed));
    }
    let mut diags = Diagnostics::new();
    for (file, location, reviewed) in dated {
        let age = months_between(reviewed, options.today);
        if reviewed.days_since_epoch() > options.today.days_since_epoch() {
            diags.push(
                Diagnostic::warning(
                    Code::ReviewDate,
                    format!(
                        "reviewed {reviewed} is in the future (today is {})",
                        options.today
                    ),
                )
                .in_file(file)
                .at(location),
            );
        } else if age > i64::from(options.max_age_months) {
            diags.push(
                Diagnostic::warning(
                    Code::ReviewDate,
                    format!(
                        "last reviewed {reviewed}, {age} months ago (more than {})",
                        options.max_age_months
                    ),
                )
                .in_file(file)
                .at(location)
                .with_help(
                    "check it against its sources again, then set `reviewed` to today's date",
                ),
            );
        }
    }
    diags
}
