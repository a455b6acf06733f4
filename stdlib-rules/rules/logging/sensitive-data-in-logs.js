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

function changePassword(req, targetUserId, body) {
  // ruleid: sensitive-data-in-logs
  console.log('Password changed:', { targetUserId, newPassword: body.newPassword });
  // ruleid: sensitive-data-in-logs
  console.log(`Password reset for ${body.email} - new password: ${body.newPassword}`);
  // ok: sensitive-data-in-logs
  console.log('Password changed:', { targetUserId, passwordChanged: true });
}
