"""Invitation letters as PDF: German, plus the fixed text in the client's language.

Rendering is split in two so that it can be tested without a database: :func:`render_html`
takes a :class:`LetterData`, :func:`render_pdf` turns the HTML into PDF bytes (WeasyPrint).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from sqlalchemy.orm import Session

from lotse.audit_trail import record
from lotse.contacts.letter_texts import RTL, TEXTS
from lotse.domain.codes import AuditAction, ContactChannel
from lotse.errors import NotFound
from lotse.models import Client, Contact, Officer, Site
from lotse.planning.calendar import BERLIN

__all__ = ["LetterData", "invitation_pdf", "letter_language", "render_html", "render_pdf"]


@dataclass(frozen=True, slots=True)
class LetterData:
    client_name: str
    client_ref: str
    language: str
    site: str
    officer: str
    starts_at: datetime
    duration_min: int
    channel: ContactChannel
    today: date
    jobcenter: str = "Jobcenter"


def letter_language(languages: list[str] | None) -> str:
    """The language of the translation: the client's preferred one, if Lotse has its text.

    >>> letter_language(["ti", "en"]), letter_language(["de"]), letter_language(["xx", "ar"])
    ('ti', 'de', 'de')
    """
    first = (languages or ["de"])[0]
    return first if first in TEXTS else "de"


@lru_cache(maxsize=1)
def _env() -> Environment:
    return Environment(
        loader=PackageLoader("lotse.contacts", "templates"),
        autoescape=select_autoescape(["html", "j2"]),
        undefined=StrictUndefined,
    )


def _when(at: datetime, lang: str) -> str:
    """Date in the language's own long form (CLDR via Babel), time as HH:MM."""
    from babel.core import UnknownLocaleError
    from babel.dates import format_date

    local = at.astimezone(BERLIN)
    try:
        day = str(format_date(local.date(), "full", locale=lang))
    except (UnknownLocaleError, ValueError):
        day = local.strftime("%d.%m.%Y")
    return f"{day}, {local:%H:%M}"


def render_html(data: LetterData) -> str:
    """The letter as HTML (German, then the translation when the language is not German)."""
    lang = data.language if data.language in TEXTS else "de"
    tr = TEXTS[lang] if lang != "de" else None
    de_when = _when(data.starts_at, "de") + " Uhr"
    return (
        _env()
        .get_template("invitation.html.j2")
        .render(
            de=TEXTS["de"],
            tr=tr,
            lang=lang,
            rtl=lang in RTL,
            client_name=data.client_name,
            client_ref=data.client_ref,
            site=data.site,
            officer=data.officer,
            jobcenter=data.jobcenter,
            channel=data.channel.value,
            place=f"{data.jobcenter}, Standort {data.site}",
            duration=data.duration_min,
            today=data.today.strftime("%d.%m.%Y"),
            when={"de": de_when, "tr": _when(data.starts_at, lang) if tr else ""},
        )
    )


def render_pdf(html: str) -> bytes:
    from weasyprint import HTML

    return bytes(HTML(string=html).write_pdf())


def invitation_pdf(
    session: Session, contact_id: int, *, actor: str, today: date, log: bool = True
) -> bytes:
    """The invitation letter for a planned contact, as PDF (the export is audit-logged unless
    ``log`` is false: the caller logged it already, like the web's access gate, so that one
    export makes one entry)."""
    contact = session.get(Contact, contact_id)
    if contact is None:
        raise NotFound(f"contact {contact_id} not found")
    client = session.get(Client, contact.client_id)
    assert client is not None
    officer = session.get(Officer, contact.officer_id) if contact.officer_id else None
    site = session.get(Site, client.site_id)
    data = LetterData(
        client_name=client.name or client.ref,
        client_ref=client.ref,
        language=letter_language(client.languages),
        site=site.name if site else "",
        officer=officer.name if officer else "Ihr Jobcenter",
        starts_at=contact.scheduled_at,
        duration_min=contact.duration_min,
        channel=contact.channel,
        today=today,
    )
    if not log:
        return render_pdf(render_html(data))
    record(
        session,
        actor=actor,
        action=AuditAction.EXPORT,
        entity="contact_letter",
        entity_id=contact.id,
        client_id=client.id,
        detail={"language": data.language},
    )
    return render_pdf(render_html(data))
