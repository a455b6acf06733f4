from django.http import HttpResponse
from django.views.decorators.csrf import csrf_exempt


# ruleid: csrf-protection-disabled
@csrf_exempt
def transfer(request):
    return HttpResponse("ok")


def report(request):
    return HttpResponse("ok")


# ruleid: csrf-protection-disabled
report_view = csrf_exempt(report)

# ruleid: csrf-protection-disabled
WTF_CSRF_ENABLED = False
# ruleid: csrf-protection-disabled
app.config["WTF_CSRF_CHECK_DEFAULT"] = False

# ok: csrf-protection-disabled
WTF_CSRF_ENABLED = True
# ok: csrf-protection-disabled
CSRF_COOKIE_HTTPONLY = False if False else True


# ok: csrf-protection-disabled
@require_POST
def update(request):
    return HttpResponse("ok")


# ok: csrf-protection-disabled
DEBUG_PROPAGATE_EXCEPTIONS = False
