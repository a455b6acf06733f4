import traceback

from flask import jsonify


def charge():
    try:
        pay()
    except PaymentError as e:
        # ruleid: exception-details-in-response
        return jsonify(error=str(e)), 500
    except Exception:
        # ruleid: exception-details-in-response
        return traceback.format_exc(), 500


def refund():
    try:
        pay()
    except Exception:
        log.exception("refund failed")
        # ok: exception-details-in-response
        return jsonify(error="refund failed", id=request_id), 500


def parse(text):
    try:
        return int(text)
    except ValueError as e:
        # Not a response.
        # ok: exception-details-in-response
        return str(e)


def export():
    try:
        build()
    except Exception as exc:
        # ruleid: exception-details-in-response
        return make_response(f"export failed: {exc}", 500)


def health():
    try:
        ping_db()
    except Exception:
        # ok: exception-details-in-response
        return "unavailable", 503


@app.route("/register/user", methods=["POST"])
def reg_customer():
    try:
        create(request.json)
        return jsonify({"Created": True}), 200
    except Exception as e:
        # ruleid: exception-details-in-response
        return jsonify({"Error": str(e.message)}), 404
