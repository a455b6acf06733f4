const express = require("express");
const router = express.Router();

router
  .route("/books")
  // ruleid: endpoint-without-authentication
  .get(listBooks)
  // ok: endpoint-without-authentication
  .post(requireAuth, createBook);
