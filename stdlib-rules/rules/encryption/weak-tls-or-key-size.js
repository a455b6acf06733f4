const tls = require("tls");
const crypto = require("crypto");

// ruleid: weak-tls-or-key-size
const a = tls.connect({ host, port, secureProtocol: "TLSv1_method" });
// ruleid: weak-tls-or-key-size
const server = https.createServer({ key, cert, minVersion: "TLSv1" });
// ruleid: weak-tls-or-key-size
const pair = crypto.generateKeyPairSync("rsa", { modulusLength: 1024 });

// ok: weak-tls-or-key-size
const b = tls.connect({ host, port, minVersion: "TLSv1.2" });
// ok: weak-tls-or-key-size
const pair2 = crypto.generateKeyPairSync("rsa", { modulusLength: 4096 });
// ok: weak-tls-or-key-size
const c = tls.connect({ host, port, secureProtocol: "TLS_method" });
