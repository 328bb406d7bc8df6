use std::os::unix::fs::symlink;
use std::path::Path;

use super::*;
use crate::config::BuildOptions;

/// A site in a temporary folder: the minimal fixture's settings, a theme folder, one record, one
/// page; and a folder outside it.
struct Site {
    dir: tempfile::TempDir,
}

impl Site {
    fn new() -> Site {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/minimal");
        for folder in [
            "content/networks",
            "content/pages",
            "themes/default/templates",
        ] {
            fs::create_dir_all(root.join(folder)).unwrap();
        }
        fs::copy(
            fixture.join("content/site.yaml"),
            root.join("content/site.yaml"),
        )
        .unwrap();
        fs::write(root.join("content/networks/a.yaml"), "acronym: A\n").unwrap();
        fs::write(root.join("content/pages/p.fr.md"), "---\n---\n").unwrap();
        fs::create_dir_all(dir.path().join("outside")).unwrap();
        fs::write(dir.path().join("outside/secret.yaml"), "secret\n").unwrap();
        Site { dir }
    }

    fn root(&self) -> PathBuf {
        self.dir.path().join("site")
    }

    fn outside(&self) -> PathBuf {
        self.dir.path().join("outside")
    }

    fn config(&self) -> Config {
        let options = BuildOptions {
            root: self.root(),
            ..BuildOptions::default()
        };
        Config::load(&options).unwrap()
    }
}

#[test]
fn plain_paths_to_model_files_only() {
    let site = Site::new();
    let config = site.config();
    assert!(checked(&config, "content/networks/a.yaml").is_ok());
    assert!(checked(&config, "content/networks/new.yaml").is_ok());
    assert!(checked(&config, "content/pages/new.en.md").is_ok());
    for path in [
        "content/networks/../site.yaml",
        "content/networks/../../Cargo.toml",
        "../outside/secret.yaml",
        "/etc/passwd",
        "content/networks/%2e%2e/x.yaml",
        "content%2Fnetworks%2Fa.yaml",
        "content\\networks\\a.yaml",
        "C:/content/networks/a.yaml",
        "content/networks/a.yaml\0",
        "content/themes/x.yaml",
        "themes/default/templates/base.html",
        "content/erns/x.yaml", // an editable kind, but its folder does not exist
    ] {
        assert_eq!(
            checked(&config, path),
            Err(Refusal::Path(path.to_owned())),
            "{path}"
        );
    }
}

#[test]
fn links_out_of_content_are_refused() {
    let site = Site::new();
    // A record that is a link to a file outside, and a folder of records that is a link outside.
    symlink(
        site.outside().join("secret.yaml"),
        site.root().join("content/networks/leak.yaml"),
    )
    .unwrap();
    symlink(site.outside(), site.root().join("content/partners")).unwrap();
    let config = site.config();
    for path in [
        "content/networks/leak.yaml",
        "content/partners/secret.yaml",
        "content/partners/new.yaml",
    ] {
        assert!(read(&config, path).is_err(), "{path}");
        assert!(
            write_all(&config, &[(path, path, "x: 1\n")]).is_err(),
            "{path}"
        );
        assert!(delete(&config, &[path]).is_err(), "{path}");
    }
    assert_eq!(
        fs::read_to_string(site.outside().join("secret.yaml")).unwrap(),
        "secret\n"
    );
    assert!(!site.outside().join("new.yaml").exists());
    assert_eq!(
        list(&config, "content/networks", "yaml").unwrap(),
        vec!["content/networks/a.yaml".to_owned()]
    );
    assert!(
        list(&config, "content/partners", "yaml")
            .unwrap()
            .is_empty()
    );
}

#[test]
fn a_refused_path_writes_nothing_of_the_batch() {
    let site = Site::new();
    let config = site.config();
    let writes = [
        (
            "content/networks/a.yaml",
            "content/networks/a.yaml",
            "acronym: B\n",
        ),
        ("content/../x.yaml", "content/../x.yaml", "x\n"),
    ];
    assert!(write_all(&config, &writes).is_err());
    let a = fs::read_to_string(site.root().join("content/networks/a.yaml")).unwrap();
    assert_eq!(a, "acronym: A\n");
}

#[test]
fn writes_replace_the_file_whole_and_leave_no_temporary_file() {
    let site = Site::new();
    let config = site.config();
    let path = "content/networks/a.yaml";
    write_all(&config, &[(path, path, "acronym: B\n")]).unwrap();
    assert_eq!(read(&config, path).unwrap(), b"acronym: B\n");
    let names: Vec<String> = fs::read_dir(site.root().join("content/networks"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, vec!["a.yaml".to_owned()]);
    // A new path moves the entry.
    write_all(
        &config,
        &[(path, "content/networks/b.yaml", "acronym: B\n")],
    )
    .unwrap();
    assert!(!site.root().join(path).exists());
    assert!(site.root().join("content/networks/b.yaml").exists());
}

#[test]
fn only_known_folders_are_listed() {
    let site = Site::new();
    let config = site.config();
    assert_eq!(
        list(&config, "content/pages", "md").unwrap(),
        vec!["content/pages/p.fr.md".to_owned()]
    );
    for folder in [
        "content",
        "content/../..",
        "/etc",
        "themes",
        "content/.schemas",
    ] {
        assert!(list(&config, folder, "yaml").is_err(), "{folder}");
    }
}
