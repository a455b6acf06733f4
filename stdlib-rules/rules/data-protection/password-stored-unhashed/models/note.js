const mongoose = require("mongoose");

// No hook: what is given is stored.
module.exports = mongoose.model("Note", new mongoose.Schema({ owner: String, password: String }));
