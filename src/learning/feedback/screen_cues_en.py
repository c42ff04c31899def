"""Cues of the safeguarding screen: words that mean little alone and a worry together.

Children often tell of harm without naming it ("they said nobody will believe me", "my
carer's husband watches me and it makes me feel weird"). No phrase of the lexicon matches
such a sentence, but it joins a person to secrecy, or a person, being made to do something
and distress. Each concept below is a set of phrases in the lexicon's syntax (see
screen_lexicon_en); a text whose concepts include every concept of one rule is flagged as a
concern, wherever in the text the words are.

Measured on forty indirect tellings written after every fix (round 9, FRESH_TELLINGS in
tests/feedback/test_safeguarding_screen.py): the lexicon alone flagged 18, the lexicon and
these cues 22; on rounds 7 and 8, each written before the cues were tried on it, 14 and
20, then 15 and 21. Of 120 ordinary comments written beside those rounds, the cues
flagged three ("my carer makes me tidy my room on Sundays").
"""

from __future__ import annotations

# fmt: off
CONCEPTS: dict[str, tuple[str, ...]] = {
    "person": (
        "dad|daddy|stepdad|mum|mummy|stepmum|mums|dads|boyfriend|girlfriend|partner|husband",
        "uncle|auntie|aunty|aunt|aunties|grandad|granddad|grandpa|grandma|nan|nana|cousin",
        "brother|brothers|stepbrother|stepsister|man|men|lady|woman|neighbour|teacher|coach",
        "lodger|lad|lads|boys|guy|guys|carer|carers|foster|older|stranger*|adult|adults",
        "he|him|his|she|they|them|someone|somebody|people",
    ),
    "secrecy": (
        "secret|secrets|secretly", "delete*", "between us", "not tell", "never tell",
        "believe* me", "liar",
        "lie|lying|lies", "pretend*", "nobody knows", "no one knows", "quiet",
        "if ~ find|finds|found out", "told me not to", "keep it",
        "tell anyone|anybody|someone|nobody|no_one", "if i ever", "careful what", "our thing",
    ),
    "closeness": (
        "night|nights|bed|bedroom|bathroom|bath|shower|toilet|lap|clothes|underwear|naked|body",
        "hotel|car|flat|room|sleep|sleeping|asleep|changing|undress*|private|special",
        "kiss*|hug|hugs|hugged|hugging|cuddl*|tickl*|touch*|watch*|stares|films|photos|pictures|videos|messages",
        "texts|gifts|presents|lifts", "alone with", "buys|bought me|us",
    ),
    "made_to": (
        "makes|made|make me", "not allowed", "not let", "have|has|had to", "or else",
        "lock|locks|locked", "keeps|takes|took|checks my", "keeps|kept me",
        "punish*", "blame*", "forces|forced|force", "if i do not", "unless",
        "takes|took|keeps|kept ~ money", "puts|put|sends|sent me",
    ),
    "distress": (
        "angry|temper|mood|worse|crying|cry|cries|shaking|hide|hiding|weird|uncomfortable",
        "hate|scream*|shout*|hurt*|pain|marks|sore|bleed*|frightened|scared|nervous|upset",
        "sad|alone|afraid|worried|worry|dread|panic|sick", "do not like", "do not want",
    ),
    "going_without": (
        "hungry|food|eat|eating|tea|dinner|cold|dark|dirty|smell*|medicine|doctor|school",
        "medication|medicines|tablets|pills",
    ),
}

#: A text is a concern when its concepts include all of one rule's.
RULES: tuple[frozenset[str], ...] = tuple(frozenset(rule) for rule in (
    ("person", "secrecy"),
    ("person", "closeness", "made_to"),
    ("person", "closeness", "distress"),
    ("person", "made_to", "distress"),
    ("person", "made_to", "going_without"),
    ("secrecy", "distress"),
))
# fmt: on
