import * as jwt from "jsonwebtoken";
import { createHmac } from "crypto";

export function issue(userId: string): string {
  // ruleid: hardcoded-signing-key
  return jwt.sign({ sub: userId }, "super-secret-key-123", { expiresIn: "1h" });
}

export function signature(body: string): string {
  const key: string = "whsec-local-dev";
  // ruleid: hardcoded-signing-key
  return createHmac("sha256", key).update(body).digest("hex");
}

export function issueOk(userId: string): string {
  // ok: hardcoded-signing-key
  return jwt.sign({ sub: userId }, process.env.JWT_SECRET as string, { expiresIn: "1h" });
}

export function signatureOk(body: string, key: string): string {
  // ok: hardcoded-signing-key
  return createHmac("sha256", key).update(body).digest("hex");
}
