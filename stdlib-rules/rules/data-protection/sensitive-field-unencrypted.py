from django.db import models
from sqlalchemy import Column, Integer, String


class Customer(models.Model):
    name = models.CharField(max_length=100)
    # ruleid: sensitive-field-unencrypted
    ssn = models.CharField(max_length=11)
    # ruleid: sensitive-field-unencrypted
    card_number = models.CharField(max_length=19)
    # ok: sensitive-field-unencrypted
    card_last4 = models.CharField(max_length=4)
    # ok: sensitive-field-unencrypted
    passport_number = EncryptedCharField(max_length=20)


class Patient(Base):
    __tablename__ = "patients"
    id = Column(Integer, primary_key=True)
    # ruleid: sensitive-field-unencrypted
    diagnosis = Column(String(200))
    # ok: sensitive-field-unencrypted
    diagnosis_token = Column(String(64))
