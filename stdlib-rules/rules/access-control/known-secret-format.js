// Positive cases are assembled at test time (tests/e2e.rs). Negatives:

// ok: known-secret-format
const exampleKeyId = "AKIAIOSFODNN7EXAMPLE";
// ok: known-secret-format
const header = "-----BEGIN PRIVATE KEY-----";
// ok: known-secret-format
const prefix = token.startsWith("ghp_");
