"""Press-release text -> the contacts in its contact block, and the plan of an import-release.

text.py reads a file into text (HTML, encodings), lines.py classifies lines, words.py knows the words
of headings and titles, people.py assembles people, extract.py is the entry point, plan.py decides what
an import-release adds or updates. Pure but for reading the file given; may import the core only.
"""
