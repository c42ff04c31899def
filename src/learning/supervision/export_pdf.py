"""A supervisee's supervision file as a PDF: a title page (the person, their team and
supervisors, the agreement's terms and frequency), then each session in turn (what happened,
functions, reflections by stage, the personal section when it may be read, case discussions
in the practice framework's structure with their scale ratings, decision and rationale,
actions), its sign-off and its earlier versions.

Pure: drawn from :class:`learning.supervision.exports.SupervisionFile`, no database or web.

Text is drawn in DejaVu Sans when it is installed, otherwise in the core font Helvetica
(see :mod:`learning.core.pdf`): no text can make the export fail.
"""

from __future__ import annotations

from fpdf.enums import XPos, YPos

from learning.core.clock import format_date, format_datetime
from learning.core.pdf import Fonts, Page, choose_font
from learning.supervision.exports import (
    AgreementTerms,
    CaseEntry,
    SessionEntry,
    SupervisionFile,
)

MARKING = "OFFICIAL-SENSITIVE: personal supervision record"
LINE = 5.0


class _Document(Page):
    def __init__(self, fonts: Fonts, footer: str) -> None:
        super().__init__(fonts)
        self.footer_text = footer
        self.widths: dict[tuple[str, str, float, str], float] = {}
        self.set_margins(18, 18, 18)
        self.set_auto_page_break(True, margin=20)

    def style(self, size: float = 10.5, bold: bool = False) -> None:
        super().style(size, bold)

    def header(self) -> None:
        self.style(8)
        self.set_text_color(90, 90, 90)
        self.cell(0, 6, self.clean(MARKING), align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_text_color(0, 0, 0)

    def footer(self) -> None:
        self.set_y(-14)
        self.style(8)
        self.set_text_color(90, 90, 90)
        text = f"{self.footer_text}. Page {self.page_no()} of {{nb}}"
        self.cell(0, 6, self.clean(text), align="C")
        self.set_text_color(0, 0, 0)

    def heading(self, text: str, size: float = 13) -> None:
        if self.will_page_break(size + 3 * LINE):
            self.add_page()
        self.ln(2)
        self.style(size, bold=True)
        self.lines(text, size * 0.5)
        self.ln(1)

    def paragraph(self, text: str, bold: bool = False, size: float = 10.5) -> None:
        self.style(size, bold)
        self.lines(text.strip(), LINE)

    def field(self, label: str, value: str) -> None:
        """``label``: ``value``, the label in bold, the value wrapping beneath it."""
        self.style(bold=True)
        label = self.clean(f"{label}: ")
        indent = self.get_string_width(label)
        self.cell(indent, LINE, label)
        self.style()
        self.lines(value.strip() or "None recorded", LINE, first=self.epw - indent)

    def lines(self, text: str, height: float, first: float | None = None) -> None:
        """``text`` wrapped at word boundaries, one cell per line, left-aligned.

        fpdf2's own line breaking (multi_cell, write) measures each line again for every
        character added, which takes seconds for a year of weekly records; words are
        measured once here instead."""
        width = first if first is not None else self.epw
        for line in self._wrap(self.clean(text), width):
            self.cell(width, height, line, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            width = self.epw

    def _wrap(self, text: str, first: float) -> list[str]:
        space, lines, width = self._measure(" "), [], first
        for paragraph in text.splitlines() or [""]:
            line, used = "", 0.0
            for word in paragraph.split(" "):
                size = self._measure(word)
                if line and used + space + size <= width:
                    line, used = f"{line} {word}", used + space + size
                    continue
                if line:
                    lines.append(line)
                    width = self.epw
                while size > width and len(word) > 1:
                    cut = self._fit(word, width)
                    lines.append(word[:cut])
                    word, width = word[cut:], self.epw
                    size = self._measure(word)
                line, used = word, size
            lines.append(line)
            width = self.epw
        return lines

    def _measure(self, word: str) -> float:
        key = (self.font_family, self.font_style, self.font_size_pt, word)
        if key not in self.widths:
            self.widths[key] = self.get_string_width(word)
        return self.widths[key]

    def _fit(self, word: str, width: float) -> int:
        """How many of ``word``'s first characters fit in ``width`` (at least one)."""
        cut = 1
        while cut < len(word) and self._measure(word[: cut + 1]) <= width:
            cut += 1
        return cut

    def block(self, label: str, text: str) -> None:
        """A labelled passage of typed text: the label, then the text as it was written."""
        if self.will_page_break(3 * LINE):
            self.add_page()
        self.paragraph(label, bold=True)
        self.paragraph(text or "None recorded")
        self.ln(1.5)

    def rule(self) -> None:
        self.ln(2)
        y = self.get_y()
        self.set_draw_color(160, 160, 160)
        self.line(self.l_margin, y, self.w - self.r_margin, y)
        self.ln(3)


def render(file: SupervisionFile, fonts: Fonts | bool = True, compress: bool = True) -> bytes:
    """The file as PDF bytes. ``fonts``: True finds DejaVu; None or False uses core fonts."""
    pdf = _Document(choose_font(fonts), f"Supervision file, person {file.person_id}, "
                            f"prepared {format_date(file.prepared_on)}")
    pdf.set_compression(compress)
    pdf.set_title(f"Supervision file: {file.person}")
    pdf.set_creator("learning")
    _title_page(pdf, file)
    for entry in file.sessions:
        _session(pdf, entry)
    return bytes(pdf.output())


def _title_page(pdf: _Document, file: SupervisionFile) -> None:
    pdf.add_page()
    pdf.heading("Supervision file", size=22)
    pdf.paragraph(file.person, bold=True, size=15)
    pdf.ln(2)
    pdf.field("Role", file.job_title)
    pdf.field("Career stage", file.career_stage)
    pdf.field("Team", file.team)
    pdf.field("Supervisor" if len(file.supervisors) == 1 else "Supervisors",
              ", ".join(file.supervisors) or "None at present")
    pdf.field("Prepared", f"{format_date(file.prepared_on)} by {file.prepared_by}")
    held = sum(1 for s in file.sessions if s.held_on)
    pdf.field("Sessions in this file", f"{len(file.sessions)} recorded, {held} held")
    if file.personal_note:
        pdf.ln(1)
        pdf.paragraph(file.personal_note)
    _agreement(pdf, file.agreement)


def _agreement(pdf: _Document, terms: AgreementTerms | None) -> None:
    pdf.heading("Supervision agreement")
    if terms is None:
        pdf.paragraph("No supervision agreement is recorded.")
        return
    pdf.field("Supervisor", terms.supervisor)
    pdf.field("From", format_date(terms.starts_on))
    pdf.field("How often", terms.frequency)
    pdf.field("Usual length", f"{terms.usual_duration_minutes} minutes")
    pdf.field("Where", terms.venue)
    pdf.field("Agreed", terms.agreed)
    pdf.ln(1)
    pdf.block("Confidentiality", terms.confidentiality_terms)
    pdf.block("Recording", terms.recording_terms)


def _session(pdf: _Document, entry: SessionEntry) -> None:
    pdf.add_page()
    pdf.heading(f"Supervision on {format_date(entry.day)}", size=16)
    outcome = entry.status + (f": {entry.status_reason}" if entry.status_reason else "")
    pdf.field("What happened", outcome)
    if entry.held_on and entry.held_on != entry.planned_for:
        pdf.field("Planned for", format_date(entry.planned_for))
    pdf.field("Type", entry.session_type)
    if entry.duration_minutes:
        pdf.field("Length", f"{entry.duration_minutes} minutes")
    pdf.field("Supervisor", entry.supervisor)
    if entry.attendees:
        pdf.field("Also attended", ", ".join(entry.attendees))
    if entry.held_on:
        pdf.field("Functions covered", ", ".join(entry.functions))
        _reflections(pdf, entry)
        _personal(pdf, entry)
        for case in entry.cases:
            _case(pdf, case)
        _actions(pdf, entry)
    _sign_off(pdf, entry)


def _reflections(pdf: _Document, entry: SessionEntry) -> None:
    pdf.heading(f"Reflection ({entry.reflective_model})", size=12)
    if not entry.reflections:
        pdf.paragraph("No reflections recorded.")
    for label, text in entry.reflections:
        pdf.block(label, text)


def _personal(pdf: _Document, entry: SessionEntry) -> None:
    pdf.heading("Personal section", size=12)
    personal = entry.personal
    if personal is None:
        pdf.paragraph("Not included: the personal section is private to the supervisee and "
                      "the supervisor of this session.")
        return
    texts = (personal.support_needs, personal.learning_and_cpd, personal.career_goals)
    if personal.wellbeing is None and not any(t.strip() for t in texts):
        pdf.paragraph("Nothing recorded in the personal section.")
        return
    wellbeing = "Not asked" if personal.wellbeing is None else f"{personal.wellbeing} out of 10"
    pdf.field("Wellbeing", wellbeing)
    pdf.block("Support needs", personal.support_needs)
    pdf.block("Learning and CPD", personal.learning_and_cpd)
    pdf.block("Career goals", personal.career_goals)


def _case(pdf: _Document, case: CaseEntry) -> None:
    pdf.heading(f"Case discussion: {case.case_reference}", size=12)
    for heading, fields in case.columns:
        pdf.paragraph(heading, bold=True, size=11)
        pdf.ln(0.5)
        for label, text in fields:
            pdf.field(label, text)
        pdf.ln(1.5)
    pdf.block("What has the child told us?", case.child_voice)
    ratings = "; ".join(f"{r.rater} {r.score}" for r in case.ratings)
    pdf.field(f"{case.scale_label} (0 to 10)", ratings or "No ratings")
    pdf.ln(1)
    pdf.block("Decision", case.decision)
    pdf.block("Rationale", case.rationale)
    if case.learning_point:
        pdf.block("Learning point", case.learning_point)


def _actions(pdf: _Document, entry: SessionEntry) -> None:
    pdf.heading("Actions", size=12)
    if not entry.actions:
        pdf.paragraph("No actions.")
    for action in entry.actions:
        status = action.status
        if action.completed_on:
            status += f" on {format_date(action.completed_on)}"
        if action.overdue:
            status += " (overdue)"
        case = f", case {action.case_reference}" if action.case_reference else ""
        pdf.paragraph(f"- {action.description}")
        pdf.paragraph(f"  Owner: {action.owner}. Due {format_date(action.due_on)}. "
                      f"{status}{case}.", size=9.5)
        pdf.ln(1)


def _sign_off(pdf: _Document, entry: SessionEntry) -> None:
    pdf.heading("Sign-off", size=12)
    if entry.signed_off_at is None:
        pdf.paragraph("Not signed off." if not entry.held_on else "Waiting for sign-off.")
    else:
        agreed = "agreed this is an accurate record" if entry.supervisee_agreed else (
            "did not agree this is an accurate record")
        pdf.paragraph(f"Signed off on {format_datetime(entry.signed_off_at)}: the supervisee "
                      f"{agreed}.")
    if entry.supervisee_comment:
        pdf.block("The supervisee's comment", entry.supervisee_comment)
    pdf.field("Version", str(entry.version))
    for version in entry.versions:
        signed = (f"signed off {format_datetime(version.signed_off_at)}, "
                  if version.signed_off_at else "")
        pdf.paragraph(f"Version {version.version}: {signed}amended "
                      f"{format_datetime(version.amended_at)} by {version.amended_by}. "
                      f"Reason: {version.reason}", size=9.5)
    pdf.rule()
