//! The release gate: is a declared version bump large enough for the changes?
//!
//! Semver as cargo applies it (The Cargo Book, "SemVer Compatibility"; cargo-semver-checks):
//! for `X.Y.Z` with `X >= 1` a breaking change bumps `X`, an addition bumps `Y`, a fix bumps
//! `Z`; in `0.Y.Z` (`Y >= 1`) a breaking change bumps `Y` and anything else bumps `Z`; in
//! `0.0.Z` every change bumps `Z` and every such bump counts as breaking. Pre-release tags on
//! the new version are ignored for the comparison; a pre-release of the old version counts as
//! its release.

use schemars::JsonSchema;
use semver::Version;
use serde::Serialize;

use crate::Bump;

/// What moving from `old` to `new` declares, in cargo's reading of semver (see module docs).
/// A version that does not increase declares [`Bump::None`].
pub fn declared_bump(old: &Version, new: &Version) -> Bump {
    let (o, n) = (
        (old.major, old.minor, old.patch),
        (new.major, new.minor, new.patch),
    );
    if n <= o {
        return Bump::None;
    }
    if n.0 != o.0 {
        return Bump::Major;
    }
    if o.0 == 0 {
        if o.1 == 0 {
            // 0.0.z: every release may break.
            return Bump::Major;
        }
        return if n.1 != o.1 { Bump::Major } else { Bump::Minor };
    }
    if n.1 != o.1 {
        Bump::Minor
    } else {
        Bump::Patch
    }
}

/// The smallest version after `old` that declares at least `required` (no pre-release, no
/// build metadata). `Bump::None` gives `old` itself, without pre-release.
pub fn next_version(old: &Version, required: Bump) -> Version {
    let (x, y, z) = (old.major, old.minor, old.patch);
    let (x, y, z) = match required {
        Bump::None => (x, y, z),
        Bump::Major if x == 0 && y == 0 => (0, 0, z + 1),
        Bump::Major if x == 0 => (0, y + 1, 0),
        Bump::Major => (x + 1, 0, 0),
        Bump::Minor if x == 0 => (0, y, z + 1),
        Bump::Minor => (x, y + 1, 0),
        Bump::Patch => (x, y, z + 1),
    };
    Version::new(x, y, z)
}

/// The gate's verdict for one release.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Verdict {
    /// The bump the findings require.
    pub required: Bump,
    /// The bump the version change declares.
    pub declared: Bump,
    /// The baseline version.
    #[schemars(with = "String")]
    pub old_version: Version,
    /// The proposed version.
    #[schemars(with = "String")]
    pub new_version: Version,
    /// The smallest version that would pass.
    #[schemars(with = "String")]
    pub minimum_version: Version,
    /// Whether the release may ship.
    pub passed: bool,
}

/// Judge a release from `old_version` to `new_version` whose changes require `required`.
/// Passes when the declared bump is at least the required one; a release that declares no
/// bump passes only when nothing changed.
pub fn judge(required: Bump, old_version: &Version, new_version: &Version) -> Verdict {
    let declared = declared_bump(old_version, new_version);
    let passed = declared >= required;
    Verdict {
        required,
        declared,
        old_version: old_version.clone(),
        new_version: new_version.clone(),
        minimum_version: next_version(old_version, required),
        passed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &str) -> Version {
        Version::parse(s).unwrap()
    }

    #[test]
    fn declared_bumps_follow_cargo() {
        assert_eq!(declared_bump(&v("1.2.3"), &v("2.0.0")), Bump::Major);
        assert_eq!(declared_bump(&v("1.2.3"), &v("1.3.0")), Bump::Minor);
        assert_eq!(declared_bump(&v("1.2.3"), &v("1.2.4")), Bump::Patch);
        assert_eq!(declared_bump(&v("1.2.3"), &v("1.2.3")), Bump::None);
        assert_eq!(declared_bump(&v("1.2.3"), &v("1.0.0")), Bump::None);
        assert_eq!(declared_bump(&v("0.3.1"), &v("0.4.0")), Bump::Major);
        assert_eq!(declared_bump(&v("0.3.1"), &v("0.3.2")), Bump::Minor);
        assert_eq!(declared_bump(&v("0.0.3"), &v("0.0.4")), Bump::Major);
        assert_eq!(declared_bump(&v("1.2.3"), &v("2.0.0-rc.1")), Bump::Major);
    }

    #[test]
    fn next_versions_follow_cargo() {
        assert_eq!(next_version(&v("1.2.3"), Bump::Major), v("2.0.0"));
        assert_eq!(next_version(&v("1.2.3"), Bump::Minor), v("1.3.0"));
        assert_eq!(next_version(&v("1.2.3"), Bump::Patch), v("1.2.4"));
        assert_eq!(next_version(&v("0.3.1"), Bump::Major), v("0.4.0"));
        assert_eq!(next_version(&v("0.3.1"), Bump::Minor), v("0.3.2"));
        assert_eq!(next_version(&v("0.0.3"), Bump::Major), v("0.0.4"));
    }

    #[test]
    fn judge_blocks_small_bumps() {
        let verdict = judge(Bump::Major, &v("1.1.0"), &v("1.2.0"));
        assert!(!verdict.passed);
        assert_eq!(verdict.minimum_version, v("2.0.0"));
        assert!(judge(Bump::Minor, &v("1.1.0"), &v("1.2.0")).passed);
        assert!(judge(Bump::None, &v("1.1.0"), &v("1.1.0")).passed);
        assert!(!judge(Bump::Patch, &v("1.1.0"), &v("1.1.0")).passed);
    }
}
