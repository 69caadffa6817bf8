//! Rule `content-annotation-changed`: `contentEncoding`/`contentMediaType` changed where they are annotations (2019-09+). See [`RULE`].

rule! {
    id: "content-annotation-changed",
    effect: Annotation,
    bump: crate::rules::BumpPolicy::Effect,
    summary: "`contentEncoding`/`contentMediaType` changed where they are annotations (2019-09+).",
    message: "`{keyword}` changed (an annotation from 2019-09 on)",
    detects: "`contentEncoding`/`contentMediaType` (Validation 2020-12 §8). The `jsonschema` validator asserts them in drafts 6 and 7 (`base64`, `application/json`); from 2019-09 on they are annotations (`content-annotation-changed`).",
    why: "Annotations do not take part in validation, so the set of accepted values is unchanged: PATCH in every mode.",
    example: {
        policy: Lenient,
        old: "{\"type\": \"string\", \"contentMediaType\": \"application/json\"}",
        new: "{\"type\": \"string\", \"contentMediaType\": \"text/plain\"}",
        old_pointer: "/contentMediaType",
        new_pointer: "/contentMediaType",
        bumps: [Patch, Patch, Patch],
    },
    lookalike: {
        policy: Lenient,
        old: "{\"$schema\": \"http://json-schema.org/draft-07/schema#\", \"type\": \"string\", \"contentMediaType\": \"application/json\"}",
        new: "{\"$schema\": \"http://json-schema.org/draft-07/schema#\", \"type\": \"string\", \"contentMediaType\": \"text/plain\"}",
    },
}
