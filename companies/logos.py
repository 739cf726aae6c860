"""Company logos: what an upload must be, and the one clean image we keep of it.

A logo is public (it is shown with the company's ads) and holds no personal data, but it
arrives as untrusted bytes. So it is judged from its bytes, never its name: at most
LOGO_MAX_BYTES, a PNG, JPEG, GIF or WebP that Pillow can decode, at most LOGO_MAX_PIXELS
pixels as declared in its header (a "decompression bomb", a small file that declares a huge
image, is refused before it is decoded). What is kept is not the upload: the pixels are
turned upright by their EXIF orientation, copied into a new image without any metadata
(EXIF with GPS and camera serials, XMP, ICC, comments), scaled to fit LOGO_SIZE and
written as WebP. The stored name carries a digest of those bytes, so a logo's URL changes
with its content and can be cached for a year.
"""

import hashlib
import io
import warnings
from dataclasses import dataclass

from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

LOGO_MAX_BYTES = 2 * 1024 * 1024
LOGO_MAX_PIXELS = 25_000_000  # 5000 by 5000: far more than any logo needs
LOGO_SIZE = (400, 400)
ACCEPTED_FORMATS = {"PNG", "JPEG", "GIF", "WEBP"}
CONTENT_TYPE = "image/webp"
EXTENSION = "webp"


class LogoRefused(ValueError):
    """The upload is not a logo we keep; the message says why, in the user's language."""


@dataclass(frozen=True)
class CleanLogo:
    data: bytes
    digest: str
    width: int
    height: int


def _open(data: bytes) -> Image.Image:
    """Open and check the header only (nothing is decoded yet)."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data), formats=sorted(ACCEPTED_FORMATS))
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
            raise LogoRefused(_too_large_image()) from error
        except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as error:
            raise LogoRefused(_not_an_image()) from error
    width, height = image.size
    if width < 1 or height < 1 or width * height > LOGO_MAX_PIXELS:
        raise LogoRefused(_too_large_image())
    return image


def _not_an_image() -> str:
    return _("The file is not an image we can use. Upload a PNG, JPEG, GIF or WebP image.")


def _too_large_image() -> str:
    return _(
        "The image is too large: at most %(pixels)s million pixels. Make it smaller and "
        "upload it again."
    ) % {"pixels": LOGO_MAX_PIXELS // 1_000_000}


def clean_logo(data: bytes) -> CleanLogo:
    """The logo to keep made from uploaded bytes, or LogoRefused with the reason."""
    if len(data) > LOGO_MAX_BYTES:
        raise LogoRefused(
            _("The file is too large: a logo may be at most %(size)s MB.")
            % {"size": LOGO_MAX_BYTES // (1024 * 1024)}
        )
    image = _open(data)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image.seek(0)  # an animated GIF or WebP: its first frame
            image.load()
            upright = ImageOps.exif_transpose(image)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise LogoRefused(_too_large_image()) from error
    except (OSError, ValueError, SyntaxError, EOFError) as error:
        raise LogoRefused(_not_an_image()) from error
    has_alpha = upright.mode in ("RGBA", "LA", "PA") or "transparency" in upright.info
    pixels = upright.convert("RGBA" if has_alpha else "RGB")
    # A new image from the pixels alone: no EXIF, XMP, ICC profile or comment survives.
    clean = Image.new(pixels.mode, pixels.size)
    clean.paste(pixels)
    clean.thumbnail(LOGO_SIZE, Image.Resampling.LANCZOS)
    out = io.BytesIO()
    clean.save(out, format="WEBP", quality=85, method=4)
    result = out.getvalue()
    return CleanLogo(
        data=result,
        digest=hashlib.sha256(result).hexdigest()[:16],
        width=clean.width,
        height=clean.height,
    )
