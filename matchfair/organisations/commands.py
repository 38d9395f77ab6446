from flask.cli import AppGroup

organiser_cli = AppGroup("organiser", help="Organiser organisations.")
