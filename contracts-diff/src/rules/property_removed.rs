//! Rule `property-removed`: A property was removed from `properties`. See [`RULE`].

rule! {
    id: "property-removed",
    effect: Narrowed,
    bump: crate::rules::BumpPolicy::Lenient(crate::Bump::Major),
    kind: Removal,
    summary: "A property was removed from `properties`.",
    message: "property `{name}` removed (the new schema {new_model})",
    detects: "A name in the old subschema's `properties` that no part of the new one declares (a property moved into an `allOf` member or a referenced schema is not removed). Under `--policy lenient` every such removal; under `--policy strict` only those the new content model rejects (see `property-removed-open-model`; a new `additionalProperties`/`patternProperties` schema is compared with the old property's schema). Confluent Schema Registry: `PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL`.",
    why: "Lenient (the default): fields are API surface: consumers read the property, and it is no longer part of the contract: MAJOR in every mode. Strict: the new schema rejects objects the old one accepted with this property, so the accepted set narrowed: MAJOR under `backward` and `full`, MINOR under `forward`.",
    example: {
        policy: Lenient,
        old: "{\"type\": \"object\", \"properties\": {\"a\": {\"type\": \"string\"}, \"b\": {\"type\": \"integer\"}}}",
        new: "{\"type\": \"object\", \"properties\": {\"a\": {\"type\": \"string\"}}}",
        old_pointer: "/properties/b",
        new_pointer: "",
        bumps: [Major, Major, Major],
    },
    lookalike: {
        policy: Lenient,
        old: "{\"type\": \"object\", \"allOf\": [{\"properties\": {\"a\": {\"type\": \"string\"}}}]}",
        new: "{\"type\": \"object\", \"properties\": {\"a\": {\"type\": \"string\"}}}",
    },
}
