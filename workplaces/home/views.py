from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from federation.platform.outbox.selectors import notices_for_union
from tenants.context import current_union
from tenants.models import UnionRollup


@login_required
def home(request):
    union = current_union()
    return render(
        request,
        "home/home.html",
        {
            "union": union,
            "notices": notices_for_union(union=union)[:10],
            "rollup": UnionRollup.objects.filter(union=union).first(),
        },
    )
