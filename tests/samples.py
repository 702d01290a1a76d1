"""Sample drafts shared by the tests that run postlint as users install it (pre-commit, wheel).

They are written for the strategy file of fixtures/posts/ (its personas and objectives). The good
and bad drafts are for Facebook and Bluesky, whose counting needs only postlint's own code; X's
weighted count goes through twitter-text-parser and has drafts of its own.
"""

GOOD = """\
---
platform: facebook
persona: lina
objective: comprendre
lang: fr
---
Mardi, on vous attend au local pour l’atelier sur vos droits ! Des questions sur votre bail ?
![Des locataires autour d’une table, au local du comité](https://exemple.org/atelier.jpg)
"""

# Over Bluesky's 300 graphemes (a documented limit, so an error: PL100).
BAD = """\
---
platform: bluesky
persona: melanie
objective: mobiliser
lang: fr
---
Grande nouvelle pour les locataires du quartier : la Ville accepte enfin de financer la rénovation \
des logements sociaux de la rue Masson. Après trois ans de mobilisation, de pétitions, d’assemblées \
et de rencontres avec les élus, nos membres ont gagné ! Venez fêter ça avec nous mardi soir au local \
du comité, il y aura de la soupe, de la musique et toutes les explications sur la suite des travaux.
"""

X_GOOD = """\
---
platform: x
persona: melanie
objective: mobiliser
lang: fr
---
Victoire pour les locataires de la rue Masson : la rénovation est financée ! Vous étiez là ?
![Des locataires de la rue Masson devant leur immeuble, le poing levé](https://exemple.org/masson.jpg)
"""

# Over X's 280 weighted characters (the link counts 23, the ellipsis 2).
X_BAD = """\
---
platform: x
persona: melanie
objective: mobiliser
lang: fr
---
Grande nouvelle pour les locataires du quartier : la Ville accepte enfin de financer la rénovation \
des logements sociaux de la rue Masson… Après trois ans de mobilisation, de pétitions, d’assemblées \
et de rencontres avec les élus, nos membres ont gagné ! Tous les détails sur \
https://comitelogement.example.org/masson et au local, mardi soir.
"""
