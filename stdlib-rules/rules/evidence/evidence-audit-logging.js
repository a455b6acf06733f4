async function removeUser(req, id) {
  await User.destroy({ where: { id } });
  // ruleid: evidence-audit-logging
  await audit.log("user.deleted", { actor: req.user.id, id });
  // ruleid: evidence-audit-logging
  auditLogger.info({ actor: req.user.id, action: "delete", id });
  // ruleid: evidence-audit-logging
  recordAudit(req.user, "delete", id);
  // ok: evidence-audit-logging
  console.log("deleted", id);
  // ok: evidence-audit-logging
  const audited = true;
  // ok: evidence-audit-logging
  debug("removed %s", id);
}
