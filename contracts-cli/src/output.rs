//! Where a command's report goes: stdout, or with `--output FILE` a file written atomically
//! once the command has run (a temporary file renamed over it: a reader never sees half a
//! report, and a command that fails with bad input leaves the file as it was).
//!
//! Commands write through [`plain`] (JSON, SARIF, JUnit, Markdown, GitHub commands) and
//! [`styled`] (text with ANSI styles) instead of locking stdout; with `--output` both collect
//! into one buffer, the styles stripped as for a pipe (kept under `--color always`), and
//! [`finish`] writes it.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

use clap::Args;

use crate::error::CliError;

/// `--output FILE`, shared by the commands that print a report.
#[derive(Debug, Clone, Args)]
pub struct OutputFlag {
    /// Write the report to FILE instead of stdout (atomically, when the command has run: exit
    /// 0 or 1; left untouched on bad input).
    #[arg(long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

impl OutputFlag {
    /// Send this process's report to the file, if one is named (once, before the command
    /// runs).
    pub fn apply(&self) {
        if let Some(file) = &self.output {
            let _ = FILE.set(file.clone());
        }
    }
}

static FILE: OnceLock<PathBuf> = OnceLock::new();

/// Whether the report goes to an `--output` file (not to stdout).
pub fn to_file() -> bool {
    FILE.get().is_some()
}
static BUFFER: Mutex<Vec<u8>> = Mutex::new(Vec::new());

/// A writer for the report: stdout, or the buffer of `--output` (appended to when dropped).
pub enum Out {
    /// Stdout, as it is.
    Stdout(io::StdoutLock<'static>),
    /// Stdout through [`anstream`] (styles stripped unless wanted).
    Styled(anstream::AutoStream<io::StdoutLock<'static>>),
    /// Bytes for the `--output` file.
    Plain(Vec<u8>),
    /// Styled bytes for the `--output` file (stripped unless `--color always`).
    StyledFile(Option<anstream::AutoStream<Vec<u8>>>),
}

/// A writer for unstyled report data.
pub fn plain() -> Out {
    if FILE.get().is_some() {
        Out::Plain(Vec::new())
    } else {
        Out::Stdout(io::stdout().lock())
    }
}

/// A writer for text with ANSI styles.
pub fn styled() -> Out {
    if FILE.get().is_some() {
        Out::StyledFile(Some(anstream::AutoStream::new(
            Vec::new(),
            anstream::ColorChoice::global(),
        )))
    } else {
        Out::Styled(anstream::stdout().lock())
    }
}

fn buffer() -> std::sync::MutexGuard<'static, Vec<u8>> {
    BUFFER.lock().unwrap_or_else(|e| e.into_inner())
}

impl Write for Out {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        match self {
            Out::Stdout(out) => out.write(data),
            Out::Styled(out) => out.write(data),
            Out::Plain(out) => out.write(data),
            Out::StyledFile(Some(out)) => out.write(data),
            Out::StyledFile(None) => Ok(data.len()),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Out::Stdout(out) => out.flush(),
            Out::Styled(out) => out.flush(),
            Out::Plain(_) | Out::StyledFile(_) => Ok(()),
        }
    }
}

impl Drop for Out {
    fn drop(&mut self) {
        match self {
            Out::Plain(bytes) => buffer().append(bytes),
            Out::StyledFile(stream) => {
                if let Some(stream) = stream.take() {
                    buffer().append(&mut stream.into_inner());
                }
            }
            Out::Stdout(_) | Out::Styled(_) => {}
        }
    }
}

/// Write the collected report to the `--output` file, if one was named (atomically).
///
/// # Errors
/// [`CliError::Input`] naming the file when it cannot be written.
pub fn finish() -> Result<Option<&'static Path>, CliError> {
    let Some(file) = FILE.get() else {
        return Ok(None);
    };
    let bytes = std::mem::take(&mut *buffer());
    let text = String::from_utf8_lossy(&bytes);
    contracts_codegen::write_atomic(file, &text).map_err(|e| {
        CliError::Input(format!("{}: cannot write the report: {e}", file.display()))
    })?;
    Ok(Some(file.as_path()))
}
