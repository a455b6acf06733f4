from django.contrib.auth.hashers import make_password
from django.db import models


class Member(models.Model):
    password = models.CharField(max_length=128)

    def save(self, *args, **kwargs):
        # Hashed on every save unless it already is.
        if not self.password.startswith("pbkdf2_"):
            self.password = make_password(self.password)
        super().save(*args, **kwargs)


class Kiosk(models.Model):
    password = models.CharField(max_length=128)
