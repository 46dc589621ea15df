"""Pages of the activity room (every user: rules, bookings, book a slot) and the equipment
(organisers: lend, take back, damage, overdue items)."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from workplaces.activities.pages import organiser_page, run, union_page
from workplaces.activities.services import can_organise
from workplaces.assets import selectors, services
from workplaces.assets.models import Equipment, Lending, Room
from workplaces.members.models import Member


@union_page
def rooms(request):
    if request.method == "POST" and can_organise(request.user):
        try:
            opens = dt.time.fromisoformat(request.POST.get("opens_at", ""))
            closes = dt.time.fromisoformat(request.POST.get("closes_at", ""))
        except ValueError:
            messages.error(request, _("Opening hours are times such as 12:00."))
        else:
            run(
                request,
                services.room_save,
                ok=_("Room saved."),
                name=request.POST.get("name", "")[:100],
                opens_at=opens,
                closes_at=closes,
                place=request.POST.get("place", "")[:200],
                rules=request.POST.get("rules", "")[:5000],
            )
        return redirect("assets:rooms")
    return render(
        request,
        "assets/rooms.html",
        {"rooms": Room.objects.filter(active=True), "can_organise": can_organise(request.user)},
    )


@union_page
def room_detail(request, pk: int):
    room = get_object_or_404(Room, pk=pk)
    member = Member.objects.filter(user_id=request.user.pk).first()
    if request.method == "POST":
        try:
            day = dt.date.fromisoformat(request.POST.get("day", ""))
            start = dt.time.fromisoformat(request.POST.get("start", ""))
            end = dt.time.fromisoformat(request.POST.get("end", ""))
        except ValueError:
            messages.error(request, _("Give the day and the times."))
            return redirect("assets:room", pk=pk)
        tz = timezone.get_current_timezone()
        if member is None and not can_organise(request.user):
            messages.error(request, _("No member record is linked to this login."))
        else:
            run(
                request,
                services.booking_create,
                ok=_("Room booked."),
                room=room,
                member=member,
                starts_at=dt.datetime.combine(day, start, tzinfo=tz),
                ends_at=dt.datetime.combine(day, end, tzinfo=tz),
                purpose=request.POST.get("purpose", "")[:200] or _("Activity"),
            )
        return redirect("assets:room", pk=pk)
    return render(
        request,
        "assets/room.html",
        {
            "room": room,
            "bookings": selectors.bookings_of(room_id=room.pk)[:200],
            "today": timezone.localdate(),
        },
    )


@organiser_page
def equipment(request):
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "add":
            run(
                request,
                services.equipment_add,
                ok=_("Item added."),
                code=request.POST.get("code", "")[:40],
                name=request.POST.get("name", "")[:100],
            )
        elif action == "lend" and request.POST.get("item", "").isdecimal():
            item = get_object_or_404(Equipment, pk=int(request.POST["item"]))
            member = Member.objects.filter(
                member_no=request.POST.get("member_no", "").strip()
            ).first()
            try:
                due = dt.date.fromisoformat(request.POST.get("due_on", ""))
            except ValueError:
                due = None
            if member is None or due is None:
                messages.error(request, _("Give the member number and the due date."))
            else:
                run(
                    request,
                    services.lending_create,
                    ok=_("Item lent."),
                    equipment=item,
                    member=member,
                    lent_on=timezone.localdate(),
                    due_on=due,
                )
        return redirect("assets:equipment")
    return render(
        request,
        "assets/equipment.html",
        {
            "items": Equipment.objects.all()[:500],
            "open": selectors.lendings_open(),
            "overdue": selectors.lendings_overdue(),
            "today": timezone.localdate(),
        },
    )


@require_POST
@organiser_page
def lending_return(request, pk: int):
    lending = get_object_or_404(Lending, pk=pk)
    run(
        request,
        services.lending_return,
        ok=_("Item returned."),
        lending=lending,
        returned_on=timezone.localdate(),
        damage=request.POST.get("damage", "")[:500],
    )
    return redirect("assets:equipment")
