"""The intervention area is ticked in checkboxes (departments grouped by region), not ctrl-clicked in a list."""
import html
import re

from .test_profile_edit import _post, _valid_sse


def _page(response) -> str:
    return html.unescape(response.get_data(as_text=True))


def test_area_is_checkboxes_grouped_by_region(client, login, sse_admin, sse_org):
    login(sse_admin)
    page = _page(client.get(f"/organisation/{sse_org.id}/modifier"))
    assert 'name="area_departments"' in page and "<select multiple" not in page.split('id="section-area"')[1].split("</fieldset>\n")[0]
    assert len(re.findall(r'type="checkbox" name="area_departments"', page)) == 101
    assert len(re.findall(r'type="checkbox" name="area_regions"', page)) == 18
    occitanie = page.split("<summary>Occitanie")[1].split("</details>")[0]
    assert 'value="31"' in occitanie and 'value="75"' not in occitanie
    # Regions sort by name with accents folded: Île-de-France among the I's.
    regions = re.findall(r'id="area_regions-\d+" value="\d+"[^>]*> ([^<]+)</label>', page)
    assert regions.index("Île-de-France") < regions.index("La Réunion")


def test_ticked_departments_stay_ticked_and_their_region_opens(client, login, sse_admin, sse_org):
    login(sse_admin)
    response = _post(client, sse_org, _valid_sse(sse_org, area_departments=["31", "09"], area_regions=["76"],
                                                  headcount="-1"))
    page = _page(response)
    assert 'id="headcount-error"' in page
    assert re.search(r'id="area_departments-31" value="31" checked', page)
    assert re.search(r'id="area_departments-09" value="09" checked', page)
    assert re.search(r'id="area_regions-76" value="76" checked', page)
    assert not re.search(r'id="area_departments-81" value="81" checked', page)
    assert re.search(r'<details class="area-group" data-area-group open>\s*<summary>Occitanie', page)
    assert not re.search(r'<details class="area-group" data-area-group open>\s*<summary>Bretagne', page)
    assert "(2 cochés)" in page


def test_no_area_error_sits_on_the_departments_fieldset(client, login, sse_admin, sse_org):
    login(sse_admin)
    page = _page(_post(client, sse_org, _valid_sse(sse_org, area_departments=[], area_regions=[])))
    assert re.search(r'<fieldset id="area_departments" tabindex="-1" aria-invalid="true" '
                     r'aria-describedby="area_departments-help area_departments-error"', page)
    assert "Choisissez au moins un département ou une région" in page.split('id="area_departments-error"')[1]
