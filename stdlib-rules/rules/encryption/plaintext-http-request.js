// ruleid: plaintext-http-request
const res = await fetch("http://api.partner.com/v1/orders", { method: "POST", body });
// ruleid: plaintext-http-request
const { data } = await axios.get("http://tracking.example-carrier.com/track");
// ruleid: plaintext-http-request
http.get("http://cdn.partner.com/config.json", (r) => r.pipe(process.stdout));

// ok: plaintext-http-request
const ok = await fetch("https://api.partner.com/v1/orders");
// ok: plaintext-http-request
const local = await fetch("http://localhost:3000/health");
// ok: plaintext-http-request
const svc = await axios.get("http://billing.default.svc/invoices");
// ok: plaintext-http-request
const dev = await fetch("http://127.0.0.1:9229/json");
