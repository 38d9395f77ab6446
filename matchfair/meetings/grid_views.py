from flask import Blueprint

from . import notify

bp = Blueprint("meeting_grid", __name__)
bp.after_request(notify.after_request)
