import os

from flask import request, send_file, send_from_directory
from werkzeug.utils import secure_filename

UPLOADS = "/srv/uploads"


def download():
    name = request.args["file"]
    # ruleid: path-traversal
    return send_file(os.path.join(UPLOADS, name))


def read_report():
    # ruleid: path-traversal
    with open("/srv/reports/" + request.args.get("name")) as f:
        return f.read()


def delete_upload():
    path = f"{UPLOADS}/{request.form['path']}"
    # ruleid: path-traversal
    os.remove(path)


def safe_download():
    name = secure_filename(request.args["file"])
    # ok: path-traversal
    return send_file(os.path.join(UPLOADS, name))


def from_directory():
    # ok: path-traversal
    return send_from_directory(UPLOADS, request.args["file"])


def fixed():
    # ok: path-traversal
    with open(os.path.join(UPLOADS, "index.txt")) as f:
        return f.read()


# A URL variable is request data.
@app.route("/reports/<path:name>")
def report_file(name):
    # ruleid: path-traversal
    return send_file(os.path.join(REPORTS, name))


@app.route("/reports/<path:name>/safe")
def report_file_safe(name):
    # ok: path-traversal
    return send_file(os.path.join(REPORTS, secure_filename(name)))


def download(request, file_id):
    # The path of a stored record looked up by the id, not the id itself.
    record = File.objects.get(pk=file_id)
    # ok: path-traversal
    return FileResponse(open(UPLOADS + record.path, "rb"))
