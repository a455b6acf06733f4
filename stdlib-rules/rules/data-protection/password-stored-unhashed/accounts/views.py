from .models import Kiosk, Member


def join(request):
    # ok: password-stored-unhashed
    member = Member(password=request.POST["password"])
    member.save()


def add_kiosk(request):
    # ruleid: password-stored-unhashed
    kiosk = Kiosk(password=request.POST["password"])
    kiosk.save()
