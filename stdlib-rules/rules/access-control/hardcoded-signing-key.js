const jwt = require('jsonwebtoken');
const crypto = require('crypto');
const cookieParser = require('cookie-parser');
const express = require('express');

const app = express();
// ruleid: hardcoded-signing-key
app.use(cookieParser('keyboard cat'));

function issue(user) {
  // ruleid: hardcoded-signing-key
  return jwt.sign({ sub: user.id }, 'secret', { expiresIn: '1h' });
}

function check(token) {
  const secret = 'dev-signing-key';
  // ruleid: hardcoded-signing-key
  return jwt.verify(token, secret);
}

function signature(body) {
  // ruleid: hardcoded-signing-key
  return crypto.createHmac('sha256', 'whsec-local').update(body).digest('hex');
}

// ok: hardcoded-signing-key
app.use(cookieParser(process.env.COOKIE_SECRET));

function issueOk(user) {
  // ok: hardcoded-signing-key
  return jwt.sign({ sub: user.id }, process.env.JWT_SECRET, { expiresIn: '1h' });
}

function checkOk(token, config) {
  const secret = config.jwtSecret;
  // ok: hardcoded-signing-key
  return jwt.verify(token, secret);
}

function signatureOk(body, key) {
  // ok: hardcoded-signing-key
  return crypto.createHmac('sha256', key).update(body).digest('hex');
}
