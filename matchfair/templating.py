"""Jinja globals shared by every page: navigation by role, the current organisation."""
from flask import Flask, current_app, request, url_for
from flask_babel import format_date, format_decimal, gettext
from flask_login import current_user


def init_app(app: Flask) -> None:
    @app.context_processor
    def _globals():
        from .organisations.current import current_organisation

        org = current_organisation() if current_user and current_user.is_authenticated else None
        event_name = current_app.config["EVENT_NAME"]
        return {
            "site_name": current_app.config["SITE_NAME"],
            # The default name is in the catalogue; gettext("") would return the catalogue's header.
            "event_name": gettext(event_name) if event_name else event_name,
            "current_org": org,
        }

    @app.template_global()
    def url_for_page(page: int) -> str:
        """The current URL with another ?page=, keeping the other query arguments."""
        args = request.args.to_dict(flat=False)
        args["page"] = [str(page)]
        return url_for(request.endpoint, **(request.view_args or {}), **args)

    @app.template_filter("euros")
    def _euros(amount) -> str:
        if amount is None:
            return ""
        return format_decimal(amount, format="#,##0") + "\u00a0€"

    @app.template_filter("whole")
    def _whole(number) -> str:
        """A number in the page's language, thousands grouped ("1 200"; "2.5" stays "2,5" in French)."""
        return "" if number is None else format_decimal(number, format="#,##0.##")

    @app.template_filter("month_label")
    def _month_label(day) -> str:
        """A month in the page's language: "mars 2027", "March 2027"."""
        return "" if day is None else format_date(day, format="LLLL yyyy")

    @app.template_filter("seconds")
    def _seconds(milliseconds) -> str:
        """A duration in milliseconds as seconds in the page's language: "8,3 s", "0,04 s"."""
        return format_decimal((milliseconds or 0) / 1000, format="#,##0.0#") + "\u00a0s"
