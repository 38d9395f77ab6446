"""An event's rooms: list, add, edit, delete (organisers of the event only)."""
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import func, select

from ..extensions import db
from . import events_services as services
from .event_forms import ActionForm, RoomForm
from .event_views import _show_error, bp, managed_event
from .models import Event, ProgrammeSession, Room


def _room_or_404(event: Event, room_id: int) -> Room:
    room = db.session.get(Room, room_id)
    if room is None or room.event_id != event.id:
        abort(404)
    return room


@bp.route("/evenements/<int:event_id>/salles", methods=["GET", "POST"])
@managed_event
def rooms(event: Event):
    form = RoomForm()
    if form.validate_on_submit():
        try:
            room = services.create_room(current_user, event, form.room_data(services.next_room_position(event)))
        except services.EventError as error:
            db.session.rollback()
            _show_error(form, error)
        else:
            db.session.commit()
            flash(_("Salle « %(name)s » ajoutée.", name=room.name), "success")
            return redirect(url_for("events.rooms", event_id=event.id))
    usage = dict(db.session.execute(select(ProgrammeSession.room_id, func.count(ProgrammeSession.id))
                                    .where(ProgrammeSession.event_id == event.id)
                                    .group_by(ProgrammeSession.room_id)).all())
    return render_template("programme/events/rooms.html", event=event, form=form, usage=usage,
                           action_form=ActionForm(), adding=request.method == "POST")


@bp.route("/evenements/<int:event_id>/salles/<int:room_id>/modifier", methods=["GET", "POST"])
@managed_event
def edit_room(event: Event, room_id: int):
    room = _room_or_404(event, room_id)
    form = RoomForm() if request.method == "POST" else RoomForm(obj=room)
    if form.validate_on_submit():
        try:
            services.update_room(current_user, room, form.room_data(room.position))
        except services.EventError as error:
            db.session.rollback()
            _show_error(form, error)
        else:
            db.session.commit()
            flash(_("Salle « %(name)s » enregistrée.", name=room.name), "success")
            return redirect(url_for("events.rooms", event_id=event.id))
    return render_template("programme/events/room_form.html", event=event, room=room, form=form)


@bp.post("/evenements/<int:event_id>/salles/<int:room_id>/supprimer")
@managed_event
def delete_room(event: Event, room_id: int):
    room = _room_or_404(event, room_id)
    if ActionForm().validate_on_submit():
        name = room.name
        try:
            services.delete_room(current_user, room)
        except services.EventError as error:
            db.session.rollback()
            flash(str(error), "error")
        else:
            db.session.commit()
            flash(_("Salle « %(name)s » supprimée.", name=name), "success")
    return redirect(url_for("events.rooms", event_id=event.id))
