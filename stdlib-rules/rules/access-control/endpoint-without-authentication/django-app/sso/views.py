def callback(request):
    return None


def accounts(request):
    return None
