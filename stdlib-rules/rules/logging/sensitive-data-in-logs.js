function login(req, user) {
  // ruleid: sensitive-data-in-logs
  console.log("login", req.body.password);
  // ruleid: sensitive-data-in-logs
  logger.info(`session ${user.sessionToken} opened`);
  // ruleid: sensitive-data-in-logs
  logger.debug("headers", req.headers["authorization"]);
  // ok: sensitive-data-in-logs
  console.log("invalid password for", user.email);
  // ok: sensitive-data-in-logs
  logger.info("user", user.id);
  // ok: sensitive-data-in-logs
  console.log("token length", token.length);
}
