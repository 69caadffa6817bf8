//! Rule `undecided`: The comparison ran out of its work budget; the rest is unchecked. See [`RULE`].

rule! {
    id: "undecided",
    effect: Changed,
    bump: crate::rules::BumpPolicy::Effect,
    summary: "The comparison ran out of its work budget; the rest is unchecked.",
    message: "the comparison stopped after {limit} subschema pairs (its work budget) here; the rest of the walk is unchecked",
    detects: "Every diff has one work budget, shared by the walk, its sub-walks and the containment probes of union pairing: a fixed base plus a share per JSON value of the two packages, far above what real packages need. Combinatorial input (unions whose branches hold the union again, nested dozens deep) can still exhaust it; the walk then stops and reports where it stopped, so the diff ends in bounded time instead of hanging. Identical subschemas cost nothing (they are skipped), so a self-diff never reaches it.",
    why: "Changed: the walk did not decide what changed past this point, so it cannot vouch for either direction: MAJOR in every mode, with a heuristic confidence. Splitting the change into smaller steps, or simplifying the nested unions, gives a decided report.",
    example: {
        policy: Lenient,
        old: "{\"$defs\": {\"d0\": {\"type\": \"string\"}, \"d1\": {\"anyOf\": [{\"$ref\": \"#/$defs/d0\"}, {\"$ref\": \"#/$defs/d0\"}]}, \"d2\": {\"anyOf\": [{\"$ref\": \"#/$defs/d1\"}, {\"$ref\": \"#/$defs/d1\"}]}, \"d3\": {\"anyOf\": [{\"$ref\": \"#/$defs/d2\"}, {\"$ref\": \"#/$defs/d2\"}]}, \"d4\": {\"anyOf\": [{\"$ref\": \"#/$defs/d3\"}, {\"$ref\": \"#/$defs/d3\"}]}, \"d5\": {\"anyOf\": [{\"$ref\": \"#/$defs/d4\"}, {\"$ref\": \"#/$defs/d4\"}]}, \"d6\": {\"anyOf\": [{\"$ref\": \"#/$defs/d5\"}, {\"$ref\": \"#/$defs/d5\"}]}, \"d7\": {\"anyOf\": [{\"$ref\": \"#/$defs/d6\"}, {\"$ref\": \"#/$defs/d6\"}]}, \"d8\": {\"anyOf\": [{\"$ref\": \"#/$defs/d7\"}, {\"$ref\": \"#/$defs/d7\"}]}, \"d9\": {\"anyOf\": [{\"$ref\": \"#/$defs/d8\"}, {\"$ref\": \"#/$defs/d8\"}]}}, \"$ref\": \"#/$defs/d9\"}",
        new: "{\"$defs\": {\"d0\": {\"type\": \"integer\"}, \"d1\": {\"anyOf\": [{\"$ref\": \"#/$defs/d0\"}, {\"$ref\": \"#/$defs/d0\"}]}, \"d2\": {\"anyOf\": [{\"$ref\": \"#/$defs/d1\"}, {\"$ref\": \"#/$defs/d1\"}]}, \"d3\": {\"anyOf\": [{\"$ref\": \"#/$defs/d2\"}, {\"$ref\": \"#/$defs/d2\"}]}, \"d4\": {\"anyOf\": [{\"$ref\": \"#/$defs/d3\"}, {\"$ref\": \"#/$defs/d3\"}]}, \"d5\": {\"anyOf\": [{\"$ref\": \"#/$defs/d4\"}, {\"$ref\": \"#/$defs/d4\"}]}, \"d6\": {\"anyOf\": [{\"$ref\": \"#/$defs/d5\"}, {\"$ref\": \"#/$defs/d5\"}]}, \"d7\": {\"anyOf\": [{\"$ref\": \"#/$defs/d6\"}, {\"$ref\": \"#/$defs/d6\"}]}, \"d8\": {\"anyOf\": [{\"$ref\": \"#/$defs/d7\"}, {\"$ref\": \"#/$defs/d7\"}]}, \"d9\": {\"anyOf\": [{\"$ref\": \"#/$defs/d8\"}, {\"$ref\": \"#/$defs/d8\"}]}}, \"$ref\": \"#/$defs/d9\"}",
        old_pointer: "/$defs/d9",
        new_pointer: "/$defs/d9",
        bumps: [Major, Major, Major],
    },
    lookalike: {
        policy: Lenient,
        old: "{\"$defs\": {\"d0\": {\"type\": \"string\"}, \"d1\": {\"anyOf\": [{\"$ref\": \"#/$defs/d0\"}, {\"type\": \"object\", \"properties\": {\"k\": {\"$ref\": \"#/$defs/d0\"}}}]}}, \"$ref\": \"#/$defs/d1\"}",
        new: "{\"$defs\": {\"d0\": {\"type\": \"integer\"}, \"d1\": {\"anyOf\": [{\"$ref\": \"#/$defs/d0\"}, {\"type\": \"object\", \"properties\": {\"k\": {\"$ref\": \"#/$defs/d0\"}}}]}}, \"$ref\": \"#/$defs/d1\"}",
    },
}
