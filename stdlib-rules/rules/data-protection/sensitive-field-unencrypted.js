const mongoose = require("mongoose");
const { DataTypes } = require("sequelize");

const customerSchema = new mongoose.Schema({
  name: String,
  // ruleid: sensitive-field-unencrypted
  ssn: String,
  // ruleid: sensitive-field-unencrypted
  cardNumber: { type: String, required: true },
  // ok: sensitive-field-unencrypted
  cardLast4: String,
  // ok: sensitive-field-unencrypted
  cardToken: { type: String },
});

const Patient = sequelize.define("Patient", {
  // ruleid: sensitive-field-unencrypted
  diagnosis: DataTypes.TEXT,
  // ok: sensitive-field-unencrypted
  name: DataTypes.STRING,
});
