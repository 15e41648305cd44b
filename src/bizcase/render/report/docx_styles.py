"""The Word report's styles, found by name in a council's template: Word's own style names
(Heading 1, Caption, Table Grid, ...), so a template restyles the report by restyling
them, and the report drops into the template's contents list. A style the template lacks
is copied in from Word's built-in definition (python-docx's default document) and named in
a notice."""

from __future__ import annotations

import copy
from collections.abc import Collection
from typing import TYPE_CHECKING

from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn

from bizcase.records import frozen

if TYPE_CHECKING:
    from docx.document import Document
    from docx.oxml.xmlchemy import BaseOxmlElement

ROLES: dict[str, tuple[str, WD_STYLE_TYPE]] = {
    "title": ("Title", WD_STYLE_TYPE.PARAGRAPH),
    "subtitle": ("Subtitle", WD_STYLE_TYPE.PARAGRAPH),
    "section": ("Heading 1", WD_STYLE_TYPE.PARAGRAPH),
    "heading": ("Heading 2", WD_STYLE_TYPE.PARAGRAPH),
    "body": ("Normal", WD_STYLE_TYPE.PARAGRAPH),
    "note": ("Quote", WD_STYLE_TYPE.PARAGRAPH),
    "notice": ("Intense Quote", WD_STYLE_TYPE.PARAGRAPH),
    "bullet": ("List Bullet", WD_STYLE_TYPE.PARAGRAPH),
    "caption": ("Caption", WD_STYLE_TYPE.PARAGRAPH),
    "table": ("Table Grid", WD_STYLE_TYPE.TABLE),
}
"""What each part of the report is set in: a Word style name and its type."""


@frozen
class Styles:
    names: dict[str, str]
    """The style name in the document for each role (a template's own spelling)."""
    numbered_bullets: bool
    """Whether the bullet style draws its own bullets (Word numbering); if not, the
    renderer writes a bullet character."""
    missing: tuple[str, ...]
    """Style names the template did not have, copied in from Word's built-in ones."""


def resolve_styles(document: Document, roles: Collection[str]) -> Styles:
    """The style of each of `roles` in `document`, copying in Word's built-in one where it
    has none; a role the report does not use is neither looked for nor reported."""
    names: dict[str, str] = {}
    missing: list[str] = []
    builtin: Document | None = None
    for role, (name, kind) in ROLES.items():
        if role not in roles:
            continue
        found = find_style(document, name, kind)
        if found is None:
            if builtin is None:
                from docx import Document as new_document

                builtin = new_document()
            source = find_style(builtin, name, kind)
            assert source is not None, f"python-docx's default document has a {name} style"
            found = _copy_style(source, document, builtin)
            missing.append(name)
        names[role] = found.get(qn("w:styleId"), "")
    by_id = {element.get(qn("w:styleId")): element for element in _style_elements(document)}
    bullets = by_id.get(names.get("bullet"))
    numbered = bullets is not None and bullets.find(f"{qn('w:pPr')}/{qn('w:numPr')}") is not None
    readable = {role: _ui_name(by_id[style_id]) for role, style_id in names.items()}
    return Styles(readable, numbered, tuple(missing))


def find_style(document: Document, name: str, kind: WD_STYLE_TYPE) -> BaseOxmlElement | None:
    """The style called `name` (any case), or with `name` among its aliases: Word keeps a
    renamed built-in style as `heading 1,Council Heading`."""
    wanted = name.lower()
    for style in document.styles:
        if style.type != kind:
            continue
        names = [part.strip().lower() for part in (style.name or "").split(",")]
        if wanted in names:
            element: BaseOxmlElement = style.element
            return element
    return None


def missing_notice(styles: Styles) -> str | None:
    if not styles.missing:
        return None
    listed = ", ".join(sorted(styles.missing))
    plural = "s" if len(styles.missing) != 1 else ""
    return (
        f"the template has no style{plural} {listed}: Word's built-in one{plural} used instead "
        "(add them to the template to set how they look)"
    )


def _style_elements(document: Document) -> list[BaseOxmlElement]:
    return list(document.styles.element.iterchildren(qn("w:style")))


def _ui_name(element: BaseOxmlElement) -> str:
    from docx.styles import BabelFish

    name = element.find(qn("w:name"))
    raw = "" if name is None else name.get(qn("w:val"), "")
    return BabelFish.internal2ui(raw)


def _copy_style(source: BaseOxmlElement, document: Document, builtin: Document) -> BaseOxmlElement:
    """`source` copied into `document`'s styles, with the styles it is based on or linked to
    where `document` lacks them; a reference that cannot be met is dropped."""
    ids = {element.get(qn("w:styleId")) for element in _style_elements(document)}
    builtin_by_id = {element.get(qn("w:styleId")): element for element in _style_elements(builtin)}
    style = copy.deepcopy(source)
    if style.get(qn("w:styleId")) in ids:
        # the template uses the id for a style of its own under another name
        style.set(qn("w:styleId"), f"bizcase{style.get(qn('w:styleId'))}")
    document.styles.element.append(style)
    ids.add(style.get(qn("w:styleId")))
    for tag in ("w:basedOn", "w:link", "w:next"):
        reference = style.find(qn(tag))
        if reference is None:
            continue
        target = reference.get(qn("w:val"))
        if target in ids:
            continue
        if tag == "w:basedOn" and target in builtin_by_id:
            _copy_style(builtin_by_id[target], document, builtin)
        else:
            style.remove(reference)
    numbering = style.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
    if numbering is not None:
        # its list definition is in the default document's numbering, not the template's
        numbering.getparent().remove(numbering)
    return style
