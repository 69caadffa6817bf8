//! Rule `union-branch-removed`: An `anyOf`/`oneOf` alternative with no new counterpart. See [`RULE`].

rule! {
    id: "union-branch-removed",
    effect: Narrowed,
    bump: crate::rules::BumpPolicy::Effect,
    kind: Removal,
    summary: "An `anyOf`/`oneOf` alternative with no new counterpart.",
    message: "branch `{pointer}` was removed: {reason}",
    detects: "An old alternative of a union that no new alternative can be paired with (see `union-branch-added` for the pairing), unless a new branch contains it; also each branch of an overlapping old `oneOf` other than the one containing the new schema, which the others are provably apart from. Confluent Schema Registry: `SUM_TYPE_NARROWED`.",
    why: "Narrowed: the new schema accepts fewer values, so data valid under the old schema can be rejected: MAJOR under `backward` and `full`, MINOR under `forward`. The witness is a value of the removed branch.",
    example: {
        policy: Lenient,
        old: "{\"anyOf\": [{\"type\": \"object\", \"properties\": {\"kind\": {\"const\": \"a\"}}, \"required\": [\"kind\"]}, {\"type\": \"object\", \"properties\": {\"kind\": {\"const\": \"b\"}}, \"required\": [\"kind\"]}]}",
        new: "{\"anyOf\": [{\"type\": \"object\", \"properties\": {\"kind\": {\"const\": \"a\"}}, \"required\": [\"kind\"]}]}",
        old_pointer: "/anyOf/1",
        new_pointer: "/anyOf",
        bumps: [Major, Minor, Major],
    },
    lookalike: {
        policy: Lenient,
        old: "{\"anyOf\": [{\"type\": \"object\", \"properties\": {\"kind\": {\"const\": \"a\"}}, \"required\": [\"kind\"]}, {\"type\": \"object\", \"properties\": {\"kind\": {\"const\": \"b\"}}, \"required\": [\"kind\"]}]}",
        new: "{\"anyOf\": [{\"type\": \"object\", \"properties\": {\"kind\": {\"const\": \"b\"}}, \"required\": [\"kind\"]}, {\"type\": \"object\", \"properties\": {\"kind\": {\"const\": \"a\"}}, \"required\": [\"kind\"]}]}",
    },
}
