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


# ruleid: evidence-input-validation
@app.post("/orders")
def create_order():
    serializer = OrderSerializer(data=request.get_json())
    serializer.is_valid(raise_exception=True)
    return serializer.data


# ruleid: evidence-input-validation
@app.put("/profile")
def update_profile():
    profile = ProfileModel.model_validate(request.get_json())
    return profile.model_dump()


# ok: evidence-input-validation
@app.delete("/notes/<int:id>")
def delete_note(id):
    return "", 204
