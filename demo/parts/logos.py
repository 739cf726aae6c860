"""Logos for a few demo companies, drawn with Pillow at seed time (no image is committed):
the company's initials on a coloured tile, stored through the same cleaning and service as
an uploaded logo."""

import io

from PIL import Image, ImageDraw, ImageFont

from companies.logos import clean_logo
from companies.services import logos

# Company name -> (tile colour, letter colour). The others stay without a logo, as many do.
COLOURS = {
    "Nordkod AB": ("#0b5d4b", "#ffffff"),
    "Västkustens Bygg AB": ("#f2b705", "#1b2421"),
    "Skånska Vårdgruppen AB": ("#1f5fa8", "#ffffff"),
    "Norrlandsfrakt AB": ("#a61b1b", "#ffffff"),
    "Smålandsbageriet AB": ("#7a4a21", "#fff4e0"),
    "Göta Mjukvara AB": ("#3d2c8d", "#ffffff"),
}
SIZE = 256


def initials(name: str) -> str:
    words = [w for w in name.replace("&", " ").split() if w not in {"AB", "i"}]
    return "".join(w[0] for w in words[:2]).upper()


def draw_logo(name: str, background: str, foreground: str) -> bytes:
    image = Image.new("RGBA", (SIZE, SIZE), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((8, 8, SIZE - 8, SIZE - 8), radius=48, fill=background)
    font = ImageFont.load_default(size=110)
    draw.text((SIZE / 2, SIZE / 2), initials(name), fill=foreground, font=font, anchor="mm")
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def seed(ctx):
    made = 0
    for company in ctx.made.get("companies", []):
        colours = COLOURS.get(company.name)
        if colours is None or company.logo:
            continue
        logos.set_logo(company=company, logo=clean_logo(draw_logo(company.name, *colours)), by=None)
        made += 1
    ctx.out.write(f"  logos: {made} drawn")
