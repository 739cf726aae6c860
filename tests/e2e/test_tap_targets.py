"""Touch targets on a phone (390 px), measured in Chromium: on the employer's dashboard and
on the seeker's documents every link and button is at least 44 x 44 px or, as WCAG 2.2's
2.5.8 allows, at least 24 x 24 px or spaced so that a 24 px circle on it touches no other
target; the buttons of a row's actions are whole 44 px targets in one tidy row."""

import pytest

from jobs.models import Ad
from tests.e2e.signing import sign_in
from tests.factories import AdFactory
from tests.factories.accounts import DocumentFactory, UserFactory
from tests.factories.companies import MembershipFactory, ProductFactory, place_order
from tests.factories.jobs import ApplicationFactory, ClosedAdFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


# Each target's box; a target smaller than 24 px in either direction must have a 24 px
# circle on its centre that meets no other target's box nor another small target's circle.
MEASURE = """() => {
  const boxes = [...document.querySelectorAll(
      'main a[href], main button, main input:not([type=hidden]), main select, main summary')]
    .map(e => [e, e.getBoundingClientRect()])
    .filter(([e, r]) => r.width > 0 && r.height > 0);
  const centre = r => [r.left + r.width / 2, r.top + r.height / 2];
  const small = r => r.width < 24 || r.height < 24;
  const name = e => (e.textContent || e.value || e.name || e.type).trim().slice(0, 40);
  const bad = [];
  for (const [e, r] of boxes) {
    if (!small(r)) continue;
    const [cx, cy] = centre(r);
    for (const [o, q] of boxes) {
      if (o === e) continue;
      const dx = Math.max(q.left - cx, 0, cx - q.right);
      const dy = Math.max(q.top - cy, 0, cy - q.bottom);
      const [ox, oy] = centre(q);
      if (Math.hypot(dx, dy) < 12 || (small(q) && Math.hypot(cx - ox, cy - oy) < 24)) {
        bad.push(`${name(e)} (${Math.round(r.width)}x${Math.round(r.height)}) near ${name(o)}`);
        break;
      }
    }
  }
  const actions = [...document.querySelectorAll('main .actions a, main .actions button')]
    .map(e => [name(e), e.getBoundingClientRect()])
    .filter(([n, r]) => r.height < 44 || r.width < 44)
    .map(([n, r]) => `${n} (${Math.round(r.width)}x${Math.round(r.height)}) in a row of actions`);
  return [...bad, ...actions];
}"""


def _too_small(page, url):
    page.set_viewport_size({"width": 390, "height": 844})
    response = page.goto(url)
    assert response is not None and response.status == 200, url
    return page.evaluate(MEASURE)


def test_the_employer_dashboard_has_whole_touch_targets_on_a_phone(live_server, page, taxonomy):
    employer = UserFactory(email="rekryterare@tallbo.se")
    company = MembershipFactory(user=employer, company__name="Tallbo Snickeri AB").company
    live = AdFactory(company=company, title="Snickare")
    ApplicationFactory(ad=live)
    AdFactory(company=company, status=Ad.Status.DRAFT, published_at=None, ends_at=None)
    ordered = AdFactory(company=company, status=Ad.Status.DRAFT, published_at=None, ends_at=None)
    place_order(ad=ordered, product=ProductFactory())
    ClosedAdFactory(company=company)
    sign_in(page, live_server.url, employer.email)

    assert _too_small(page, f"{live_server.url}/arbetsgivare/{company.pk}/") == []
    # Every state's actions were measured: the next step is a filled button, first.
    first = page.locator(".actions").first.locator("a").first
    assert "button-secondary" not in (first.get_attribute("class") or "")
    assert page.locator(".actions a").count() >= 3 + 3 + 2


def test_my_documents_have_whole_touch_targets_on_a_phone(live_server, page, taxonomy):
    seeker = UserFactory(email="asa.oberg@exempel.se")
    DocumentFactory(owner=seeker, title="Mitt CV")
    DocumentFactory(owner=seeker, title="Personligt brev", kind="letter")
    sign_in(page, live_server.url, seeker.email)

    assert _too_small(page, f"{live_server.url}/mina-sidor/dokument/") == []
    assert page.locator(".document-list .actions a").count() == 4
