//! Rule `union-branch-added`: An `anyOf`/`oneOf` alternative with no old counterpart. See [`RULE`].

rule! {
    id: "union-branch-added",
    effect: Widened,
    bump: crate::rules::BumpPolicy::Effect,
    kind: Addition,
    summary: "An `anyOf`/`oneOf` alternative with no old counterpart.",
    message: "branch `{pointer}` is new: it {reason}",
    detects: "A new alternative of a union (`anyOf`, or a `oneOf` whose branches are provably disjoint; Core 2020-12 §10.2.1.2-3) that no old alternative can be paired with: branches are paired per JSON type by best match (same `$ref` target or text, then discriminating `const`/`enum` properties, property names), not by position, and a branch whose discriminator conflicts with every old one has no counterpart. A schema without a union is one alternative. A lone branch that an old branch contains (every value it accepts, the old branch accepted: a walk of the two finds nothing widened) is no change. Also: against an overlapping `oneOf`, each branch other than the one containing the old schema (which the others are provably apart from), and each branch of an inclusive union that replaced an overlapping `oneOf` and contains no old branch. Confluent Schema Registry: `SUM_TYPE_EXTENDED`.",
    why: "Widened: the new schema accepts more values, so readers on the old schema can meet data they reject: MAJOR under `forward` and `full`, MINOR under `backward`. The witness is a value of the new branch.",
    example: {
        policy: Lenient,
        old: "{\"anyOf\": [{\"type\": \"object\", \"properties\": {\"kind\": {\"const\": \"a\"}}, \"required\": [\"kind\"]}]}",
        new: "{\"anyOf\": [{\"type\": \"object\", \"properties\": {\"kind\": {\"const\": \"a\"}}, \"required\": [\"kind\"]}, {\"type\": \"object\", \"properties\": {\"kind\": {\"const\": \"b\"}}, \"required\": [\"kind\"]}]}",
        old_pointer: "/anyOf",
        new_pointer: "/anyOf/1",
        bumps: [Minor, Major, Major],
    },
    lookalike: {
        policy: Lenient,
        old: "{\"anyOf\": [{\"type\": \"object\", \"properties\": {\"kind\": {\"const\": \"b\"}}, \"required\": [\"kind\"]}, {\"type\": \"object\", \"properties\": {\"kind\": {\"const\": \"a\"}}, \"required\": [\"kind\"]}]}",
        new: "{\"anyOf\": [{\"type\": \"object\", \"properties\": {\"kind\": {\"const\": \"a\"}}, \"required\": [\"kind\"]}, {\"type\": \"object\", \"properties\": {\"kind\": {\"const\": \"b\"}}, \"required\": [\"kind\"]}]}",
    },
}
