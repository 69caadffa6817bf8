//! Rule `content-changed`: An asserted `contentEncoding`/`contentMediaType` changed (draft 6/7). See [`RULE`].

rule! {
    id: "content-changed",
    effect: Changed,
    bump: crate::rules::BumpPolicy::Effect,
    summary: "An asserted `contentEncoding`/`contentMediaType` changed (draft 6/7).",
    message: "asserted `{keyword}` changed",
    detects: "`contentEncoding`/`contentMediaType` (Validation 2020-12 §8). The `jsonschema` validator asserts them in drafts 6 and 7 (`base64`, `application/json`); from 2019-09 on they are annotations (`content-annotation-changed`).",
    why: "Changed: each side accepts values the other rejects, so both directions break: MAJOR in every mode.",
    example: {
        policy: Lenient,
        old: "{\"$schema\": \"http://json-schema.org/draft-07/schema#\", \"type\": \"string\", \"contentEncoding\": \"base64\"}",
        new: "{\"$schema\": \"http://json-schema.org/draft-07/schema#\", \"type\": \"string\", \"contentEncoding\": \"base32\"}",
        old_pointer: "/contentEncoding",
        new_pointer: "/contentEncoding",
        bumps: [Major, Major, Major],
    },
    lookalike: {
        policy: Lenient,
        old: "{\"type\": \"string\", \"contentEncoding\": \"base64\"}",
        new: "{\"type\": \"string\", \"contentEncoding\": \"base32\"}",
    },
}
