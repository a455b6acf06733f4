// ruleid: hardcoded-credential
const dbPassword = "Tr0ub4dor&3x";

const config = {
  // ruleid: hardcoded-credential
  apiKey: 'q8Zr3LmV0pX2kYt7',
  // ruleid: hardcoded-credential
  "client_secret": "9f8e7d6c5b4a3210",
  // ok: hardcoded-credential
  clientId: "9f8e7d6c5b4a3210",
};

// ruleid: hardcoded-credential
this.authToken = `ab12cd34ef56gh78`;

// ruleid: hardcoded-credential
function connect(user, password = "hunter2hunter2") {}

// ruleid: hardcoded-credential
const secret = process.env.JWT_SECRET || "fallback-9Xk2Lm";

// ruleid: hardcoded-credential
const stripeKey = process.env["STRIPE_API_KEY"] || "t0k3n-Fallback-77";

// ok: hardcoded-credential
const password = process.env.DB_PASSWORD;
// ok: hardcoded-credential
const token = process.env.TOKEN || "";
// ok: hardcoded-credential
const apiKey = "changeme";
// ok: hardcoded-credential
passwordInput.placeholder = "Enter your password";
// ok: hardcoded-credential
const tokenUrl = "https://auth.example.com/oauth/token";
// ok: hardcoded-credential
const secretHeader = "X-Webhook-Secret";
// ok: hardcoded-credential
const password2 = `${user}-${Date.now()}`;
// ok: hardcoded-credential
const PASSWORD_FIELD = "password";
// ok: hardcoded-credential
const MODULE_REFERENCE_TOKEN = "__WEBPACK_MODULE_REFERENCE__";
// ok: hardcoded-credential
const modules = { _stream_passthrough: "readable-stream/passthrough.js" };
// ruleid: hardcoded-credential
const config2 = { db_pass: "Zq81-Lp02-Xk77" };
// A regular expression for tokens, not a token.
// ok: hardcoded-credential
const TOKEN_STRINGS = "[A-Za-z0-9._~+/-]+=*";

// Keys that sign or encrypt are reported whatever their value, weak ones too.
app.use(session({
  // ruleid: hardcoded-credential
  secret: 'keyboard cat',
  resave: false,
}));

const auth = {
  required: expressjwt({
    // ruleid: hardcoded-credential
    secret: process.env.JWT_SECRET || 'superSecret',
    algorithms: ['HS256'],
  }),
};

// ruleid: hardcoded-credential
const cookieSecret = process.env.NODE_ENV === 'production' ? process.env.COOKIE_SECRET : 'dev-cookie';

function exportAll(query) {
  // ruleid: hardcoded-credential
  if (query.secret !== 'export123') {
    return null;
  }
}

// Seeded accounts.
// ruleid: hardcoded-credential
const admin = new User({ username: 'admin', password: 'letmein', admin: true });

// ok: hardcoded-credential
app.use(session({ secret: process.env.SESSION_SECRET }));
// ok: hardcoded-credential
const fields = { password: 'password' };
// ok: hardcoded-credential
const EVENT_KEY = '.bs.carousel', DATA_API_KEY = '.data-api';

function signIn(username, password) {
  // The literal the code accepts as the password, however it looks.
  // ruleid: hardcoded-credential
  if (username === 'admin' && password === 'admin_pass') return true;
  // ok: hardcoded-credential
  if (password === '') return false;
  return false;
}
