from flask import Flask, request

app = Flask(__name__)


# ruleid: evidence-input-validation
@app.post("/signup")
def signup():
    form = SignupForm(request.form)
    if not form.validate():
        return "bad", 400
    return "ok"


# ok: evidence-input-validation
@app.post("/notes")
def notes():
    return request.get_json()


# ok: evidence-input-validation
@app.get("/notes")
def list_notes():
    return []
