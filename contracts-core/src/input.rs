//! Reading input defensively: a pull request writes the inputs `contracts check` reads in CI,
//! so files are read only when they are regular files, up to a size limit, and messages
//! quote at most a short, escaped excerpt of a value.

use std::io::{BufRead, Read};
use std::path::Path;

use crate::LoadError;

/// The default largest input file, in bytes (256 MiB): [`crate::LoadOptions::max_input_size`]
/// and the CLI's `--max-input-size`.
pub const DEFAULT_MAX_INPUT_SIZE: u64 = 256 * 1024 * 1024;

/// The most characters of a value a message quotes ([`excerpt`]).
pub const EXCERPT_CHARS: usize = 80;

fn io(path: &Path, message: impl std::fmt::Display) -> LoadError {
    LoadError::Io {
        path: path.to_path_buf(),
        message: message.to_string(),
    }
}

/// Read the file at `path`, which must be a regular file (after following symlinks) of at
/// most `limit` bytes.
///
/// A FIFO, a socket, a device (`/dev/zero`) or a directory is refused before it is opened,
/// so reading never blocks on a pipe nor runs until memory is exhausted.
///
/// # Errors
/// [`LoadError::Io`] naming `path`: it cannot be read, is not a regular file, or is larger
/// than `limit` (the message names the limit and `--max-input-size`).
pub fn read_regular_file(path: &Path, limit: u64) -> Result<Vec<u8>, LoadError> {
    let meta = std::fs::metadata(path).map_err(|e| io(path, e))?;
    if !meta.is_file() {
        return Err(io(path, not_regular(&meta)));
    }
    read_found_regular_file(path, limit)
}

/// [`read_regular_file`] for a file a directory walk already found to be a regular file (its
/// directory entry's type, symlinks followed), so that the look before opening is not made
/// again: it is opened, what was opened is checked (regular, within `limit`; the path may have
/// been swapped since the walk) and read in one buffer of its size. A package of 100,000 files
/// made 3 `stat`s per file before.
///
/// # Errors
/// As [`read_regular_file`].
pub(crate) fn read_found_regular_file(path: &Path, limit: u64) -> Result<Vec<u8>, LoadError> {
    let file = std::fs::File::open(path).map_err(|e| io(path, e))?;
    let opened = file.metadata().map_err(|e| io(path, e))?;
    if !opened.is_file() {
        return Err(io(path, not_regular(&opened)));
    }
    if opened.len() > limit {
        return Err(io(path, too_large(limit)));
    }
    // One more byte than the size, so the end is seen without growing the buffer.
    let capacity = usize::try_from(opened.len()).map_or(0, |n| n.saturating_add(1));
    let mut bytes = Vec::with_capacity(capacity);
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| io(path, e))?;
    if bytes.len() as u64 > limit {
        return Err(io(path, too_large(limit)));
    }
    Ok(bytes)
}

/// Open the file at `path` for reading, which must be a regular file (after following
/// symlinks); for reading a large input piece by piece (`validate`'s JSON Lines), where
/// [`read_regular_file`] would hold it whole.
///
/// # Errors
/// [`LoadError::Io`] naming `path`: it cannot be opened or is not a regular file (checked
/// before opening, so a FIFO never blocks, and again on what was opened).
pub fn open_regular_file(path: &Path) -> Result<std::fs::File, LoadError> {
    let meta = std::fs::metadata(path).map_err(|e| io(path, e))?;
    if !meta.is_file() {
        return Err(io(path, not_regular(&meta)));
    }
    let file = std::fs::File::open(path).map_err(|e| io(path, e))?;
    // The path may have been swapped between the two looks: check what was opened.
    let opened = file.metadata().map_err(|e| io(path, e))?;
    if !opened.is_file() {
        return Err(io(path, not_regular(&opened)));
    }
    Ok(file)
}

/// Append one line of `reader` (up to and including its `\n`) to `buf`, failing once the line
/// is longer than `limit` bytes; `Ok(false)` at the end of the input. Memory stays bounded by
/// the longest line, whatever the input's length. `path` names the input in the error.
///
/// # Errors
/// [`LoadError::Io`] naming `path` when reading fails or the line exceeds `limit`.
pub fn read_line_limited(
    reader: &mut impl BufRead,
    buf: &mut Vec<u8>,
    limit: u64,
    path: &Path,
) -> Result<bool, LoadError> {
    let start = buf.len();
    let n = reader
        .take(limit.saturating_add(1))
        .read_until(b'\n', buf)
        .map_err(|e| io(path, e))?;
    if (buf.len() - start) as u64 > limit {
        return Err(io(path, format!("a line {}", too_large(limit))));
    }
    Ok(n > 0)
}

/// Read `reader` to its end, failing once it yields more than `limit` bytes (a decompressed
/// archive, stdin). `path` names the input in the error.
///
/// # Errors
/// [`LoadError::Io`] naming `path` when reading fails or the input exceeds `limit`.
pub fn read_limited(reader: impl Read, limit: u64, path: &Path) -> Result<Vec<u8>, LoadError> {
    let mut bytes = Vec::new();
    reader
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| io(path, e))?;
    if bytes.len() as u64 > limit {
        return Err(io(path, too_large(limit)));
    }
    Ok(bytes)
}

/// A reader that fails (with [`too_large`]'s message) once its inner reader yields more than
/// a limit: a decompressing reader bounded by `--max-input-size`.
pub(crate) struct Bounded<R> {
    inner: R,
    left: u64,
    limit: u64,
}

impl<R: Read> Bounded<R> {
    /// Bound `inner` to `limit` bytes.
    pub(crate) fn new(inner: R, limit: u64) -> Self {
        Bounded {
            inner,
            left: limit,
            limit,
        }
    }
}

impl<R: Read> Read for Bounded<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        if self.left == 0 {
            // At the limit: one more byte means the input is too large.
            let mut probe = [0u8; 1];
            return match self.inner.read(&mut probe)? {
                0 => Ok(0),
                _ => Err(std::io::Error::other(format!(
                    "decompressed {}",
                    too_large(self.limit)
                ))),
            };
        }
        let want = buf
            .len()
            .min(usize::try_from(self.left).unwrap_or(usize::MAX));
        let n = self.inner.read(&mut buf[..want])?;
        self.left -= n as u64;
        Ok(n)
    }
}

/// The message for an input over the limit.
pub fn too_large(limit: u64) -> String {
    format!("larger than the input size limit of {limit} bytes (raise it with --max-input-size)")
}

fn not_regular(meta: &std::fs::Metadata) -> String {
    let kind = if meta.is_dir() {
        "a directory"
    } else {
        special_kind(meta)
    };
    format!("not a regular file ({kind}): only regular files are read")
}

#[cfg(unix)]
fn special_kind(meta: &std::fs::Metadata) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    let t = meta.file_type();
    if t.is_fifo() {
        "a FIFO"
    } else if t.is_socket() {
        "a socket"
    } else if t.is_char_device() {
        "a character device"
    } else if t.is_block_device() {
        "a block device"
    } else {
        "a special file"
    }
}

#[cfg(not(unix))]
fn special_kind(_: &std::fs::Metadata) -> &'static str {
    "a special file"
}

/// `text` as a message may quote it: control characters (newlines, carriage returns, escape,
/// ...) escaped as Rust escapes them, and at most `max` characters of it, followed by `…`
/// and the full length when cut.
pub fn excerpt(text: &str, max: usize) -> String {
    let mut out = String::new();
    for (taken, c) in text.chars().enumerate() {
        if taken == max {
            out.push_str(&format!("… ({} characters)", text.chars().count()));
            return out;
        }
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

/// `message` from a validator whose `Display` quotes `instance` in full (jsonschema's do:
/// `"…" is not of types "boolean", "object"`): the quotation replaced by an [`excerpt`] of
/// [`EXCERPT_CHARS`] characters, and any control characters escaped.
pub fn cap_message(message: &str, instance: &serde_json::Value) -> String {
    let quoted = instance.to_string();
    let message = if quoted.chars().count() > EXCERPT_CHARS {
        message.replace(&quoted, &excerpt(&quoted, EXCERPT_CHARS))
    } else {
        message.to_string()
    };
    // A message that still quotes a long value another way is cut as a whole.
    excerpt(&message, 4 * EXCERPT_CHARS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpts_are_short_and_escaped() {
        assert_eq!(excerpt("a\nb\r\u{1b}", 80), "a\\nb\\r\\u{1b}");
        let long = "x".repeat(200);
        let cut = excerpt(&long, 80);
        assert!(cut.starts_with(&"x".repeat(80)));
        assert!(cut.ends_with("… (200 characters)"), "{cut}");
        assert!(!cut.contains(&"x".repeat(81)));
    }

    #[test]
    fn messages_quote_an_excerpt_of_the_instance() {
        let secret = format!("//registry.npmjs.org/:_authToken={}", "s".repeat(100));
        let value = serde_json::Value::String(secret.clone());
        let message = format!("{value} is not of types \"boolean\", \"object\"");
        let capped = cap_message(&message, &value);
        assert!(!capped.contains(&secret), "{capped}");
        assert!(capped.ends_with("is not of types \"boolean\", \"object\""));
    }

    #[test]
    fn a_file_found_by_a_walk_is_read_whole_and_checked_again() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.json");
        std::fs::write(&file, "12345").unwrap();
        assert_eq!(read_found_regular_file(&file, 5).unwrap(), b"12345");
        let empty = dir.path().join("empty.json");
        std::fs::write(&empty, "").unwrap();
        assert_eq!(read_found_regular_file(&empty, 5).unwrap(), b"");
        let err = read_found_regular_file(&file, 4).unwrap_err().to_string();
        assert!(err.contains("a.json") && err.contains("4 bytes"), "{err}");
        // Swapped for a directory since the walk: what was opened is checked.
        let err = read_found_regular_file(dir.path(), 4)
            .unwrap_err()
            .to_string();
        assert!(err.contains("a directory"), "{err}");
        #[cfg(unix)]
        {
            let err = read_found_regular_file(Path::new("/dev/null"), 4)
                .unwrap_err()
                .to_string();
            assert!(err.contains("character device"), "{err}");
        }
    }

    #[test]
    fn only_regular_files_within_the_limit_are_read() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.json");
        std::fs::write(&file, "12345").unwrap();
        assert_eq!(read_regular_file(&file, 5).unwrap(), b"12345");
        let err = read_regular_file(&file, 4).unwrap_err().to_string();
        assert!(err.contains("a.json") && err.contains("4 bytes"), "{err}");
        let err = read_regular_file(dir.path(), 4).unwrap_err().to_string();
        assert!(err.contains("a directory"), "{err}");
        #[cfg(unix)]
        {
            let err = read_regular_file(Path::new("/dev/zero"), 4)
                .unwrap_err()
                .to_string();
            assert!(
                err.contains("/dev/zero") && err.contains("character device"),
                "{err}"
            );
        }
    }
}
