"""The cpv_field macro: the field through macros.field, chips with labels, the combobox markup."""
import re

from flask import render_template_string
from flask_babel import refresh
from flask_wtf import FlaskForm
from wtforms.validators import Optional

from matchfair.reference.fields import CpvCodesField
from matchfair.reference.services import labels_for

TEMPLATE = '{% from "reference/cpv_macros.html" import cpv_field %}{{ cpv_field(form.cpv, help=help) }}'


class ProfileForm(FlaskForm):
    cpv = CpvCodesField("Codes CPV", validators=[Optional()])


class FilterForm(FlaskForm):
    class Meta:
        csrf = False

    cpv = CpvCodesField("Activité", single=True)


def render(app, form_class=ProfileForm, data=None, help=None, lang=None):
    path = "/?lang=en" if lang else "/"
    with app.test_request_context(path, method="POST" if data is not None else "GET", data=data or {}):
        refresh()
        if lang:
            from flask import session

            session["lang"] = lang
        form = form_class()
        if data is not None:
            form.validate()
        return render_template_string(TEMPLATE, form=form, help=help)


def test_labels_for(app, sample_codes):
    assert labels_for(["90911200", "45000000", "12345678"], "fr") == {
        "90911200": "Services de nettoyage de bâtiments", "45000000": "Travaux de construction",
    }
    assert labels_for(["90911200"], "en") == {"90911200": "Building-cleaning services"}
    assert labels_for([], "fr") == {}


def test_chips_with_labels_and_the_text_input(app, sample_codes):
    html = render(app, data={"cpv": "90911200 45000000"})
    assert 'name="cpv"' in html and 'value="90911200 45000000"' in html
    assert '<label for="cpv">Codes CPV</label>' in html
    assert re.search(r'data-code8="90911200"><span class="cpv-chip-code">90911200</span> <span class="cpv-chip-label">Services de nettoyage de bâtiments', html)
    assert "Travaux de construction" in html
    assert 'data-search-url="/referentiel/cpv"' in html
    assert 'data-single="false"' in html and 'data-max="30"' in html


def test_english_labels(app, sample_codes):
    html = render(app, data={"cpv": "90911200"}, lang="en")
    assert "Building-cleaning services" in html


def test_combobox_markup(app, sample_codes):
    html = render(app)
    assert 'role="combobox"' in html
    assert 'aria-expanded="false"' in html
    assert 'aria-controls="cpv-cpv-results"' in html
    assert 'id="cpv-cpv-results" class="cpv-picker-results" data-cpv-results role="listbox"' in html
    assert 'aria-live="polite"' in html
    # Hidden until the script runs: without JavaScript the text input alone is the field.
    assert "data-cpv-search hidden" in html
    # The chips list is empty and hidden.
    assert re.search(r'data-cpv-chips aria-label="[^"]+" hidden>', html)
    assert "<script" not in html and "style=" not in html


def test_help_and_errors_are_described(app, sample_codes):
    html = render(app, data={"cpv": "abc 12345678"}, help="Aide")
    assert 'aria-describedby="cpv-help cpv-error"' in html
    assert 'aria-invalid="true"' in html
    assert "Code CPV mal formé : abc" in html and "Code CPV inconnu : 12345678" in html
    assert 'value="abc 12345678"' in html
    assert "code inconnu" in html  # the chip of a code that does not exist


def test_default_help_and_single(app, sample_codes):
    html = render(app, FilterForm)
    assert 'data-single="true"' in html and 'data-max="1"' in html
    assert "Un code CPV à 8 chiffres" in html
