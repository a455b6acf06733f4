const https = require("https");

// ruleid: tls-verification-disabled
const agent = new https.Agent({ rejectUnauthorized: false });

const opts = {
  host: "api.internal",
  // ruleid: tls-verification-disabled
  "rejectUnauthorized": false,
};

// ruleid: tls-verification-disabled
request({ url, strictSSL: false }, cb);

// ruleid: tls-verification-disabled
process.env.NODE_TLS_REJECT_UNAUTHORIZED = "0";

// ruleid: tls-verification-disabled
tlsOptions.rejectUnauthorized = false;

// ok: tls-verification-disabled
const safeAgent = new https.Agent({ rejectUnauthorized: true });
// ok: tls-verification-disabled
process.env.NODE_TLS_REJECT_UNAUTHORIZED = "1";
// ok: tls-verification-disabled
const caAgent = new https.Agent({ ca: fs.readFileSync("ca.pem") });
