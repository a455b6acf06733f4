var express = require("express");
// ruleid: missing-security-headers
var server = express();
server.listen(8080);
