//! The `cms:` block of `content/site.yaml`: where the browser editor (`/admin/`, see
//! `crate::cms`) of a published site reads and commits the content files.

use std::path::Path;

use schemars::JsonSchema;
use serde::Deserialize;

use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::model::Url;
use crate::yaml::SpanIndex;

/// The editor of the published site. Without this block `build` writes no `/admin/`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CmsSettings {
    /// Where the repository is hosted: `github` or `gitlab`.
    pub backend: CmsBackend,
    /// The repository holding `content/`: `owner/name` (GitLab: `group/project`, subgroups
    /// allowed).
    #[schemars(pattern(r"^[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)+$"))]
    pub repository: String,
    /// The branch the editor commits to (`main` when not given).
    #[serde(default)]
    pub branch: Option<String>,
    /// The sign-in server: for GitHub, the address of an OAuth server that holds the OAuth
    /// application's secret (Netlify's, or one you run); for a GitLab you host yourself, its
    /// address. Without it: Netlify's sign-in (GitHub) or gitlab.com (GitLab).
    #[serde(default)]
    pub auth_url: Option<Url>,
    /// The path of the sign-in endpoint on `auth_url` (`auth` when not given).
    #[serde(default)]
    pub auth_endpoint: Option<String>,
    /// GitLab only: the id of an OAuth application of the GitLab instance. Editors then sign
    /// in with PKCE, with no server of your own.
    #[serde(default)]
    pub app_id: Option<String>,
}

/// The hosts a published editor can commit to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum CmsBackend {
    /// GitHub (github.com).
    Github,
    /// GitLab (gitlab.com or an instance of your own, given by `auth_url`).
    Gitlab,
}

impl CmsBackend {
    /// The backend's name in Decap CMS's configuration.
    pub fn as_str(self) -> &'static str {
        match self {
            CmsBackend::Github => "github",
            CmsBackend::Gitlab => "gitlab",
        }
    }
}

impl CmsSettings {
    /// The branch, `main` when not given.
    pub fn branch(&self) -> &str {
        self.branch.as_deref().unwrap_or("main")
    }

    /// Checks beyond the shape: the repository's form, a branch name git accepts, and `app_id`
    /// only for GitLab.
    pub(super) fn check(&self, file: &Path, spans: &SpanIndex, diags: &mut Diagnostics) {
        let repository_ok = self.repository.split('/').count() >= 2
            && self.repository.split('/').all(|part| {
                !part.is_empty()
                    && part != "."
                    && part != ".."
                    && part
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b"_.-".contains(&b))
            });
        if !repository_ok {
            diags.push(
                Diagnostic::error(
                    Code::UnknownValue,
                    format!("`{}` is not a repository", self.repository),
                )
                .in_file(file)
                .at(spans.span("cms.repository"))
                .with_help("write the repository as `owner/name`, as in its web address"),
            );
        }
        if let Some(branch) = &self.branch {
            let bad = branch.is_empty()
                || branch.starts_with(['-', '/'])
                || branch.ends_with(['/', '.'])
                || branch.contains("..")
                || branch
                    .chars()
                    .any(|c| c.is_whitespace() || c.is_control() || "~^:?*[\\".contains(c));
            if bad {
                diags.push(
                    Diagnostic::error(
                        Code::UnknownValue,
                        format!("`{branch}` is not a branch name"),
                    )
                    .in_file(file)
                    .at(spans.span("cms.branch"))
                    .with_help("write the branch the editor commits to, such as `main`"),
                );
            }
        }
        if self.app_id.is_some() && self.backend != CmsBackend::Gitlab {
            diags.push(
                Diagnostic::error(
                    Code::UnknownField,
                    "`cms.app_id` is for GitLab only".to_owned(),
                )
                .in_file(file)
                .at(spans.locate("cms.app_id"))
                .with_help("GitHub signs in through `auth_url` (an OAuth server); remove `app_id`"),
            );
        }
    }
}
