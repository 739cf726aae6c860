"""Amounts in integer öre, written the Swedish way: 1 234,50 kr."""

from decimal import Decimal, InvalidOperation

NBSP = "\u00a0"


def format_sek(ore: int | None) -> str:
    """123450 -> '1 234,50 kr' (a space between thousands, a decimal comma; the spaces are
    no-break spaces, so that a price never breaks across lines on a narrow screen)."""
    if ore is None:
        return ""
    sign = "-" if ore < 0 else ""
    kronor, rest = divmod(abs(int(ore)), 100)
    grouped = f"{kronor:,}".replace(",", NBSP)
    return f"{sign}{grouped},{rest:02d}{NBSP}kr"


def parse_sek(text: str) -> int:
    """'1 234,50' or '1234.50' -> 123450 öre. Raises ValueError on anything else."""
    cleaned = (text or "").replace("kr", "").replace("\xa0", "").replace(" ", "")
    try:
        amount = Decimal(cleaned.replace(",", "."))
    except InvalidOperation as exc:
        raise ValueError(text) from exc
    if amount != amount.quantize(Decimal("0.01")):
        raise ValueError(text)
    return int(amount * 100)
