"""Writes N sentence pairs (big.en / big.fa, one per line, and big.csv) full of what XML
must escape or cannot hold: & < > " ' ]]>, control characters, U+FFFF, RTL
marks. Usage: tmx_corpus.py N FOLDER."""
import csv
import random
import sys

n, folder = int(sys.argv[1]), sys.argv[2]
rng = random.Random(7)
hard = ["&", "<", ">", '"', "'", "]]>", "\x01", "\x0b", "\ufffe", "\uffff", "\u200f", "\u202b", "&amp;", "<seg>"]
en_words = "the court said on Monday that a new law & order plan <draft> costs 4.5 billion".split()
fa_words = "دادگاه روز دوشنبه گفت که طرح تازه قانون و نظم ۴٫۵ میلیارد هزینه دارد".split()


def sentence(words):
    out = [rng.choice(words) for _ in range(rng.randint(3, 25))]
    for _ in range(rng.randint(0, 3)):
        out.insert(rng.randrange(len(out) + 1), rng.choice(hard))
    return " ".join(out) + "."


with open(f"{folder}/big.en", "w", encoding="utf-8", newline="\n") as en, open(
    f"{folder}/big.fa", "w", encoding="utf-8", newline="\n"
) as fa:
    table = open(f"{folder}/big.csv", "w", encoding="utf-8", newline="")
    rows = csv.writer(table)
    rows.writerow(["en", "fa"])
    for _ in range(n):
        pair = sentence(en_words), sentence(fa_words)
        en.write(pair[0] + "\n")
        fa.write(pair[1] + "\n")
        rows.writerow(pair)
    table.close()
