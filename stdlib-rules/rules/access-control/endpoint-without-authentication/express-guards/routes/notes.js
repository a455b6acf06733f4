const validateToken = require("../utils").validateToken;
const controller = require("../controllers/notes");

module.exports = (router) => {
  // ok: endpoint-without-authentication
  router.route("/v2/notes").get(validateToken, controller.list);

  // ruleid: endpoint-without-authentication
  router.route("/v2/passphrase/:username").get(controller.passphrase);
};
