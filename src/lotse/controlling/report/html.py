"""Render the report page (Jinja2): one self-contained HTML file with inline SVG charts."""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from lotse.controlling.report.view import build_view
from lotse.controlling.service import ReportData

TEMPLATES = Path(__file__).parent / "templates"


def render_html(data: ReportData) -> str:
    """The report as one HTML page (styles and charts inline, no external files)."""
    env = Environment(
        loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html", "j2"])
    )
    css = (TEMPLATES / "report.css").read_text(encoding="utf-8")
    return env.get_template("report.html.j2").render(v=build_view(data), css=css)


def write_pdf(html: str, path: Path) -> None:
    """The same page as PDF (WeasyPrint, A4, page numbers)."""
    from weasyprint import HTML

    HTML(string=html, base_url=str(TEMPLATES)).write_pdf(str(path))
