try:
    do_work()
# ruleid: swallowed-exception
except:
    pass

try:
    charge(card)
# ruleid: swallowed-exception
except Exception:
    # best effort
    pass

try:
    audit(event)
# ruleid: swallowed-exception
except Exception as exc:
    pass

for item in items:
    try:
        process(item)
    # ruleid: swallowed-exception
    except BaseException:
        continue

try:
    value = cache[key]
# ok: swallowed-exception
except KeyError:
    pass

try:
    do_work()
# ok: swallowed-exception
except Exception:
    logger.exception("work failed")

try:
    do_work()
# ok: swallowed-exception
except Exception:
    raise
