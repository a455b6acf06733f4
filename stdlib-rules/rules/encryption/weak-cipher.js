const crypto = require("crypto");

// ruleid: weak-cipher
const c1 = crypto.createCipheriv("des-ede3-cbc", key, iv);

// ruleid: weak-cipher
const c2 = crypto.createCipheriv("aes-128-ecb", key, null);

// ruleid: weak-cipher
const c3 = crypto.createCipher("aes-256-cbc", password);

// ruleid: weak-cipher
const enc = CryptoJS.DES.encrypt(message, key);

const opts = {
  // ruleid: weak-cipher
  mode: CryptoJS.mode.ECB,
};

// ok: weak-cipher
const good = crypto.createCipheriv("aes-256-gcm", key, iv);
// ok: weak-cipher
const aes = CryptoJS.AES.encrypt(message, key);
// ok: weak-cipher
const chacha = crypto.createCipheriv("chacha20-poly1305", key, iv, { authTagLength: 16 });
