"""Ad descriptions in a small Markdown subset: paragraphs, line breaks, bullet and numbered
lists, bold and italics. Nothing else: no links, images, headings or raw HTML.

Two locks, not one. markdown-it renders only the rules enabled below and escapes any HTML
typed into the text; then an allow-list sanitiser keeps only the tags the subset can make,
with no attributes at all (no href, no style, no on* handlers), and escapes everything
else. A bug or a new option in the renderer therefore cannot let markup through.
"""

from html import escape, unescape
from html.parser import HTMLParser

from django.utils.html import strip_tags
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

ALLOWED_TAGS = frozenset({"p", "br", "ul", "ol", "li", "strong", "em"})
VOID_TAGS = frozenset({"br"})

_renderer = MarkdownIt("zero", {"html": False, "breaks": True}).enable(
    ["list", "emphasis", "newline"]
)


class _AllowList(HTMLParser):
    """Re-writes HTML keeping only ALLOWED_TAGS, without attributes; text is escaped and
    the content of a refused tag stays as plain text (a <script> body as well, escaped)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ALLOWED_TAGS:
            self.out.append(f"<{tag}>")
            if tag not in VOID_TAGS:
                self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID_TAGS:
            self.out.append(f"<{tag}>")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.open:
            while self.open:  # close what was left open inside it, then it
                closing = self.open.pop()
                self.out.append(f"</{closing}>")
                if closing == tag:
                    break

    def handle_data(self, data: str) -> None:
        self.out.append(escape(data))  # quotes too: the text also goes into attributes

    def result(self) -> str:
        self.close()
        return "".join(self.out) + "".join(f"</{tag}>" for tag in reversed(self.open))


def sanitise(html: str) -> str:
    """Only the allowed tags, with no attributes; everything else as escaped text."""
    parser = _AllowList()
    parser.feed(html)
    return parser.result()


def render_description(text: str) -> SafeString:
    """The ad's description as safe HTML in the subset above."""
    return mark_safe(sanitise(_renderer.render(text or "")))  # noqa: S308 (sanitised above)


def plain_description(text: str) -> str:
    """The description as plain text, its Markdown read (no "**" or list dashes left): for
    feeds and previews, which show text, not markup. Block ends become line ends."""
    html = str(render_description(text))
    for tag in ("</p>", "<br>", "</li>"):
        html = html.replace(tag, tag + "\n")
    return " ".join(unescape(strip_tags(html)).split())
