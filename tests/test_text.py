from geo.text import fold, split_sentences


def test_fold_strips_accents_and_case():
    assert (
        fold("Ereván Bakú Laçın Ağdərə İstanbul ÑANDÚ") == "erevan baku lacin agdere istanbul nandu"
    )


def test_fold_keeps_every_offset():
    every_char = "".join(chr(code) for code in range(0x20, 0x3000) if not 0xD800 <= code < 0xE000)
    assert len(fold(every_char)) == len(every_char)


def test_sentences_keep_offsets_and_closing_quotes():
    text = "Dijo: «Basta.» Luego se fue.\nOtra línea sin punto"
    spans = split_sentences(text)
    assert [text[start:end] for start, end in spans] == [
        "Dijo: «Basta.»",
        "Luego se fue.",
        "Otra línea sin punto",
    ]


def test_a_title_an_initial_or_a_month_before_a_day_ends_no_sentence():
    text = "Mr. Vardanyan was held. The offensive began on Sept. 19 with drones. J. Smith wrote it."
    assert [text[s:e] for s, e in split_sentences(text)] == [
        "Mr. Vardanyan was held.",
        "The offensive began on Sept. 19 with drones.",
        "J. Smith wrote it.",
    ]


def test_a_word_before_a_capital_still_ends_its_sentence():
    text = "Hubo combates en Sotk. Ereván lo confirmó el Sept. A las once, Dr. No."
    assert [text[s:e] for s, e in split_sentences(text)] == [
        "Hubo combates en Sotk.",
        "Ereván lo confirmó el Sept.",
        "A las once, Dr. No.",
    ]
