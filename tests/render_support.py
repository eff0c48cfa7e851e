"""Test helper: which event pages an incremental write renders again."""

from __future__ import annotations


def count_rendered_events(monkeypatch) -> list[str]:
    """Patch ``htmlreport.render_event`` to record each event id it renders; returns that list."""
    import compare.htmlreport as htmlreport

    rendered: list[str] = []
    real = htmlreport.render_event

    def counting(event, data, ix=None, **options):
        rendered.append(event["id"])
        return real(event, data, ix, **options)

    monkeypatch.setattr(htmlreport, "render_event", counting)
    return rendered
