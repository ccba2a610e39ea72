//! Writing a file whole or not at all: bytes go to a temporary file in the same folder,
//! which is renamed over the target only once everything is written and synced.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use super::OutputError;

/// Writes `bytes` to `path` atomically.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), OutputError> {
    let tmp = write_temporary(path, bytes)?;
    fs::rename(&tmp, path).map_err(|source| {
        let _ = fs::remove_file(&tmp);
        OutputError::Write { path: path.to_path_buf(), source }
    })
}

/// The temporary name of a file being written, marked with the process id.
fn temporary(path: &Path) -> PathBuf {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    dir.join(format!(".{name}.tmp-{}", std::process::id()))
}

/// Writes and syncs the temporary file of `path`; removes it again on failure.
fn write_temporary(path: &Path, bytes: &[u8]) -> Result<PathBuf, OutputError> {
    let tmp = temporary(path);
    let result = (|| {
        injected_failure(path)?;
        let mut file = fs::File::create(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()
    })();
    match result {
        Ok(()) => Ok(tmp),
        Err(source) => {
            let _ = fs::remove_file(&tmp);
            Err(OutputError::Write { path: path.to_path_buf(), source })
        }
    }
}

/// Failure injection for tests of full disks: `AIADOPT_FAIL_WRITE=<file name>` makes writing
/// that file fail as a full disk would.
fn injected_failure(path: &Path) -> std::io::Result<()> {
    match std::env::var_os("AIADOPT_FAIL_WRITE") {
        Some(name) if path.file_name() == Some(name.as_os_str()) => Err(std::io::Error::new(
            std::io::ErrorKind::StorageFull,
            "no space left on device (injected by AIADOPT_FAIL_WRITE)",
        )),
        _ => Ok(()),
    }
}

/// Writes several files as one: all are written to temporary files first, and only when every
/// one succeeded are they renamed into place; on any failure the folder is left as it was.
pub fn write_all_or_nothing(dir: &Path, files: &[(&str, Vec<u8>)]) -> Result<(), OutputError> {
    let mut written: Vec<(PathBuf, PathBuf)> = Vec::new();
    for (name, bytes) in files {
        let path = dir.join(name);
        match write_temporary(&path, bytes) {
            Ok(tmp) => written.push((tmp, path)),
            Err(e) => {
                for (tmp, _) in &written {
                    let _ = fs::remove_file(tmp);
                }
                return Err(e);
            }
        }
    }
    for (tmp, path) in &written {
        fs::rename(tmp, path).map_err(|source| OutputError::Write { path: path.clone(), source })?;
    }
    Ok(())
}

/// Creates the output folder (and its parents).
pub fn ensure_dir(dir: &Path) -> Result<(), OutputError> {
    fs::create_dir_all(dir).map_err(|source| OutputError::Write { path: dir.to_path_buf(), source })
}
