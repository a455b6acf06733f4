from flask import Flask
from fastapi import FastAPI

app = Flask(__name__)

# ruleid: debug-mode-enabled
app.debug = True

# ruleid: debug-mode-enabled
app.config["DEBUG"] = True

# ruleid: debug-mode-enabled
api = FastAPI(title="orders", debug=True)

if __name__ == "__main__":
    # ruleid: debug-mode-enabled
    app.run(host="0.0.0.0", debug=True)

# ok: debug-mode-enabled
app.run(host="0.0.0.0", debug=os.environ.get("FLASK_DEBUG") == "1")
# ok: debug-mode-enabled
app.debug = False
# ok: debug-mode-enabled
logger.debug = True
# ok: debug-mode-enabled
parser.add_argument("--verbose", debug=True)


from aiohttp.web import Application

# ruleid: debug-mode-enabled
aio = Application(debug=True, middlewares=[])
# ok: debug-mode-enabled
aio_quiet = Application(middlewares=[])
