//! The rule registry: every kind of change the diff reports, one file per rule.
//!
//! A [`Rule`] is one unit: its id (kebab-case, the file name in snake case), the fixed
//! [`Effect`] the change has on the set of accepted values, how that becomes a [`Bump`]
//! ([`BumpPolicy`]), its documentation (sections `## What it detects`, `## Why this bump`,
//! `## Example`), the message of its findings (a template whose `{name}` placeholders the
//! detection site fills, [`Rule::render`]) and two fixtures: an old/new pair that fires it,
//! with the locations and the bump under each mode it must produce (and a message with every
//! placeholder filled), and a look-alike pair that must not fire it. Each rule file declares
//! its rule with [`rule!`](crate::rules) and gets two unit tests from it; the
//! registry tests check that every file's rule is registered here and that the catalogue
//! (`contracts-diff/RULES.md`) is fresh. The detection logic lives in [`crate::compare`], by
//! keyword family, and refers to the rules' statics.

use crate::report::{Bump, Effect, Mode, Policy};

/// How a rule's [`Effect`] becomes a [`Bump`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BumpPolicy {
    /// `effect.bump(mode)` under every policy.
    Effect,
    /// This bump under every mode and policy (schemas and definitions added or removed).
    Fixed(Bump),
    /// `effect.bump(mode)` under [`Policy::Strict`]; this bump under [`Policy::Lenient`]
    /// (object properties as API surface).
    Lenient(Bump),
    /// Emitted under [`Policy::Strict`] only, with `effect.bump(mode)`.
    StrictOnly,
}

/// A fixture: an old and a new version of one schema document (`""`: the document does not
/// exist on that side), the options to diff them with and what the rule must report.
#[derive(Debug, Clone, Copy)]
pub struct Example {
    /// The old document's JSON text, or `""`.
    pub old: &'static str,
    /// The new document's JSON text, or `""`.
    pub new: &'static str,
    /// The policy to diff with.
    pub policy: Policy,
    /// Whether `format` asserts.
    pub format_assertion: bool,
    /// The old location's JSON Pointer the finding must have (`None`: `old` is null).
    pub old_pointer: Option<&'static str>,
    /// The new location's JSON Pointer the finding must have (`None`: `new` is null).
    pub new_pointer: Option<&'static str>,
    /// The bump the finding must require under `backward`, `forward`, `full`.
    pub bumps: [Bump; 3],
}

/// A look-alike: an old/new pair that must not fire the rule.
#[derive(Debug, Clone, Copy)]
pub struct LookAlike {
    /// The old document's JSON text.
    pub old: &'static str,
    /// The new document's JSON text.
    pub new: &'static str,
    /// The policy to diff with.
    pub policy: Policy,
}

/// What a rule's change is to the contract, as its own metadata says (changelog sections are
/// chosen by it, never by the shape of a rule's id).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeKind {
    /// Something was added: a keyword, a value, a property, a schema (`maximum-added`,
    /// `enum-value-added`, ...).
    Addition,
    /// Something was removed (`required-removed`, `schema-removed`, ...).
    Removal,
    /// A deprecation was set, lifted or changed (`deprecated-changed`).
    Deprecation,
    /// Anything else: a bound moved, a keyword changed.
    Modification,
}

/// The [`ChangeKind`] a `rule!` declares (`kind: Addition`), [`ChangeKind::Modification`] when
/// it declares none.
macro_rules! rule_kind {
    () => {
        $crate::rules::ChangeKind::Modification
    };
    ($kind:ident) => {
        $crate::rules::ChangeKind::$kind
    };
}

/// One kind of change.
#[derive(Debug)]
pub struct Rule {
    /// Kebab-case id, e.g. `maximum-tightened`.
    pub id: &'static str,
    /// How the change moves the accepted set (fixed per rule).
    pub effect: Effect,
    /// How the effect becomes a bump.
    pub bump_policy: BumpPolicy,
    /// What the change is (addition, removal, ...).
    pub kind: ChangeKind,
    /// One line.
    pub summary: &'static str,
    /// The finding's message, a template: `{name}` is a placeholder the detection site fills
    /// ([`Rule::render`]; names are lowercase ASCII letters, digits and `_`), `{{` a literal
    /// `{`; any other text, `}` included, is literal. Where one rule is reported in different
    /// words (from several places, or for an addition and a removal alike), a placeholder holds
    /// the clause that differs.
    pub message: &'static str,
    /// Markdown: `## What it detects`, `## Why this bump`, `## Example`.
    pub doc: &'static str,
    /// A pair that fires the rule.
    pub example: Example,
    /// A pair that must not fire it.
    pub lookalike: LookAlike,
}

/// The value of one placeholder of a rule's message: its name and its text.
pub type Arg<'a> = (&'a str, &'a dyn std::fmt::Display);

impl Rule {
    /// This rule's finding message: [`Rule::message`] with each placeholder replaced by the
    /// value `args` gives it (arguments the template does not use are ignored). A placeholder
    /// without a value is a bug of the detection site: a debug build panics, a release build
    /// leaves `{name}` in the text.
    pub fn render(&self, args: &[Arg<'_>]) -> String {
        let (text, missing) = render(self.message, args);
        debug_assert!(
            missing.is_empty(),
            "rule `{}`: no value for {missing:?} in its message `{}`",
            self.id,
            self.message
        );
        text
    }

    /// The bump a finding of this rule requires under `mode` and `policy`.
    pub fn bump(&self, mode: Mode, policy: Policy) -> Bump {
        match (self.bump_policy, policy) {
            (BumpPolicy::Fixed(b), _) | (BumpPolicy::Lenient(b), Policy::Lenient) => b,
            _ => self.effect.bump(mode),
        }
    }
}

/// Declare a rule file's `RULE` static, its docs and its two fixture tests.
macro_rules! rule {
    (
        id: $id:literal,
        effect: $effect:ident,
        bump: $bump:expr,
        $(kind: $kind:ident,)?
        summary: $summary:literal,
        message: $message:literal,
        detects: $detects:literal,
        why: $why:literal,
        example: {
            policy: $policy:ident,
            $(format_assertion: $fa:literal,)?
            old: $old:literal,
            new: $new:literal,
            old_pointer: $op:literal,
            new_pointer: $np:literal,
            bumps: [$bb:ident, $bf:ident, $bu:ident] $(,)?
        },
        lookalike: { policy: $lpolicy:ident, old: $lold:literal, new: $lnew:literal $(,)? } $(,)?
    ) => {
        #[doc = concat!(
            "Rule `", $id, "`: ", $summary,
            "\n\n## What it detects\n\n", $detects,
            "\n\n## Why this bump\n\n", $why,
            "\n\n## Example\n\nOld:\n\n```json\n", $old, "\n```\n\nNew:\n\n```json\n", $new,
            "\n```\n\nReports `", $id, "` at old `", $op, "`, new `", $np, "` (policy ",
            stringify!($policy), "): bump ", stringify!($bb), " under backward, ",
            stringify!($bf), " under forward, ", stringify!($bu), " under full."
        )]
        pub static RULE: $crate::rules::Rule = $crate::rules::Rule {
            id: $id,
            effect: $crate::report::Effect::$effect,
            bump_policy: $bump,
            kind: rule_kind!($($kind)?),
            summary: $summary,
            message: $message,
            doc: concat!(
                "## What it detects\n\n", $detects,
                "\n\n## Why this bump\n\n", $why,
                "\n\n## Example\n\nOld:\n\n```json\n", $old, "\n```\n\nNew:\n\n```json\n", $new,
                "\n```\n\nReports `", $id, "` at old `", $op, "`, new `", $np, "` (policy ",
                stringify!($policy), "): bump ", stringify!($bb), " under backward, ",
                stringify!($bf), " under forward, ", stringify!($bu), " under full."
            ),
            example: $crate::rules::Example {
                old: $old,
                new: $new,
                policy: $crate::report::Policy::$policy,
                format_assertion: false $(|| $fa)?,
                old_pointer: $crate::rules::pointer_of($op),
                new_pointer: $crate::rules::pointer_of($np),
                bumps: [
                    $crate::report::Bump::$bb,
                    $crate::report::Bump::$bf,
                    $crate::report::Bump::$bu,
                ],
            },
            lookalike: $crate::rules::LookAlike {
                old: $lold,
                new: $lnew,
                policy: $crate::report::Policy::$lpolicy,
            },
        };

        #[cfg(test)]
        mod tests {
            #[test]
            fn fires() {
                $crate::testkit::assert_fires(&super::RULE);
            }

            #[test]
            fn lookalike_does_not_fire() {
                $crate::testkit::assert_lookalike(&super::RULE);
            }
        }
    };
}

/// `template` with each `{name}` replaced by its value in `args`, and the names that had none
/// (left as `{name}`); `{{` is a literal `{`, and a `{` that opens no valid placeholder is kept
/// as it is (the registry test rejects such templates).
pub fn render(template: &str, args: &[Arg<'_>]) -> (String, Vec<String>) {
    use std::fmt::Write as _;
    let mut out = String::with_capacity(template.len() + 32);
    let mut missing = Vec::new();
    let mut rest = template;
    while let Some(at) = rest.find('{') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        if let Some(after) = rest.strip_prefix("{{") {
            out.push('{');
            rest = after;
            continue;
        }
        match placeholder(rest) {
            Some(name) => {
                match args.iter().find(|(n, _)| *n == name) {
                    Some((_, value)) => {
                        let _ = write!(out, "{value}");
                    }
                    None => {
                        out.push_str(&rest[..name.len() + 2]);
                        missing.push(name.to_string());
                    }
                }
                rest = &rest[name.len() + 2..];
            }
            None => {
                out.push('{');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    (out, missing)
}

/// The name of the placeholder `text` starts with (`{name}`), if it is one.
fn placeholder(text: &str) -> Option<&str> {
    let inner = text.strip_prefix('{')?;
    let end = inner.find('}')?;
    let name = &inner[..end];
    let valid = !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
    valid.then_some(name)
}

/// The placeholder names of `template`, in order (with repeats); `Err` names the first `{`
/// that is neither `{{` nor a placeholder.
pub fn placeholders(template: &str) -> Result<Vec<&str>, String> {
    let mut names = Vec::new();
    let mut rest = template;
    while let Some(at) = rest.find('{') {
        rest = &rest[at..];
        if let Some(after) = rest.strip_prefix("{{") {
            rest = after;
            continue;
        }
        let name = placeholder(rest).ok_or_else(|| {
            format!(
                "`{{` at byte {} opens no `{{name}}`",
                template.len() - rest.len()
            )
        })?;
        names.push(name);
        rest = &rest[name.len() + 2..];
    }
    Ok(names)
}

/// `"null"` → `None`, any other text → that pointer (for the [`rule!`] fixtures).
pub const fn pointer_of(text: &'static str) -> Option<&'static str> {
    if text.len() == 4 {
        let b = text.as_bytes();
        if b[0] == b'n' && b[1] == b'u' && b[2] == b'l' && b[3] == b'l' {
            return None;
        }
    }
    Some(text)
}

pub mod additional_properties_closed;
pub mod additional_properties_opened;
pub mod comment_changed;
pub mod conditional_added;
pub mod conditional_removed;
pub mod const_added;
pub mod const_changed;
pub mod const_removed;
pub mod contains_added;
pub mod contains_changed;
pub mod contains_removed;
pub mod content_added;
pub mod content_annotation_changed;
pub mod content_changed;
pub mod content_removed;
pub mod default_changed;
pub mod definition_added;
pub mod definition_removed;
pub mod dependent_required_added;
pub mod dependent_required_removed;
pub mod dependent_schema_added;
pub mod dependent_schema_removed;
pub mod deprecated_changed;
pub mod description_changed;
pub mod dialect_changed;
pub mod document_invalid;
pub mod dynamic_reference_changed;
pub mod enum_added;
pub mod enum_removed;
pub mod enum_value_added;
pub mod enum_value_removed;
pub mod examples_changed;
pub mod false_schema_added;
pub mod false_schema_removed;
pub mod format_added;
pub mod format_changed;
pub mod format_removed;
pub mod format_replaced;
pub mod if_changed;
pub mod keyword_changed;
pub mod max_contains_added;
pub mod max_contains_loosened;
pub mod max_contains_removed;
pub mod max_contains_tightened;
pub mod max_items_added;
pub mod max_items_loosened;
pub mod max_items_removed;
pub mod max_items_tightened;
pub mod max_length_added;
pub mod max_length_loosened;
pub mod max_length_removed;
pub mod max_length_tightened;
pub mod max_properties_added;
pub mod max_properties_loosened;
pub mod max_properties_removed;
pub mod max_properties_tightened;
pub mod maximum_added;
pub mod maximum_loosened;
pub mod maximum_removed;
pub mod maximum_tightened;
pub mod min_contains_loosened;
pub mod min_contains_tightened;
pub mod min_items_added;
pub mod min_items_loosened;
pub mod min_items_removed;
pub mod min_items_tightened;
pub mod min_length_added;
pub mod min_length_loosened;
pub mod min_length_removed;
pub mod min_length_tightened;
pub mod min_properties_added;
pub mod min_properties_loosened;
pub mod min_properties_removed;
pub mod min_properties_tightened;
pub mod minimum_added;
pub mod minimum_loosened;
pub mod minimum_removed;
pub mod minimum_tightened;
pub mod multiple_of_added;
pub mod multiple_of_changed;
pub mod multiple_of_narrowed;
pub mod multiple_of_removed;
pub mod multiple_of_widened;
pub mod not_added;
pub mod not_changed;
pub mod not_excludes_less;
pub mod not_excludes_more;
pub mod not_removed;
pub mod one_of_changed;
pub mod other_keyword_changed;
pub mod pattern_added;
pub mod pattern_changed;
pub mod pattern_narrowed;
pub mod pattern_removed;
pub mod pattern_widened;
pub mod property_added;
pub mod property_added_open_model;
pub mod property_removed;
pub mod property_removed_open_model;
pub mod read_only_changed;
pub mod required_added;
pub mod required_removed;
pub mod schema_added;
pub mod schema_removed;
pub mod title_changed;
pub mod type_changed;
pub mod type_narrowed;
pub mod type_widened;
pub mod undecided;
pub mod unevaluated_changed;
pub mod union_became_exclusive;
pub mod union_became_inclusive;
pub mod union_branch_added;
pub mod union_branch_removed;
pub mod unique_items_added;
pub mod unique_items_removed;
pub mod write_only_changed;

static ALL: &[&Rule] = &[
    &additional_properties_closed::RULE,
    &additional_properties_opened::RULE,
    &comment_changed::RULE,
    &conditional_added::RULE,
    &conditional_removed::RULE,
    &const_added::RULE,
    &const_changed::RULE,
    &const_removed::RULE,
    &contains_added::RULE,
    &contains_changed::RULE,
    &contains_removed::RULE,
    &content_added::RULE,
    &content_annotation_changed::RULE,
    &content_changed::RULE,
    &content_removed::RULE,
    &default_changed::RULE,
    &definition_added::RULE,
    &definition_removed::RULE,
    &dependent_required_added::RULE,
    &dependent_required_removed::RULE,
    &dependent_schema_added::RULE,
    &dependent_schema_removed::RULE,
    &deprecated_changed::RULE,
    &description_changed::RULE,
    &dialect_changed::RULE,
    &document_invalid::RULE,
    &dynamic_reference_changed::RULE,
    &enum_added::RULE,
    &enum_removed::RULE,
    &enum_value_added::RULE,
    &enum_value_removed::RULE,
    &examples_changed::RULE,
    &false_schema_added::RULE,
    &false_schema_removed::RULE,
    &format_added::RULE,
    &format_changed::RULE,
    &format_removed::RULE,
    &format_replaced::RULE,
    &if_changed::RULE,
    &keyword_changed::RULE,
    &max_contains_added::RULE,
    &max_contains_loosened::RULE,
    &max_contains_removed::RULE,
    &max_contains_tightened::RULE,
    &max_items_added::RULE,
    &max_items_loosened::RULE,
    &max_items_removed::RULE,
    &max_items_tightened::RULE,
    &max_length_added::RULE,
    &max_length_loosened::RULE,
    &max_length_removed::RULE,
    &max_length_tightened::RULE,
    &max_properties_added::RULE,
    &max_properties_loosened::RULE,
    &max_properties_removed::RULE,
    &max_properties_tightened::RULE,
    &maximum_added::RULE,
    &maximum_loosened::RULE,
    &maximum_removed::RULE,
    &maximum_tightened::RULE,
    &min_contains_loosened::RULE,
    &min_contains_tightened::RULE,
    &min_items_added::RULE,
    &min_items_loosened::RULE,
    &min_items_removed::RULE,
    &min_items_tightened::RULE,
    &min_length_added::RULE,
    &min_length_loosened::RULE,
    &min_length_removed::RULE,
    &min_length_tightened::RULE,
    &min_properties_added::RULE,
    &min_properties_loosened::RULE,
    &min_properties_removed::RULE,
    &min_properties_tightened::RULE,
    &minimum_added::RULE,
    &minimum_loosened::RULE,
    &minimum_removed::RULE,
    &minimum_tightened::RULE,
    &multiple_of_added::RULE,
    &multiple_of_changed::RULE,
    &multiple_of_narrowed::RULE,
    &multiple_of_removed::RULE,
    &multiple_of_widened::RULE,
    &not_added::RULE,
    &not_changed::RULE,
    &not_excludes_less::RULE,
    &not_excludes_more::RULE,
    &not_removed::RULE,
    &one_of_changed::RULE,
    &other_keyword_changed::RULE,
    &pattern_added::RULE,
    &pattern_changed::RULE,
    &pattern_narrowed::RULE,
    &pattern_removed::RULE,
    &pattern_widened::RULE,
    &property_added::RULE,
    &property_added_open_model::RULE,
    &property_removed::RULE,
    &property_removed_open_model::RULE,
    &read_only_changed::RULE,
    &required_added::RULE,
    &required_removed::RULE,
    &schema_added::RULE,
    &schema_removed::RULE,
    &title_changed::RULE,
    &type_changed::RULE,
    &type_narrowed::RULE,
    &type_widened::RULE,
    &undecided::RULE,
    &unevaluated_changed::RULE,
    &union_became_exclusive::RULE,
    &union_became_inclusive::RULE,
    &union_branch_added::RULE,
    &union_branch_removed::RULE,
    &unique_items_added::RULE,
    &unique_items_removed::RULE,
    &write_only_changed::RULE,
];

/// Every registered rule, in id order.
pub fn rules() -> &'static [&'static Rule] {
    ALL
}

/// The registered rule with id `id`.
pub fn by_id(id: &str) -> Option<&'static Rule> {
    ALL.iter().copied().find(|r| r.id == id)
}

/// The rule catalogue as Markdown (the content of `contracts-diff/RULES.md`).
pub fn catalogue() -> String {
    let mut out = String::from(
        "# Rules\n\nGenerated from `contracts-diff/src/rules/*.rs` by `catalogue()`; a test \
         checks it is fresh (`UPDATE_RULES=1 cargo test -p contracts-diff` rewrites it).\n\n\
         Effects: `narrowed` = the new schema accepts fewer values (MAJOR under backward and \
         full), `widened` = more values (MAJOR under forward and full), `changed` = neither \
         contains the other (MAJOR), `annotation` = no change of the accepted set (PATCH).\n\n\
         Each rule's message is a template: `{name}` stands for a value of the finding, `{{` \
         for a literal `{`.\n\n\
         | rule | effect | bump | summary |\n| --- | --- | --- | --- |\n",
    );
    for r in ALL {
        let bump = match r.bump_policy {
            BumpPolicy::Effect if r.effect == Effect::Annotation => "patch".to_string(),
            BumpPolicy::Effect => "by effect and mode".to_string(),
            BumpPolicy::Fixed(b) => format!("{b} always"),
            BumpPolicy::Lenient(b) => format!("{b} (lenient), by effect (strict)"),
            BumpPolicy::StrictOnly => "by effect (strict only)".to_string(),
        };
        let effect = format!("{:?}", r.effect).to_lowercase();
        out.push_str(&format!(
            "| [`{}`](#{}) | {effect} | {bump} | {} |\n",
            r.id, r.id, r.summary
        ));
    }
    for r in ALL {
        let doc = r.doc.replace("\n## ", "\n### ");
        let doc = doc
            .strip_prefix("## ")
            .map_or(doc.clone(), |d| format!("### {d}"));
        out.push_str(&format!(
            "\n## {}\n\n{}\n\nMessage: `` {} ``\n\n{}\n",
            r.id, r.summary, r.message, doc
        ));
    }
    out
}

#[cfg(test)]
mod registry_tests {
    use super::*;

    #[test]
    fn every_rule_file_is_registered() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/rules");
        let mut files = 0;
        for entry in std::fs::read_dir(&dir).expect("src/rules is readable") {
            let path = entry.expect("directory entry").path();
            let Some(stem) = path.file_stem().and_then(|s| s.to_str()) else {
                continue;
            };
            if path.extension().and_then(|e| e.to_str()) != Some("rs") || stem == "mod" {
                continue;
            }
            files += 1;
            let id = stem.replace('_', "-");
            let text = std::fs::read_to_string(&path).expect("rule file is readable");
            assert!(
                text.contains(&format!("id: \"{id}\"")),
                "{stem}.rs must declare rule id `{id}`"
            );
            assert!(
                by_id(&id).is_some(),
                "rule `{id}` ({stem}.rs) is not registered in rules()"
            );
        }
        assert_eq!(files, ALL.len(), "registry and src/rules/*.rs disagree");
    }

    #[test]
    fn ids_are_unique_sorted_kebab_case_and_documented() {
        let ids: Vec<&str> = ALL.iter().map(|r| r.id).collect();
        let mut sorted = ids.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(
            ids, sorted,
            "rule ids must be unique and registered in id order"
        );
        for r in ALL {
            assert!(
                r.id.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
                "{} is not kebab-case",
                r.id
            );
        }
    }

    #[test]
    fn catalogue_is_fresh() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("RULES.md");
        let fresh = catalogue();
        if std::env::var_os("UPDATE_RULES").is_some() {
            std::fs::write(&path, &fresh).expect("RULES.md is writable");
        }
        let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            on_disk == fresh,
            "contracts-diff/RULES.md is stale: run UPDATE_RULES=1 cargo test -p contracts-diff"
        );
    }

    #[test]
    fn message_templates_are_well_formed() {
        for r in ALL {
            assert!(!r.message.trim().is_empty(), "{}: empty message", r.id);
            assert!(
                !r.message.contains("``"),
                "{}: the catalogue quotes the message in ``",
                r.id
            );
            if let Err(e) = placeholders(r.message) {
                panic!("{}: message `{}`: {e}", r.id, r.message);
            }
        }
    }

    #[test]
    fn templates_render() {
        let n = 3;
        let (text, missing) = render(
            "`{kw}: {value}` added {{x}} }",
            &[("kw", &"minLength"), ("value", &n)],
        );
        assert_eq!(text, "`minLength: 3` added {x}} }");
        assert!(missing.is_empty());
        let (text, missing) = render("{a} and {b}", &[("a", &1), ("c", &2)]);
        assert_eq!(text, "1 and {b}");
        assert_eq!(missing, vec!["b".to_string()]);
        assert_eq!(render("{ x } {}", &[]).0, "{ x } {}");
        assert_eq!(placeholders("{a}{{b}} {c_1}"), Ok(vec!["a", "c_1"]));
        assert!(placeholders("a { b").is_err());
        assert!(placeholders("{A}").is_err());
    }

    #[test]
    #[cfg(debug_assertions)]
    #[should_panic(expected = "no value for")]
    fn a_placeholder_without_a_value_panics_in_debug_builds() {
        let rule = by_id("required-added").expect("registered");
        let _ = rule.render(&[("nmae", &"a")]);
    }

    #[test]
    fn bump_policies_apply() {
        let added = by_id("property-added").expect("registered");
        assert_eq!(added.bump(Mode::Full, Policy::Lenient), Bump::Minor);
        assert_eq!(added.bump(Mode::Full, Policy::Strict), Bump::Major);
        let removed = by_id("schema-removed").expect("registered");
        assert_eq!(removed.bump(Mode::Forward, Policy::Strict), Bump::Major);
    }
}
