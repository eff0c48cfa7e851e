"""The HTML report (see compare.htmlreport): ``write_html(data, out_dir) -> [paths]``."""

from compare.htmlreport import write_html

__all__ = ["write_html"]
