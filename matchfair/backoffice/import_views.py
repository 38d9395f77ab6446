from flask import Blueprint

bp = Blueprint("org_imports", __name__)
