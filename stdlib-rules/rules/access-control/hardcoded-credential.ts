// TypeScript: typed declarations, class fields and parameter defaults.

// ruleid: hardcoded-credential
const dbPassword: string = "Tr0ub4dor&3x";

interface Config {
  apiKey: string;
}

const config: Config = {
  // ruleid: hardcoded-credential
  apiKey: "q8Zr3LmV0pX2kYt7",
};

export class Mailer {
  // ruleid: hardcoded-credential
  private smtpPassword = "s3nd-M41l-n0w!";
  // ok: hardcoded-credential
  private readonly smtpHost = "smtp.example.com";

  // ruleid: hardcoded-credential
  connect(user: string, password: string = "hunter2hunter2"): void {}
}

// ruleid: hardcoded-credential
const secret = process.env.JWT_SECRET ?? "fallback-9Xk2Lm";

// ok: hardcoded-credential
const password: string | undefined = process.env.DB_PASSWORD;
// ok: hardcoded-credential
const apiKey = "changeme" as const;
// ok: hardcoded-credential
type TokenKind = "access_token" | "refresh_token";
// ok: hardcoded-credential
const PASSWORD_FIELD: keyof Form = "password";

export function signIn(username: string, password: string): boolean {
  // The literal the code accepts as the password, however it looks.
  // ruleid: hardcoded-credential
  return username === "admin" && password === "admin_pass";
}

export function listUsers(includePasswords?: string) {
  // A flag read as text, not a credential.
  // ok: hardcoded-credential
  return { includePasswords: includePasswords === "true" };
}
