"""The import plan: added, updated, merged, unchanged, skipped, and why. Cards and entries in, plan out."""

from dataclasses import replace

from contacts_cli.vcard.card import ParsedCard
from contacts_cli.vcard.plan import ADDED, MERGED, SKIPPED, UNCHANGED, UNREADABLE, UPDATED, plan_import
from contacts_cli.vcard.read import parse_vcards
from contacts_cli.vcard.write import to_vcard

from .cards import DESK, PALOMA, phone

MOMENT = "2026-12-01T12:00:00Z"


def cards_of(*contacts):
    return parse_vcards("".join(to_vcard(c) for c in contacts))


def plan(cards, existing=(), merge=False):
    return plan_import(cards, existing, merge=merge, moment=MOMENT)


def test_new_cards_are_added_with_fresh_ids_and_keep_their_rev():
    result = plan(cards_of(PALOMA, DESK), existing=[replace(DESK, id="aaaaaaaa", uid="other", phones=())])
    assert [o.action for o in result.outcomes] == [ADDED, ADDED]
    paloma, desk = result.added
    assert paloma.id not in ("", "aaaaaaaa") and desk.id not in ("", "aaaaaaaa", paloma.id)
    assert replace(paloma, id=PALOMA.id) == PALOMA
    assert (paloma.created, paloma.updated) == (PALOMA.created, PALOMA.updated)
    assert result.replaced == ()
    assert result.counts[ADDED] == 2


def test_a_card_without_rev_is_stamped_now():
    [card] = parse_vcards("BEGIN:VCARD\nFN:Jane Doe\nTITLE:Spokesperson\nEND:VCARD\n")
    [added] = plan([card]).added
    assert (added.created, added.updated) == (MOMENT, MOMENT)


def test_same_uid_updates_the_entry_keeping_its_id_and_created_time():
    entry = replace(
        PALOMA,
        id="11111111",
        title="Old title",
        created="2020-01-01T00:00:00Z",
        updated="2026-01-01T00:00:00Z",
    )
    result = plan(cards_of(PALOMA), existing=[entry])
    [outcome] = result.outcomes
    assert outcome.action == UPDATED and outcome.target == entry
    [updated] = result.replaced
    assert updated.id == "11111111" and updated.title == PALOMA.title
    assert (updated.created, updated.updated) == ("2020-01-01T00:00:00Z", PALOMA.updated)
    assert result.added == ()


def test_a_card_that_says_what_the_entry_says_changes_nothing():
    entry = replace(PALOMA, id="11111111", created="2020-01-01T00:00:00Z")
    result = plan(cards_of(PALOMA), existing=[entry])
    assert [o.action for o in result.outcomes] == [UNCHANGED]
    assert not result.changes


def test_a_card_older_than_the_entry_is_skipped_or_merged():
    entry = replace(
        PALOMA, id="11111111", title="Newer title", phones=PALOMA.phones[:1], updated="2026-12-01T00:00:00Z"
    )
    [outcome] = plan(cards_of(PALOMA), existing=[entry]).outcomes
    assert outcome.action == SKIPPED
    assert "was changed after this card was made" in outcome.reason and "--merge" in outcome.reason
    result = plan(cards_of(PALOMA), existing=[entry], merge=True)
    [outcome] = result.outcomes
    assert outcome.action == MERGED
    [merged] = result.replaced
    assert merged.title == "Newer title"  # the entry's newer value is kept
    assert merged.phones == PALOMA.phones  # what the card adds is added
    assert "kept the entry's title" in outcome.reason


def test_a_shared_number_or_email_is_a_likely_duplicate():
    entry = replace(DESK, id="22222222", uid="another", phones=(phone("+32 460 76 85 60"),))
    [outcome] = plan(cards_of(PALOMA), existing=[entry]).outcomes
    assert outcome.action == SKIPPED and outcome.target == entry
    assert outcome.reason == (
        "likely duplicate of Trade press desk (22222222): same +32 460 76 85 60; pass --merge to merge it"
    )
    by_email = replace(DESK, id="33333333", uid="x", phones=(), emails=("PRESS@eeas.example.eu",))
    [outcome] = plan(cards_of(PALOMA), existing=[by_email]).outcomes
    assert outcome.action == SKIPPED and "same press@eeas.example.eu" in outcome.reason


def test_merge_adds_numbers_emails_areas_languages_and_empty_fields_only():
    entry = replace(
        DESK,
        id="22222222",
        uid="another",
        name="P. Hall Caballero",
        kind="press-officer",
        title=None,
        phones=(phone("+32 460 76 85 60"), phone("+49 30 18 17 0")),
        emails=(),
        areas=("Trade",),
        note="Entry's own note.",
    )
    result = plan(cards_of(PALOMA), existing=[entry], merge=True)
    [outcome] = result.outcomes
    assert outcome.action == MERGED
    [merged] = result.replaced
    assert (merged.id, merged.uid, merged.name, merged.note) == (entry.id, entry.uid, entry.name, entry.note)
    assert merged.title == PALOMA.title
    assert [p.e164 for p in merged.phones] == ["+32460768560", "+493018170", "+3222968560", "+3222954320"]
    assert merged.emails == PALOMA.emails
    assert merged.areas == ("Trade", *PALOMA.areas)
    assert merged.updated == MOMENT
    assert "merged into P. Hall Caballero (22222222)" in outcome.reason
    assert outcome.reason.endswith("; kept the entry's organization, note")


def test_a_card_matching_several_entries_is_never_merged():
    one = replace(DESK, id="22222222", uid="u1", phones=(phone("+32 460 76 85 60"),))
    two = replace(DESK, id="33333333", uid="u2", phones=(phone("+32 2 296 85 60"),), name="Other desk")
    [outcome] = plan(cards_of(PALOMA), existing=[one, two], merge=True).outcomes
    assert outcome.action == SKIPPED
    assert (
        "several entries" in outcome.reason and "22222222" in outcome.reason and "33333333" in outcome.reason
    )


def test_duplicates_within_one_import_and_repeated_uids():
    twin = replace(PALOMA, uid="twin-uid", name="Paloma Twin")
    result = plan(cards_of(PALOMA, twin, PALOMA))
    assert [o.action for o in result.outcomes] == [ADDED, SKIPPED, SKIPPED]
    assert "added by this import" in result.outcomes[1].reason and result.outcomes[1].earlier == 0
    assert (
        result.outcomes[2].reason == "repeats the UID of an earlier card" and result.outcomes[2].earlier == 0
    )
    merged = plan(
        cards_of(PALOMA, replace(twin, phones=(*PALOMA.phones, phone("+33 1 43 17 53 53")))), merge=True
    )
    assert [o.action for o in merged.outcomes] == [ADDED, MERGED]
    [only] = merged.added
    assert len(only.phones) == 4 and merged.replaced == ()


def test_unreadable_cards_are_reported_and_the_others_go_on():
    bad = ParsedCard(position=1, contact=None, problems=(), error="has no END:VCARD line")
    result = plan([bad, *cards_of(DESK)])
    assert [o.action for o in result.outcomes] == [UNREADABLE, ADDED]
    assert result.outcomes[0].reason == "has no END:VCARD line"


def test_an_update_moves_the_numbers_it_drops_out_of_the_duplicate_index():
    entry = replace(PALOMA, id="11111111", updated="2026-01-01T00:00:00Z")
    moved = replace(PALOMA, phones=PALOMA.phones[1:])
    newcomer = replace(DESK, uid="new", phones=PALOMA.phones[:1])
    result = plan(cards_of(moved, newcomer), existing=[entry])
    assert [o.action for o in result.outcomes] == [UPDATED, ADDED]


def test_merge_does_not_add_a_family_name_the_entry_already_implies():
    entry = replace(DESK, id="22222222", uid="u1", name="Chloé Dupré", kind="spokesperson")
    [card] = parse_vcards(
        "BEGIN:VCARD\nFN:Chloe Dupre\nN:Dupré;Chloé;;;\nTITLE:Porte-parole\nTEL:+32 2 299 11 11\n"
        "TEL:+33 6 99 99 99 99\nEND:VCARD\n"
    )
    assert card.contact.family == "Dupré"
    result = plan([card], existing=[entry], merge=True)
    [merged] = result.replaced
    assert merged.family is None
    assert result.outcomes[0].reason.endswith("adding title, +33 6 99 99 99 99")
