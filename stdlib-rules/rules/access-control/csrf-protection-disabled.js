const lusca = require("lusca");
const csurf = require("csurf");

// ruleid: csrf-protection-disabled
app.use(lusca({ csrf: false, xframe: "SAMEORIGIN" }));
// ruleid: csrf-protection-disabled
app.use(csurf({ ignoreMethods: ["GET", "HEAD", "POST"] }));
// ruleid: csrf-protection-disabled
app.use(lusca({ xssProtection: true, csrf: false }));

// ok: csrf-protection-disabled
app.use(lusca({ csrf: true, xframe: "SAMEORIGIN" }));
// ok: csrf-protection-disabled
app.use(csurf({ cookie: true }));
// ok: csrf-protection-disabled
app.use(csurf({ ignoreMethods: ["GET", "HEAD", "OPTIONS"] }));
