const session = require("express-session");
const cookieSession = require("cookie-session");

app.use(
  session({
    secret: process.env.SESSION_SECRET,
    // ruleid: insecure-cookie-settings
    cookie: { secure: false, httpOnly: true },
  }),
);

// ruleid: insecure-cookie-settings
app.use(cookieSession({ name: "s", keys: [key], httpOnly: false }));

app.get("/remember", (req, res) => {
  // ruleid: insecure-cookie-settings
  res.cookie("remember", token, { secure: false });
  // ok: insecure-cookie-settings
  res.cookie("remember", token, { secure: true, httpOnly: true, sameSite: "lax" });
  res.sendStatus(204);
});

// ok: insecure-cookie-settings
app.use(session({ secret: process.env.SESSION_SECRET, cookie: { secure: true, httpOnly: true } }));

// Not a cookie.
// ok: insecure-cookie-settings
const agent = new https.Agent({ secure: false });

// ok: insecure-cookie-settings
const opts = { httpOnly: false };

// express-session's cookie is not Secure unless told.
// ruleid: insecure-cookie-settings
app.use(session({ secret: process.env.SESSION_SECRET, resave: true, saveUninitialized: true }));

app.use(session({
  secret: process.env.SESSION_SECRET,
  // ruleid: insecure-cookie-settings
  cookie: { httpOnly: true, maxAge: 3600000 },
}));
