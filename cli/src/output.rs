//! Writing the tool's own files (reports, the evidence bundle, baselines,
//! docs, ejected rules). An output directory may sit inside the scanned
//! tree, where a pull request can plant a symbolic link named like a report
//! (`report.html` → a file of the repository, or anywhere): the tool never
//! writes through one. It refuses, and says why; and it writes a new file
//! beside the target and renames it into place, so that a link planted
//! between the check and the write is replaced, not followed.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::CliError;

/// Writes `contents` to `path`, unless `path` is a symbolic link.
pub fn write(path: &Path, contents: impl AsRef<[u8]>) -> Result<(), CliError> {
    let cannot =
        |e: std::io::Error| CliError::Usage(format!("cannot write `{}`: {e}", path.display()));
    if let Ok(meta) = std::fs::symlink_metadata(path) {
        if meta.file_type().is_symlink() {
            let to = std::fs::read_link(path)
                .map(|t| format!(" (to `{}`)", t.display()))
                .unwrap_or_default();
            return Err(CliError::Usage(format!(
                "refusing to write `{}`: it is a symbolic link{to}, and writing would change the file it points to; remove it first",
                path.display()
            )));
        }
    }
    let temp = temporary_beside(path);
    let written = (|| {
        // `create_new` fails on anything already there, a link included.
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp)?;
        f.write_all(contents.as_ref())?;
        f.sync_all()?;
        std::fs::rename(&temp, path)
    })();
    if let Err(e) = written {
        std::fs::remove_file(&temp).ok();
        return Err(cannot(e));
    }
    Ok(())
}

fn temporary_beside(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!(".{name}.{}.tmp", std::process::id()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_files_and_replaces_them() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("report.json");
        write(&p, "one").unwrap();
        write(&p, "two").unwrap();
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "two");
        // No temporary file is left behind.
        assert_eq!(std::fs::read_dir(d.path()).unwrap().count(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn never_writes_through_a_symbolic_link() {
        let d = tempfile::tempdir().unwrap();
        let victim = d.path().join("app.py");
        std::fs::write(&victim, "print('mine')\n").unwrap();
        let p = d.path().join("report.html");
        std::os::unix::fs::symlink(&victim, &p).unwrap();
        let e = write(&p, "<html>").unwrap_err();
        assert!(format!("{e:?}").contains("symbolic link"), "{e:?}");
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "print('mine')\n");
    }
}
