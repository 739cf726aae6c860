from privacy.registry import declare
from privacy.vocabulary import Action, LegalBasis, Subject

declare(
    model="jobs.AdVeiw",  # the typo: jobs.AdView
    subject=Subject.VISITOR,
    category="Ads viewed",
    items=("Ads viewed",),
    fields=("session_hash",),
    purpose="Statistics",
    legal_basis=LegalBasis.LEGITIMATE_INTEREST,
    rule="visitors.tracking",
    clock_field="occurred_at",
    links_person=False,
    on_expiry=Action.DELETE,
    on_erase=Action.DELETE,
)
