from ..extensions import db
from .models import User


def load_user_from_session_id(session_id: str) -> User | None:
    """Flask-Login's user loader: "id:session_version"; a stale version logs the person out."""
    user_id, _, version = session_id.partition(":")
    if not user_id.isdigit() or not version.isdigit():
        return None
    user = db.session.get(User, int(user_id))
    if user is None or user.session_version != int(version):
        return None
    return user
