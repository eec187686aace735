import pytest


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # Factories hash a password for every user; the real hasher would make tests crawl.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
