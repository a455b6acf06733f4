async function signIn(credentials) {
  const { accessToken, refreshToken } = await api.login(credentials);
  // ruleid: token-in-browser-storage
  localStorage.setItem("accessToken", accessToken);
  // ruleid: token-in-browser-storage
  sessionStorage.setItem("session", refreshToken);
  // ruleid: token-in-browser-storage
  localStorage.jwt = accessToken;
  // ruleid: token-in-browser-storage
  window.localStorage.setItem("auth_token", accessToken);
  // ok: token-in-browser-storage
  localStorage.setItem("theme", "dark");
  // ok: token-in-browser-storage
  localStorage.setItem("tokenExpiresAt", String(expiresAt));
  // ok: token-in-browser-storage
  sessionStorage.setItem("lastPage", location.pathname);
}
