//! Rule `content-added`: An asserted `contentEncoding`/`contentMediaType` was added (draft 6/7). See [`RULE`].

rule! {
    id: "content-added",
    effect: Narrowed,
    bump: crate::rules::BumpPolicy::Effect,
    kind: Addition,
    summary: "An asserted `contentEncoding`/`contentMediaType` was added (draft 6/7).",
    message: "asserted `{keyword}` changed",
    detects: "`contentEncoding`/`contentMediaType` (Validation 2020-12 §8). The `jsonschema` validator asserts them in drafts 6 and 7 (`base64`, `application/json`); from 2019-09 on they are annotations (`content-annotation-changed`).",
    why: "Narrowed: the new schema accepts fewer values, so data valid under the old schema can be rejected: MAJOR under `backward` and `full`, MINOR under `forward`.",
    example: {
        policy: Lenient,
        old: "{\"$schema\": \"http://json-schema.org/draft-07/schema#\", \"type\": \"string\"}",
        new: "{\"$schema\": \"http://json-schema.org/draft-07/schema#\", \"type\": \"string\", \"contentMediaType\": \"application/json\"}",
        old_pointer: "",
        new_pointer: "/contentMediaType",
        bumps: [Major, Minor, Major],
    },
    lookalike: {
        policy: Lenient,
        old: "{\"type\": \"string\"}",
        new: "{\"type\": \"string\", \"contentMediaType\": \"application/json\"}",
    },
}
