//! The shape of the code, as `src/lib.rs` and the architecture guide state it: imports point one
//! way (a module uses only modules of the layers declared above its own), no source file over
//! 600 lines, and a thin binary.
// Marks the whole file as test code, so that clippy.toml's allow-*-in-tests reach its helpers.
#![cfg(test)]

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

const MAX_LINES: usize = 600;
const MAX_MAIN_LINES: usize = 60;

fn src() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Each top-level module of the library and its layer, from the `// layer N` comments and the
/// `pub mod` lines of `src/lib.rs`.
fn layers() -> BTreeMap<String, u32> {
    let lib = fs::read_to_string(src().join("lib.rs")).unwrap();
    let mut layer = None;
    let mut modules = BTreeMap::new();
    for line in lib.lines() {
        if let Some(n) = line.trim().strip_prefix("// layer ") {
            layer = Some(n.trim().parse::<u32>().unwrap());
        } else if let Some(name) = line
            .trim()
            .strip_prefix("pub mod ")
            .or_else(|| line.trim().strip_prefix("mod "))
            .and_then(|rest| rest.strip_suffix(';'))
        {
            let layer = layer.unwrap_or_else(|| panic!("`{name}` is declared before any layer"));
            modules.insert(name.to_owned(), layer);
        }
    }
    modules
}

/// The `.rs` files of a top-level module: `src/<name>.rs` or everything under `src/<name>/`.
fn files_of(module: &str) -> Vec<PathBuf> {
    let single = src().join(format!("{module}.rs"));
    if single.is_file() {
        return vec![single];
    }
    rs_files(&src().join(module))
}

/// The top-level modules a file names as `crate::<module>`, outside comments.
fn crate_paths(text: &str) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim_start().starts_with("//") {
            continue;
        }
        for (start, _) in line.match_indices("crate::") {
            let rest = &line[start + "crate::".len()..];
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '_')
                .collect();
            if !name.is_empty() {
                found.push((n + 1, name));
            }
        }
    }
    found
}

fn rs_files(dir: &Path) -> Vec<PathBuf> {
    WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.path().extension().is_some_and(|x| x == "rs"))
        .map(|e| e.into_path())
        .collect()
}

#[test]
fn lib_declares_layers_for_every_module() {
    let layers = layers();
    assert!(layers.len() >= 15, "{layers:?}");
    for entry in fs::read_dir(src()).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        if ["lib", "bin"].contains(&name.as_str()) {
            continue;
        }
        assert!(
            layers.contains_key(&name),
            "src/{name} is not declared in a layer of src/lib.rs"
        );
    }
}

#[test]
fn imports_point_one_way() {
    let layers = layers();
    let mut wrong = Vec::new();
    for (module, layer) in &layers {
        for file in files_of(module) {
            let text = fs::read_to_string(&file).unwrap();
            for (line, used) in crate_paths(&text) {
                if used == *module {
                    continue;
                }
                let Some(used_layer) = layers.get(&used) else {
                    wrong.push(format!(
                        "{}:{line}: unknown module `{used}`",
                        file.display()
                    ));
                    continue;
                };
                if used_layer >= layer {
                    wrong.push(format!(
                        "{}:{line}: `{module}` (layer {layer}) imports `{used}` (layer \
                         {used_layer}): a module may import only layers above its own",
                        file.display()
                    ));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "\n{}", wrong.join("\n"));
}

#[test]
fn the_check_sees_a_wrong_import() {
    // The scanner itself: a path in code counts, one in a comment does not.
    let found = crate_paths("use crate::render::Theme;\n// crate::serve in a comment\n");
    assert_eq!(found, [(1, "render".to_owned())]);
}

#[test]
fn no_source_file_is_over_600_lines() {
    let long: Vec<String> = rs_files(&src())
        .into_iter()
        .filter_map(|file| {
            let lines = fs::read_to_string(&file).unwrap().lines().count();
            (lines > MAX_LINES).then(|| format!("{}: {lines} lines", file.display()))
        })
        .collect();
    assert!(long.is_empty(), "split these files:\n{}", long.join("\n"));
}

#[test]
fn the_binary_main_only_dispatches() {
    let main = src().join("bin/reperes/main.rs");
    let lines = fs::read_to_string(&main).unwrap().lines().count();
    assert!(
        lines <= MAX_MAIN_LINES,
        "{}: {lines} lines (at most {MAX_MAIN_LINES}: each command has its own file)",
        main.display()
    );
}
