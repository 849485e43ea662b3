# Text statistics over an embedded passage: words, sentences, n-grams, histograms.
TEXT = """It was the best of times, it was the worst of times, it was the age of wisdom,
it was the age of foolishness, it was the epoch of belief, it was the epoch of incredulity,
it was the season of Light, it was the season of Darkness, it was the spring of hope,
it was the winter of despair. We had everything before us, we had nothing before us;
we were all going direct to Heaven, we were all going direct the other way! In short,
the period was so far like the present period, that some of its noisiest authorities
insisted on its being received, for good or for evil, in the superlative degree of
comparison only. Was it? Yes."""
def words_of(text):
    out, cur = [], []
    for ch in text.lower():
        if ch.isalpha() or ch == "'":
            cur.append(ch)
        elif cur:
            out.append("".join(cur))
            cur = []
    if cur:
        out.append("".join(cur))
    return out
def sentences_of(text):
    sentences, cur = [], []
    for ch in text.replace("\n", " "):
        cur.append(ch)
        if ch in ".!?":
            s = "".join(cur).strip()
            if s:
                sentences.append(s)
            cur = []
    if "".join(cur).strip():
        sentences.append("".join(cur).strip())
    return sentences
words = words_of(TEXT)
sentences = sentences_of(TEXT)
print("characters:", len(TEXT), "letters:", sum(c.isalpha() for c in TEXT), "lines:", TEXT.count("\n") + 1)
print("words:", len(words), "unique:", len(set(words)), "sentences:", len(sentences))
print("average word length: %.3f" % (sum(map(len, words)) / len(words)))
print("longest words:", sorted(set(words), key=lambda w: (-len(w), w))[:5])
freq = {}
for w in words:
    freq[w] = freq.get(w, 0) + 1
top = sorted(freq.items(), key=lambda kv: (-kv[1], kv[0]))[:10]
width = max(len(w) for w, _ in top)
for w, n in top:
    print(f"{w:>{width}} | {'#' * n} {n}")
bigrams = {}
for a, b in zip(words, words[1:]):
    bigrams[a, b] = bigrams.get((a, b), 0) + 1
print("top bigrams:", sorted(bigrams.items(), key=lambda kv: (-kv[1], kv[0]))[:5])
lengths = {}
for w in words:
    lengths[len(w)] = lengths.get(len(w), 0) + 1
for n in sorted(lengths):
    print(f"len {n:2}: {lengths[n]:3} {'*' * lengths[n]}")
for i, s in enumerate(sentences, 1):
    ws = words_of(s)
    print(f"sentence {i}: {len(ws):3} words, ends with {s[-1]!r}, starts {' '.join(ws[:3])!r}")
letters = {}
for ch in TEXT.lower():
    if ch.isalpha():
        letters[ch] = letters.get(ch, 0) + 1
total = sum(letters.values())
print(" ".join(f"{ch}:{letters[ch] * 100 / total:.1f}%" for ch in sorted(letters, key=lambda c: (-letters[c], c))[:8]))
vowels = sum(letters.get(v, 0) for v in "aeiou")
print(f"vowel ratio {vowels / total:.4f}, capitalized words {sum(1 for w in TEXT.split() if w[0].isupper())}")
print("palindromes:", sorted({w for w in words if len(w) > 1 and w == w[::-1]}))
print("words appearing once:", len([w for w, n in freq.items() if n == 1]))
