import logging

log = logging.getLogger(__name__)


def login(request, username, password):
    # ruleid: sensitive-data-in-logs
    log.debug("login attempt %s %s", username, password)
    # ruleid: sensitive-data-in-logs
    logger.info(f"issued token={token} for {username}")
    # ruleid: sensitive-data-in-logs
    log.info("form: %s", request.form["password"])
    # Words in the message are not values.
    # ok: sensitive-data-in-logs
    log.warning("invalid password for %s", username)
    # ok: sensitive-data-in-logs
    log.info("password length %d", password_length)
    # ok: sensitive-data-in-logs
    log.info("user %s", user.id)
    # ok: sensitive-data-in-logs
    log.info("token expires at %s", token_expires_at)


def parse(tokens, starting_token):
    # Parser and pagination tokens are not secrets.
    # ok: sensitive-data-in-logs
    log.warning(f"expected number, got {index_token}")
    # ok: sensitive-data-in-logs
    log.debug("falling back for token %s", self._starting_token)
    # ok: sensitive-data-in-logs
    log.debug("capacity %s", self._token_bucket.available_capacity)
    # ruleid: sensitive-data-in-logs
    log.debug("refresh with %s", self.refresh_token)
