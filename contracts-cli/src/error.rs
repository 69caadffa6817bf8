//! The errors a subcommand reports, and the exit codes they map to.

use std::process::ExitCode;

use contracts_core::LoadError;
use contracts_diff::DiffError;

/// Exit code of a command that ran and found nothing wrong (also `diff` whatever it found).
pub const EXIT_OK: u8 = 0;
/// Exit code of `check` when the declared version bump is too small.
pub const EXIT_FAILED: u8 = 1;
/// Exit code for bad input: an unreadable source, an invalid schema, a missing version, bad flags.
pub const EXIT_BAD_INPUT: u8 = 2;

/// Why a command could not do its job. Every variant is bad input and exits with
/// [`EXIT_BAD_INPUT`]; the message is printed to stderr as `error: <message>`.
#[derive(Debug)]
pub enum CliError {
    /// A package could not be loaded; the message names the file and JSON Pointer.
    Load {
        /// The source as the user gave it, when known; named after errors whose file is
        /// relative to the package root.
        source: Option<String>,
        /// What went wrong.
        error: LoadError,
    },
    /// The diff could not be computed (a `$ref` met during the walk did not resolve).
    Diff(DiffError),
    /// Anything else the user has to fix, e.g. a package without a version for `check`.
    Input(String),
    /// Writing the report failed (e.g. stdout closed).
    Output(std::io::Error),
    /// Both packages of a comparison failed to load: every error of each, OLD's first.
    Both(Box<CliError>, Box<CliError>),
}

impl std::fmt::Display for CliError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CliError::Load { source, error } => {
                // Every error of the package, one `error:` line each.
                let errors = error.flatten();
                for (i, error) in errors.iter().enumerate() {
                    if i > 0 {
                        f.write_str("\nerror: ")?;
                    }
                    write!(f, "{error}")?;
                    let names_its_path = matches!(
                        error,
                        LoadError::Io { .. }
                            | LoadError::Manifest { .. }
                            | LoadError::BadSource { .. }
                    );
                    if let Some(source) = source.as_ref().filter(|_| !names_its_path) {
                        write!(f, " (in {source})")?;
                    }
                }
                if errors.len() > 1 {
                    let source = source.as_deref().unwrap_or("the package");
                    write!(
                        f,
                        "\nerror: {} errors in {source} (--keep-going diffs the documents that \
                         load)",
                        errors.len()
                    )?;
                }
                Ok(())
            }
            CliError::Diff(e) => write!(f, "{e}"),
            CliError::Input(message) => f.write_str(message),
            CliError::Output(e) => write!(f, "cannot write the report: {e}"),
            CliError::Both(old, new) => write!(f, "{old}\nerror: {new}"),
        }
    }
}

impl std::error::Error for CliError {}

impl From<LoadError> for CliError {
    fn from(error: LoadError) -> Self {
        CliError::Load {
            source: None,
            error,
        }
    }
}

impl From<DiffError> for CliError {
    fn from(e: DiffError) -> Self {
        CliError::Diff(e)
    }
}

impl From<std::io::Error> for CliError {
    fn from(e: std::io::Error) -> Self {
        CliError::Output(e)
    }
}

impl CliError {
    /// A load error of the source the user wrote as `source`.
    pub fn load(source: &str, error: LoadError) -> Self {
        CliError::Load {
            source: Some(source.to_string()),
            error,
        }
    }

    /// The process exit code for this error.
    pub fn exit_code(&self) -> ExitCode {
        ExitCode::from(EXIT_BAD_INPUT)
    }
}

/// What a subcommand returns: its exit code, or an error to print (exit 2).
pub type CmdResult = Result<ExitCode, CliError>;
