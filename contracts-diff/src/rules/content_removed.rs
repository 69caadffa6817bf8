//! Rule `content-removed`: An asserted `contentEncoding`/`contentMediaType` was removed (draft 6/7). See [`RULE`].

rule! {
    id: "content-removed",
    effect: Widened,
    bump: crate::rules::BumpPolicy::Effect,
    kind: Removal,
    summary: "An asserted `contentEncoding`/`contentMediaType` was removed (draft 6/7).",
    message: "asserted `{keyword}` changed",
    detects: "`contentEncoding`/`contentMediaType` (Validation 2020-12 §8). The `jsonschema` validator asserts them in drafts 6 and 7 (`base64`, `application/json`); from 2019-09 on they are annotations (`content-annotation-changed`).",
    why: "Widened: the new schema accepts more values, so readers on the old schema can meet data they reject: MAJOR under `forward` and `full`, MINOR under `backward`.",
    example: {
        policy: Lenient,
        old: "{\"$schema\": \"http://json-schema.org/draft-07/schema#\", \"type\": \"string\", \"contentMediaType\": \"application/json\"}",
        new: "{\"$schema\": \"http://json-schema.org/draft-07/schema#\", \"type\": \"string\"}",
        old_pointer: "/contentMediaType",
        new_pointer: "",
        bumps: [Minor, Major, Major],
    },
    lookalike: {
        policy: Lenient,
        old: "{\"type\": \"string\", \"contentMediaType\": \"application/json\"}",
        new: "{\"type\": \"string\"}",
    },
}
