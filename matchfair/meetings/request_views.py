from flask import Blueprint

from . import notify

bp = Blueprint("meeting_requests", __name__)
bp.after_request(notify.after_request)
