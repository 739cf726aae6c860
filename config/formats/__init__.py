"""The site's own input formats for dates (settings.FORMAT_MODULE_PATH), over Django's:
year first only. Django's formats for Swedish and English read 01/02/2027 month first, the
2nd of January, where a Swede means the 1st of February; a form (the admin's too) now
refuses it. Output formats stay Django's. The site's forms use config.fields.DayField,
which also says the format to use."""

DATE_INPUT_FORMATS = ["%Y-%m-%d", "%Y/%m/%d"]
DATETIME_INPUT_FORMATS = [
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M:%S.%f",
    "%Y-%m-%d %H:%M",
    "%Y/%m/%d %H:%M:%S",
    "%Y/%m/%d %H:%M",
]
