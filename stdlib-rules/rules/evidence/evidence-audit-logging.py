def delete_user(request, user):
    user.delete()
    # ruleid: evidence-audit-logging
    audit_log("user.deleted", actor=request.user, target=user.pk)
    # ruleid: evidence-audit-logging
    AuditLog.objects.create(actor=request.user, action="delete")
    # ruleid: evidence-audit-logging
    self.log_deletion(request, user, str(user))
    # ok: evidence-audit-logging
    logger.debug("deleted")
    # ok: evidence-audit-logging
    print("done")
    # ok: evidence-audit-logging
    audited = True
