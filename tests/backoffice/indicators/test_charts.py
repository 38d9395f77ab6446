"""The SVG charts: accessible name, figures written on them, labels escaped."""
from matchfair.backoffice import charts


def test_bar_chart_is_an_accessible_image_with_its_figures():
    svg = str(charts.bar_chart("c1", "Titre <b>", "Description", [("A & B", 3, "3"), ("C", 0, "0")]))
    assert svg.startswith("<svg") and 'role="img"' in svg and 'aria-labelledby="c1-title c1-desc"' in svg
    assert '<title id="c1-title">Titre &lt;b&gt;</title>' in svg and '<desc id="c1-desc">Description</desc>' in svg
    assert ">A &amp; B</text>" in svg and ">3</text>" in svg and ">0</text>" in svg
    assert "style=" not in svg


def test_stacked_bar_has_a_legend_with_figures():
    svg = str(charts.stacked_bar("c2", "Parts", "Répartition", [("SIAE", 45, "45 €"), ("EA", 0, "0 €")]))
    assert 'role="img"' in svg and "SIAE : <tspan font-weight=\"bold\">45 €</tspan>" in svg
    assert svg.count("<rect") == 3  # one part (the empty one is not drawn) and two swatches


def test_a_long_label_wraps_instead_of_being_cut_at_the_edge():
    label = "Reserved for adapted companies (EA) and ESATs (L2113-12) (3)"
    svg = str(charts.bar_chart("c3", "Needs", "By reservation", [(label, 758000, "758,000 €"), ("Short", 1, "1")]))
    lines = [part.split(">", 1)[1] for part in svg.split("<tspan")[1:]]
    lines = [line.split("</tspan>")[0] for line in lines]
    assert " ".join(lines) == label  # nothing lost: the article and the count are still there
    assert len(lines) == 2 and all(len(line) <= charts.LABEL_CHARS for line in lines)
    assert ">Short</text>" in svg
    # the image is taller by one line, and the next bar starts below the wrapped label
    height = int(svg.split('viewBox="0 0 400 ')[1].split('"')[0])
    assert height == 2 * charts.ROW + charts.LINE + 4
