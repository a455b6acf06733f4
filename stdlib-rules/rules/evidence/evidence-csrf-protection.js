const csurf = require("csurf");
const lusca = require("lusca");

// ruleid: evidence-csrf-protection
app.use(csurf({ cookie: true }));
// ruleid: evidence-csrf-protection
app.use(lusca.csrf());
// ruleid: evidence-csrf-protection
const { doubleCsrfProtection } = doubleCsrf({ getSecret: () => process.env.CSRF_SECRET });

// ok: evidence-csrf-protection
app.use(express.urlencoded({ extended: false }));
// ok: evidence-csrf-protection
const token = req.csrfToken();
// ok: evidence-csrf-protection
app.use(lusca.xframe("SAMEORIGIN"));
