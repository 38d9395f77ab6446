"""CpvCodesField: codes typed as text, checked against the cpv_code table."""
import pytest
from flask_wtf import FlaskForm
from werkzeug.datastructures import MultiDict
from wtforms.validators import DataRequired, Optional

from matchfair.reference.fields import CpvCodesField, split_codes


class ProfileForm(FlaskForm):
    cpv = CpvCodesField("Codes CPV", validators=[Optional()])


class RequiredForm(FlaskForm):
    cpv = CpvCodesField("Codes CPV", validators=[DataRequired(message="Indiquez au moins un code.")], max_codes=3)


class FilterForm(FlaskForm):
    class Meta:
        csrf = False

    cpv = CpvCodesField("Activité", single=True)


def submit(app, form_class, text, **kwargs):
    with app.test_request_context(method="POST", data={"cpv": text} if text is not None else {}):
        form = form_class(**kwargs)
        valid = form.validate()
        return valid, form.cpv


@pytest.mark.parametrize(
    "text, codes, malformed",
    [
        ("90911200-8, 90919200", ["90911200", "90919200"], []),
        ("90911200\n90919200;45000000", ["90911200", "90919200", "45000000"], []),
        (" 90911200  90911200-8 909112008 ", ["90911200"], []),
        (" 9091 1200 ", ["90911200"], []),
        ("9091 1200 90919200", ["90919200"], ["9091", "1200"]),
        ("abc 90911200 9091", ["90911200"], ["abc", "9091"]),
        ("", [], []),
        (None, [], []),
        (",;, ", [], []),
    ],
)
def test_split_codes(text, codes, malformed):
    assert split_codes(text) == (codes, malformed)


def test_valid_codes_keep_input_order_without_duplicates(app, sample_codes):
    valid, field = submit(app, ProfileForm, "90919200, 90911200-8\n45000000 90919200")
    assert valid, field.errors
    assert field.data == ["90919200", "90911200", "45000000"]
    assert field._value() == "90919200 90911200 45000000"


def test_unknown_codes_are_named(app, sample_codes):
    valid, field = submit(app, ProfileForm, "90911200 12345678")
    assert not valid
    assert field.errors == ["Code CPV inconnu : 12345678"]
    valid, field = submit(app, ProfileForm, "12345678 87654321")
    assert field.errors == ["Codes CPV inconnus : 12345678, 87654321"]


def test_malformed_codes_are_named_and_the_text_kept(app, sample_codes):
    valid, field = submit(app, ProfileForm, "90911200 abc")
    assert not valid
    assert field.errors == ["Code CPV mal formé : abc"]
    assert field._value() == "90911200 abc"
    valid, field = submit(app, ProfileForm, "abc 9091 12345678")
    assert field.errors == ["Codes CPV mal formés : abc, 9091", "Code CPV inconnu : 12345678"]


def test_before_the_import_only_divisions_exist(app):
    valid, field = submit(app, ProfileForm, "90000000-7 45000000")
    assert valid and field.data == ["90000000", "45000000"]
    valid, field = submit(app, ProfileForm, "90911200")
    assert field.errors == ["Code CPV inconnu : 90911200"]


def test_too_many_codes(app, sample_codes):
    valid, field = submit(app, RequiredForm, "90000000 90900000 90910000 90911000")
    assert not valid
    assert field.errors == ["Choisissez au plus 3 codes CPV (4 saisis)."]
    valid, field = submit(app, RequiredForm, "90000000 90900000 90910000 90910000-9")
    assert valid


def test_default_maximum_is_30(app, sample_codes):
    assert ProfileForm.cpv.kwargs.get("max_codes") is None
    with app.test_request_context():
        assert ProfileForm().cpv.max_codes == 30


def test_empty_is_fine_unless_required(app, sample_codes):
    valid, field = submit(app, ProfileForm, "")
    assert valid and field.data == []
    valid, field = submit(app, RequiredForm, "  ")
    assert not valid and field.errors == ["Indiquez au moins un code."]


def test_single_allows_one_code(app, sample_codes):
    valid, field = submit(app, FilterForm, "90911200-8")
    assert valid and field.data == ["90911200"]
    valid, field = submit(app, FilterForm, "90911200 90919200")
    assert field.errors == ["Choisissez un seul code CPV."]
    valid, field = submit(app, FilterForm, None)
    assert valid and field.data == []


def test_single_from_a_query_string(app, sample_codes):
    with app.test_request_context("/annuaire?cpv=9091+1200"):
        from flask import request

        form = FilterForm(formdata=request.args)
        assert form.validate()
        assert form.cpv.data == ["90911200"]


def test_object_data_is_rendered_back(app, sample_codes):
    class Obj:
        cpv = ["90911200", "90919200"]

    with app.test_request_context():
        form = ProfileForm(obj=Obj())
        assert form.cpv.data == ["90911200", "90919200"]
        assert form.cpv._value() == "90911200 90919200"
        assert 'value="90911200 90919200"' in form.cpv()
        form = ProfileForm(formdata=MultiDict(), data={"cpv": "45000000-7"})
        assert form.cpv.data == ["45000000"]
        assert ProfileForm(formdata=MultiDict()).cpv.data == []
