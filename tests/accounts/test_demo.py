import io
import random

import pytest

from accounts.models import Document, SeekerProfile
from demo.context import SEEKER_EMAIL, DemoContext
from demo.parts import accounts as demo

pytestmark = pytest.mark.django_db


def test_the_demo_seeker_gets_a_profile_and_a_real_pdf_cv_once(taxonomy):
    ctx = DemoContext(rng=random.Random(1), target_ads=0, out=io.StringIO())
    demo.seed(ctx)
    demo.seed(DemoContext(rng=random.Random(1), target_ads=0, out=io.StringIO()))
    profile = SeekerProfile.objects.get(user__email=SEEKER_EMAIL)
    assert profile.postal_code == "111 51"
    cv = Document.objects.get(owner__email=SEEKER_EMAIL)
    assert cv.content_type == "application/pdf"
    with cv.file.open("rb") as handle:
        assert handle.read(5) == b"%PDF-"
