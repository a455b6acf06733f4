import { randomBytes, randomUUID } from "crypto";

export function issueTokens(): Record<string, string> {
  // ruleid: insecure-randomness
  const resetToken: string = Math.random().toString(36).slice(2);
  // ruleid: insecure-randomness
  const apiKey = `key_${Math.random().toString(16)}`;
  // ruleid: insecure-randomness
  const sessionId = String(Math.floor(Math.random() * 1e16));
  // ok: insecure-randomness
  const csrfToken = randomBytes(32).toString("hex");
  // ok: insecure-randomness
  const requestId: string = randomUUID();
  // ok: insecure-randomness
  const jitterMs = Math.random() * 100;
  return { resetToken, apiKey, sessionId, csrfToken, requestId, jitter: String(jitterMs) };
}
