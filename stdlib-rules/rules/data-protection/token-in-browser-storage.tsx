import { useState } from "react";

export function LoginForm({ api }: { api: Api }) {
  const [email, setEmail] = useState<string>("");

  async function onSubmit(): Promise<void> {
    const { accessToken, refreshToken } = await api.login(email);
    // ruleid: token-in-browser-storage
    localStorage.setItem("accessToken", accessToken);
    // ruleid: token-in-browser-storage
    sessionStorage.setItem("session", refreshToken as string);
    // ruleid: token-in-browser-storage
    localStorage.jwt = accessToken;
    // ok: token-in-browser-storage
    localStorage.setItem("theme", "dark");
    // ok: token-in-browser-storage
    localStorage.setItem("tokenExpiresAt", String(Date.now()));
    // ok: token-in-browser-storage
    sessionStorage.setItem("lastPage", location.pathname);
  }

  return <form onSubmit={onSubmit}><input value={email} onChange={(e) => setEmail(e.target.value)} /></form>;
}
