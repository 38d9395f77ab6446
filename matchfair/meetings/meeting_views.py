from flask import Blueprint

from . import notify

bp = Blueprint("meetings", __name__)
bp.after_request(notify.after_request)
