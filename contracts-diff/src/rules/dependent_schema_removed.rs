//! Rule `dependent-schema-removed`: The schema applied when a property is present was removed. See [`RULE`].

rule! {
    id: "dependent-schema-removed",
    effect: Widened,
    bump: crate::rules::BumpPolicy::Effect,
    kind: Removal,
    summary: "The schema applied when a property is present was removed.",
    message: "the schema applied when `{property}` is present was removed",
    detects: "`dependentSchemas` (Core 2020-12 §10.2.2.4; 2019-09+) and the schema form of draft 4-7 `dependencies`, by property name. Entries on both sides are walked as conditional conjuncts (a narrower entry narrows); an entry that is `true`/`{}` constrains nothing. Confluent Schema Registry: `DEPENDENCY_SCHEMA_*`.",
    why: "Widened: the new schema accepts more values, so readers on the old schema can meet data they reject: MAJOR under `forward` and `full`, MINOR under `backward`.",
    example: {
        policy: Lenient,
        old: "{\"type\": \"object\", \"dependentSchemas\": {\"a\": {\"required\": [\"b\"]}}}",
        new: "{\"type\": \"object\"}",
        old_pointer: "/dependentSchemas/a",
        new_pointer: "",
        bumps: [Minor, Major, Major],
    },
    lookalike: {
        policy: Lenient,
        old: "{\"type\": \"object\", \"dependentSchemas\": {\"a\": true}}",
        new: "{\"type\": \"object\"}",
    },
}

#[cfg(test)]
mod witness_tests {
    use crate::testkit::diff_values;
    use crate::{Bump, DiffOptions};
    use serde_json::json;

    #[test]
    fn the_witness_has_the_trigger_and_breaks_the_removed_schema() {
        let old =
            json!({"type": "object", "dependentSchemas": {"card": {"required": ["billing"]}}});
        let new = json!({"type": "object"});
        let report = diff_values(&old, &new, DiffOptions::default());
        let f = report
            .findings
            .iter()
            .find(|f| f.rule == "dependent-schema-removed")
            .expect("fires");
        assert_eq!(f.bump, Bump::Major);
        let w = f.witness.as_ref().expect("a witness");
        assert!(w.instance.get("card").is_some(), "{}", w.instance);
        assert!(w.instance.get("billing").is_none(), "{}", w.instance);
    }
}
