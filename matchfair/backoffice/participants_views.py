from flask import Blueprint

bp = Blueprint("event_participants", __name__)
