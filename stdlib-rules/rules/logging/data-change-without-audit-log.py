import logging

from flask import Flask, request

app = Flask(__name__)
log = logging.getLogger(__name__)


@app.route("/orders", methods=["POST"])
def create_order():
    # ruleid: data-change-without-audit-log
    Order.objects.create(item=request.form["item"])
    return "", 201


@app.route("/orders/<int:id>", methods=["DELETE"])
def delete_order(id):
    # ok: data-change-without-audit-log
    db.execute("DELETE FROM orders WHERE id = ?", (id,))
    log.info("order %s deleted by %s", id, g.user.id)
    return "", 204


@app.route("/orders/<int:id>", methods=["PUT"])
def update_order(id):
    order = Order.objects.get(id=id)
    order.status = request.form["status"]
    audit_log("order.update", id)
    # ok: data-change-without-audit-log
    order.save()
    return ""


@app.route("/orders/<int:id>/cancel", methods=["POST"])
def cancel_order(id):
    # Logged on one branch only.
    # ruleid: data-change-without-audit-log
    db.execute("UPDATE orders SET status = 'cancelled' WHERE id = ?", (id,))
    if request.form.get("notify"):
        log.info("order %s cancelled", id)
    return ""


def nightly_cleanup():
    # Not a request handler.
    # ok: data-change-without-audit-log
    db.execute("DELETE FROM sessions WHERE expired = 1")


@app.route("/accounts/<int:id>", methods=["DELETE"])
def close_account(id):
    # ruleid: data-change-without-audit-log
    Account.objects.filter(id=id).delete()
    return "", 204


@app.route("/attachments", methods=["POST"])
def upload_attachment():
    # An upload written to disk is not a change to stored records.
    upload = request.files["attachment"]
    # ok: data-change-without-audit-log
    upload.save(os.path.join(UPLOADS, secure_filename(upload.filename)))
    # …the record of it is.
    attachment = Attachment(name=upload.filename)
    # ruleid: data-change-without-audit-log
    attachment.save()
    return "", 201
